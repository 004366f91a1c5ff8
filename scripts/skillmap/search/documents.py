"""The checked records as search documents: what is searched, what filters, what a hit shows.

Documents come in blocks, in the order hits are ranked when their words fit equally well:
enrolling projects (soonest start first, as the lists order them), closed projects, institutions,
brands, cases, then ended projects (shown only when asked for or when nothing else matches).
Institutions that are 暂停 or 退出 are not searchable (SPEC §6).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..domain.course_facts import GROUP_WORDS
from ..domain.models import Brand, Case, Institution, Job, Project
from ..domain.money import yuan
from ..markdown_fields import to_text
from ..site.model import SiteModel
from .facets import facet_token, filed_under

EPOCH = dt.date(1970, 1, 1).toordinal()
# Fields, their bit in a posting's field mask and their weight in the score: title, occupation,
# institution, region (with its common names), keywords (schedule, mode, groups and the words
# people use for them), occupation aliases, course text (summary and content).
FIELDS = {"t": (1, 10), "o": (2, 6), "i": (4, 4), "r": (8, 3), "k": (16, 2), "a": (32, 3), "x": (64, 1)}
NAME_FIELDS = frozenset({"o", "i", "r", "k", "a"})  # fields whose Han runs also give initials
TEXT_FIELDS = frozenset({"x"})  # long text: words and Han pairs only (no pinyin), SPEC §6
# How well a word matched, best first (SPEC §6): in a name, a title or a keyword; only inside an
# occupation's alias (钟点工 holds dian gong, but a course with 电工 in its title is what
# `diangong` means); only in the course text. A record ranks by its worst-matched word.
QUALITY = (frozenset({"t", "o", "i", "r", "k"}), frozenset({"a"}), frozenset({"x"}))
BLOCKS = (
    ("project", "enrolling"),
    ("project", "closed"),
    ("institution", ""),
    ("brand", ""),
    ("case", ""),
    ("job", ""),
    ("project", "ended"),
)


@dataclass
class SearchDoc:
    type: str
    id: str
    status: str  # the page's data-status for projects, "" for other types
    fields: dict[str, list[str]]
    facets: list[str] = field(default_factory=list)  # facet tokens: @r:150203, @s:技能夜校 …
    row: list[Any] = field(
        default_factory=list
    )  # what a hit shows: type, id, title, where, when, how, price, status, label (+ pay, groups, dates)
    region: str = ""
    group: str = ""  # what neighbours share within a 盟市: a project's occupation


class Documents:
    """Builds the documents of one build from its site model."""

    def __init__(self, model: SiteModel) -> None:
        self.m = model
        reference = model.catalog.reference
        self.aliases: dict[str, list[str]] = {}
        for row in reference.get("occupations", []):
            self.aliases[str(row["name"])] = [str(a) for a in row.get("aliases") or []]
        # People's words (SPEC §6): 呼市 → 150100, 百灵庙 → 150223; 晚上 → 技能夜校, 网课 → 线上.
        self.place_names: dict[str, list[str]] = {}
        for row in reference.get("place_names", []):
            self.place_names.setdefault(str(row["code"]), []).append(str(row["name"]))
        self.words: dict[str, list[str]] = {}
        for row in reference.get("search_words", []):
            self.words.setdefault(str(row["value"]), []).append(str(row["word"]))
        self.listed_places = frozenset(self.place_order())  # the manifest's regions: labelled by search.js

    def all(self) -> list[SearchDoc]:
        m = self.m
        docs = [self.project(p) for p in m.projects]
        docs += [
            self.institution(i) for i in sorted(m.institutions.values(), key=lambda i: i.id) if m.listed(i)
        ]
        docs += [self.brand(b) for b in m.brands]
        docs += [self.case(c) for c in m.cases]
        docs += [self.job(j) for j in m.open_jobs]  # an expired posting leaves search (SPEC §8)
        order = {block: n for n, block in enumerate(BLOCKS)}
        places = self.place_order()
        # Within a block, by 盟市 (west to east), then occupation, then 旗县, then the site's own
        # order (projects: enrolling soonest first). Hits ranked alike come from neighbouring
        # documents, and neighbours share a display file: the commonest queries (an occupation,
        # an occupation in a 盟市, an occupation with a schedule) then need few files. Measured at
        # N = 5000 against (place, occupation): 包头 焊工 14 → 7 requests, 养老 夜校 16 → 8, 焊工
        # 8 → 5; a 旗县 alone costs more (9 → 17), but each 旗县 has its own static list page.
        return sorted(
            docs,
            key=lambda d: (
                order[(d.type, d.status)],
                self.prefecture_place(d.region, places),
                d.group,
                places.get(d.region, len(places)),
            ),
        )

    def prefecture_place(self, code: str, places: dict[str, int]) -> int:
        prefecture = self.m.regions.prefecture_of(code)
        return places.get(prefecture.code if prefecture else code, len(places))

    def place_order(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for prefecture in self.m.prefectures:
            out[prefecture.code] = len(out)
            for county in self.m.counties(prefecture.code):
                out[county.code] = len(out)
        return out

    # -- per type -----------------------------------------------------------------------

    def place(self, code: str) -> str:
        """A hit's place: the region's code, which search.js labels from the manifest's regions
        (新城区（呼和浩特市）, as RegionTree.label writes it), or the label itself for a code the
        manifest does not list. A fifth of a display file's bytes."""
        return code if code in self.listed_places else self.m.region_label(code)

    def regions(self, code: str) -> list[str]:
        """A record's place as searched: its 旗县 and its 盟市, in full and short (包头 finds 昆都仑区)."""
        region = self.m.regions.get(code)
        if region is None:
            return []
        names = [region.name, *self.place_names.get(region.code, [])]
        prefecture = self.m.regions.prefecture_of(code)
        if prefecture is not None and prefecture.code != region.code:
            names += [prefecture.name, *self.place_names.get(prefecture.code, [])]
        return names

    def said(self, values: list[str]) -> list[str]:
        """Values with the words people use for them: 技能夜校 晚上 下班后."""
        return [*values, *(word for value in values for word in self.words.get(value, []))]

    def project(self, p: Project) -> SearchDoc:
        m = self.m
        host = m.institutions.get(p.institution)
        status = m.status(p)
        keywords = [*self.said([p.schedule, *_modes(p.mode), *p.groups]), p.level, p.certificate]
        if p.industry:
            keywords.append(p.industry)
        if p.free:
            keywords.append("免费")
        facets = [
            *self.region_facets(p.region),
            facet_token("schedule", p.schedule),
            *(facet_token("mode", mode) for mode in _modes(p.mode)),
            *(facet_token("level", level) for level in _levels(p.level)),
            *(facet_token("group", group) for group in p.groups),
        ]
        facts = m.facts(p)
        if facts.pays == 0:
            facets.append(facet_token("free", "1"))
        price = facts.price_label
        if status.hook == "enrolling":
            when = f"{p.starts} 开班 · 报名至 {p.enroll_until}"
        elif status.hook == "ended":
            when = f"已于 {p.ends} 结束"
        else:
            when = f"{p.starts} 开班 · 报名已截止"
        how = f"{p.schedule} · {p.mode}"  # the class times are on the project's page
        row = [
            "project",
            p.id,
            p.title,
            self.place(p.region),
            when,
            how,
            price,
            status.hook,
            m.status_text(p),
            facts.pay_hook,  # the hit's data-pay and data-groups (SPEC §5), as on every card
            group_numbers(facts.groups),
            # starts|enroll_until|ends as days since 1970 (5 digits, not 10 characters each): every
            # hit carries them for the page's status script; search.js writes them as data-dates.
            "|".join(str(d.toordinal() - EPOCH) for d in (p.starts, p.enroll_until, p.ends)),
        ]
        return SearchDoc(
            "project",
            p.id,
            status.hook,
            {
                "t": [p.title],
                "o": [p.occupation],
                "i": [host.name] if host else [],
                "r": self.regions(p.region),
                "k": keywords,
                "a": self.aliases.get(p.occupation, []),
                "x": [to_text(text) for text in (p.summary, p.content) if text],
            },
            facets,
            row,
            p.region,
            p.occupation,
        )

    def job(self, j: Job) -> SearchDoc:
        """A posting (SPEC §8): found by position, employer, occupation with its aliases and place."""
        fields = {
            "t": [j.position],
            "o": [j.occupation],
            "i": [j.employer],
            "r": self.regions(j.region),
            "k": [j.benefits or ""],
            "a": self.aliases.get(j.occupation, []),
        }
        return SearchDoc(
            "job",
            j.id,
            "",
            fields,
            self.region_facets(j.region),
            _job_row(self.place(j.region), j),
            j.region,
            j.occupation,
        )

    def region_facets(self, code: str) -> list[str]:
        """The place it is filed under and its 盟市, so that a 盟市 filter is one token, not one per 旗县."""
        prefecture = self.m.regions.prefecture_of(code)
        return filed_under(code, prefecture.code if prefecture else None)

    def institution(self, i: Institution) -> SearchDoc:
        row = ["institution", i.id, i.name, self.place(i.region), i.address, i.kind, "", "", "培训机构"]
        fields = {"t": [i.name], "i": [i.name], "r": self.regions(i.region), "k": [i.kind]}
        return SearchDoc("institution", i.id, "", fields, self.region_facets(i.region), row, i.region)

    def brand(self, b: Brand) -> SearchDoc:
        aliases = [name for occ in b.occupations for name in self.aliases.get(occ, [])]
        row = [
            "brand",
            b.id,
            b.name,
            self.place(b.region),
            b.labor_brand or "",
            "、".join(b.occupations),
            "",
            "",
            "培训品牌",
        ]
        fields = {
            "t": [b.name],
            "o": list(b.occupations),
            "r": self.regions(b.region),
            "k": [b.labor_brand or ""],
            "a": aliases,
        }
        return SearchDoc("brand", b.id, "", fields, self.region_facets(b.region), row, b.region)

    def case(self, c: Case) -> SearchDoc:
        m = self.m
        project = m.project_by_id.get(c.project or "")
        occupation = [project.occupation] if project else []
        row = [
            "case",
            c.id,
            c.title,
            self.place(c.region),
            f"{c.person} · {c.group}",
            _short(c.after),
            "",
            "",
            "成功案例",
        ]
        fields = {
            "t": [c.title],
            "o": occupation,
            "r": self.regions(c.region),
            "k": self.said([c.group]),
            "a": self.aliases.get(occupation[0], []) if occupation else [],
        }
        facets = [*self.region_facets(c.region), facet_token("group", c.group)]
        return SearchDoc("case", c.id, "", fields, facets, row, c.region)


def _job_row(place: str, j: Job) -> list[Any]:
    return [
        "job",
        j.id,
        f"{j.position} · {j.employer}",
        place,
        f"招 {j.openings} 人 · 有效期至 {j.valid_until}",
        j.occupation,
        f"月薪 {yuan(j.salary_min)}–{yuan(j.salary_max)} 元",
        "",
        "招聘岗位",
    ]


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _modes(mode: str) -> list[str]:
    """线上线下结合 is found by mode=线上 and by mode=线下 (SPEC §6)."""
    return [mode, "线上", "线下"] if mode == "线上线下结合" else [mode]


def _levels(level: str) -> list[str]:
    """四级/中级工 is found by its full value and by either half."""
    return [level, *level.split("/")] if "/" in level else [level]


def group_numbers(groups: tuple[str, ...] | list[str]) -> str:
    """A hit's groups as their numbers in GROUP_WORDS (the manifest's `groups`), `|`-joined:
    search.js writes data-groups back as the values. A value outside the list stays as it is."""
    return "|".join(_GROUP_NUMBERS.get(g, g) for g in groups)


_GROUP_NUMBERS = {g: str(n) for n, g in enumerate(GROUP_WORDS)}
