"""Markdown fields: no raw HTML or script, and every link with a safe scheme.

Autolinks (`<https://…>`), a bare `<` in text and entities are Markdown, not HTML. Code
spans and fenced blocks are literal text, so tags inside them are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..markdown_text import blank_code
from ..problems import Problem
from .context import CheckContext, at_offset
from .links import unsafe_scheme

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(?=[\s/>])[^<>]*>|<!--|<![a-zA-Z\[]|<\?")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>]*)")
_REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")


def markdown_problems(text: str) -> list[tuple[str, str, int]]:
    """(problem code, Chinese description, offset in text) for what is unsafe in one Markdown text."""
    prose = blank_code(text)
    found: list[tuple[str, str, int]] = []
    tag = _TAG.search(prose)
    if tag:
        found.append(("raw-html", f"含有 HTML 标签“{tag.group(0)[:40]}”", tag.start()))
    for pattern in (_INLINE_LINK, _REFERENCE_DEF, _AUTOLINK):
        for m in pattern.finditer(prose):
            scheme = unsafe_scheme(m.group(1))
            if scheme is not None:
                found.append(
                    ("unsafe-link", f"链接“{m.group(1)[:40]}”使用了不安全的协议“{scheme}:”", m.start())
                )
    return found


def check(ctx: CheckContext) -> Iterator[Problem]:
    for res, rec in ctx.rows():
        for field in ctx.fields_with_check(res, "markdown"):
            value = rec.get(field.name)
            if not isinstance(value, str):
                continue
            for code, message, offset in markdown_problems(value):
                yield at_offset(rec, code, field.name, value, offset, f"{field.label}{message}。")
