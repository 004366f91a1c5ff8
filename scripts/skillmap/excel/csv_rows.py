"""Rows of a table kept as CSV files (the wishes of one cycle): the file as an import leaves it.

A row whose key is already in the file is rewritten in place; a new row goes at the end; every
other line stays exactly as it was (its spelling, its order), so that a review of the change
shows only the rows the workbook changed. The header keeps the columns the file has; a new file
gets the fields' Chinese titles, as staff export them from the survey.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..flat import cell_text
from ..paths import Resource
from .plan import Planned
from .sheets import joined_key, key_fields


def table_text(res: Resource, path: Path, planned: list[Planned]) -> str:
    """The CSV text of `path` with the planned rows written into it (new lines: `\\n`, or the
    file's own line ending)."""
    old = path.read_bytes().decode("utf-8-sig") if path.is_file() else ""
    newline = "\r\n" if "\r\n" in old else "\n"
    lines = list(csv.reader(io.StringIO(old, newline=""))) if old.strip() else []
    header = lines[0] if lines else [f.title for f in res.schema.fields]
    names = _column_names(res, header)
    by_key = {joined_key(tuple(p.record.values.get(k) for k in key_fields(res))): p for p in planned}
    out = [header]
    for cells in lines[1:]:
        values = dict(zip(names, cells, strict=False))
        key = joined_key(tuple(values.get(k) for k in key_fields(res)))
        replacement = by_key.pop(key, None) if key is not None else None
        out.append(_cells(names, replacement) if replacement is not None else cells)
    out += [_cells(names, p) for p in by_key.values()]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=newline).writerows(out)
    return buffer.getvalue()


def _column_names(res: Resource, header: list[str]) -> list[str | None]:
    lookup = {f.title: f.name for f in res.schema.fields} | {f.name: f.name for f in res.schema.fields}
    return [lookup.get(cell.strip().lstrip("\ufeff")) for cell in header]


def _cells(names: list[str | None], planned: Planned) -> list[str]:
    return [cell_text(planned.record.values.get(name)) if name else "" for name in names]
