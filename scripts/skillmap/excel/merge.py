"""`skillmap import` without `--apply`: what importing a workbook would do.

The steps, each in a module of its own with its invariants in its docstring:
1. read.py reads the workbook's record sheets (a workbook that must be refused is refused first);
2. row_records.py merges their rows with the catalogue (new_ids.py names new rows);
3. the merged catalogue is checked exactly as `skillmap check` checks one;
4. locate.py puts the problems of the workbook's rows at their cells; problems elsewhere that the
   import causes (those the catalogue did not have before) are kept as they are;
5. changes.py sorts the good rows into added, changed and unchanged, and the files to write
   (apply.py writes them, all or nothing).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..checks import CheckContext, run_checks
from ..domain.regions import RegionTree
from ..load import load_catalog
from ..paths import Layout
from ..problems import Problem
from .changes import sort_changes
from .locate import CellLocator, dedupe
from .new_ids import IdMaker
from .plan import ImportPlan
from .read import read_book
from .row_records import RowReader


def plan_import(layout: Layout, path: Path, shown_as: str, today: dt.date) -> ImportPlan:
    """What importing the workbook would do: problems at cells, changes, and the records to write."""
    book = read_book(layout, path, shown_as)
    catalog, load_problems = load_catalog(layout)
    ids = IdMaker(layout, catalog, RegionTree(catalog.reference.get("regions", [])))
    reader = RowReader(layout, catalog, book, ids)
    merged = reader.merge()
    cells = CellLocator(book, reader.tables)
    found = reader.loader.problems + reader.problems + run_checks(CheckContext(layout, merged, today))
    ours = [p for p in found if cells.is_ours(p)]
    others = [p for p in found if not cells.is_ours(p)]
    if others:  # problems elsewhere that the import causes: those the catalogue did not have before
        before = {_key(p) for p in load_problems + run_checks(CheckContext(layout, catalog, today))}
        others = [p for p in others if _key(p) not in before]
    located = dedupe(book.problems + [cells.locate(p) for p in ours])
    plan = ImportPlan(book, sorted(set(located + others), key=lambda p: p.sort_key()))
    sort_changes(plan, reader, cells, located)
    return plan


def _key(p: Problem) -> tuple[str, str, str | None, str | None, tuple[tuple[str, str], ...]]:
    return (p.code, p.file, p.record, p.field, p.params)
