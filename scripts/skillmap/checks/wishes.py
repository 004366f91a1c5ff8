"""The workers' wishes (SPEC §8): one cell counted once per cycle, no cycle still to come, and
each file named for the cycle it holds (the cycle is how the latest survey is found)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..problems import Problem
from .context import CheckContext, at


def check(ctx: CheckContext) -> Iterator[Problem]:
    month = f"{ctx.today:%Y-%m}"
    seen: dict[tuple[str, ...], int] = {}
    for rec in ctx.catalog.records.get("wishes", []):
        cycle = str(rec.get("cycle") or "")
        if not cycle:
            continue  # a missing cycle is the schema's problem
        if cycle > month:
            yield at(rec, "date-in-future", "cycle", label="期别", value=cycle, today=ctx.today)
        path = PurePosixPath(rec.file)
        # A workbook row has no file of its own: the import writes it into its cycle's file.
        if rec.sheet is None and path.stem != cycle:
            yield at(rec, "wish-cycle-mismatch", "cycle", cycle=cycle, file=PurePosixPath(rec.file).name)
        key = (cycle, *(str(rec.get(name)) for name in ("region", "occupation", "group")))
        first = seen.setdefault(key, rec.line or 0)
        if first != (rec.line or 0):
            yield at(
                rec,
                "wish-duplicate",
                "occupation",
                cycle=cycle,
                region=key[1],
                occupation=key[2],
                group=key[3],
                first=first,
            )
