"""The rows of a workbook as records, merged with the catalogue.

Invariants:
- A row names its record by its key: the id, or for a table kept as rows of counts (wishes) its
  primary key (cycle, region, occupation, group). A record row without an id gets one (new_ids),
  reported at its row (`id-generated`) so that the editor can write it back.
- A column the sheet lacks keeps the catalogue's value; a cell is read as editors type it
  (cells.editor_value), a region by its code or its name (ambiguous names are reported, not
  guessed), a reference name with half-width punctuation as the reference list spells it.
- A child sheet (岗位需求) present in the workbook is the truth for every project its parent sheet
  names, even with no rows there; rows of a project only the catalogue has replace that project's
  children; rows of a project nobody knows are reported at their 项目编号 cell (`unknown-id`).
- Every record is typed by the loader and carries the sheet and its row (Record.sheet, line), every
  field on the row's line: its problems are located at cells by locate.CellLocator.
- The merged catalogue keeps the catalogue's order: a changed record takes its old record's place,
  a new one comes after; the first row of an id counts (later ones are the identity check's).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..domain.regions import RegionTree, codes_named
from ..load import Loader
from ..paths import Layout, Resource
from ..problems import Location, Problem, problem
from ..records import Catalog, Record
from ..schema import Field
from .cells import editor_value
from .new_ids import IdMaker
from .read import Book, Row, Table
from .sheets import joined_key, key_fields, refers_to_names


def record_key(res: Resource, rec: Record) -> str | None:
    """What names a record across catalogue and workbook: its id, or its composite key joined."""
    keys = key_fields(res)
    if keys == ("id",):
        return rec.id
    return joined_key(tuple(rec.values.get(name) for name in keys))


class RowReader:
    """Reads the record sheets of one workbook into records beside the catalogue's."""

    def __init__(self, layout: Layout, catalog: Catalog, book: Book, ids: IdMaker) -> None:
        self.layout = layout
        self.catalog = catalog
        self.book = book
        self.ids = ids
        self.loader = Loader(layout)
        self.problems: list[Problem] = []
        self.regions: RegionTree = ids.regions
        self.by_resource: dict[str, Table] = {}
        for table in book.tables:  # the same table twice (培训项目 and projects): the first one counts
            self.by_resource.setdefault(table.resource.name, table)
        # Records from the workbook, by resource, in row order; and the row each came from.
        self.rows: dict[str, list[tuple[Record, Table, Row]]] = {}
        self.touched: dict[tuple[str, str], tuple[Record, str]] = {}  # catalogue records given new children
        self._names: dict[tuple[str, str], dict[str, str]] = {}  # reference names by their folded form
        self._keys: dict[str, dict[str, Record]] = {}

    @property
    def tables(self) -> list[Table]:
        return list(self.by_resource.values())

    def existing(self, resource: str) -> dict[str, Record]:
        """The catalogue's records by their key (the first of each)."""
        if resource not in self._keys:
            res = self.layout.resources[resource]
            by_key: dict[str, Record] = {}
            for rec in self.catalog.records.get(resource, []):
                key = record_key(res, rec)
                if key is not None:
                    by_key.setdefault(key, rec)
            self._keys[resource] = by_key
        return self._keys[resource]

    def merge(self) -> Catalog:
        """The catalogue with the workbook's records in it."""
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

    # -- one row ---------------------------------------------------------------------------

    def _record(self, res: Resource, table: Table, row: Row) -> tuple[Record, Table, Row]:
        rid = editor_value(res.schema.field("id"), row.values.get("id")) if "id" in table.columns else None  # type: ignore[arg-type]
        readable = [name for name in table.columns if name not in row.unreadable]
        raw = {name: self._value(res.schema.field(name), table, row, name, rid) for name in readable}
        raw = {k: v for k, v in raw.items() if k in res.schema.names}
        if key_fields(res) == ("id",):
            if not raw.get("id"):
                raw["id"] = self.ids.new_id(res, raw, table)
                where = self._where(table, row, "id", raw["id"])
                self.problems.append(problem("id-generated", where, id=raw["id"]))
            key: str | None = str(raw["id"])
        else:  # a wish is known by its cycle, region, occupation and group: no id to make
            key = joined_key(tuple(raw.get(name) for name in key_fields(res)))
        old = self.existing(res.name).get(key) if key is not None else None
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
        if f.ref not in self._names:
            rows = self.catalog.reference.get(f.ref[0], [])
            self._names[f.ref] = {_fold(str(r[f.ref[1]])): str(r[f.ref[1]]) for r in rows if r.get(f.ref[1])}
        known = self._names[f.ref]
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
        return Location(self.book.file, row.number, record, name, sheet=table.sheet)

    # -- child rows (岗位需求, 往期培训成效) --------------------------------------------------

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
        existing = self.existing(parent_res.name)
        for pid, rows in grouped.items():
            if pid in by_id:
                continue
            old = existing.get(pid)
            if old is None:
                for row in rows:  # rows of a project nobody knows: reported at their 项目编号 cell
                    self._child_record(child, table, row, pid, f"{key}[0]")
                    self.loader.problems.append(
                        problem(
                            "unknown-id",
                            self._where(table, row, "project", pid or None),
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
                first = f"{table.sheet}!{table.columns['project']}{rows[0].number}"
                self.problems.append(
                    problem(
                        "duplicate-id",
                        self._where(table, row, "project", pid),
                        title=child.title,
                        id=pid,
                        first_file=first,
                    )
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
            file=self.book.file,
            line=row.number,
            values={},
            lines={},  # every field is on the row's line (`line_of` falls back to it)
            prefix=prefix,
            parent_id=parent,
            sheet=table.sheet,
        )
        self.loader.type_values(res.schema, raw, rec)
        return rec

    # -- the merged catalogue ----------------------------------------------------------------

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


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")
