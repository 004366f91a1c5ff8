"""Dates in order, none in the future, records confirmed within their cycle, hosts still listed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..problems import Problem
from .context import CheckContext, at

# The policy surveys demand and updates what it publishes every 30 days; brands and cases
# change slowly, so a yearly confirmation is enough for them.
FRESH_DAYS = {"institutions": 30, "projects": 30, "brands": 365, "cases": 365}
# (earlier field, later field): the problem names the earlier-listed field.
ORDER = {
    "projects": (("starts", "ends"), ("enroll_until", "ends")),
    "institutions": (("listed_on", "listed_until"),),
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
                    yield at(rec, "date-order", early, f"{fa.label} {a} 晚于{fb.label} {b}。")


def _future(ctx: CheckContext) -> Iterator[Problem]:
    for res, rec in ctx.rows():
        for field in ctx.fields_with_check(res, "past-date"):
            value = rec.get(field.name)
            if isinstance(value, dt.date) and value > ctx.today:
                yield at(
                    rec, "date-in-future", field.name, f"{field.label} {value} 晚于今天（{ctx.today}）。"
                )


def _stale(ctx: CheckContext) -> Iterator[Problem]:
    for name, days in FRESH_DAYS.items():
        for rec in ctx.catalog.records.get(name, []):
            updated = rec.get("updated")
            if isinstance(updated, dt.date) and (ctx.today - updated).days > days:
                age = (ctx.today - updated).days
                yield at(
                    rec,
                    "stale-record",
                    "updated",
                    f"记录已 {age} 天未核实（上次 {updated}），超过 {days} 天的核实周期。",
                )


def _inactive_hosts(ctx: CheckContext) -> Iterator[Problem]:
    institutions = ctx.catalog.by_id("institutions")
    for rec in ctx.catalog.records.get("projects", []):
        ends = rec.get("ends")
        host = institutions.get(rec.get("institution") or "")
        if host is None or not isinstance(ends, dt.date) or ends < ctx.today:
            continue
        status = host.get("status")
        until = host.get("listed_until")
        if status in ("暂停", "退出"):
            why = f"目录状态为“{status}”"
        elif isinstance(until, dt.date) and until < ctx.today:
            why = f"目录资格已于 {until} 到期"
        else:
            continue
        yield at(
            rec,
            "institution-inactive",
            "institution",
            f"项目到 {ends} 才结束，但承办机构“{host.get('name', host.id)}”{why}。",
        )
