"""`skillmap report`: the 30-day cycle for staff, per 盟市 — what is stale and what ends soon.

For each 盟市 (west to east; records filed under 满洲里 and 二连浩特 count with their 盟市):
- stale: records whose `updated` is older than their cycle (SPEC §6: 30 days for institutions
  and projects, 365 for brands and cases);
- ending: projects whose `enroll_until` or `ends` falls within the next cycle (today … today + 30);
- listing_ending: institutions whose `listed_until` falls within the next cycle.
The report reads the records as loaded, so it works on data that still has problems.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

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

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            **{
                key: [e.as_dict() for e in getattr(self, key)]
                for key in ("stale", "ending", "listing_ending")
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

    for resource in ("institutions", "projects", "brands", "cases"):
        kind = TYPE_OF_RESOURCE[resource]
        for rec in sorted(catalog.records.get(resource, []), key=lambda r: (r.file, r.line)):
            updated = rec.get("updated")
            if isinstance(updated, dt.date) and is_stale(resource, updated, today):
                bucket(rec).stale.append(Entry(kind, rec.id, rec.file, updated, _name(rec)))
            dates = [rec.get(name) for name in _ENDING.get(resource, ())]
            due = sorted(d for d in dates if isinstance(d, dt.date) and first <= d <= last)
            if due:
                target = bucket(rec).ending if resource == "projects" else bucket(rec).listing_ending
                target.append(Entry(kind, rec.id, rec.file, due[0], _name(rec)))
    return list(out.values())


def _name(rec: Record) -> str:
    return str(rec.get("title") or rec.get("name") or "")


# The dates that make a record end within the cycle: a project's enrolment or classes, an
# institution's listing.
_ENDING = {"projects": ("enroll_until", "ends"), "institutions": ("listed_until",)}


def as_json(prefectures: list[Prefecture], today: dt.date) -> str:
    payload = {"today": today.isoformat(), "prefectures": [p.as_dict() for p in prefectures]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


TYPE_TITLES = {"institution": "机构", "project": "项目", "brand": "品牌", "case": "案例"}
SECTIONS = (
    ("stale", "久未核实（核实日期）"),
    ("ending", "下个周期内报名截止或结班（日期）"),
    ("listing_ending", "下个周期内目录资格到期（日期）"),
)


def as_text(prefectures: list[Prefecture], today: dt.date) -> str:
    first, last = next_cycle(today)
    lines = [f"本期报告：{today}（下个周期 {first} 至 {last}）", ""]
    for p in prefectures:
        counts = [len(getattr(p, key)) for key, _ in SECTIONS]
        lines.append(
            f"{p.name}：久未核实 {counts[0]} 条，即将结束 {counts[1]} 个项目，目录到期 {counts[2]} 个机构"
        )
        for key, title in SECTIONS:
            entries = getattr(p, key)
            if entries:
                lines.append(f"  {title}")
                lines += [f"    {TYPE_TITLES[e.type]} {e.id}  {e.date}  {e.file}" for e in entries]
        lines.append("")
    return "\n".join(lines)
