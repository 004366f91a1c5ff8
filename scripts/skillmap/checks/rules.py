"""Rules of the 四位一体 project model that tie several fields together."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from ..records import Record
from .context import CheckContext, at


def check(ctx: CheckContext) -> Iterator[Problem]:
    for job in ctx.catalog.records.get("jobs", []):
        yield from _salary_order(job)
    for rec in ctx.catalog.records.get("projects", []):
        if rec.get("mode") not in (None, "线上") and not rec.get("address"):
            yield at(rec, "address-required", "address", mode=rec.get("mode"))
        groups = rec.get("groups") or []
        if not rec.nested("demand") and groups and set(groups) != {"企业职工"}:
            yield at(rec, "demand-empty", "demand")
        if rec.get("evaluator") and rec.get("evaluator_name"):
            yield at(rec, "evaluator-conflict", "evaluator_name")
        for row in rec.nested("demand"):
            yield from _salary_order(row)
        for row in rec.nested("outcomes"):
            done = row.get("completed")
            for name, label in (("certified", "取证人数"), ("employed", "就业人数")):
                value = row.get(name)
                if isinstance(done, int) and isinstance(value, int) and value > done:
                    yield at(
                        row,
                        "value-order",
                        name,
                        label=label,
                        value=value,
                        relation="多于",
                        other_label="结业人数",
                        other=done,
                    )


def _salary_order(row: Record) -> Iterator[Problem]:
    """A posting's or a project demand's pay: the lowest no higher than the highest."""
    low, high = row.get("salary_min"), row.get("salary_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        yield at(
            row,
            "value-order",
            "salary_min",
            label="最低月薪",
            value=low,
            relation="高于",
            other_label="最高月薪",
            other=high,
        )
