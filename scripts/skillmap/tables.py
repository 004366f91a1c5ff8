"""The catalogue as tables in flat form, in one stable order: open data, the workbook and
`/updates/` all read the rows from here."""

from __future__ import annotations

from typing import Any

from .paths import Layout
from .records import Catalog, Record


def rows_of(layout: Layout, catalog: Catalog, name: str) -> list[dict[str, Any]]:
    """The rows of one table: records by id, nested rows after their parent's, reference rows as read."""
    if name in catalog.reference:
        return catalog.reference[name]
    res = layout.resources[name]
    if res.nested_in is not None:
        parents = sorted(catalog.records.get(res.nested_in, []), key=_by_id)
        return [child.values for p in parents for child in p.nested(res.nested_key or name)]
    return [r.values for r in sorted(catalog.records.get(name, []), key=_by_id)]


def _by_id(record: Record) -> str:
    return record.id or ""
