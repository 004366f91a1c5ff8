"""The region tree of Inner Mongolia (GB/T 2260): 12 盟市 and their 旗县 (市、区).

满洲里市 and 二连浩特市 are filed as counties of 呼伦贝尔市 and 锡林郭勒盟 in the reference
list, so their records count with those 盟市 everywhere (map, lists, report).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

# The 12 盟市 from west to east, the order the schematic map and the report use.
WEST_TO_EAST = (
    "152900",  # 阿拉善盟
    "150300",  # 乌海市
    "150800",  # 巴彦淖尔市
    "150600",  # 鄂尔多斯市
    "150200",  # 包头市
    "150100",  # 呼和浩特市
    "150900",  # 乌兰察布市
    "152500",  # 锡林郭勒盟
    "150400",  # 赤峰市
    "150500",  # 通辽市
    "152200",  # 兴安盟
    "150700",  # 呼伦贝尔市
)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # prefecture | county
    parent: str

    @property
    def is_prefecture(self) -> bool:
        return self.level == "prefecture"

    @property
    def prefecture(self) -> str:
        """The code of the 盟市 this region belongs to (itself for a 盟市)."""
        return self.code if self.is_prefecture else self.parent

    @property
    def short(self) -> str:
        """阿拉善盟 → 阿拉善, 呼和浩特市 → 呼和浩特; counties keep their name."""
        if not self.is_prefecture:
            return self.name
        return self.name.removesuffix("市").removesuffix("盟")


class RegionTree:
    """The regions of the reference list, by code, with their 盟市 and 旗县."""

    def __init__(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.by_code: dict[str, Region] = {}
        for row in rows:
            region = Region(str(row["code"]), str(row["name"]), str(row["level"]), str(row["parent_code"]))
            self.by_code[region.code] = region

    def get(self, code: str | None) -> Region | None:
        return self.by_code.get(code or "")

    def __getitem__(self, code: str) -> Region:
        return self.by_code[code]

    def values(self) -> Iterable[Region]:
        return self.by_code.values()

    @cached_property
    def prefectures(self) -> list[Region]:
        """The 盟市, west to east (any the order does not know follow by code)."""
        known = [self.by_code[c] for c in WEST_TO_EAST if c in self.by_code]
        rest = sorted((r for r in self.by_code.values() if r.is_prefecture and r not in known), key=_code)
        return known + rest

    @cached_property
    def _counties(self) -> dict[str, list[Region]]:
        out: dict[str, list[Region]] = {}
        for region in self.by_code.values():
            if not region.is_prefecture:
                out.setdefault(region.parent, []).append(region)
        return out

    def counties(self, prefecture: str) -> list[Region]:
        return self._counties.get(prefecture, [])

    def prefecture_of(self, code: str | None) -> Region | None:
        """The 盟市 a code belongs to (a 盟市 code is its own)."""
        region = self.get(code)
        return None if region is None else self.get(region.prefecture)

    def label(self, code: str | None) -> str:
        """新城区（呼和浩特市）, or the 盟市 name alone; an unknown code as it is."""
        region = self.get(code)
        if region is None:
            return code or ""
        if region.is_prefecture:
            return region.name
        parent = self.get(region.parent)
        return f"{region.name}（{parent.name}）" if parent else region.name

    def counted_in(self, code: str | None) -> list[str]:
        """Codes whose counts take in a record filed under `code`, each record once: its own region
        and, for a 旗县, its 盟市. A record filed under a whole 盟市 counts there only, not in every 旗县."""
        region = self.get(code)
        if region is None:
            return []
        return [region.code] if region.is_prefecture else [region.code, region.parent]

    def shown_in(self, code: str | None) -> list[str]:
        """Codes of the region pages and filters that take in a record filed under `code`.

        A 盟市 takes in its 旗县; a 旗县 also shows what is filed under its whole 盟市.
        """
        region = self.get(code)
        if region is None:
            return []
        if region.is_prefecture:
            return [region.code, *(c.code for c in self.counties(region.code))]
        return [region.code, region.parent]

    def covers(self, wanted: str, filed: str | None) -> bool:
        """Whether a filter or page for region `wanted` takes in a record filed under `filed`."""
        return wanted in self.shown_in(filed)


def _code(region: Region) -> str:
    return region.code


_SUFFIXES = ("自治旗", "市", "盟", "旗", "县", "区")


def _bare(name: str) -> str:
    """呼和浩特市 → 呼和浩特, 鄂温克族自治旗 → 鄂温克族; names of two characters stay whole."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def codes_named(tree: RegionTree, text: str) -> list[str]:
    """The codes a region name may stand for, as an editor types it: 新城区, 包头, 呼和浩特市新城区,
    新城区（呼和浩特市）, or the start of a name (乌拉特 → its three 旗). One code when the name is
    unambiguous; several or none otherwise."""
    wanted = text.strip().replace(" ", "").replace("（", "(").replace("）", ")")
    exact: list[str] = []
    loose: list[str] = []
    starts: list[str] = []  # 巴林 → 巴林左旗 and 巴林右旗: a name too short to decide
    for region in tree.values():
        parent = tree.get(region.parent) if not region.is_prefecture else None
        names = {region.name}
        if parent is not None:
            for p in (parent.name, _bare(parent.name)):
                names |= {p + region.name, f"{region.name}({p})", f"{p}{_bare(region.name)}"}
        if wanted in names:
            exact.append(region.code)
        elif _bare(wanted) == _bare(region.name):
            loose.append(region.code)
        elif len(wanted) >= 2 and region.name.startswith(wanted):
            starts.append(region.code)
    return sorted(exact or loose or starts)
