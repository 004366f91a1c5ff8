"""Markdown fields, read once with markdown-it: what the checker refuses, what the site shows, what search reads.

One parser (CommonMark with tables) gives the tokens for all three, so the checker, the
sanitiser and the plain text can never disagree on what is a link, a tag or code:

- `problems(text)`: raw HTML and links with an unsafe scheme (SPEC §6), with their offsets;
- `to_html(text)`: safe HTML for a page (HTML shown as text, unsafe links as their words,
  images as links, headings pushed below the page's own);
- `to_text(text)`: the words, for search and summaries.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .links import unsafe_scheme

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
# Every link becomes a token, so that the checker sees the unsafe ones; the renderer decides.
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]
# The checker's reading: escapes and entities stay tokens of their own (`text_special`), so a
# `text` token holds exactly the characters typed, and a `<` in it was typed as a `<`.
_CHECKER = MarkdownIt("commonmark", {"html": True}).enable("table").disable("text_join")
_CHECKER.validateLink = lambda url: True  # type: ignore[method-assign]
# Other renderers of the open data may turn `[x](java\tscript:…)` into a link, which CommonMark
# does not: the checker refuses what merely looks like a link with an unsafe scheme, too.
_LINKISH = re.compile(r"\]\(\s*<?([^)>]*)")

# (problem code, the parameters of its message but the field's label, offset in the text)
Problem = tuple[str, dict[str, str], int]


def _parse(text: str) -> tuple[list[Token], dict[str, Any]]:
    env: dict[str, Any] = {}
    return _PARSER.parse(text, env), env


def _walk(tokens: Sequence[Token]) -> Iterator[tuple[Token, Token]]:
    """Every token with its block (an inline token's children carry no line numbers), images'
    alt text included."""
    for block in tokens:
        yield block, block
        stack = list(reversed(block.children or ()))
        while stack:
            child = stack.pop()
            yield child, block
            stack.extend(reversed(child.children or ()))


# -- the checker -------------------------------------------------------------------------


def problems(text: str) -> list[Problem]:
    """What is unsafe in one Markdown text: raw HTML and links with a scheme we do not publish."""
    if "<" not in text and "[" not in text:
        return []  # every tag, autolink, link and reference starts with one of these: nothing to find
    env: dict[str, Any] = {}
    tokens = _CHECKER.parse(text, env)
    starts = _line_starts(text)
    found: list[Problem] = []
    with_html: set[int] = set()  # one raw-html problem per block: its first tag
    for token, block in _walk(tokens):
        tags: list[str] = []
        if token.type in ("html_block", "html_inline"):
            tags = [token.content.strip()]
        elif token.type == "text":
            # Tags CommonMark does not take for HTML (`<svg/onload=…>`, an unclosed `<img …`)
            # are still tags to a browser that shows the open data.
            tags = [tag for tag, _ in html_tags(token.content)]
            for m in _LINKISH.finditer(token.content):
                found += _unsafe(text, starts, block, m.group(1))
        elif token.type in ("link_open", "image"):
            target = str(token.attrs.get("href") or token.attrs.get("src") or "")
            found += _unsafe(text, starts, block, target)
            tags = [tag for tag, _ in html_tags(str(token.attrs.get("title") or ""))]
        if tags and id(block) not in with_html:
            with_html.add(id(block))
            offset = _find(text, starts, block, tags[0])
            found.append(("raw-html", {"tag": tags[0][:40]}, offset))
    for ref in (env.get("references") or {}).values():
        found += _unsafe(text, starts, None, str(ref.get("href", "")), ref.get("map"))
    return _unique(found)


class _TagFinder(HTMLParser):
    """The standard library's HTML tokenizer, noting every tag, comment and declaration it meets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[int, int]]] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.found.append((self.get_starttag_text() or f"<{tag}>", self.getpos()))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.found.append((f"</{tag}>", self.getpos()))

    def handle_comment(self, data: str) -> None:
        self.found.append((f"<!--{data}-->", self.getpos()))

    def handle_decl(self, decl: str) -> None:
        self.found.append((f"<!{decl}>", self.getpos()))

    def handle_pi(self, data: str) -> None:
        self.found.append((f"<?{data}>", self.getpos()))

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)


_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")


