"""`skillmap import --apply`: the good rows become canonical YAML records, all or nothing.

Every file is first written beside its target under a temporary name; only when all of them
are written are they moved into place, so a failure never leaves a half-applied import.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..flat import FlatRecord, shape_of, unflatten
from ..fmt import render_record
from ..paths import Layout
from .merge import ImportPlan, Planned


def record_text(layout: Layout, planned: Planned) -> str:
    """The canonical YAML of a planned record; a changed record keeps its file's comments."""
    shape = shape_of(layout, planned.resource)
    children = {
        shape.children[key].name: [dict(child.values) for child in rows]
        for key, rows in planned.record.children.items()
        if key in shape.children
    }
    nested = unflatten(shape, FlatRecord(dict(planned.record.values), children))
    old_text = None
    if planned.old is not None:
        old_text = (layout.root / planned.file).read_bytes().decode("utf-8-sig")
    return render_record(layout, planned.resource, nested, old_text)


def apply_plan(layout: Layout, plan: ImportPlan) -> list[str]:
    """Write every planned record; returns the files written (relative to the root)."""
    staged: list[tuple[Path, Path]] = []
    try:
        for planned in plan.writes:
            target = layout.root / planned.file
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.import-tmp")
            staged.append((tmp, target))
            tmp.write_text(record_text(layout, planned), encoding="utf-8", newline="\n")
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [p.file for p in plan.writes]
