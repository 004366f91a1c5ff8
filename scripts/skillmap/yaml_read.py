"""Read one YAML record safely: every scalar stays text and every value knows its line.

YAML 1.1 would turn `phone: 04716601234` into an octal number and `19:00` into 1140, so
nothing here resolves scalar types: the schema types them later. Anchors and aliases are
refused at the first event (that is how alias bombs work), and so are duplicate keys, which
PyYAML would otherwise silently let the later one win.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from sys import intern
from typing import Any

import yaml

from .problems import CATALOGUE

try:  # libyaml parses about ten times faster than the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only on builds without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class YamlProblem(Exception):
    """A record that cannot be read: a problem code, the 1-based line and its message's parameters."""

    def __init__(self, code: str, line: int | None, field: str | None = None, **params: object) -> None:
        self.code = code
        self.line = line
        self.field = field
        self.params = params
        self.message = CATALOGUE[code].template.format(**params)
        super().__init__(self.message)


def _structure(line: int | None, detail: str) -> YamlProblem:
    return YamlProblem("yaml-structure", line, detail=detail)


@dataclass
class Document:
    """A parsed record: plain Python values and the 1-based line of every path."""

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    first_line: int = 1
    # Paths of `|` and `>` block scalars, whose text starts on the line after the key.
    blocks: set[str] = field(default_factory=set)


# libyaml's English problems, said the way an editor can act on them.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "此处不能出现冒号：值里含有“: ”时请给整个值加引号，或检查缩进"),
    ("could not find expected ':'", "缺少冒号：每行应写成“字段: 值”"),
    (
        "found character that cannot start any token",
        "出现了不能作为开头的字符（Tab、@、` 等）；缩进只用空格，特殊字符请加引号",
    ),
    ("found a tab character", "缩进里有 Tab 制表符，请改用空格"),
    ("did not find expected key", "缩进不一致，或缺少“字段:”"),
    ("did not find expected '-' indicator", "列表缩进不一致：同一列表的每一项都以“- ”开头并对齐"),
    ("did not find expected node content", "缺少值，或列表、括号没有写完整"),
    ("found unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    ("found unknown escape character", "双引号中的反斜杠 \\ 需写成 \\\\，或改用单引号"),
    ("control characters are not allowed", "含有不可见的控制字符，可能是从其他软件粘贴来的乱码"),
    ("found undefined tag handle", "不支持以 ! 开头的标签；含 ! 的值请加引号"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found unexpected ':'", "冒号位置不对；值里含有冒号时请加引号"),
    ("expected <document start>", "文件结构错误：可能多写了内容，或缩进不对"),
    ("while parsing a block collection", "列表或映射缩进不一致"),
    ("while parsing a flow", "方括号或花括号没有闭合"),
)


def _syntax_problem(exc: yaml.YAMLError, text: str) -> YamlProblem:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_problem(exc, text)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    text = str(getattr(exc, "problem", "") or "") + " " + str(getattr(exc, "context", "") or "")
    hint = next((zh for en, zh in _SYNTAX_HINTS if en in text), "无法解析")
    where = f"第 {line} 行第 {mark.column + 1} 列" if mark is not None else "文件中"
    return YamlProblem("yaml-syntax", line, where=where, hint=hint)


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A character YAML cannot hold (a vertical tab or ESC pasted from Excel), at its line and column."""
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    # libyaml counts its position in its own units; the character itself says where it is.
    found = text.find(chr(char))
    position = found if found >= 0 else min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    name = _CONTROL_NAMES.get(char, "不可见的控制字符")
    hint = f"含有{name}（U+{char:04X}），多是从 Excel 或网页粘贴带来的；请删除这个字符"
    return YamlProblem("yaml-syntax", line, where=f"第 {line} 行第 {column} 列", hint=hint)


_CONTROL_NAMES = {0x0B: "垂直制表符", 0x0C: "换页符", 0x1B: "ESC 控制字符", 0x7F: "删除符", 0x00: "零字符"}


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def parse_yaml(text: str) -> Document:
    """Parse the text of one record file; raise `YamlProblem` on anything unsafe or malformed."""
    loader = _Loader(text)
    events: Iterator[yaml.Event] = iter(loader.get_event, None)  # the parser's own loop, no generator layer
    try:
        return _document(events)
    except yaml.YAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except RecursionError:
        raise _structure(None, "记录嵌套层级过深") from None
    finally:
        loader.dispose()


def _document(events: Iterator[yaml.Event]) -> Document:
    next(events)  # StreamStartEvent
    start = next(events)
    if isinstance(start, yaml.StreamEndEvent):
        raise YamlProblem("file-empty", 1)
    doc = Document(data=None)
    root = next(events)
    doc.first_line = _line(root)
    doc.data = _node(root, events, "", doc, 0)
    next(events)  # DocumentEndEvent
    extra = next(events)
    if not isinstance(extra, yaml.StreamEndEvent):
        raise _structure(
            _line(extra), f"一个文件只能有一条记录，但第 {_line(extra)} 行又开始了一段新内容（---）"
        )
    return doc


def _node(event: yaml.Event, events: Iterator[yaml.Event], path: str, doc: Document, depth: int) -> Any:
    line = _line(event)
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        raise YamlProblem("yaml-alias", line, line_no=line)
    if depth > MAX_DEPTH:
        raise _structure(line, f"第 {line} 行嵌套层级过深（超过 {MAX_DEPTH} 层）")
    if isinstance(event, yaml.ScalarEvent):
        if event.style in (None, "") and event.value in _NULLS:
            return None
        if event.style in ("|", ">"):
            doc.blocks.add(path)
        return event.value
    if isinstance(event, yaml.SequenceStartEvent):
        items: list[Any] = []
        for item_event in iter(lambda: next(events), None):
            if isinstance(item_event, yaml.SequenceEndEvent):
                return items
            item_path = intern(f"{path}[{len(items)}]")
            doc.lines[item_path] = _line(item_event)
            items.append(_node(item_event, events, item_path, doc, depth + 1))
    if isinstance(event, yaml.MappingStartEvent):
        return _mapping(events, path, doc, depth)
    raise _structure(line, f"第 {line} 行的内容无法识别")  # pragma: no cover


def _mapping(events: Iterator[yaml.Event], path: str, doc: Document, depth: int) -> dict[str, Any]:
    lines = doc.lines
    mapping: dict[str, Any] = {}
    for key_event in iter(lambda: next(events), None):
        if isinstance(key_event, yaml.MappingEndEvent):
            return mapping
        key_line = _line(key_event)
        if not isinstance(key_event, yaml.ScalarEvent) or getattr(key_event, "anchor", None):
            if isinstance(key_event, yaml.AliasEvent):
                raise YamlProblem("yaml-alias", key_line, line_no=key_line)
            raise _structure(key_line, f"第 {key_line} 行的字段名必须是简单文字")
        key = key_event.value
        key_path = intern(f"{path}.{key}" if path else key)  # the same few paths in every record
        if key in mapping:
            raise YamlProblem(
                "duplicate-key", key_line, key_path, key=key, first=lines[key_path], second=key_line
            )
        lines[key_path] = key_line
        mapping[key] = _node(next(events), events, key_path, doc, depth + 1)
    return mapping  # pragma: no cover - the parser always closes mappings
