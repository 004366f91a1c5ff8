"""References to other records and to reference lists must resolve."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from ..records import Record
from .context import CheckContext, at


def check(ctx: CheckContext) -> Iterator[Problem]:
    keys: dict[tuple[str, str], set[str]] = {}
    # Reference lists staff extend (place names) point at other lists too.
    listed = [
        (ctx.layout.resources[name], rec) for name, recs in ctx.catalog.reference_rows.items() for rec in recs
    ]
    for res, rec in [*ctx.rows(), *listed]:
        for field in res.schema.fields:
            if field.ref is None or field.name not in rec.values:
                continue
            if res.nested_in is not None and field.name == "project":
                continue  # nested rows belong to their parent by construction
            target, key = field.ref
            if field.ref not in keys:
                # Ids of files that could not be read count as known: those files carry the problem.
                keys[field.ref] = ctx.catalog.keys(*field.ref) | ctx.catalog.unreadable.get(target, set())
            known = keys[field.ref]
            value = rec.values[field.name]
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                if str(item) in known:
                    continue
                name = f"{field.name}[{i}]" if isinstance(value, list) else field.name
                yield _unknown(ctx, rec, name, target, key, field.label, str(item))


def _unknown(
    ctx: CheckContext, rec: Record, name: str, target: str, key: str, label: str, value: str
) -> Problem:
    res = ctx.layout.resources[target]
    if target in ctx.catalog.reference:
        where = res.csv_path.relative_to(ctx.layout.root).as_posix() if res.csv_path else target
        hint = _near(ctx, target, key, value)
        return at(
            rec, "unknown-code", name, label=label, value=value, target=res.title, where=where, hint=hint
        )
    return at(rec, "unknown-id", name, label=label, value=value, target=res.title)


def _near(ctx: CheckContext, target: str, key: str, value: str) -> str:
    """A hint for the likely intended entry: 挖掘机 → 挖掘铲运和桩工机械司机."""
    rows = ctx.catalog.reference.get(target, [])
    for row in rows:
        aliases = row.get("aliases") or []
        if value in aliases:
            return f"是否应为“{row[key]}”？"
    if target == "regions":
        return "区划代码为 6 位数字，如呼和浩特市新城区 150102。"
    close = [str(row[key]) for row in rows if value and (value in str(row[key]) or str(row[key]) in value)]
    return f"是否应为“{close[0]}”？" if close else ""
