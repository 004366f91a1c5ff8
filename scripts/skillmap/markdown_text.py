"""Where Markdown is literal: fenced blocks and code spans, shared by the checker and the renderer."""

from __future__ import annotations

import re

FENCED = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


def split_code(text: str) -> list[tuple[str, bool]]:
    """Split Markdown into (text, is_code) runs, in order; joined they give the text back."""
    spans = sorted(
        [(m.start(), m.end()) for m in FENCED.finditer(text)]
        + [(m.start(), m.end()) for m in CODE_SPAN.finditer(text)]
    )
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            continue  # a code span inside a fenced block
        out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    out.append((text[pos:], False))
    return [part for part in out if part[0]]


def blank_code(text: str) -> str:
    """The text with code replaced by spaces (line breaks kept), so offsets still point into it."""
    return "".join(re.sub(r"[^\n]", " ", part) if is_code else part for part, is_code in split_code(text))
