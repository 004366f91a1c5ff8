"""`skillmap fmt`: rewrite every YAML record in canonical form, keeping everything it holds.

Canonical means: keys in schema order (unknown keys kept at the end, so nothing is lost),
dates as YYYY-MM-DD, phones as 0471-1234567 / 13812345678 / 400-123-4567, codes quoted,
Markdown as `|` blocks without trailing spaces, optional empty fields left out. Comments are
kept: the block at the top of a file stays there, every other comment stays with its field
(see `yaml_comments`). CSV files are left as Excel wrote them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from .domain.money import plain_number
from .files import TooLarge, read_limited, write_atomic
from .flat import POSITIONAL_GROUPS, shape_of
from .load import MAX_BYTES, TOP_NOT_MAPPING
from .markdown_fields import to_html
from .paths import Layout, Resource
from .phones import normalise_phone
from .schema import CastError, Field, Schema, cast
from .yaml_comments import attach, find_comments, reattach
from .yaml_read import YamlProblem, parse_yaml
from .yaml_write import FlowList, Number, dump_yaml


def format_tree(root: Path, today: dt.date, check_only: bool) -> int:
    """Format (or with `check_only`, list) every record file; 1 if anything needs attention."""
    layout = Layout(root)
    changed: list[tuple[str, str, str]] = []
    failed: list[str] = []
    for res in layout.record_resources():
        for path in layout.record_files(res).records:
            if path.suffix.lower() == ".csv":
                continue
            rel = layout.rel(path)
            try:
                old = _read(path)
                new = format_record(layout, res, old)
            except (YamlProblem, UnicodeDecodeError, ValueError) as exc:
                message = exc.message if isinstance(exc, YamlProblem) else "无法读取（编码或格式错误）"
                failed.append(f"{rel}：{message}")
                continue
            if new != old:
                changed.append((rel, old, new))
                if not check_only:
                    write_atomic(path, new)
    return _report(changed, failed, check_only)


def _read(path: Path) -> str:
    try:
        return read_limited(path, MAX_BYTES).decode("utf-8-sig")
    except TooLarge:
        raise ValueError("too large") from None


def _report(changed: list[tuple[str, str, str]], failed: list[str], check_only: bool) -> int:
    for line in failed:
        print(f"无法整理 {line}；请先按 skillmap check 的提示修正。", file=sys.stderr)
    if check_only:
        for rel, old, new in changed:
            print(f"需要整理：{rel}")
            sys.stdout.writelines(_diff(rel, old, new))
        if changed:
            print(f"{len(changed)} 个文件不是规范格式；运行 skillmap fmt 可自动修复。")
    else:
        for rel, _, _ in changed:
            print(f"已整理：{rel}")
    if not changed and not failed:
        print("所有记录文件都已是规范格式。")
    return 1 if failed or (check_only and changed) else 0


def format_record(layout: Layout, res: Resource, text: str) -> str:
    """The canonical text of one YAML record (raises YamlProblem when it cannot be parsed)."""
    doc = parse_yaml(text)
    if not isinstance(doc.data, dict):
        raise YamlProblem("yaml-structure", doc.first_line, detail=TOP_NOT_MAPPING)
    return _keeping_comments(text, doc.lines, canonical(layout, res, doc.data))


def render_record(layout: Layout, res: Resource, data: dict[str, Any], old_text: str | None = None) -> str:
    """The canonical text of a record given as data (by `import`); the comments of `old_text`, the
    file it replaces, stay with their fields. Raises YamlProblem when `old_text` cannot be parsed."""
    if old_text is None:
        return dump_yaml(canonical(layout, res, data))
    return _keeping_comments(old_text, parse_yaml(old_text).lines, canonical(layout, res, data))


def _keeping_comments(old_text: str, old_lines: dict[str, int], data: dict[str, Any]) -> str:
    header = _header(old_text)
    new = dump_yaml(data, header=header)
    comments = find_comments(old_text.lstrip("\ufeff"))
    attached = attach(comments, old_lines, header_lines=header.count("\n"))
    if not attached:
        return new
    return reattach(new, attached, parse_yaml(new).lines)


def _diff(rel: str, old: str, new: str) -> list[str]:
    """A unified diff of what `fmt` would change, with a newline after every line."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"{rel}（现在）", f"{rel}（整理后）"
    )
    return [line if line.endswith("\n") else line + "\n" for line in lines]


