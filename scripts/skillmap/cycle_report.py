"""`skillmap report`: the 30-day cycle for staff, per 盟市 — what is stale and what ends soon.

For each 盟市 (west to east; records filed under 满洲里 and 二连浩特 count with their 盟市):
- stale: records whose `updated` is older than their cycle (SPEC §6: 30 days for institutions
  and projects, 365 for brands and cases);
- ending: projects whose `enroll_until` or `ends` falls within the next cycle (today … today + 30);
- listing_ending: institutions whose `listed_until` falls within the next cycle;
- jobs_ending: postings whose `valid_until` falls within the next cycle (SPEC §8).
And, for the whole region, `match`: the rows of /match/, the same numbers the page shows.
The report reads the records as loaded, so it works on data that still has problems (records
too broken to count are left out of `match`; the checker names them).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from .domain.demand import MatchRow, match_rows, published_count
from .domain.models import MODELS
from .domain.regions import RegionTree
from .domain.status import is_stale, next_cycle
from .domain.urls import TYPE_OF_RESOURCE
from .records import Catalog, Record

# Records whose region is not in the reference list (the checker reports them) are kept, under this name.
UNKNOWN_REGION = "地区不明"


@dataclass
class Entry:
    """One record the report names: its type (as search names it), id, file and the date that put it there."""

    type: str
    id: str | None
    file: str
    date: dt.date
    name: str = ""  # title or name, for people reading the workbook (not in the JSON shape)

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "file": self.file, "date": self.date.isoformat()}


@dataclass
class Prefecture:
    code: str | None
    name: str
    stale: list[Entry] = field(default_factory=list)
    ending: list[Entry] = field(default_factory=list)
    listing_ending: list[Entry] = field(default_factory=list)
    jobs_ending: list[Entry] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            **{
                key: [e.as_dict() for e in getattr(self, key)]
                for key in ("stale", "ending", "listing_ending", "jobs_ending")
            },
        }


def cycle_report(catalog: Catalog, today: dt.date) -> list[Prefecture]:
    """Every 盟市 with what needs attention in the coming cycle (empty lists where nothing does)."""
    regions = RegionTree(catalog.reference.get("regions", []))
    out = {r.code: Prefecture(r.code, r.name) for r in regions.prefectures}
    first, last = next_cycle(today)

    def bucket(rec: Record) -> Prefecture:
        prefecture = regions.prefecture_of(rec.get("region"))
        if prefecture is None:
            return out.setdefault("", Prefecture(None, UNKNOWN_REGION))
        return out[prefecture.code]

    for resource in ("institutions", "projects", "jobs", "brands", "cases"):
        kind = TYPE_OF_RESOURCE[resource]
        for rec in sorted(catalog.records.get(resource, []), key=lambda r: (r.file, r.line)):
            updated = rec.get("updated")
            closed = (
                resource == "jobs"
                and isinstance(rec.get("valid_until"), dt.date)
                and rec.get("valid_until") < today
            )
            if isinstance(updated, dt.date) and is_stale(resource, updated, today) and not closed:
                bucket(rec).stale.append(Entry(kind, rec.id, rec.file, updated, _name(rec)))
            dates = [rec.get(name) for name in _ENDING.get(resource, ())]
            due = sorted(d for d in dates if isinstance(d, dt.date) and first <= d <= last)
            if due:
                section = {"projects": "ending", "jobs": "jobs_ending"}.get(resource, "listing_ending")
                getattr(bucket(rec), section).append(Entry(kind, rec.id, rec.file, due[0], _name(rec)))
    return list(out.values())


def _name(rec: Record) -> str:
    if rec.resource == "jobs":
        return f"{rec.get('position') or ''} · {rec.get('employer') or ''}"
    return str(rec.get("title") or rec.get("name") or "")


# The dates that make a record end within the cycle: a project's enrolment or classes, an
# institution's listing.
_ENDING = {"projects": ("enroll_until", "ends"), "institutions": ("listed_until",), "jobs": ("valid_until",)}


def match_report(catalog: Catalog, today: dt.date) -> list[MatchRow]:
    """/match/'s rows from the records as loaded: records missing what the sums need are left out."""
    regions = RegionTree(catalog.reference.get("regions", []))

    def prefecture_of(code: str) -> str:
        found = regions.prefecture_of(code)
        return found.code if found else code

    def usable(resource: str, needed: dict[str, type]) -> list[Any]:
        model = MODELS[resource]
        return [
            model.from_record(rec)
            for rec in catalog.records.get(resource, [])
            if all(isinstance(rec.get(name), kind) for name, kind in needed.items())
            and all(
                isinstance(row.get("openings"), int) and row.get("region") for row in rec.nested("demand")
            )
        ]

    day = dt.date
    projects = usable(
        "projects",
        {"region": str, "occupation": str, "starts": day, "ends": day, "enroll_until": day, "capacity": int},
    )
    jobs = usable("jobs", {"region": str, "occupation": str, "valid_until": day, "openings": int})
    wishes = usable(
        "wishes", {"cycle": str, "region": str, "occupation": str, "want_training": int, "want_job": int}
    )
    return match_rows(projects, jobs, wishes, prefecture_of, today)


def match_as_dict(row: MatchRow, names: dict[str, str]) -> dict[str, Any]:
    """A row as the page states it: small wish counts as null (the page's empty attribute)."""
    return {
        "prefecture": row.prefecture,
        "name": names.get(row.prefecture, row.prefecture),
        "occupation": row.occupation,
        "openings": row.openings,
        "seats": row.seats,
        "want_training": published_count(row.want_training),
        "gap": row.gap,
    }


def as_json(prefectures: list[Prefecture], today: dt.date, match: list[MatchRow] | None = None) -> str:
    names = {p.code or "": p.name for p in prefectures}
    payload = {
        "today": today.isoformat(),
        "prefectures": [p.as_dict() for p in prefectures],
        "match": [match_as_dict(row, names) for row in match or []],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


TYPE_TITLES = {"institution": "机构", "project": "项目", "job": "岗位", "brand": "品牌", "case": "案例"}
SECTIONS = (
    ("stale", "久未核实（核实日期）"),
    ("ending", "下个周期内报名截止或结班（日期）"),
    ("listing_ending", "下个周期内目录资格到期（日期）"),
    ("jobs_ending", "下个周期内招聘到期的岗位（有效期至）"),
)


def as_text(prefectures: list[Prefecture], today: dt.date) -> str:
    first, last = next_cycle(today)
    lines = [f"本期报告：{today}（下个周期 {first} 至 {last}）", ""]
    for p in prefectures:
        counts = [len(getattr(p, key)) for key, _ in SECTIONS]
        lines.append(
            f"{p.name}：久未核实 {counts[0]} 条，即将结束 {counts[1]} 个项目，目录到期 {counts[2]} 个机构，"
            f"招聘到期 {counts[3]} 个岗位"
        )
        for key, title in SECTIONS:
            entries = getattr(p, key)
            if entries:
                lines.append(f"  {title}")
                lines += [f"    {TYPE_TITLES[e.type]} {e.id}  {e.date}  {e.file}" for e in entries]
        lines.append("")
    return "\n".join(lines)
