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

from ..markdown_fields import to_html

# Characters that are markup anywhere in HTML or Markdown (with tables, attr_list, md_in_html);
# `-`, `+`, `.`, `=` and `#` are markup only at the start of a line (lists, rules, headings).
_SPECIAL = re.compile(r"[&<>\"'\\`*_\[\](){}!|~]|^[\-+.=#]|^\d+(?=[.)])")


def plain(value: Any) -> Markup:
    """A plain field as literal text in Markdown or HTML: `[x](y)`, `<b>` and `a|b` show as typed."""
    text = " ".join(str(value).split()) if value is not None else ""
    return Markup(_SPECIAL.sub(_entity, text))


def _entity(m: re.Match[str]) -> str:
    return "".join(f"&#{ord(ch)};" for ch in m.group(0))


def markdown(value: Any, heading_floor: int = 3) -> Markup:
    """A Markdown field as safe HTML, embedded in a generated page as one raw HTML block.

    The field is rendered by the same reading the checker uses (`markdown_fields`): raw HTML
    shows as text, unsafe links keep only their words, and headings are pushed below the
    page's own (`#` becomes level `heading_floor`). MkDocs passes the block through untouched,
    so Markdown extensions (attribute lists and the like) never see data.
    """
    if value is None:
        return Markup("")
    text = str(value).replace("\r\n", "\n").strip("\n")
    if not text.strip():
        return Markup("")
    return Markup(f'<div class="sm-md">\n{to_html(text, heading_floor).strip()}\n</div>')


def json_for_script(data: Any) -> Markup:
    """JSON safe inside <script>: `</script>` and `<!--` cannot end or hide the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