def html_tags(text: str) -> list[tuple[str, int]]:
    """Every tag a browser would start in `text`, read as HTML: (the tag as written, offset).

    A `<` before a letter, `/`, `!` or `?` starts a tag in HTML's tokenizer, so a tag left
    open at the end of the text counts too (another text joined after it would close it).
    """
    if "<" not in text:
        return []
    finder = _TagFinder()
    finder.feed(text)
    rest = finder.rawdata[finder.rawdata.find("<") :] if "<" in finder.rawdata else ""
    starts = _line_starts(text)
    found = [(tag, starts[line - 1] + column) for tag, (line, column) in finder.found]
    if _TAG_OPEN.match(rest):
        found.append((rest.split("\n", 1)[0], len(text) - len(rest)))
    return found


def _unsafe(
    text: str, starts: list[int], block: Token | None, target: str, lines: list[int] | None = None
) -> list[Problem]:
    scheme = unsafe_scheme(target)
    if scheme is None:
        return []
    first = (lines or (block.map if block is not None and block.map else [0]))[0]
    offset = _search(text, starts[first], scheme + ":")
    return [("unsafe-link", {"detail": f"中的链接“{target[:40]}”使用了不安全的协议“{scheme}:”"}, offset)]


def _unique(found: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, tuple[tuple[str, str], ...], int]] = set()
    out = []
    for code, params, offset in found:
        key = (code, tuple(sorted(params.items())), offset)
        if key not in seen:
            seen.add(key)
            out.append((code, params, offset))
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _find(text: str, starts: list[int], block: Token, needle: str) -> int:
    begin = starts[block.map[0]] if block.map else 0
    at = text.find(needle, begin)
    return at if at >= 0 else begin


def _search(text: str, begin: int, needle: str) -> int:
    """The offset of `needle` (any case, any control characters inside) from `begin`."""
    pattern = r"[\x00-\x20]*".join(re.escape(ch) for ch in needle)
    m = re.compile(pattern, re.IGNORECASE).search(text, begin)
    return m.start() if m else begin


# -- the site ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def to_html(text: str, heading_floor: int = 3) -> str:
    """Safe HTML of a Markdown field; `#` becomes a heading of level `heading_floor` (and lower).

    Cached: the same text (an institution's 就业服务 on each of its projects) is rendered once.
    """
    tokens, _ = _parse(text)
    shift = max(0, heading_floor - 1)
    for token, _block in _walk(tokens):
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
        elif token.type in ("html_block", "html_inline"):
            token.type = "text"  # shown as the characters typed, never as markup
        elif token.type == "image":
            _image_as_link(token)
    _drop_unsafe_links(tokens)
    return str(_PARSER.renderer.render(tokens, _PARSER.options, {}))


def _image_as_link(token: Token) -> None:
    """Images would load from another host: the page links to them instead."""
    alt = "".join(c.content for c in token.children or ()) or "图片"
    src = str(token.attrs.get("src") or "")
    token.type, token.tag, token.nesting, token.children = "html_inline", "", 0, None
    token.content = (
        f'<a href="{html.escape(src, quote=True)}" rel="noopener">{html.escape(alt)}</a>'
        if unsafe_scheme(src) is None
        else html.escape(alt)
    )


def _drop_unsafe_links(tokens: Sequence[Token]) -> None:
    """A link with an unsafe target keeps its words and loses the link."""
    for block in tokens:
        children = block.children or []
        depth_to_drop: list[bool] = []
        kept: list[Token] = []
        for child in children:
            if child.type == "link_open":
                unsafe = unsafe_scheme(str(child.attrs.get("href") or "")) is not None
                depth_to_drop.append(unsafe)
                if unsafe:
                    continue
            elif child.type == "link_close" and depth_to_drop and depth_to_drop.pop():
                continue
            kept.append(child)
        if block.children is not None:
            block.children = kept


# -- search ------------------------------------------------------------------------------


def to_text(text: str) -> str:
    """The words of a Markdown field, one line per block, without markup."""
    tokens, _ = _parse(text)
    lines: list[str] = []
    for block in tokens:
        if block.type == "inline":
            lines.append("".join(_inline_text(c) for c in block.children or ()))
        elif block.type in ("fence", "code_block"):
            lines.append(block.content)
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _inline_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type == "image":
        return "".join(c.content for c in token.children or ())
    return ""
