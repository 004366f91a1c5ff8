"""Text fields: no raw HTML or script, every link with a safe scheme, nothing a spreadsheet runs.

Markdown fields: autolinks (`<https://…>`), a bare `<` in text and entities are Markdown, not
HTML; code spans and fenced blocks are literal text, so tags inside them are allowed. Plain
fields (names, titles, addresses) are shown as typed, so any tag in them is refused, and so is
a start that Excel or WPS would run as a formula when the open data is opened (`formulas`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..formulas import starts_like_formula
from ..markdown_fields import html_tags
from ..markdown_fields import problems as markdown_problems
from ..paths import Resource
from ..problems import Problem
from ..records import Record
from ..schema import Field
from .context import CheckContext, at_offset

# Checked fields whose content is not free text: their own checks say what they may hold.
_NOT_PLAIN = frozenset({"markdown", "phone", "uscc", "url", "location"})


def check(ctx: CheckContext) -> Iterator[Problem]:
    for res, rec in ctx.rows():
        for field in ctx.fields_with_check(res, "markdown"):
            value = rec.get(field.name)
            if not isinstance(value, str):
                continue
            for code, params, offset in markdown_problems(value):
                yield at_offset(rec, code, field.name, value, offset, label=field.label, **params)
            if starts_like_formula(value, markdown=True):
                yield at_offset(rec, "formula-text", field.name, value, 0, label=field.label, start=value[0])
        for field, name, text in _plain_texts(res, rec):
            if starts_like_formula(text):
                yield at_offset(
                    rec, "formula-text", name, text, 0, label=field.label, start=repr(text[0])[1:-1]
                )
            for tag, offset in html_tags(text)[:1]:
                yield at_offset(rec, "raw-html", name, text, offset, label=field.label, tag=tag[:40])


def _plain_texts(res: Resource, rec: Record) -> Iterator[tuple[Field, str, str]]:
    for field in res.schema.fields:
        if field.check in _NOT_PLAIN or field.type not in ("string", "list"):
            continue
        value = rec.get(field.name)
        if isinstance(value, str):
            yield field, field.name, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield field, f"{field.name}[{i}]", item
