"""`skillmap build`: checked catalogue → pages and assets → an engine (MkDocs with Material, or
Zensical) → the site, atomically.

The engine only sees generated Markdown and a generated config that INHERITs the repository's
mkdocs.yml, so moving to a compatible successor stays a configuration change. The site is
built beside the output folder and swapped in at the end: a failed build never leaves a
half-written site behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import shutil
from pathlib import Path
from typing import Any

import yaml

from ..domain.urls import PAGES
from ..paths import Layout, ProjectError
from ..phones import normalise_phone
from ..search.index import index_for, write_index
from ..updates import updates_for
from ..validate import CheckResult
from ..wechat_menu import dead_links
from . import assets, opendata, output, posters
from .beside import Batches, Beside
from .engines import DEFAULT_ENGINE, run_engine
from .model import SiteModel, tel_href
from .pages import Entry, PageRenderer
from .postprocess import finish_site
from .sources import page_source
from .status_script import status_script
from .updates_page import CHANGE_LABELS, TYPE_LABELS, ChangeWords, by_prefecture, feed_xml

# The navigation: titles and the pages they open, by name (domain/urls.py PAGES).
NAV = [
    ("首页", "home"),
    ("导航图", "map"),
    ("搜索", "search"),
    ("正在开展的项目", "projects"),
    ("用工需求清单", "jobs"),
    ("人岗匹配", "match"),
    ("培训机构", "institutions"),
    ("培训品牌", "brands"),
    ("成功案例", "cases"),
    ("补贴怎么领", "subsidy"),
    ("本期更新", "updates"),
    ("政策原文", "policy"),
    ("开放数据", "data"),
]


class BuildError(ProjectError):
    """The site could not be built; the message is Chinese."""


def build_site(
    result: CheckResult,
    today: dt.date,
    out: Path,
    previous: Path | None = None,
    engine: str = DEFAULT_ENGINE,
) -> dict[str, Any]:
    """Build the site of a checked catalogue into `out`; returns figures for the summary line.

    `previous` is the previously published `data/datapackage.json`, the baseline of `/updates/`;
    `engine` the one that turns the Markdown into HTML (site/engines.py). The catalogue is handed
    over: it is empty once the pages are written (`result.layout` and the problems stay)."""
    projects = len(result.catalog.records.get("projects", []))
    out = output.guard_output(out, result.layout)
    out.parent.mkdir(parents=True, exist_ok=True)
    output.sweep_beside(out)
    staging = output.staging_for(out)
    with output.work_folder() as work:
        try:
            config_path, pages, renderer = prepare_docs(result, today, work, previous, staging)
            # Posters need nothing from the engine: they are written on the other core meanwhile.
            cache = result.layout.root / ".cache" / "qr.sqlite"
            with Beside("生成海报", posters.write_posters, renderer, posters.pending(staging), cache):
                del renderer
                _release(result)
                run_engine(engine, config_path, today)
            posters.publish(staging)
            _check_menu(result.layout.mkdocs_config(), staging)
            finish_site(staging)
            output.write_marker(staging)
            output.swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return {"pages": pages, "projects": projects}


def _release(result: CheckResult) -> None:
    """Give the catalogue's memory back before the engine starts: MkDocs runs in this process and
    one forked from it, and at N = 20,000 the catalogue and what rendering left are about half of
    the build's peak."""
    result.catalog.release()
    gc.collect()
    # glibc: hand freed heap pages back to the system, not only to malloc; another C library has
    # no malloc_trim, and what Python freed is all there is.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def prepare_docs(
    result: CheckResult, today: dt.date, work: Path, previous: Path | None = None, site: Path | None = None
) -> tuple[Path, int, PageRenderer]:
    """Write the Markdown pages, assets and open data, and the MkDocs config, into `work`.

    Returns the config's path, the number of pages and the renderer (for the posters). MkDocs
    writes the site into `site` (default: `work/site`). (The benchmark times a plain `mkdocs
    build` of exactly this, to compare with the whole build.)
    """
    layout = result.layout
    work = work.resolve()
    config = layout.mkdocs_config()
    if not config:
        raise BuildError(f"缺少站点配置 {layout.mkdocs_yml}。")
    site_url = str(config.get("site_url") or "/")
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    model = SiteModel(result.catalog, today, dict(config.get("extra") or {}))
    docs = work / "docs"
    docs.mkdir(parents=True)
    asset_names = assets.write_assets(layout.root / "site_templates" / "assets", docs)
    renderer, updates, words = _renderer(result, model, site_url, asset_names, previous)
    entries = list(renderer.pages())
    # One helper on the other core makes the search index, then takes pages from the same queue
    # as this process: two processes with the catalogue, not three (each holds its own copy of
    # what it reads). Only the search page needs the index (its manifest), so it comes last.
    queue = Batches(len(entries))
    with Beside(
        "生成搜索索引和页面", _index_then_pages, model, layout, asset_names["lunr.js"], docs, entries, queue
    ) as helper:
        _write_from(queue, entries, docs)
    manifest = helper.result()
    renderer.base.update(search=manifest, search_manifest=manifest)
    _write_page(renderer.search_page(), docs)
    pages = len(entries) + 1
    site_name = str(config.get("site_name") or "")
    feed = feed_xml(updates, words, site_url, site_name, str(model.config.get("host") or ""), today)
    (docs / "updates").mkdir(exist_ok=True)
    (docs / "updates" / "feed.xml").write_bytes(feed)
    opendata.write_open_data(result, model, docs)
    extra = {
        "build_date": today.isoformat(),
        "contact_tel": _tel(model.config.get("contact")),
        "status_script": status_script(layout.root / "site_templates", today),
        "pages": PAGES,  # the theme's links (search box, footer) by name, as the pages' (domain/urls.py)
    }
    site_dir = site if site is not None else work / "site"
    return _write_mkdocs_config(layout.root, work, site_dir, asset_names, extra), pages, renderer


