"""Rows of a workbook → records merged with the catalogue, checked as `check` checks them.

A row whose id is in the catalogue changes that record; a column the sheet lacks leaves the
record's value as it is, a child sheet (岗位需求) present in the workbook is the truth for the
projects it or the parent sheet names. Every problem is located at its sheet and cell; problems
found only once merged (an unknown institution, a date order) name the row's cell all the same.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pypinyin import lazy_pinyin

from ..checks import CheckContext, run_checks
from ..domain.regions import RegionTree, codes_named
from ..domain.urls import ROW_TYPE_OF_RESOURCE
from ..flat import cell_text
from ..load import Loader, load_catalog
from ..paths import Layout, Resource
from ..problems import Location, Problem, Verdict, problem
from ..records import Catalog, Record
from ..schema import Field
from .cells import editor_value
from .read import Book, Row, Table, read_book
from .sheets import joined_key, key_fields, refers_to_names

CONFIRMED = "updated"  # 核实日期: a row older than the catalogue's record is stale, not an edit


@dataclass(frozen=True)
class Change:
    """One record the import adds or changes: its type and id, the row's cell, the fields changed."""

    type: str
    id: str
    cell: str
    fields: tuple[str, ...] = ()
    diffs: tuple[tuple[str, str, str], ...] = ()  # (field title, before, after) for people to read


@dataclass
class Planned:
    """A good record to write: its resource, its merged record, the file it goes to (relative to
    the root) and, for a change, the catalogue's record as it was."""

    resource: Resource
    record: Record
    file: str
    old: Record | None
    cell: str


@dataclass
class ImportPlan(Verdict):
    book: Book
    problems: list[Problem]
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    writes: list[Planned] = field(default_factory=list)


def plan_import(layout: Layout, path: Path, shown_as: str, today: dt.date) -> ImportPlan:
    """What importing the workbook would do: problems at cells, changes, and the records to write."""
    book = read_book(layout, path, shown_as)  # first: a workbook that must be refused is refused at once
    catalog, load_problems = load_catalog(layout)
    merger = _Merger(layout, catalog, book)
    merged = merger.merge()
    checked = run_checks(CheckContext(layout, merged, today))
    found = merger.loader.problems + merger.problems + checked
    ours = [p for p in found if p.file in merger.tables]
    others = [p for p in found if p.file not in merger.tables]
    if others:  # problems elsewhere that the import causes: those the catalogue did not have before
        before = {_key(p) for p in load_problems + run_checks(CheckContext(layout, catalog, today))}
        others = [p for p in others if _key(p) not in before]
    located = _dedupe(book.problems + [merger.locate(p) for p in ours])
    problems = sorted(set(located + others), key=lambda p: p.sort_key())
    plan = ImportPlan(book, problems)
    merger.changes(plan, located)
    return plan


def _key(p: Problem) -> tuple[str, str, str | None, str | None, tuple[tuple[str, str], ...]]:
    return (p.code, p.file, p.record, p.field, p.params)


