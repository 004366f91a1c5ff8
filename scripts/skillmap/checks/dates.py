"""Dates in order, none in the future, records confirmed within their cycle, hosts still listed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..domain.status import FRESH_DAYS, age_days, has_ended, is_stale, unlisted_reason
from ..problems import Problem
from .context import CheckContext, at

# (earlier field, later field): the problem names the earlier-listed field.
ORDER = {
    "projects": (("starts", "ends"), ("enroll_until", "ends")),
    "institutions": (("listed_on", "listed_until"),),
    "jobs": (("published", "valid_until"),),
}


def check(ctx: CheckContext) -> Iterator[Problem]:
    yield from _order(ctx)
    yield from _future(ctx)
    yield from _stale(ctx)
    yield from _inactive_hosts(ctx)


def _order(ctx: CheckContext) -> Iterator[Problem]:
    for name, pairs in ORDER.items():
        schema = ctx.layout.resources[name].schema
        for rec in ctx.catalog.records.get(name, []):
            for early, late in pairs:
                a, b = rec.get(early), rec.get(late)
                if isinstance(a, dt.date) and isinstance(b, dt.date) and a > b:
                    fa, fb = schema.field(early), schema.field(late)
                    assert fa is not None and fb is not None
                    yield at(
                        rec, "date-order", early, early_label=fa.label, early=a, late_label=fb.label, late=b
                    )


def _future(ctx: CheckContext) -> Iterator[Problem]:
    for res, rec in ctx.rows():
        for field in ctx.fields_with_check(res, "past-date"):
            value = rec.get(field.name)
            if isinstance(value, dt.date) and value > ctx.today:
                yield at(rec, "date-in-future", field.name, label=field.label, value=value, today=ctx.today)


def _stale(ctx: CheckContext) -> Iterator[Problem]:
    for name, days in FRESH_DAYS.items():
        for rec in ctx.catalog.records.get(name, []):
            updated = rec.get("updated")
            if isinstance(updated, dt.date) and is_stale(name, updated, ctx.today):
                age = age_days(updated, ctx.today)
                yield at(rec, "stale-record", "updated", age=age, updated=updated, days=days)


def _inactive_hosts(ctx: CheckContext) -> Iterator[Problem]:
    institutions = ctx.catalog.by_id("institutions")
    for rec in ctx.catalog.records.get("projects", []):
        ends = rec.get("ends")
        host = institutions.get(rec.get("institution") or "")
        if host is None or not isinstance(ends, dt.date) or has_ended(ends, ctx.today):
            continue
        status = host.get("status")
        if status is None:
            continue  # a host without a status already carries its own problem
        why = unlisted_reason(status, host.get("listed_until"), ctx.today)
        if why is None:
            continue
        yield at(
            rec, "institution-inactive", "institution", ends=ends, host=host.get("name", host.id), reason=why
        )
