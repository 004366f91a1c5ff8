"""Problems of a workbook's rows, put at their sheet and cell (`培训项目!D7`).

Invariants:
- A record read from a sheet carries the sheet (`Record.sheet`) and its row number as its line, so
  every problem found in it, by the loader, by the import or by any check, carries `where.sheet`:
  that, not its file, is how the import tells its own problems from the catalogue's.
- A located problem names the workbook as given, the row Excel shows, the field's column (a nested
  path names its group's column: `contact.phone`, `demand[0].region` → `region`), or the row's
  first column when the sheet lacks that field.
- One problem per cell where one of them says all there is to say (`WHOLE_CELL`).
"""

from __future__ import annotations

from ..problems import Location, Problem
from .read import Book, Table

# Problems that say all there is to say about their cell: a region name that fits several places
# is not also a bad pattern, and a formula without a value is not also a missing field.
WHOLE_CELL = frozenset({"region-ambiguous", "cell-unreadable"})


class CellLocator:
    """The sheets of one workbook, and where their problems go."""

    def __init__(self, book: Book, tables: list[Table]) -> None:
        self.book = book
        self.by_sheet = {table.sheet: table for table in tables}

    def is_ours(self, p: Problem) -> bool:
        return p.where.sheet is not None and p.where.sheet in self.by_sheet

    def locate(self, p: Problem) -> Problem:
        """A problem of a row, moved to the workbook with its sheet and cell."""
        assert p.where.sheet is not None
        table = self.by_sheet[p.where.sheet]
        name = column_field(table, p.field or "")
        cell = table.cell(name, p.line or 1)
        return Problem(p.code, Location(self.book.file, p.line, p.record, name or p.field, cell), p.params)

    def table_of_cell(self, cell: str) -> Table | None:
        return self.by_sheet.get(cell.rsplit("!", 1)[0])


def dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per cell where one of them says it all."""
    said = {p.where.cell for p in problems if p.code in WHOLE_CELL}
    return [p for p in problems if p.code in WHOLE_CELL or p.where.cell not in said]


def column_field(table: Table, path: str) -> str:
    """The column a problem's field path points at: groups[1] → groups, demand[0].region → region."""
    if table.resource.nested_in is not None:
        path = path.split(".", 1)[1] if "." in path else ""
    name = path.split("[", 1)[0]
    if name in table.columns:
        return name
    group = next((c for c in table.columns if c.startswith(name + ".")), None) if name else None
    return group or name