def canonical(layout: Layout, res: Resource, data: dict[str, Any]) -> dict[str, Any]:
    """Reorder and normalise a parsed record without dropping anything it holds."""
    out: dict[str, Any] = {}
    shape = shape_of(layout, res)
    nested, order = shape.children, shape.order
    for key in order:
        if key not in data:
            continue
        value = data[key]
        if key in nested:
            value = _nested(nested[key].schema, value)
        else:
            value = _group_or_field(res.schema, key, value)
        if value is not None or _required(res.schema, key):
            out[key] = value
    out.update((k, v) for k, v in data.items() if k not in out and k not in order)
    return out


def _required(schema: Schema, key: str) -> bool:
    f = schema.field(key)
    return f is not None and f.required


def _group_or_field(schema: Schema, key: str, value: Any) -> Any:
    field = schema.field(key)
    if field is not None:
        return normalise_value(field, value)
    subs = [f for f in schema.fields if f.name.startswith(key + ".")]
    if isinstance(value, dict):
        ordered = {
            f.name.split(".", 1)[1]: normalise_value(f, value[f.name.split(".", 1)[1]])
            for f in subs
            if f.name.split(".", 1)[1] in value
        }
        ordered.update((k, v) for k, v in value.items() if k not in ordered)
        return ordered
    if isinstance(value, list) and key in POSITIONAL_GROUPS and len(value) == len(subs):
        return FlowList(normalise_value(f, v) for f, v in zip(subs, value, strict=True))
    return value


def _nested(schema: Schema, value: Any) -> Any:
    def row(item: Any) -> Any:
        if not isinstance(item, dict):
            return item
        ordered = {f.name: normalise_value(f, item[f.name]) for f in schema.fields if f.name in item}
        ordered.update((k, v) for k, v in item.items() if k not in ordered)
        return {k: v for k, v in ordered.items() if v is not None}

    return [row(i) for i in value] if isinstance(value, list) else row(value)


def normalise_value(field: Field, value: Any) -> Any:
    """The canonical value of one field; a value that does not fit its type is kept as written."""
    try:
        typed = cast(field, value)
    except CastError:
        return value
    if typed is None:
        return None
    if field.check == "phone":
        return normalise_phone(typed) or typed
    if isinstance(typed, str) and field.check == "markdown":
        return tidy_markdown(typed)
    if isinstance(typed, str):
        return _tidy_text(typed)
    if isinstance(typed, Decimal):
        # Coordinates are measurements, written as floats; amounts as the data writes them.
        return float(typed) if field.name.startswith("location") else Number(plain_number(typed))
    return typed


def tidy_markdown(text: str) -> str:
    """Markdown without trailing spaces, as long as that changes nothing a reader sees.

    Two trailing spaces are a hard line break; they become the other spelling of one, a
    backslash at the end of the line. Where tidying would still change the rendered HTML
    (trailing spaces inside a code block, an indented first line), the text is kept as written.
    """
    plain = _tidy_text(text)
    if plain == text or to_html(plain) == to_html(text):
        return plain
    with_breaks = _tidy_text(_HARD_BREAK.sub("\\\\\n", text))
    if to_html(with_breaks) == to_html(text):
        return with_breaks
    return text


# Two or more spaces before a line break, with more text after it: CommonMark's hard break.
_HARD_BREAK = re.compile(r"(?<=\S) {2,}\n(?=[^\n]*\S)")


def _tidy_text(text: str) -> str:
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")) + "\n"


def _header(text: str) -> str:
    lines: list[str] = []
    for line in text.lstrip("\ufeff").splitlines():
        if line.startswith("#") or (lines and not line.strip()):
            lines.append(line.rstrip())
        else:
            break
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""