def _index_then_pages(
    model: SiteModel, layout: Layout, lunr: str, docs: Path, entries: list[Entry], queue: Batches
) -> dict[str, Any]:
    """Write the search index's files into `docs`, then pages from the queue; returns the index's
    manifest (for the search page)."""
    search_index = index_for(model, layout, {"lunr": lunr})
    write_index(search_index, docs)
    manifest = search_index.manifest
    del search_index
    _write_from(queue, entries, docs)
    return manifest


def _renderer(
    result: CheckResult,
    model: SiteModel,
    site_url: str,
    asset_names: dict[str, str],
    previous: Path | None,
) -> tuple[PageRenderer, Any, ChangeWords]:
    """The renderer of every page, with what the pages show of this release's changes."""
    layout = result.layout
    policy = (layout.root / "site_templates" / "policy-source.txt").read_text(encoding="utf-8")
    updates = updates_for(layout, result.catalog, previous)
    words = ChangeWords(layout, model.regions)
    renderer = PageRenderer(
        model,
        layout.root / "site_templates" / "pages",
        {
            "site_url": site_url,
            "policy_source": policy,
            "updates": updates,
            "update_groups": by_prefecture(updates, model.regions),
            "change_words": words,
            "change_labels": CHANGE_LABELS,
            "type_labels": TYPE_LABELS,
            "search_js": asset_names["search.js"],
        },
    )
    return renderer, updates, words


def _check_menu(config: dict[str, Any], site: Path) -> None:
    """The WeChat menu (mkdocs.yml, SPEC §7) opens pages of this very site, or nothing is published."""
    dead = dead_links(config, site)
    if dead:
        raise BuildError(
            "mkdocs.yml 的公众号菜单（extra.wechat_menu）指向网站中没有的页面：\n  "
            + "\n  ".join(dead)
            + "\n页面可能改了名或已删除；请改正菜单中的网址（相对于 site_url，如 map/、for/yexiao/），网站没有发布。"
        )


def _tel(contact: Any) -> str | None:
    """The footer's 联系方式 as a `tel:` link when it is a phone number (it may be an address)."""
    phone = normalise_phone(str(contact)) if contact else None
    return tel_href(phone) if phone else None


def _write_from(queue: Batches, entries: list[Entry], docs: Path) -> None:
    """Render and write pages from the shared queue until none is left."""
    for start, end in queue:
        for entry in entries[start:end]:
            _write_page(entry, docs)


def _write_page(entry: Entry, docs: Path) -> None:
    rel, render = entry
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")


def _write_mkdocs_config(
    root: Path, work: Path, site_dir: Path, asset_names: dict[str, str], extra: dict[str, Any]
) -> Path:
    config = {
        "INHERIT": str(root / "mkdocs.yml"),
        "docs_dir": str(work / "docs"),
        "site_dir": str(site_dir),
        "theme": {"name": "material", "custom_dir": str(root / "site_templates" / "overrides")},
        "plugins": [],  # Material's search plugin would load its whole index on every page
        "hooks": [str(Path(__file__).resolve().parent.parent / "mkdocs_hooks.py")],
        "nav": [{title: page_source(name)} for title, name in NAV],
        "not_in_nav": "/*",
        "use_directory_urls": True,
        "extra_css": [asset_names["skillmap.css"]],
        "extra_javascript": [asset_names["skillmap.js"]],
        "extra": extra,  # merged into mkdocs.yml's own `extra:` by INHERIT
        "validation": {
            "nav": {"omitted_files": "ignore"},
            "links": {"not_found": "ignore", "unrecognized_links": "ignore"},
        },
    }
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
