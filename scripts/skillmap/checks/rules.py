"""Rules of the 四位一体 project model that tie several fields together."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from .context import CheckContext, at


def check(ctx: CheckContext) -> Iterator[Problem]:
    for rec in ctx.catalog.records.get("projects", []):
        if rec.get("mode") not in (None, "线上") and not rec.get("address"):
            yield at(
                rec,
                "address-required",
                "address",
                f"培训方式为“{rec.get('mode')}”，必须填写培训地点（address）。",
            )
        groups = rec.get("groups") or []
        if not rec.nested("demand") and groups and set(groups) != {"企业职工"}:
            yield at(
                rec, "demand-empty", "demand", "项目没有列出岗位需求（demand）：学员看不到学完能去哪里就业。"
            )
        if rec.get("evaluator") and rec.get("evaluator_name"):
            yield at(
                rec,
                "evaluator-conflict",
                "evaluator_name",
                "已填写目录内评价机构 evaluator，evaluator_name 应删除。",
            )
        for row in rec.nested("demand"):
            low, high = row.get("salary_min"), row.get("salary_max")
            if isinstance(low, int) and isinstance(high, int) and low > high:
                yield at(row, "value-order", "salary_min", f"最低月薪 {low} 高于最高月薪 {high}。")
        for row in rec.nested("outcomes"):
            done = row.get("completed")
            for name, label in (("certified", "取证人数"), ("employed", "就业人数")):
                value = row.get(name)
                if isinstance(done, int) and isinstance(value, int) and value > done:
                    yield at(row, "value-order", name, f"{label} {value} 多于结业人数 {done}。")
