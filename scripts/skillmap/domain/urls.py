"""The one place that spells an address on the site: records' pages, the site's own pages, lists (SPEC §5).

Paths are relative to the site's root; pages prefix them with their own way back to the root
(`../../`), absolute links (QR codes, JSON-LD, the feed) with `site_url`.
"""

from __future__ import annotations

# Record type (as search and the report name it) → folder of its pages.
FOLDERS = {
    "project": "projects",
    "institution": "institutions",
    "brand": "brands",
    "case": "cases",
    "region": "regions",
    "job": "jobs",
}
# Resource name (as the datapackages name it) → record type.
TYPE_OF_RESOURCE = {
    "projects": "project",
    "institutions": "institution",
    "jobs": "job",
    "brands": "brand",
    "cases": "case",
}
# Types as the import report names rows: every record type, and a wish (a row of counts with no page).
ROW_TYPE_OF_RESOURCE = {**TYPE_OF_RESOURCE, "wishes": "wish"}
# Record type → what it is called in Chinese (the resources' titles in the datapackages).
TYPE_TITLES = {
    "project": "培训项目",
    "institution": "培训机构",
    "brand": "培训品牌",
    "case": "成功案例",
    "job": "招聘岗位",
    "wish": "培训就业需求",  # rows of counts: named in the import report only, no page
}


# The site's own pages (not a record's): name → directory URL. Templates, the navigation, the
# search script and the check of the WeChat menu take addresses from here; a name not listed
# stops the build, and a menu link to a page that is gone stops it too (site/build.py).
PAGES = {
    "home": "",
    "map": "map/",
    "search": "search/",
    "projects": "projects/",
    "archive": "archive/",
    "jobs": "jobs/",
    "match": "match/",
    "institutions": "institutions/",
    "brands": "brands/",
    "cases": "cases/",
    "subsidy": "subsidy/",
    "updates": "updates/",
    "policy": "policy/",
    "data": "data/",
}


class UnknownPage(KeyError):
    """A page name that PAGES does not list: a template or a caller asked for a page that is gone."""


def page_url(name: str) -> str:
    """`map/` for "map": the directory URL of one of the site's own pages."""
    try:
        return PAGES[name]
    except KeyError:
        raise UnknownPage(name) from None


def url_for(kind: str, record_id: str) -> str:
    """`projects/<id>/` and the like: the directory URL of a record's page."""
    return f"{FOLDERS[kind]}/{record_id}/"


def list_url(slug: str, prefecture: str | None = None) -> str:
    """A 我是… or class-time list (`for/yexiao/`), or its part in one 盟市 (`for/yexiao/150200/`)."""
    return f"for/{slug}/" + (f"{prefecture}/" if prefecture else "")


def poster_url(project_id: str) -> str:
    """The printable A4 poster of a project."""
    return f"posters/{project_id}.html"


def absolute(site_url: str, path: str) -> str:
    """A site path made absolute from `site_url` (which may carry a sub-path)."""
    return (site_url if site_url.endswith("/") else site_url + "/") + path
