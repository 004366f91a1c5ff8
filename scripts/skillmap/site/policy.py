"""The policy text as published: the PDF's broken line joins repaired, the dead link removed."""

from __future__ import annotations

import re

_DEAD_LINK = re.compile(r"^\[[^\]]*\]\(#?\)$")
_CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")
_SECTION = re.compile(r"^（[一二三四五六七八九十]+）")
_SENTENCE_END = tuple("。；：！？”）)」")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A paragraph cut in the middle of a sentence is long; titles and headings are short.
_MIN_CUT_LENGTH = 30


def repair(text: str) -> list[str]:
    """Paragraphs of the policy with the PDF's page-break joins undone and dead links dropped."""
    paragraphs: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _DEAD_LINK.match(line):
            continue
        if paragraphs and _cut(paragraphs[-1], line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return paragraphs


def _cut(previous: str, line: str) -> bool:
    """A page break inside a sentence: long prose (it has commas) that stops mid-word."""
    return (
        len(previous) >= _MIN_CUT_LENGTH
        and ("，" in previous or "。" in previous)
        and not previous.endswith(_SENTENCE_END)
        and bool(_CJK.match(previous[-1]))
        and bool(_CJK.match(line[0]))
    )


def as_markdown(text: str) -> str:
    """The repaired policy as Markdown: chapters and sections become headings, items stay lists."""
    out = []
    for para in repair(text):
        if _CHAPTER.match(para):
            out.append(f"### {para}")
        elif _SECTION.match(para):
            out.append(f"#### {para}")
        elif para.endswith(("实施方案", "的通知")):
            out.append(f"### {para}")
        else:
            out.append(para)
    return "\n\n".join(out) + "\n"
