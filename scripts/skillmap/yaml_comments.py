"""Comments in a YAML record, found exactly and carried to the same fields after reformatting.

An editor's note (`# 电话经 11 月回访核实`) belongs to the field it sits on or above. The
YAML parsers drop comments, so they are found in the gaps between the scanner's tokens (where
only spaces and comments can be: never inside a quoted or `|` text) and attached by path:
a comment at the end of a line to the field on that line, a comment on a line of its own to
the field that follows it. `reattach` puts them back beside the same paths in the new text.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Comment:
    text: str  # from `#` to the end of the line, trailing spaces removed
    line: int  # 1-based
    inline: bool  # after content on the same line


@dataclass(frozen=True)
class Attached:
    comment: Comment
    path: str | None  # None: after everything (the file's closing comments)


def find_comments(text: str) -> list[Comment]:
    """Every comment in the text, in order (the text must parse as YAML)."""
    lines = text.split("\n")
    found: list[Comment] = []
    previous = (0, 0)
    for token in yaml.scan(text, Loader=_Loader):
        start = (token.start_mark.line, token.start_mark.column)
        found += _gap_comments(lines, previous, start)
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            found += _block_header_comment(lines, start)
        end = (token.end_mark.line, token.end_mark.column)
        previous = max(previous, end)
    return found


def _gap_comments(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> list[Comment]:
    out = []
    for row in range(start[0], min(end[0], len(lines) - 1) + 1):
        line = lines[row]
        first = start[1] if row == start[0] else 0
        last = end[1] if row == end[0] else len(line)
        segment = line[first:last]
        hash_at = segment.find("#")
        if hash_at < 0:
            continue
        before = line[: first + hash_at]
        out.append(Comment(segment[hash_at:].rstrip(), row + 1, inline=bool(before.strip())))
    return out


def _block_header_comment(lines: list[str], start: tuple[int, int]) -> list[Comment]:
    """The comment after a block scalar's indicator (`content: |  # …`), which its token spans."""
    header = lines[start[0]][start[1] :]
    hash_at = header.find("#")
    if hash_at < 0:
        return []
    return [Comment(header[hash_at:].rstrip(), start[0] + 1, inline=True)]


def attach(comments: list[Comment], paths: dict[str, int], header_lines: int) -> list[Attached]:
    """Give each comment below the header the path it belongs to (see the module docstring)."""
    by_line: dict[int, list[str]] = {}
    for path, line in paths.items():
        by_line.setdefault(line, []).append(path)
    ordered = sorted(by_line)
    out = []
    for c in comments:
        if c.line <= header_lines:
            continue
        if c.inline:
            on_line = by_line.get(c.line) or by_line.get(max((n for n in ordered if n < c.line), default=-1))
            out.append(Attached(c, max(on_line, key=len) if on_line else None))
        else:
            after = next((n for n in ordered if n > c.line), None)
            out.append(Attached(c, min(by_line[after], key=len) if after is not None else None))
    return out


def reattach(text: str, attached: list[Attached], paths: dict[str, int]) -> str:
    """The text with each comment put back beside its path (or its nearest surviving parent)."""
    lines = text.rstrip("\n").split("\n")
    above: dict[int, list[str]] = {}
    inline: dict[int, list[str]] = {}
    closing: list[str] = []
    for item in attached:
        target = _surviving_line(item.path, paths)
        if target is None:
            closing.append(item.comment.text)
        elif item.comment.inline:
            inline.setdefault(target, []).append(item.comment.text)
        else:
            above.setdefault(target, []).append(item.comment.text)
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        indent = line[: len(line) - len(line.lstrip(" "))]
        out += [indent + text for text in above.get(number, [])]
        out.append(line + "".join(f"  {text}" for text in inline.get(number, [])))
    out += closing
    return "\n".join(out) + "\n"


def _surviving_line(path: str | None, paths: dict[str, int]) -> int | None:
    while path:
        if path in paths:
            return paths[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None
