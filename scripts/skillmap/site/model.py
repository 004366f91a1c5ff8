"""What the pages show, worked out once from the checked catalogue: statuses, subsidies, places.

Everything here is a pure function of the records and the build date (`today`), so the same
data and `--today` always give the same pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import quote

from ..records import Catalog, Record

GROUP_SLUGS = {
    "农村牧区转移就业劳动者": "nongmumin",
    "离校未就业高校毕业生": "biyesheng",
    "登记失业人员": "shiye",
    "就业困难人员": "kunnan",
    "企业职工": "zhigong",
    "其他": "qita",
}
GROUP_PLAIN = {
    "农村牧区转移就业劳动者": "我是农牧民，想外出务工",
    "离校未就业高校毕业生": "我是还没找到工作的毕业生",
    "登记失业人员": "我已登记失业",
    "就业困难人员": "我是就业困难人员",
    "企业职工": "我是企业职工，想提升技能",
}
SCHEDULE_SLUGS = {"技能夜校": "yexiao", "周末班": "zhoumo", "全日制": "quanrizhi", "弹性学时": "tanxing"}
# West to east, with a cell on a schematic grid (column, row): not a survey map.
MAP_TILES = {
    "152900": (0, 4),
    "150300": (1, 4),
    "150800": (1, 3),
    "150600": (2, 4),
    "150200": (2, 3),
    "150100": (3, 3),
    "150900": (4, 3),
    "152500": (5, 2),
    "150400": (6, 3),
    "150500": (7, 2),
    "152200": (7, 1),
    "150700": (7, 0),
}
SMALL_COHORT = 10


class RecordView(dict[str, Any]):
    """A record's values where a missing field reads as None (templates index it, no calls)."""

    def __missing__(self, key: str) -> None:
        return None


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent: str

    @property
    def prefecture(self) -> str:
        return self.code if self.level == "prefecture" else self.parent

    @property
    def short(self) -> str:
        """阿拉善盟 → 阿拉善, 呼和浩特市 → 呼和浩特; counties keep their name."""
        if self.level != "prefecture":
            return self.name
        return self.name.removesuffix("市").removesuffix("盟")