# Problems that say all there is to say about their cell: a region name that fits several places
# is not also a bad pattern, and a formula without a value is not also a missing field.
_WHOLE_CELL = frozenset({"region-ambiguous", "cell-unreadable"})


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per cell where one of them says it all."""
    said = {p.where.cell for p in problems if p.code in _WHOLE_CELL}
    return [p for p in problems if p.code in _WHOLE_CELL or p.where.cell not in said]


class _Merger:
    def __init__(self, layout: Layout, catalog: Catalog, book: Book) -> None:
        self.layout = layout
        self.catalog = catalog
        self.book = book
        self.loader = Loader(layout)
        self.problems: list[Problem] = []
        self.regions = RegionTree(catalog.reference.get("regions", []))
        self.tables: dict[str, Table] = {}  # marker file name → table
        self.by_resource: dict[str, Table] = {}
        for table in book.tables:
            if table.resource.name in self.by_resource:
                continue  # the same table twice (培训项目 and projects): the first one counts
            self.by_resource[table.resource.name] = table
            self.tables[self._marker(table)] = table
        # Records from the workbook, by resource, in row order; and the row each came from.
        self.rows: dict[str, list[tuple[Record, Table, Row]]] = {}
        self.touched: dict[tuple[str, str], tuple[Record, str]] = {}  # catalogue records given new children
        self.names: dict[tuple[str, str], dict[str, str]] = {}  # reference names by their folded form
        self._ids: dict[str, dict[str, Record]] = {}
        self._folders: dict[tuple[str, str | None], Path] = {}
        self._taken_ids: dict[str, set[str]] = {}

    def _by_id(self, resource: str) -> dict[str, Record]:
        """The catalogue's records by their key: the id, or a composite key joined (a wish)."""
        if resource not in self._ids:
            res = self.layout.resources[resource]
            if key_fields(res) == ("id",):
                self._ids[resource] = self.catalog.by_id(resource)
            else:
                by_key: dict[str, Record] = {}
                for rec in self.catalog.records.get(resource, []):
                    key = record_key(res, rec)
                    if key is not None:
                        by_key.setdefault(key, rec)
                self._ids[resource] = by_key
        return self._ids[resource]

    def _marker(self, table: Table) -> str:
        return f"{self.book.file}（{table.sheet}）"

    # -- rows → records ----------------------------------------------------------------

    def merge(self) -> Catalog:
        for res in self.layout.record_resources():
            table = self.by_resource.get(res.name)
            if table is not None:
                self.rows[res.name] = [self._record(res, table, row) for row in table.rows]
        for res in self.layout.record_resources():
            for child in self.layout.nested_resources(res.name):
                table = self.by_resource.get(child.name)
                if table is not None:
                    self._children(res, child, table)
        return self._catalogue()

    def _record(self, res: Resource, table: Table, row: Row) -> tuple[Record, Table, Row]:
        rid = editor_value(res.schema.field("id"), row.values.get("id")) if "id" in table.columns else None  # type: ignore[arg-type]
        readable = [name for name in table.columns if name not in row.unreadable]
        raw = {name: self._value(res.schema.field(name), table, row, name, rid) for name in readable}
        raw = {k: v for k, v in raw.items() if k in res.schema.names}
        if key_fields(res) == ("id",):
            if not raw.get("id"):
                raw["id"] = self._new_id(res, raw, table, row)
            key: str | None = str(raw["id"])
        else:  # a wish is known by its cycle, region, occupation and group: no id to make
            key = joined_key(tuple(raw.get(name) for name in key_fields(res)))
        old = self._by_id(res.name).get(key) if key is not None else None
        if old is not None:
            for f in res.schema.fields:
                if f.name not in raw and f.name in old.values:
                    raw[f.name] = old.values[f.name]
        rec = self._typed(res, table, row, raw)
        if old is not None:
            rec.children = dict(old.children)
        return rec, table, row

    def _value(self, f: Field | None, table: Table, row: Row, name: str, record: str | None) -> Any:
        if f is None:
            return None
        value = editor_value(f, row.values.get(name))
        if f.ref == ("regions", "code") and isinstance(value, str):
            value = self._region(value, table, row, name, record)
        elif refers_to_names(f) and isinstance(value, str):
            value = self._reference_names(f, value)
        return value

    def _reference_names(self, f: Field, value: str) -> str:
        """Names typed with half-width punctuation or spaces, matched to the reference list's spelling."""
        assert f.ref is not None
        if f.ref not in self.names:
            rows = self.catalog.reference.get(f.ref[0], [])
            self.names[f.ref] = {_fold(str(r[f.ref[1]])): str(r[f.ref[1]]) for r in rows if r.get(f.ref[1])}
        known = self.names[f.ref]
        if f.type == "list":
            return "|".join(known.get(_fold(item), item) for item in value.split("|"))
        return known.get(_fold(value), value)

    def _region(self, value: str, table: Table, row: Row, name: str, record: str | None) -> str:
        if self.regions.get(value) is not None:
            return value
        m = re.match(r"^(\d{6})\b", value)
        if m and self.regions.get(m.group(1)) is not None:
            return m.group(1)  # 150102 新城区, as a drop-down of code and name gives it
        codes = codes_named(self.regions, value)
        if len(codes) == 1:
            return codes[0]
        if len(codes) > 1:
            where = self._where(table, row, name, record)
            candidates = "、".join(f"{self.regions.label(c)}（{c}）" for c in codes)
            self.problems.append(problem("region-ambiguous", where, name=value, candidates=candidates))
        return value

    def _where(self, table: Table, row: Row, name: str, record: str | None) -> Location:
        return Location(self._marker(table), row.number, record, name)

    def _new_id(self, res: Resource, raw: dict[str, Any], table: Table, row: Row) -> str:
        """An id for a new row left without one: <盟市 folder or code>-<pinyin>-<number>."""
        region = self.regions.prefecture_of(str(raw.get("region") or ""))
        folder = self.folder_for(res, region.code if region else None)
        if folder != res.records_dir:
            prefix = folder.name
        else:  # one folder for all 盟市 (postings): the prefix its records of this 盟市 already use (bt-job)
            prefix = self._id_prefix(res, region.code if region else None) or (
                region.code if region else res.name
            )
        source = str(raw.get("occupation") or raw.get("name") or raw.get("title") or res.name)
        slug = "".join(lazy_pinyin(source[:4])).lower()
        slug = re.sub(r"[^a-z0-9]+", "", slug) or "record"
        taken = self._taken(res.name, table)
        n = 1
        while f"{prefix}-{slug}-{n:05d}" in taken:
            n += 1
        new_id = re.sub(r"[^a-z0-9-]+", "", f"{prefix}-{slug}-{n:05d}".lower())
        taken.add(new_id)
        where = self._where(table, row, "id", new_id)
        self.problems.append(problem("id-generated", where, id=new_id))
        return new_id

    def _id_prefix(self, res: Resource, prefecture: str | None) -> str | None:
        """The most used id prefix (the id without its name and number) of the 盟市's records."""
        if prefecture is None:
            return None
        prefixes: Counter[str] = Counter()
        for rec in self.catalog.records.get(res.name, []):
            region = self.regions.prefecture_of(str(rec.values.get("region") or ""))
            if region is not None and region.code == prefecture and rec.id and rec.id.count("-") >= 2:
                prefixes[rec.id.rsplit("-", 2)[0]] += 1
        return min(prefixes.items(), key=lambda item: (-item[1], item[0]))[0] if prefixes else None

    def _taken(self, resource: str, table: Table) -> set[str]:
        """Ids in use: the catalogue's and every id typed on the sheet (kept up to date as ids are made)."""
        if resource not in self._taken_ids:
            typed = {str(row.values.get("id") or "").strip() for row in table.rows}
            self._taken_ids[resource] = set(self._by_id(resource)) | typed
        return self._taken_ids[resource]

    def _children(self, parent_res: Resource, child: Resource, table: Table) -> None:
        key = child.nested_key or child.name
        by_id = {str(rec.values.get("id")): rec for rec, _, _ in self.rows.get(parent_res.name, [])}
        grouped: dict[str, list[Row]] = {}
        for row in table.rows:
            pid = editor_value(child.schema.field("project"), row.values.get("project"))  # type: ignore[arg-type]
            grouped.setdefault(str(pid or ""), []).append(row)
        # The child sheet is the truth for every project the parent sheet names, even with no rows here.
        for pid, parent in by_id.items():
            parent.children[key] = self._child_records(child, table, grouped.get(pid, []), pid)
        existing = self._by_id(parent_res.name)
        for pid, rows in grouped.items():
            if pid in by_id:
                continue
            old = existing.get(pid)
            if old is None:
                for row in rows:  # rows of a project nobody knows: reported at their 项目编号 cell
                    rec = self._child_record(child, table, row, pid, f"{key}[0]")
                    self.loader.problems.append(
                        problem(
                            "unknown-id",
                            Location(rec.file, row.number, pid or None, "project"),
                            label=child.schema.field("project").label,  # type: ignore[union-attr]
                            value=pid,
                            target=parent_res.title,
                        )
                    )
                continue
            copy = Record(
                old.resource,
                old.file,
                old.line,
                dict(old.values),
                dict(old.lines),
                children=dict(old.children),
            )
            copy.children[key] = self._child_records(child, table, rows, pid)
            self.touched[(parent_res.name, pid)] = (copy, table.cell("project", rows[0].number))

    def _child_records(self, child: Resource, table: Table, rows: list[Row], pid: str) -> list[Record]:
        key = child.nested_key or child.name
        if not child.nested_many and len(rows) > 1:
            for row in rows[1:]:
                where = Location(self._marker(table), row.number, pid, "project")
                first = f"{table.sheet}!{table.columns['project']}{rows[0].number}"
                self.problems.append(
                    problem("duplicate-id", where, title=child.title, id=pid, first_file=first)
                )
            rows = rows[:1]
        prefix = (lambda i: f"{key}[{i}]") if child.nested_many else (lambda i: key)
        return [self._child_record(child, table, row, pid, prefix(i)) for i, row in enumerate(rows)]

    def _child_record(self, child: Resource, table: Table, row: Row, pid: str, prefix: str) -> Record:
        readable = [name for name in table.columns if name not in row.unreadable]
        raw = {name: self._value(child.schema.field(name), table, row, name, pid) for name in readable}
        raw["project"] = pid
        return self._typed(child, table, row, raw, prefix, pid)

    def _typed(
        self,
        res: Resource,
        table: Table,
        row: Row,
        raw: dict[str, Any],
        prefix: str = "",
        parent: str | None = None,
    ) -> Record:
        """A workbook row typed by the loader, every field located at the row (and so at its cell)."""
        rec = Record(
            resource=res.name,
            file=self._marker(table),
            line=row.number,
            values={},
            lines={},  # every field is on the row's line (`line_of` falls back to it)
            prefix=prefix,
            parent_id=parent,
        )
        self.loader.type_values(res.schema, raw, rec)
        return rec

    def _catalogue(self) -> Catalog:
        records: dict[str, list[Record]] = {}
        for name, old_records in self.catalog.records.items():
            res = self.layout.resources[name]
            new = [rec for rec, _, _ in self.rows.get(name, [])]
            first: dict[str, Record] = {}
            for rec in new:
                key = record_key(res, rec)
                if key is not None:
                    first.setdefault(key, rec)
            out: list[Record] = []
            for old in old_records:
                old_key = record_key(res, old)
                replacement = first.pop(old_key, None) if old_key is not None else None
                touched = self.touched.get((name, old.id or ""))
                out.append(replacement or (touched[0] if touched else old))
            placed = {id(r) for r in out}
            out += [rec for rec in new if id(rec) not in placed]
            records[name] = out
        return Catalog(records=records, reference=self.catalog.reference, unreadable=self.catalog.unreadable)

    # -- problems at cells ---------------------------------------------------------------

    def locate(self, p: Problem) -> Problem:
        """A problem on a workbook row, moved to the workbook with its sheet and cell."""
        table = self.tables[p.file]
        name = _column_field(table, p.field or "")
        cell = table.cell(name, p.line or 1)
        return Problem(p.code, Location(self.book.file, p.line, p.record, name or p.field, cell), p.params)

    # -- what changes ----------------------------------------------------------------------

    def changes(self, plan: ImportPlan, located: list[Problem]) -> None:
        """Sort the rows into added, changed and unchanged; a row with an error is never written.

        A row is broken when an error names its cell (whatever its id, which may be the error),
        and a record is broken when an error names it on any sheet (a bad 岗位需求 row breaks its
        project)."""
        broken: set[tuple[str, str]] = set()
        broken_rows: set[tuple[str, int]] = set()
        for p in located:
            if p.severity == "error" and p.where.cell:
                sheet, _, address = p.where.cell.rpartition("!")
                broken_rows.add((sheet, int(address.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0)))
                table = self._table_of_cell(p.where.cell)
                owner = (table.resource.nested_in or table.resource.name) if table else None
                if owner and p.record:
                    broken.add((owner, p.record))
        seen: set[tuple[str, str]] = set()
        for name, entries in self.rows.items():
            res = self.layout.resources[name]
            existing = self._by_id(name)
            for rec, table, row in entries:
                rid = record_key(res, rec)
                if rid is None or (table.sheet, row.number) in broken_rows:
                    continue  # an invalid id is reported at its cell; such a row is never written
                if (name, rid) in seen:
                    continue
                seen.add((name, rid))
                cell = table.cell(key_fields(res)[0], row.number)
                self._change(plan, res, rec, existing.get(rid), cell, (name, rid) in broken, table)
        for (name, rid), (rec, cell) in self.touched.items():
            res = self.layout.resources[name]
            self._change(plan, res, rec, self._by_id(name).get(rid), cell, (name, rid) in broken)

    def folder_for(self, res: Resource, prefecture: str | None) -> Path:
        key = (res.name, prefecture)
        if key not in self._folders:
            self._folders[key] = _folder_for(self.layout, self.catalog, self.regions, res, prefecture)
        return self._folders[key]

    def _table_of_cell(self, cell: str) -> Table | None:
        sheet = cell.rsplit("!", 1)[0]
        return next((t for t in self.tables.values() if t.sheet == sheet), None)

    def _change(
        self,
        plan: ImportPlan,
        res: Resource,
        rec: Record,
        old: Record | None,
        cell: str,
        broken: bool,
        table: Table | None = None,
    ) -> None:
        if broken:
            return
        kind = ROW_TYPE_OF_RESOURCE.get(res.name, res.name)
        rid = record_key(res, rec) or ""
        if key_fields(res) != ("id",):  # rows of a table kept in CSV files (a wish: its cycle's file)
            self._table_row_change(plan, res, rec, old, cell, kind, rid)
            return
        if old is None:
            region = self.regions.prefecture_of(str(rec.values.get("region") or ""))
            folder = self.folder_for(res, region.code if region else None)
            target = folder / f"{rec.id}.yaml"
            if target.exists():  # a file the catalogue could not read holds this id already
                where = Location(self.book.file, rec.line, rec.id, "id", cell)
                first = self.layout.rel(target)
                plan.problems.append(
                    problem("duplicate-id", where, title=res.title, id=rec.id, first_file=first)
                )
                return
            plan.added.append(Change(kind, rec.id or "", cell))
            plan.writes.append(Planned(res, rec, self.layout.rel(target), None, cell))
            return
        diffs = _diffs(self.layout, res, old, rec)
        if not diffs:
            plan.unchanged += 1
            return
        if old.file.lower().endswith(".csv"):
            where = Location(self.book.file, rec.line, rec.id, "id", cell)
            plan.problems.append(problem("record-in-csv", where, id=rec.id, file=old.file))
            return
        before, after = old.values.get(CONFIRMED), rec.values.get(CONFIRMED)
        if (
            isinstance(before, dt.date)
            and isinstance(after, dt.date)
            and after < before
            and table is not None
        ):
            # The row was exported before someone else confirmed the record: importing it would undo their work.
            where = Location(self.book.file, rec.line, rec.id, CONFIRMED, table.cell(CONFIRMED, rec.line))
            plan.problems.append(problem("row-outdated", where, id=rec.id, before=before, after=after))
            return
        plan.changed.append(
            Change(kind, rec.id or "", cell, tuple(n for n, _, _, _ in diffs), tuple(d[1:] for d in diffs))
        )
        plan.writes.append(Planned(res, rec, old.file, old, cell))

    def _table_row_change(
        self, plan: ImportPlan, res: Resource, rec: Record, old: Record | None, cell: str, kind: str, rid: str
    ) -> None:
        """A row of a table whose records are CSV rows: it goes into the file of its cycle."""
        assert res.records_dir is not None
        if old is None:
            target = self.layout.rel(res.records_dir / f"{rec.values.get('cycle')}.csv")
            plan.added.append(Change(kind, rid, cell))
            plan.writes.append(Planned(res, rec, target, None, cell))
            return
        diffs = _diffs(self.layout, res, old, rec)
        if not diffs:
            plan.unchanged += 1
            return
        plan.changed.append(
            Change(kind, rid, cell, tuple(n for n, _, _, _ in diffs), tuple(d[1:] for d in diffs))
        )
        plan.writes.append(Planned(res, rec, old.file, old, cell))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _column_field(table: Table, path: str) -> str:
    """The column a problem's field path points at: groups[1] → groups, demand[0].region → region."""
    if table.resource.nested_in is not None:
        path = path.split(".", 1)[1] if "." in path else ""
    name = path.split("[", 1)[0]
    if name in table.columns:
        return name
    group = next((c for c in table.columns if c.startswith(name + ".")), None) if name else None
    return group or name


