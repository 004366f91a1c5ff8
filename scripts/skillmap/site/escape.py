"""Text from data never becomes markup: plain fields are escaped, Markdown fields sanitised.

The checker refuses HTML and unsafe links in data, but the renderer does not rely on it.
Escaping uses numeric character references, which mean the same inside Markdown text,
table cells, headings and raw HTML attributes, so one function serves every place.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from ..checks.links import unsafe_scheme
from ..markdown_text import split_code

# Characters that are markup anywhere in HTML or Markdown (with tables, attr_list, md_in_html);
# `-`, `+`, `.`, `=` and `#` are markup only at the start of a line (lists, rules, headings).
_SPECIAL = re.compile(r"[&<>\"'\\`*_\[\](){}!|~]|^[\-+.=#]|^\d+(?=[.)])")
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^<>\s]*)>", re.IGNORECASE)
# [label](target "title"); the target may hold one level of balanced parentheses.
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()]*\))*)>?(\s+\"[^\"]*\")?\s*\)")
_REFERENCE_DEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)<?(\S+?)>?(?=\s|$)", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)


def plain(value: Any) -> Markup:
    """A plain field as literal text in Markdown or HTML: `[x](y)`, `<b>` and `a|b` show as typed."""
    text = " ".join(str(value).split()) if value is not None else ""
    return Markup(_SPECIAL.sub(_entity, text))


def _entity(m: re.Match[str]) -> str:
    return "".join(f"&#{ord(ch)};" for ch in m.group(0))


def markdown(value: Any, heading_floor: int = 3) -> Markup:
    """A Markdown field made safe to embed in a generated page.

    Raw HTML cannot survive (every `<` that does not open a safe autolink is escaped), links
    with an unsafe scheme lose their target, attribute lists `{...}` are disarmed, and
    headings are pushed below the page's own (`#` becomes level `heading_floor`).
    """
    if value is None:
        return Markup("")
    text = str(value).replace("\r\n", "\n").strip("\n")
    parts = split_code(text)
    out = [part if is_code else _sanitise_prose(part, heading_floor) for part, is_code in parts]
    return Markup("".join(out))


def _sanitise_prose(text: str, heading_floor: int) -> str:
    text = _LINK.sub(_safe_link, text)
    text = _REFERENCE_DEF.sub(lambda m: m.group(1) + ("#" if unsafe_scheme(m.group(2)) else m.group(2)), text)
    autolinks: list[str] = []

    def keep(m: re.Match[str]) -> str:
        autolinks.append(m.group(0))
        return f"\x00{len(autolinks) - 1}\x00"

    text = _AUTOLINK.sub(keep, text)
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace("{", "&#123;").replace("}", "&#125;")
    text = re.sub(r"\x00(\d+)\x00", lambda m: autolinks[int(m.group(1))], text)
    shift = max(0, heading_floor - 1)
    return _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + shift), text)


def _safe_link(m: re.Match[str]) -> str:
    bang, label, target, title = m.group(1), m.group(2), m.group(3), m.group(4) or ""
    if unsafe_scheme(target) is not None:
        return label  # keep the words, drop the target
    return f"{bang}[{label}]({target}{title})"


def json_for_script(data: Any) -> Markup:
    """JSON safe inside <script>: `</script>` and `<!--` cannot end or hide the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
