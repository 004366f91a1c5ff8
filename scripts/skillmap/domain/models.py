"""Typed records: what the site, search, the report and exports read once the catalogue is checked.

Each class is built from a checked `Record` (the loader's flat, located form) by
`from_record`; a test keeps the attributes equal to the schema's fields, so the two cannot
drift. Amounts are `Decimal` yuan, dates `datetime.date`, lists tuples.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from ..records import Record

T = TypeVar("T", bound="Typed")


@dataclass(frozen=True)
class Typed:
    """Common to every typed record: how it is built from a `Record`."""

    record: Record = field(repr=False, compare=False)
    # Attributes that are groups of flat fields (`contact` ← `contact.name`, `contact.phone`).
    GROUPS: ClassVar[dict[str, type]] = {}

    @classmethod
    def from_record(cls: type[T], rec: Record) -> T:
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "record":
                continue
            values[f.name] = _value(cls, rec, f.name, str(f.type).startswith("tuple["))
        return cls(record=rec, **values)

    @property
    def file(self) -> str:
        return self.record.file


def _value(cls: type[Typed], rec: Record, name: str, is_list: bool) -> Any:
    group = cls.GROUPS.get(name)
    if group is Location:
        lat, lon = rec.get("location.lat"), rec.get("location.lon")
        return None if lat is None or lon is None else Location(lat, lon)
    if group is Contact:
        return Contact(rec.get("contact.name"), rec.get("contact.phone"))
    if group is Demand:
        return tuple(Demand.from_row(r) for r in rec.nested("demand"))
    if group is Outcomes:
        rows = rec.nested("outcomes")
        return Outcomes.from_row(rows[0]) if rows else None
    value = rec.get(name)
    if is_list:
        return tuple(value or ())
    return value


@dataclass(frozen=True)
class Location:
    """GCJ-02 coordinates, as 高德 and 腾讯 maps show them."""

    lat: Decimal
    lon: Decimal


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str


@dataclass(frozen=True)
class Demand:
    """One line of 岗位需求: an employer's openings and the monthly pay in yuan."""

    employer: str
    position: str
    openings: int
    salary_min: int
    salary_max: int
    region: str

    @classmethod
    def from_row(cls, row: Record) -> Demand:
        return cls(**{f.name: row.get(f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Outcomes:
    """Earlier classes: how many completed, got a certificate, found work."""

    completed: int
    certified: int | None
    employed: int | None

    @classmethod
    def from_row(cls, row: Record) -> Outcomes:
        return cls(**{f.name: row.get(f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Institution(Typed):
    id: str
    name: str
    uscc: str
    kind: str
    region: str
    address: str
    location: Location | None
    phone: str
    website: str | None
    evaluator: bool | None
    listed_on: dt.date
    listed_until: dt.date | None
    status: str
    summary: str | None
    updated: dt.date

    GROUPS: ClassVar[dict[str, type]] = {"location": Location}


@dataclass(frozen=True)
class Project(Typed):
    id: str
    title: str
    institution: str
    record_no: str | None
    approved_by: str | None
    occupation: str
    level: str
    industry: str | None
    groups: tuple[str, ...]
    region: str
    address: str | None
    location: Location | None
    mode: str
    schedule: str
    times: str | None
    hours: int
    starts: dt.date
    ends: dt.date
    enroll_until: dt.date
    capacity: int
    fee: Decimal
    subsidy_per_hour: Decimal
    free: bool
    subsidy_to: str | None
    certificate: str
    evaluator: str | None
    evaluator_name: str | None
    demand: tuple[Demand, ...]
    services: str
    contact: Contact
    enroll_how: str | None
    summary: str
    content: str
    outcomes: Outcomes | None
    updated: dt.date

    GROUPS: ClassVar[dict[str, type]] = {
        "location": Location,
        "contact": Contact,
        "demand": Demand,
        "outcomes": Outcomes,
    }


@dataclass(frozen=True)
class Brand(Typed):
    id: str
    name: str
    region: str
    occupations: tuple[str, ...]
    labor_brand: str | None
    summary: str
    description: str
    institutions: tuple[str, ...]
    projects: tuple[str, ...]
    since: int
    updated: dt.date


@dataclass(frozen=True)
class Case(Typed):
    id: str
    title: str
    person: str
    group: str
    region: str
    project: str | None
    brand: str | None
    institution: str | None
    before: str
    after: str
    income_before: int | None
    income_after: int | None
    story: str
    published: dt.date
    consent: bool | None
    updated: dt.date


@dataclass(frozen=True)
class Job(Typed):
    """One posting of an employer's 用工需求清单 (SPEC §8)."""

    id: str
    employer: str
    uscc: str | None
    industry: str | None
    occupation: str
    position: str
    level: str | None
    openings: int
    salary_min: int
    salary_max: int
    region: str
    address: str | None
    requirements: str | None
    benefits: str | None
    contact: Contact
    source: str
    published: dt.date
    valid_until: dt.date
    projects: tuple[str, ...]
    updated: dt.date

    GROUPS: ClassVar[dict[str, type]] = {"contact": Contact}


@dataclass(frozen=True)
class Wish(Typed):
    """One cell of a cycle's 培训就业需求: how many people there want training in, or a job in, an occupation."""

    cycle: str
    region: str
    occupation: str
    group: str
    want_training: int
    want_job: int


MODELS: dict[str, type[Typed]] = {
    "institutions": Institution,
    "projects": Project,
    "jobs": Job,
    "wishes": Wish,
    "brands": Brand,
    "cases": Case,
}