def _diffs(layout: Layout, res: Resource, old: Record, new: Record) -> list[tuple[str, str, str, str]]:
    """(field name, title, before, after) for every field whose cell would read differently."""
    out = []
    for f in res.schema.fields:
        before, after = cell_text(old.values.get(f.name)), cell_text(new.values.get(f.name))
        if before != after:
            out.append((f.name, f.title, _short(before), _short(after)))
    for child in layout.nested_resources(res.name):
        key = child.nested_key or child.name
        before_rows = [_child_cells(c) for c in old.nested(key)]
        after_rows = [_child_cells(c) for c in new.nested(key)]
        if before_rows != after_rows:
            out.append((key, child.title, f"{len(before_rows)} 行", f"{len(after_rows)} 行（已修改）"))
    return out


def _child_cells(rec: Record) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, cell_text(v)) for k, v in rec.values.items() if k != "project"))


def _short(text: str, limit: int = 40) -> str:
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- where new records go ------------------------------------------------------------------


def _folder_for(
    layout: Layout, catalog: Catalog, regions: RegionTree, res: Resource, prefecture: str | None
) -> Path:
    """The folder where the resource's records of this 盟市 already live, else the record folder."""
    assert res.records_dir is not None
    folders: Counter[str] = Counter()
    for rec in catalog.records.get(res.name, []):
        region = regions.prefecture_of(str(rec.values.get("region") or ""))
        if region is not None and prefecture is not None and region.code == prefecture:
            folders[str(PurePosixPath(rec.file).parent)] += 1
    if not folders:
        return res.records_dir
    best = sorted(folders.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return layout.root / best


def record_key(res: Resource, rec: Record) -> str | None:
    """What names a record across catalogue and workbook: its id, or its composite key joined."""
    keys = key_fields(res)
    if keys == ("id",):
        return rec.id
    return joined_key(tuple(rec.values.get(name) for name in keys))
