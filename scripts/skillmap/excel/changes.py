"""Sorting a workbook's merged rows into added, changed and unchanged, and the files to write.

Invariants:
- A row with an error at any of its cells is never written (whatever its id, which may be the
  error); a record with an error on any sheet is never written (a bad 岗位需求 row breaks its project).
- The first row of a key counts; a later row with the same key is the identity check's problem.
- A row that reads as the catalogue's record (every cell, every child row) is unchanged and writes
  nothing; a change is listed with its fields, before and after.
- A changed row older than the catalogue's record (its 核实日期 earlier) is refused (`row-outdated`):
  importing it would undo someone else's confirmation.
- A changed record kept in a CSV file is refused (`record-in-csv`), except rows of a table kept as
  CSV rows (wishes), which go into their cycle's file (`<cycle>.csv`), added or rewritten in place.
- A new record goes to `<folder of its 盟市>/<id>.yaml` (new_ids) and never over an existing file.
"""

from __future__ import annotations

import datetime as dt

from ..domain.urls import ROW_TYPE_OF_RESOURCE
from ..flat import cell_text
from ..paths import Layout, Resource
from ..problems import Location, Problem, problem
from ..records import Record
from .locate import CellLocator
from .new_ids import IdMaker
from .plan import Change, ImportPlan, Planned
from .read import Table
from .row_records import RowReader, record_key
from .sheets import key_fields

CONFIRMED = "updated"  # 核实日期: a row older than the catalogue's record is stale, not an edit


def sort_changes(plan: ImportPlan, reader: RowReader, cells: CellLocator, located: list[Problem]) -> None:
    """Fill the plan's added, changed, unchanged and writes from the rows the reader merged."""
    broken: set[tuple[str, str]] = set()
    broken_rows: set[tuple[str, int]] = set()
    for p in located:
        if p.severity == "error" and p.where.cell:
            sheet, _, address = p.where.cell.rpartition("!")
            broken_rows.add((sheet, int(address.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0)))
            table = cells.table_of_cell(p.where.cell)
            owner = (table.resource.nested_in or table.resource.name) if table else None
            if owner and p.record:
                broken.add((owner, p.record))
    sorter = _Sorter(reader.layout, reader.ids, plan, reader.book.file)
    seen: set[tuple[str, str]] = set()
    for name, entries in reader.rows.items():
        res = reader.layout.resources[name]
        existing = reader.existing(name)
        for rec, table, row in entries:
            rid = record_key(res, rec)
            if rid is None or (table.sheet, row.number) in broken_rows:
                continue  # an invalid id is reported at its cell; such a row is never written
            if (name, rid) in seen:
                continue
            seen.add((name, rid))
            if (name, rid) not in broken:
                sorter.row(res, rec, existing.get(rid), table.cell(key_fields(res)[0], row.number), table)
    for (name, rid), (rec, cell) in reader.touched.items():
        if (name, rid) not in broken:
            sorter.row(reader.layout.resources[name], rec, reader.existing(name).get(rid), cell, None)


class _Sorter:
    def __init__(self, layout: Layout, ids: IdMaker, plan: ImportPlan, book: str) -> None:
        self.layout = layout
        self.ids = ids
        self.plan = plan
        self.book = book  # the workbook as given: problems found here name it

    def row(self, res: Resource, rec: Record, old: Record | None, cell: str, table: Table | None) -> None:
        kind = ROW_TYPE_OF_RESOURCE.get(res.name, res.name)
        if key_fields(res) != ("id",):  # rows of a table kept in CSV files (a wish: its cycle's file)
            self._table_row(res, rec, old, cell, kind)
        elif old is None:
            self._added(res, rec, cell, kind)
        else:
            self._changed(res, rec, old, cell, kind, table)

    def _added(self, res: Resource, rec: Record, cell: str, kind: str) -> None:
        region = self.ids.regions.prefecture_of(str(rec.values.get("region") or ""))
        target = self.ids.folder_for(res, region.code if region else None) / f"{rec.id}.yaml"
        if target.exists():  # a file the catalogue could not read holds this id already
            where = Location(self.book, rec.line, rec.id, "id", cell)
            first = self.layout.rel(target)
            self.plan.problems.append(
                problem("duplicate-id", where, title=res.title, id=rec.id, first_file=first)
            )
            return
        self.plan.added.append(Change(kind, rec.id or "", cell))
        self.plan.writes.append(Planned(res, rec, self.layout.rel(target), None, cell))

    def _changed(
        self, res: Resource, rec: Record, old: Record, cell: str, kind: str, table: Table | None
    ) -> None:
        diffs = _diffs(self.layout, res, old, rec)
        if not diffs:
            self.plan.unchanged += 1
            return
        if old.file.lower().endswith(".csv"):
            where = Location(self.book, rec.line, rec.id, "id", cell)
            self.plan.problems.append(problem("record-in-csv", where, id=rec.id, file=old.file))
            return
        before, after = old.values.get(CONFIRMED), rec.values.get(CONFIRMED)
        if (
            isinstance(before, dt.date)
            and isinstance(after, dt.date)
            and after < before
            and table is not None
        ):
            # The row was exported before someone else confirmed the record: importing it would undo their work.
            where = Location(self.book, rec.line, rec.id, CONFIRMED, table.cell(CONFIRMED, rec.line))
            self.plan.problems.append(problem("row-outdated", where, id=rec.id, before=before, after=after))
            return
        self._listed(res, rec, old, cell, kind, diffs)

    def _table_row(self, res: Resource, rec: Record, old: Record | None, cell: str, kind: str) -> None:
        """A row of a table whose records are CSV rows: it goes into the file of its cycle."""
        assert res.records_dir is not None
        rid = record_key(res, rec) or ""
        if old is None:
            target = self.layout.rel(res.records_dir / f"{rec.values.get('cycle')}.csv")
            self.plan.added.append(Change(kind, rid, cell))
            self.plan.writes.append(Planned(res, rec, target, None, cell))
            return
        diffs = _diffs(self.layout, res, old, rec)
        if not diffs:
            self.plan.unchanged += 1
            return
        self._listed(res, rec, old, cell, kind, diffs)

    def _listed(
        self,
        res: Resource,
        rec: Record,
        old: Record,
        cell: str,
        kind: str,
        diffs: list[tuple[str, str, str, str]],
    ) -> None:
        rid = record_key(res, rec) or ""
        fields = tuple(n for n, _, _, _ in diffs)
        self.plan.changed.append(Change(kind, rid, cell, fields, tuple(d[1:] for d in diffs)))
        self.plan.writes.append(Planned(res, rec, old.file, old, cell))  # a change stays in its file


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