@dataclass
class SiteModel:
    """The catalogue as the site sees it on the build date."""

    catalog: Catalog
    today: dt.date
    config: dict[str, Any] = field(default_factory=dict)

    # -- regions -----------------------------------------------------------------------

    @cached_property
    def regions(self) -> dict[str, Region]:
        return {
            str(r["code"]): Region(str(r["code"]), str(r["name"]), str(r["level"]), str(r["parent_code"]))
            for r in self.catalog.reference["regions"]
        }

    @cached_property
    def prefectures(self) -> list[Region]:
        """The 12 盟市, west to east as the schematic map orders them."""
        return [self.regions[code] for code in MAP_TILES]

    @cached_property
    def _counties(self) -> dict[str, list[Region]]:
        out: dict[str, list[Region]] = {}
        for r in self.regions.values():
            if r.level == "county":
                out.setdefault(r.parent, []).append(r)
        return out

    def counties(self, prefecture: str) -> list[Region]:
        return self._counties.get(prefecture, [])

    def region_label(self, code: str) -> str:
        """新城区（呼和浩特市）, or the 盟市 name alone."""
        region = self.regions.get(code)
        if region is None:
            return code
        if region.level == "prefecture":
            return region.name
        return f"{region.name}（{self.regions[region.parent].name}）"

    # -- records -----------------------------------------------------------------------

    @cached_property
    def institutions(self) -> dict[str, Record]:
        return self.catalog.by_id("institutions")

    @cached_property
    def projects(self) -> list[Record]:
        """All projects: open first (by enrolment deadline), then ended (latest first)."""
        records = self.catalog.records.get("projects", [])
        open_ = sorted((p for p in records if not self.ended(p)), key=lambda p: (p.get("enroll_until"), p.id))
        ended = sorted(
            (p for p in records if self.ended(p)), key=lambda p: (p.get("ends"), p.id), reverse=True
        )
        return open_ + ended

    @cached_property
    def brands(self) -> list[Record]:
        return sorted(
            self.catalog.records.get("brands", []), key=lambda b: (-(b.get("since") or 0), b.id or "")
        )

    @cached_property
    def cases(self) -> list[Record]:
        return sorted(
            self.catalog.records.get("cases", []), key=lambda c: (c.get("published"), c.id), reverse=True
        )

    def ended(self, project: Record) -> bool:
        return bool(project.get("ends") and project.get("ends") < self.today)

    def enrolling(self, project: Record) -> bool:
        return not self.ended(project) and project.get("enroll_until") >= self.today

    def status(self, project: Record) -> str:
        if self.ended(project):
            return "已结束"
        if self.enrolling(project):
            return "招生中"
        if project.get("starts") <= self.today:
            return "开班中"
        return "报名已截止"

    def listed(self, institution: Record) -> bool:
        """In the catalogue on the build date: 在册 and not past `listed_until`."""
        until = institution.get("listed_until")
        return institution.get("status") == "在册" and (until is None or until >= self.today)

    # Indexes: every page asks for "the records of X"; answering from an index keeps the
    # build linear in the number of records instead of quadratic.

    @cached_property
    def project_by_id(self) -> dict[str, Record]:
        return {p.id: p for p in self.projects if p.id is not None}

    @cached_property
    def brand_by_id(self) -> dict[str, Record]:
        return {b.id: b for b in self.brands if b.id is not None}

    @cached_property
    def _open(self) -> list[Record]:
        return [p for p in self.projects if not self.ended(p)]

    def open_projects(self) -> list[Record]:
        return self._open

    def enrolling_projects(self) -> list[Record]:
        return [p for p in self._open if self.enrolling(p)]

    @cached_property
    def _open_by_region(self) -> dict[str, list[Record]]:
        return _by_region(self, self._open)

    def open_in(self, code: str) -> list[Record]:
        """Projects not ended in a region (a 盟市 takes in its 旗县; a 旗县 shows 盟市-wide ones too)."""
        return self._open_by_region.get(code, [])

    @cached_property
    def _listed_by_region(self) -> dict[str, list[Record]]:
        listed = sorted((i for i in self.institutions.values() if self.listed(i)), key=lambda i: i.id or "")
        return _by_region(self, listed)

    def listed_institutions_in(self, code: str) -> list[Record]:
        return self._listed_by_region.get(code, [])

    @cached_property
    def _index(self) -> dict[tuple[str, str, str], list[Record]]:
        """(kind, field, value) → records, for single ids and lists of ids alike."""
        index: dict[tuple[str, str, str], list[Record]] = {}
        sources = {"projects": self.projects, "brands": self.brands, "cases": self.cases}
        fields = {
            "projects": ("institution",),
            "brands": ("projects", "institutions"),
            "cases": ("project", "institution", "brand"),
        }
        for kind, records in sources.items():
            for rec in records:
                for name in fields[kind]:
                    value = rec.get(name)
                    for item in value if isinstance(value, list) else [value]:
                        if item is not None:
                            index.setdefault((kind, name, str(item)), []).append(rec)
        return index

    def projects_of(self, key: str, value: str) -> list[Record]:
        return self._index.get(("projects", key, value), [])

    def brands_with(self, key: str, value: str) -> list[Record]:
        return self._index.get(("brands", key, value), [])

    def cases_with(self, key: str, value: str) -> list[Record]:
        return self._index.get(("cases", key, value), [])

    def view(self, record: Record) -> RecordView:
        """The record's values for templates: `v['contact.phone']`, None when not given."""
        return RecordView(record.values)

    # -- project facts -----------------------------------------------------------------

    def subsidy(self, project: Record) -> tuple[float, float]:
        """(base, raised): base = 课时 × 标准; raised by 50 % with a ≥1-year contract and social insurance."""
        base = float(project.get("hours") or 0) * float(project.get("subsidy_per_hour") or 0)
        return base, base * 1.5

    def approved_by(self, project: Record) -> str:
        given = project.get("approved_by")
        if given:
            return str(given)
        region = self.regions.get(project.get("region") or "")
        if region is None:
            return "所在盟市人力资源和社会保障局"
        return f"{self.regions[region.prefecture].name}人力资源和社会保障局"

    def outcomes(self, project: Record) -> dict[str, Any] | None:
        """Earlier classes' outcomes, or None; cohorts under 10 are suppressed (数据不足)."""
        rows = project.nested("outcomes")
        if not rows:
            return None
        values = rows[0].values
        done = values.get("completed") or 0
        if done < SMALL_COHORT:
            return {"suppressed": True}
        return {
            "suppressed": False,
            "completed": done,
            "certified": values.get("certified"),
            "employed": values.get("employed"),
            "certified_rate": _rate(values.get("certified"), done),
            "employed_rate": _rate(values.get("employed"), done),
        }

    def map_link(self, record: Record) -> str:
        """A map app's web link: the marker when coordinates are known, else a search by address."""
        lat, lon = record.get("location.lat"), record.get("location.lon")
        name = quote(str(record.get("name") or record.get("title") or ""))
        if lat is not None and lon is not None:
            return (
                f"https://uri.amap.com/marker?position={lon},{lat}&name={name}&coordinate=gaode&callnative=1"
            )
        address = quote(str(record.get("address") or ""))
        return f"https://uri.amap.com/search?keyword={address}&callnative=1"

    def salary_range(self, project: Record) -> tuple[int, int] | None:
        rows = project.nested("demand")
        if not rows:
            return None
        return min(r.get("salary_min") for r in rows), max(r.get("salary_max") for r in rows)

    def openings(self, project: Record) -> int:
        return sum(r.get("openings") or 0 for r in project.nested("demand"))


def _rate(part: int | None, whole: int) -> str | None:
    if part is None or whole <= 0:
        return None
    return f"{round(part * 100 / whole)}%"


def tel_href(phone: str) -> str:
    """`tel:` target: digits only, with the extension dialled after a pause."""
    main, _, ext = phone.partition("转")
    digits = "".join(ch for ch in main if ch.isdigit() or ch == "+")
    return f"tel:{digits},{ext}" if ext else f"tel:{digits}"


def _by_region(model: SiteModel, records: list[Record]) -> dict[str, list[Record]]:
    """Region code → records shown there: its own, its counties', and (for a county) its 盟市's."""
    out: dict[str, list[Record]] = {}
    for rec in records:
        region = model.regions.get(rec.get("region") or "")
        if region is None:
            continue
        out.setdefault(region.code, []).append(rec)
        if region.level == "county":
            out.setdefault(region.parent, []).append(rec)
        else:
            for county in model.counties(region.code):
                out.setdefault(county.code, []).append(rec)
    order = {id(r): i for i, r in enumerate(records)}
    return {code: sorted(recs, key=lambda r: order[id(r)]) for code, recs in out.items()}
