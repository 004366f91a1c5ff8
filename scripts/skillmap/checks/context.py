"""What every check sees: the catalogue, the layout and the day the checks are run for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..paths import Layout, Resource
from ..problems import Location, Problem, problem
from ..records import Catalog, Record
from ..schema import Field


@dataclass
class CheckContext:
    layout: Layout
    catalog: Catalog
    today: dt.date

    def rows(self) -> Iterator[tuple[Resource, Record]]:
        """Every record and every nested row (demand, outcomes), with its resource."""
        for name, records in self.catalog.records.items():
            res = self.layout.resources[name]
            for rec in records:
                yield res, rec
                for children in rec.children.values():
                    for child in children:
                        yield self.layout.resources[child.resource], child

    def fields_with_check(self, res: Resource, check: str) -> list[Field]:
        return [f for f in res.schema.fields if f.check == check]


def at(rec: Record, code: str, name: str, /, **params: object) -> Problem:
    """A problem located at a field of a record."""
    where = Location(rec.file, rec.line_of(name), rec.id, rec.path(name), sheet=rec.sheet)
    return problem(code, where, **params)


def at_offset(rec: Record, code: str, name: str, value: str, offset: int, /, **params: object) -> Problem:
    """A problem inside a text, on the line of the offending characters where that is known."""
    where = Location(rec.file, rec.text_line(name, value, offset), rec.id, rec.path(name), sheet=rec.sheet)
    return problem(code, where, **params)
