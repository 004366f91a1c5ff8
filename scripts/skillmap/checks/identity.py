"""Ids are unique within a resource; the later file in path order carries the problem."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from .context import CheckContext, at


def check(ctx: CheckContext) -> Iterator[Problem]:
    for name, records in ctx.catalog.records.items():
        title = ctx.layout.resources[name].title
        first: dict[str, str] = {}
        for rec in sorted(records, key=lambda r: (r.file, r.line)):
            if rec.id is None:
                continue
            if rec.id in first:
                yield at(rec, "duplicate-id", "id", title=title, id=rec.id, first_file=first[rec.id])
            else:
                first[rec.id] = rec.origin
