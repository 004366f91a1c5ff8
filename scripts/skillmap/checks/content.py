"""Markdown fields: no raw HTML or script, and every link with a safe scheme.

Autolinks (`<https://…>`), a bare `<` in text and entities are Markdown, not HTML. Code
spans and fenced blocks are literal text, so tags inside them are allowed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..markdown_fields import problems as markdown_problems
from ..problems import Problem
from .context import CheckContext, at_offset


def check(ctx: CheckContext) -> Iterator[Problem]:
    for res, rec in ctx.rows():
        for field in ctx.fields_with_check(res, "markdown"):
            value = rec.get(field.name)
            if not isinstance(value, str):
                continue
            for code, params, offset in markdown_problems(value):
                yield at_offset(rec, code, field.name, value, offset, label=field.label, **params)
