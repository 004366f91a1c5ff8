"""The thin adapter MkDocs calls during `skillmap build` (the generated config names it in `hooks:`).

MkDocs converts every page before it writes the first one, so it holds the whole site's HTML at
once: about 1 GB at N = 20,000 projects. Here a page's Markdown source is dropped once converted,
its HTML is kept compressed until the theme writes the page, and dropped once written, so memory
grows with the compressed site (a fifth of it), not the site. Output is unchanged: the theme
reads the same text.
"""

from __future__ import annotations

import zlib
from typing import Any


class StoredHtml:
    """A page's HTML, compressed until the theme asks for it (`{{ page.content }}`, `"<h1" in …`)."""

    __slots__ = ("_empty", "_packed", "_text")

    def __init__(self, html: str) -> None:
        self._packed = zlib.compress(html.encode("utf-8"), 1)
        self._empty = not html
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = zlib.decompress(self._packed).decode("utf-8")
        return self._text

    def __html__(self) -> str:
        return str(self)

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def __bool__(self) -> bool:
        return not self._empty


def on_page_content(html: str, page: Any, **_: Any) -> Any:
    page.markdown = None
    return StoredHtml(html)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    page.content = None  # written: nothing reads it again
    return output
