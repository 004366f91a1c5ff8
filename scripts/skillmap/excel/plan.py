"""What an import would do, as data: the changes people read and the records to write."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..paths import Resource
from ..problems import Problem, Verdict
from ..records import Record
from .read import Book


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
