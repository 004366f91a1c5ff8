"""Records → Markdown pages through the Jinja2 templates in site_templates/pages/ (pure).

Every `{{ expression }}` is escaped as plain text unless it is already `Markup` (a sanitised
Markdown field, or markup the templates build themselves), so forgetting a filter is safe.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup

from ..domain import dates, money
from ..domain.demand import count_label, suppressed
from ..domain.models import Brand, Case, Institution, Job, Project
from ..domain.money import UPLIFT_CONDITIONS
from ..domain.regions import Region
from ..domain.urls import TYPE_TITLES, UnknownPage, absolute, list_url, page_url, poster_url, url_for
from ..links import unsafe_scheme
from ..markdown_fields import to_text
from ..paths import ProjectError
from ..phones import normalise_phone
from . import charts, jsonld
from . import descriptions as describe
from .escape import json_for_script, markdown, plain
from .model import GROUP_PLAIN, GROUP_SLUGS, SCHEDULE_SLUGS, SiteModel, tel_href
from .policy import as_markdown
from .sources import page_source, source_of

# A page: its Markdown source's path and the call that renders it.
Entry = tuple[str, Callable[[], str]]

LIST_LIMIT = 60


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, bool):
        return Markup("是" if value else "否")
    if isinstance(value, dt.date):
        return Markup(dates.iso(value))
    if isinstance(value, Decimal):
        return Markup(money.yuan(value))
    if isinstance(value, int):
        return Markup(str(value))
    return plain(value)


def href(url: Any) -> Markup:
    """A link target for an attribute: escaped, and never a scheme we do not publish
    (`javascript:` and the like become `#`), whatever the checker let through."""
    text = str(url)
    return Markup(html.escape("#" if unsafe_scheme(text) else text, quote=True))


def make_env(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        # Escaping is done by _finalize, for Markdown and HTML alike; autoescape only makes
        # macro output count as markup instead of being escaped again.
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown
    # A Markdown field shown inline (a list line): its words, never its markup.
    env.filters["md_text"] = lambda value: plain(to_text(str(value))) if value else Markup("")
    env.filters["money"] = lambda amount: Markup(money.yuan(amount))
    env.filters["number"] = lambda amount: Markup(money.plain_number(amount))  # a form field's value
    env.filters["tel"] = lambda phone: Markup(html.escape(tel_href(str(phone))))
    env.filters["phone"] = lambda phone: plain(normalise_phone(str(phone)) or phone)
    env.filters["href"] = href
    env.filters["jsonld"] = json_for_script
    # Addresses come from domain/urls.py by name: `{{ root }}{{ page("map") }}`, `{{ lists("yexiao") }}`.
    env.globals["page"] = _page_link
    env.globals["lists"] = _list_link
    return env


class TemplateError(ProjectError):
    """A template asks for something the site does not have; the message is Chinese."""


LIST_SLUGS = frozenset({*GROUP_SLUGS.values(), *SCHEDULE_SLUGS.values()})  # the 我是… and class-time lists


def _list_link(slug: str, prefecture: str | None = None) -> Markup:
    if slug not in LIST_SLUGS:
        raise TemplateError(
            f"模板引用了不存在的列表“{slug}”：列表见 scripts/skillmap/site/model.py 的 GROUP_SLUGS、SCHEDULE_SLUGS。"
        )
    return Markup(html.escape(list_url(slug, prefecture), quote=True))


def _page_link(name: str) -> Markup:
    try:
        return Markup(html.escape(page_url(name), quote=True))
    except UnknownPage:
        raise TemplateError(
            f"模板引用了不存在的页面“{name}”：页面名称见 scripts/skillmap/domain/urls.py 的 PAGES。"
        ) from None


def front_matter(title: str, **meta: Any) -> str:
    """MkDocs front matter; the theme prints the title unescaped, so it is escaped here."""
    lines = ["---", f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    # The theme prints the description unescaped, as the title: both escaped here, once (our own
    # hooks are escaped by overrides/main.html).
    escaped = {key: html.escape(str(value)) if key == "description" else value for key, value in meta.items()}
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in escaped.items()]
    return "\n".join([*lines, "---", ""]) + "\n"


def url(kind: str, record_id: str) -> Markup:
    """A record's page from the site's root; templates put `root` before it."""
    return Markup(html.escape(url_for(kind, record_id), quote=True))


class PageRenderer:
    """Renders every page of the site into {relative path: Markdown text}."""

    def __init__(self, model: SiteModel, templates: Path, base: dict[str, Any]) -> None:
        self.model = model
        self.env = make_env(templates)
        self.env.globals["url"] = url
        self.env.tests["enrolling"] = model.enrolling
        self.env.globals["poster_url"] = lambda pid: Markup(html.escape(poster_url(pid), quote=True))
        self.base = {
            "m": model,
            "uplift_conditions": UPLIFT_CONDITIONS,
            "today": model.today,
            "config": model.config,
            "group_slugs": GROUP_SLUGS,
            "group_plain": GROUP_PLAIN,
            "schedule_slugs": SCHEDULE_SLUGS,
            # Long lists are cut: a phone on a weak network should not load hundreds of cards.
            "list_limit": LIST_LIMIT,
            "suppressed": suppressed,
            "count_label": count_label,
            **base,
        }

    def render(self, template: str, title: str, rel: str, **context: Any) -> str:
        # Every page is a folder's index.md (site/sources.py), published as that folder.
        root = Markup("../" * rel.count("/"))
        text = self.env.get_template(template).render(**self.base, root=root, title=title, **context)
        return front_matter(title, **context.get("meta", {})) + text

    def _page(self, name: str, template: str, title: str, **context: Any) -> Entry:
        """One of the site's own pages, named as domain/urls.py PAGES names it."""
        rel = page_source(name)
        return rel, partial(self.render, template, title, rel, **context)

    def render_poster(self, project: Project, qr_svg: str) -> str:
        """The standalone A4 poster of a project (HTML, no theme), from poster.html.j2."""
        page_url = absolute(self.base["site_url"], url_for("project", project.id))
        return self.env.get_template("poster.html.j2").render(
            **self.base, p=project, qr=Markup(qr_svg), page_url=page_url
        )

    def pages(self) -> Iterator[Entry]:
        """Every page but the search page, as (source path, a call that renders it): the build
        shares the calls between two processes (site/build.py), so each is made where it is written."""
        m = self.model
        yield self._page("home", "home.md.j2", "内蒙古技能培训导航图")
        yield self._page("map", "map.md.j2", "培训导航图：按盟市找培训")
        for region in m.regions.values():
            yield source_of(url_for("region", region.code)), partial(self._region_page, region)
        for project in m.projects:
            yield source_of(url_for("project", project.id)), partial(self._project_page, project)
        for job in m.jobs:
            yield source_of(url_for("job", job.id)), partial(self._job_page, job)
        yield self._page("jobs", "list-jobs.md.j2", "用工需求清单：各盟市在招岗位")
        yield source_of(page_url("match")), self._match_page
        for inst in m.institutions.values():
            yield source_of(url_for("institution", inst.id)), partial(self._institution_page, inst)
        for brand in m.brands:
            yield source_of(url_for("brand", brand.id)), partial(self._brand_page, brand)
        for case in m.cases:
            yield source_of(url_for("case", case.id)), partial(self._case_page, case)
        yield from self._lists()
        yield source_of(page_url("policy")), self._policy_page
        yield source_of(page_url("subsidy")), self._subsidy_page
        yield self._page("updates", "updates.md.j2", "本期更新")

    def search_page(self) -> Entry:
        """The search page, rendered once the search index's manifest is in `base` (site/build.py)."""
        return self._page("search", "search.md.j2", "搜索" + TYPE_TITLES["project"])

    def _region_page(self, region: Region) -> str:
        rel = source_of(url_for("region", region.code))
        meta = {"description": describe.region(self.model, region)}
        return self.render("region.md.j2", f"{region.name}的补贴性培训", rel, region=region, meta=meta)

    def _project_page(self, project: Project) -> str:
        m = self.model
        site_url = self.base["site_url"]
        rel = source_of(url_for("project", project.id))
        ld = jsonld.program(
            m,
            project,
            absolute(site_url, url_for("project", project.id)),
            absolute(site_url, url_for("institution", project.institution)),
        )
        facts = m.facts(project)
        # The page's data-status, data-pay and data-groups (SPEC §5), set by the theme.
        meta = {
            "status": m.status(project).hook,
            "dates": m.dates_hook(project),
            "pay": facts.pay_hook,
            "groups": facts.groups_hook,
            "description": describe.project(m, project),
        }
        return self.render("project.md.j2", _project_title(m, project), rel, p=project, jsonld=ld, meta=meta)

    def _job_page(self, job: Job) -> str:
        rel = source_of(url_for("job", job.id))
        ld = jsonld.job_posting(self.model, job, absolute(self.base["site_url"], url_for("job", job.id)))
        meta = {"description": describe.job(self.model, job)}
        return self.render("job.md.j2", f"{job.position}｜{job.employer}", rel, j=job, jsonld=ld, meta=meta)

    def _institution_page(self, inst: Institution) -> str:
        rel = source_of(url_for("institution", inst.id))
        url = absolute(self.base["site_url"], url_for("institution", inst.id))
        ld = jsonld.organization(self.model, inst, url)
        meta = {"description": describe.institution(self.model, inst)}
        return self.render("institution.md.j2", inst.name, rel, i=inst, jsonld=ld, meta=meta)

    def _brand_page(self, brand: Brand) -> str:
        rel = source_of(url_for("brand", brand.id))
        meta = {"description": describe.brand(self.model, brand)}
        return self.render("brand.md.j2", brand.name, rel, b=brand, meta=meta)

    def _case_page(self, case: Case) -> str:
        rel = source_of(url_for("case", case.id))
        meta = {"description": describe.case(self.model, case)}
        return self.render("case.md.j2", case.title, rel, c=case, meta=meta)

    def _match_page(self) -> str:
        chart = Markup(charts.openings_and_seats(self.model.prefectures, self.model.match))
        title = "人岗匹配：岗位、培训和想学的人"
        return self.render("match.md.j2", title, page_source("match"), chart=chart)

    def _policy_page(self) -> str:
        policy_text = markdown(as_markdown(self.base["policy_source"]), heading_floor=1)
        title = "政策原文：技能照亮前程培训行动实施方案"
        return self.render("policy.md.j2", title, page_source("policy"), policy_text=policy_text)

    def _subsidy_page(self) -> str:
        examples = _subsidy_examples(self.model)
        return self.render("subsidy.md.j2", "培训补贴怎么领", page_source("subsidy"), examples=examples)

    def _in(self, project: Project, prefecture: str) -> bool:
        """Filed in the 盟市 or one of its 旗县."""
        found = self.model.regions.prefecture_of(project.region)
        return found is not None and found.code == prefecture

    def _list_page(
        self, rel: str, title: str, heading: str, items: list[Project], query: dict[str, Any], **more: Any
    ) -> str:
        search_query = Markup(html.escape(urlencode(query), quote=True))
        return self.render(
            "list-projects.md.j2",
            title,
            rel,
            items=items,
            heading=heading,
            search_query=search_query,
            **{k: v for k, v in query.items() if k != "region"},
            **more,
        )

    def _lists(self) -> Iterator[Entry]:
        m = self.model
        lists: list[tuple[str, str, str, list[Project], dict[str, Any]]] = [
            (
                page_source("projects"),
                "正在开展的培训项目",
                "正在开展的培训项目",
                m.open_projects(),
                {"type": "project"},  # an empty query would open an empty search
            ),
            (
                page_source("archive"),
                "已结束的培训项目",
                "已结束的培训项目（存档）",
                m.ended_projects(),
                {"status": "ended"},
            ),
        ]
        # The 我是… and class-time lists, each also cut by 盟市 (for/<slug>/<code>/): a list a
        # phone can read in one go, linked from the list and fit for a 盟市's own WeChat menu.
        chosen: list[tuple[str, str, str, list[Project], dict[str, Any]]] = []
        for group, slug in GROUP_SLUGS.items():
            items = [p for p in m.open_projects() if group in p.groups]
            query = {"group": group, "type": "project"}  # the list's projects, not its cases too
            chosen.append((slug, f"{group}能报名的培训", f"{group}能报名的培训", items, query))
        for schedule, slug in SCHEDULE_SLUGS.items():
            items = [p for p in m.open_projects() if p.schedule == schedule]
            chosen.append((slug, f"{schedule}：正在开展的培训", schedule, items, {"schedule": schedule}))
        for rel, title, heading, items, query in lists:
            yield rel, partial(self._list_page, rel, title, heading, items, query)
        for slug, title, heading, items, query in chosen:
            parts = [(r, [p for p in items if self._in(p, r.code)]) for r in m.prefectures]
            by_prefecture = [(r, list_url(slug, r.code), len(part)) for r, part in parts]
            rel = source_of(list_url(slug))
            yield (
                rel,
                partial(self._list_page, rel, title, heading, items, query, by_prefecture=by_prefecture),
            )
            for region, part in parts:
                rel = source_of(list_url(slug, region.code))
                local = {**query, "region": region.code}
                page = partial(
                    self._list_page,
                    rel,
                    f"{region.short}：{title}",
                    f"{region.name}：{heading}",
                    part,
                    local,
                    by_prefecture=by_prefecture,
                    whole=list_url(slug),
                    prefecture=region,
                )
                yield rel, page
        yield self._page("institutions", "list-institutions.md.j2", "培训机构目录")
        yield self._page("brands", "list-brands.md.j2", "培训品牌")
        yield self._page("cases", "list-cases.md.j2", "成功案例")


def _project_title(m: SiteModel, p: Project) -> str:
    region = m.regions.get(p.region)
    return f"{p.title}｜{region.short}" if region else p.title


def _subsidy_examples(m: SiteModel) -> list[Project]:
    """Worked examples: one open project of each schedule, with the record's own numbers."""
    seen: dict[str, Project] = {}
    for p in m.open_projects():
        seen.setdefault(p.schedule, p)
    return list(seen.values())[:4]
