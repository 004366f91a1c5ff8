"""Records → Markdown pages through the Jinja2 templates in site_templates/pages/ (pure).

Every `{{ expression }}` is escaped as plain text unless it is already `Markup` (a sanitised
Markdown field, or markup the templates build themselves), so forgetting a filter is safe.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup

from ..phones import normalise_phone
from ..records import Record
from . import jsonld
from .escape import json_for_script, markdown, plain
from .mapsvg import map_svg
from .model import GROUP_PLAIN, GROUP_SLUGS, MAP_TILES, SCHEDULE_SLUGS, SiteModel, tel_href
from .policy import as_markdown

LIST_LIMIT = 60


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, bool):
        return Markup("是" if value else "否")
    if isinstance(value, dt.date):
        return Markup(value.isoformat())
    if isinstance(value, float):
        return Markup(f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}")
    if isinstance(value, int):
        return Markup(str(value))
    return plain(value)


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
    env.filters["money"] = money
    env.filters["tel"] = lambda phone: Markup(html.escape(tel_href(str(phone))))
    env.filters["phone"] = lambda phone: plain(normalise_phone(str(phone)) or phone)
    env.filters["url"] = lambda u: Markup(html.escape(str(u), quote=True))
    env.filters["jsonld"] = json_for_script
    return env


def money(value: float | int | None) -> Markup:
    """Yuan with thousands separators; fen only when there are any (1,600 · 1,600.50)."""
    if value is None:
        return Markup("")
    amount = float(value)
    return Markup(f"{amount:,.0f}" if amount.is_integer() else f"{amount:,.2f}")


def front_matter(title: str, **meta: Any) -> str:
    """MkDocs front matter; the theme prints the title unescaped, so it is escaped here."""
    lines = ["---", f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "\n".join([*lines, "---", ""]) + "\n"


class PageRenderer:
    """Renders every page of the site into {relative path: Markdown text}."""

    def __init__(self, model: SiteModel, templates: Path, base: dict[str, Any]) -> None:
        self.model = model
        self.env = make_env(templates)
        self.base = {
            "m": model,
            "today": model.today,
            "config": model.config,
            "group_slugs": GROUP_SLUGS,
            "group_plain": GROUP_PLAIN,
            "schedule_slugs": SCHEDULE_SLUGS,
            "map_tiles": MAP_TILES,
            # Long lists are cut: a phone on a weak network should not load hundreds of cards.
            "list_limit": LIST_LIMIT,
            **base,
        }

    def render(self, template: str, title: str, rel: str, **context: Any) -> str:
        depth = rel.count("/") + (0 if rel.endswith("index.md") else 1)
        root = Markup("../" * depth)  # pages are published as directories: /projects/<id>/
        text = self.env.get_template(template).render(**self.base, root=root, title=title, **context)
        return front_matter(title, **context.get("meta", {})) + text

    def pages(self) -> Iterator[tuple[str, str]]:
        m = self.model
        yield "index.md", self.render("home.md.j2", "内蒙古技能培训导航图", "index.md")
        yield (
            "map.md",
            self.render("map.md.j2", "培训导航图：按盟市找培训", "map.md", map_svg=Markup(map_svg(m, "../"))),
        )
        for region in m.regions.values():
            rel = f"regions/{region.code}.md"
            yield rel, self.render("region.md.j2", f"{region.name}的补贴性培训", rel, region=region)
        url = self.base["site_url"]
        for project in m.projects:
            rel = f"projects/{project.id}.md"
            ld = jsonld.program(
                m, project, f"{url}projects/{project.id}/", f"{url}institutions/{project.get('institution')}/"
            )
            yield rel, self.render("project.md.j2", _project_title(m, project), rel, p=project, jsonld=ld)
        for inst in m.institutions.values():
            rel = f"institutions/{inst.id}.md"
            ld = jsonld.organization(m, inst, f"{url}institutions/{inst.id}/")
            yield rel, self.render("institution.md.j2", str(inst.get("name")), rel, i=inst, jsonld=ld)
        for brand in m.brands:
            rel = f"brands/{brand.id}.md"
            yield rel, self.render("brand.md.j2", str(brand.get("name")), rel, b=brand)
        for case in m.cases:
            rel = f"cases/{case.id}.md"
            yield rel, self.render("case.md.j2", str(case.get("title")), rel, c=case)
        yield from self._lists()
        policy_text = markdown(as_markdown(self.base["policy_source"]), heading_floor=1)
        yield (
            "policy.md",
            self.render(
                "policy.md.j2", "政策原文：技能照亮前程培训行动实施方案", "policy.md", policy_text=policy_text
            ),
        )
        examples = _subsidy_examples(m)
        yield "subsidy.md", self.render("subsidy.md.j2", "培训补贴怎么领", "subsidy.md", examples=examples)
        yield "search.md", self.render("search.md.j2", "搜索培训项目", "search.md")

    def _lists(self) -> Iterator[tuple[str, str]]:
        m = self.model
        ended = [p for p in m.projects if m.ended(p)]
        lists: list[tuple[str, str, str, list[Record], dict[str, Any]]] = [
            ("projects/index.md", "正在开展的培训项目", "正在开展的培训项目", m.open_projects(), {}),
            ("archive.md", "已结束的培训项目", "已结束的培训项目（存档）", ended, {"status": "ended"}),
        ]
        for group, slug in GROUP_SLUGS.items():
            items = [p for p in m.open_projects() if group in (p.get("groups") or [])]
            lists.append(
                (f"for/{slug}.md", f"{group}能报名的培训", f"{group}能报名的培训", items, {"group": group})
            )
        for schedule, slug in SCHEDULE_SLUGS.items():
            items = [p for p in m.open_projects() if p.get("schedule") == schedule]
            lists.append(
                (f"for/{slug}.md", f"{schedule}：正在开展的培训", schedule, items, {"schedule": schedule})
            )
        for rel, title, heading, items, query in lists:
            search_query = Markup(html.escape(urlencode(query), quote=True))
            yield (
                rel,
                self.render(
                    "list-projects.md.j2",
                    title,
                    rel,
                    items=items,
                    heading=heading,
                    search_query=search_query,
                    **query,
                ),
            )
        yield (
            "institutions/index.md",
            self.render("list-institutions.md.j2", "培训机构目录", "institutions/index.md"),
        )
        yield "brands/index.md", self.render("list-brands.md.j2", "培训品牌", "brands/index.md")
        yield "cases/index.md", self.render("list-cases.md.j2", "成功案例", "cases/index.md")


def _project_title(m: SiteModel, p: Record) -> str:
    region = m.regions.get(p.get("region") or "")
    place = region.short if region else ""
    return f"{p.get('title')}｜{place}" if place else str(p.get("title"))


def _subsidy_examples(m: SiteModel) -> list[Record]:
    """Worked examples: one open project of each schedule, with the record's own numbers."""
    seen: dict[str, Record] = {}
    for p in m.open_projects():
        seen.setdefault(str(p.get("schedule")), p)
    return list(seen.values())[:4]
