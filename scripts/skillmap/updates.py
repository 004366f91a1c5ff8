"""What changed since the previous publication (SPEC §7), from its `data/datapackage.json`.

No git history is needed: the published open data is the baseline. Both sides are compared in
their flat, published form (the same cell text the CSV holds), record by record; the rows of
`project_demand` and `project_outcomes` count as part of their project. A record whose only
change is `updated` was re-confirmed: it is counted, not listed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .domain.regions import RegionTree
from .domain.urls import TYPE_OF_RESOURCE
from .flat import cell_text
from .formulas import from_csv_text
from .paths import Layout, ProjectError
from .records import Catalog
from .schema import CastError, Field, cast
from .tables import rows_of

RECORD_TABLES = ("projects", "jobs", "institutions", "brands", "cases")
NAME_FIELDS = ("title", "name", "position")
CONFIRMATION = "updated"
Table = list[dict[str, str]]


class PreviousError(ProjectError):
    """The previous publication cannot be read; the message is Chinese."""


@dataclass(frozen=True)
class FieldChange:
    name: str
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class RecordChange:
    change: str  # added | changed | removed
    type: str  # project | institution | brand | case
    id: str
    name: str
    region: str
    fields: tuple[FieldChange, ...] = ()

    @property
    def hook(self) -> str:
        """The page's `data-record` value: `project:<id>`."""
        return f"{self.type}:{self.id}"


@dataclass
class Updates:
    """The changes of one publication against the previous one (None: this is the first)."""

    previous_version: str | None
    changes: list[RecordChange] = field(default_factory=list)
    confirmed: int = 0

    @property
    def first_release(self) -> bool:
        return self.previous_version is None

    def of(self, change: str, kind: str | None = None) -> list[RecordChange]:
        return [c for c in self.changes if c.change == change and (kind is None or c.type == kind)]


def read_previous(path: Path) -> tuple[str | None, dict[str, Table]]:
    """The tables of a published data package (its version, {table name: rows as text})."""
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PreviousError(f"找不到上次发布的数据包 {path}。") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PreviousError(f"无法读取上次发布的数据包 {path}：{exc}") from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise PreviousError(f"{path} 不是数据包描述文件（缺少 resources 列表）。")
    tables: dict[str, Table] = {}
    for res in package["resources"]:
        if not isinstance(res, dict) or not isinstance(res.get("path"), str) or "name" not in res:
            continue
        target = path.parent / res["path"]
        if "/" in res["path"] or "\\" in res["path"] or res["path"].startswith("."):
            raise PreviousError(f"{path} 中资源 {res['name']} 的路径“{res['path']}”不在同一文件夹内。")
        try:
            text = target.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise PreviousError(
                f"找不到 {target}：请把数据包引用的 CSV 文件（{res['path']}）和 datapackage.json 放在同一文件夹。"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise PreviousError(f"无法读取 {target}：{exc}") from None
        rows = csv.DictReader(io.StringIO(text, newline=""))
        # Text that starts like a formula is published with an apostrophe (`formulas`): compare the text.
        tables[str(res["name"])] = [
            {k: from_csv_text(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows
        ]
    version = package.get("version")
    return (str(version) if version else "上次发布"), tables


def current_tables(layout: Layout, catalog: Catalog) -> dict[str, Table]:
    """The catalogue's tables as the open data publishes them: the same text in every cell."""
    out: dict[str, Table] = {}
    for name in (*RECORD_TABLES, "project_demand", "project_outcomes"):
        if name not in layout.resources:
            continue
        names = layout.resources[name].schema.names
        out[name] = [{n: cell_text(row.get(n)) for n in names} for row in rows_of(layout, catalog, name)]
    return out


def compare(
    layout: Layout,
    regions: RegionTree,
    previous: dict[str, Table],
    current: dict[str, Table],
    version: str | None,
) -> Updates:
    """Every record added, changed or removed, in the order of 盟市 (west to east), then type and id."""
    updates = Updates(version)
    for name in RECORD_TABLES:
        res = layout.resources.get(name)
        if res is None:
            continue
        titles = {f.name: f.title for f in res.schema.fields}
        children = [c for c in layout.nested_resources(name) if c.name in current]
        before = _with_children(previous, name, children)
        after = _with_children(current, name, children)
        kind = TYPE_OF_RESOURCE[name]
        for rid, row in after.items():
            old = before.get(rid)
            if old is None:
                updates.changes.append(_entry("added", kind, rid, row))
                continue
            shared = [k for k in row if k in old and k != CONFIRMATION]
            fields = tuple(
                FieldChange(k, _title(k, titles, children), old[k], row[k])
                for k in shared
                if not _same(res.schema.field(k), old[k], row[k])
            )
            if fields:
                updates.changes.append(_entry("changed", kind, rid, row, fields))
            elif old.get(CONFIRMATION) != row.get(CONFIRMATION):
                updates.confirmed += 1
        for rid, row in before.items():
            if rid not in after:
                updates.changes.append(_entry("removed", kind, rid, row))
    order = {code: i for i, code in enumerate(r.code for r in regions.prefectures)}
    types = {TYPE_OF_RESOURCE[n]: i for i, n in enumerate(RECORD_TABLES)}

    def key(c: RecordChange) -> tuple[int, int, str]:
        prefecture = regions.prefecture_of(c.region)
        return (order.get(prefecture.code, len(order)) if prefecture else len(order), types[c.type], c.id)

    updates.changes.sort(key=key)
    return updates


def _same(f: Field | None, before: str, after: str) -> bool:
    """Equal cells, or equal values written differently (1008.0 and 1008 by an older release)."""
    if before == after:
        return True
    if f is None:
        return False
    try:
        return bool(cast(f, before) == cast(f, after))
    except CastError:
        return False


def _with_children(tables: dict[str, Table], name: str, children: list[Any]) -> dict[str, dict[str, str]]:
    """Records by id; each project's demand and outcome rows folded into one comparable cell."""
    rows = {row.get("id", ""): dict(row) for row in tables.get(name, []) if row.get("id")}
    for child in children:
        key = child.nested_key or child.name
        names = [n for n in child.schema.names if n != "project"]
        grouped: dict[str, list[str]] = {}
        for row in tables.get(child.name, []):
            grouped.setdefault(row.get("project", ""), []).append("，".join(row.get(n, "") for n in names))
        for rid, row in rows.items():
            row[key] = "；".join(grouped.get(rid, []))
    return rows


def _entry(
    change: str, kind: str, rid: str, row: dict[str, str], fields: tuple[FieldChange, ...] = ()
) -> RecordChange:
    name = next((row[f] for f in NAME_FIELDS if row.get(f)), rid)
    return RecordChange(change, kind, rid, name, row.get("region", ""), fields)


def _title(name: str, titles: dict[str, str], children: list[Any]) -> str:
    for child in children:
        if (child.nested_key or child.name) == name:
            return str(child.title)
    return titles.get(name, name)


def updates_for(layout: Layout, catalog: Catalog, previous: Path | None) -> Updates:
    """The updates of this build: against `previous` (a published datapackage.json), or a first release."""
    if previous is None:
        return Updates(None)
    version, tables = read_previous(previous)
    regions = RegionTree(catalog.reference.get("regions", []))
    return compare(layout, regions, tables, current_tables(layout, catalog), version)
