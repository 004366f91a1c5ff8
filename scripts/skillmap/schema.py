"""Frictionless Table Schemas, read once and applied by a small, fast interpreter.

The schemas beside each datapackage are the single truth about fields: their Chinese
titles, types and constraints. Frictionless itself validates the schemas (see the tests)
and the published open data; record checking uses this interpreter instead, because it
must give Chinese messages with file, line and field and check 5,000 records in seconds.

Our extensions to Table Schema, all prefixed `x-`:
- `x-items: {enum: [...], ref: resource.field}` constrains each item of a `list` field;
- `x-check: <name>` names a meaning check (phone, uscc, url, markdown, person, past-date);
- `x-example` gives a sample value for templates and the data dictionary.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

ListValue = list[Any]

_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$|^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_INT = re.compile(r"^[+-]?\d+$")
_TRUE = frozenset({"true", "是", "yes"})
_FALSE = frozenset({"false", "否", "no"})


@dataclass(frozen=True)
class Field:
    """One field of a Table Schema, with the constraints we apply."""

    name: str
    type: str
    title: str
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: re.Pattern[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    item_enum: tuple[str, ...] | None = None
    ref: tuple[str, str] | None = None
    check: str | None = None
    example: Any = None
    delimiter: str = "|"

    @property
    def label(self) -> str:
        """How messages name the field: Chinese title and key."""
        return f"{self.title}（{self.name}）"


@dataclass(frozen=True, eq=False)
class Schema:
    """A Table Schema: ordered fields and the primary key."""

    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def schema_from_descriptor(name: str, path: str, descriptor: dict[str, Any]) -> Schema:
    """Build a `Schema` from a parsed Table Schema descriptor."""
    refs: dict[str, tuple[str, str]] = {}
    for fk in descriptor.get("foreignKeys", []):
        ref = fk["reference"]
        refs[_one(fk["fields"])] = (ref["resource"], _one(ref["fields"]))
    fields = tuple(_field(d, refs.get(d["name"])) for d in descriptor["fields"])
    return Schema(name, path, fields, tuple(_many(descriptor.get("primaryKey", []))))


def _one(value: str | list[str]) -> str:
    return value if isinstance(value, str) else value[0]


def _many(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _field(d: dict[str, Any], ref: tuple[str, str] | None) -> Field:
    c = d.get("constraints", {})
    items = d.get("x-items", {})
    if "ref" in items:
        resource, _, key = items["ref"].partition(".")
        ref = (resource, key)
    return Field(
        name=d["name"],
        type=d.get("type", "string"),
        title=d.get("title", d["name"]),
        description=d.get("description", ""),
        required=bool(c.get("required", False)),
        enum=tuple(str(v) for v in c["enum"]) if "enum" in c else None,
        pattern=re.compile(c["pattern"]) if "pattern" in c else None,
        minimum=c.get("minimum"),
        maximum=c.get("maximum"),
        min_length=c.get("minLength"),
        max_length=c.get("maxLength"),
        item_enum=tuple(items["enum"]) if "enum" in items else None,
        ref=ref,
        check=d.get("x-check"),
        example=d.get("x-example"),
        delimiter=d.get("delimiter", "|"),
    )


class CastError(ValueError):
    """A value that does not fit its field's type; the message is Chinese."""


def cast(field: Field, raw: Any) -> Any:
    """Turn raw text (or a YAML list for `list` fields) into a typed value.

    `None` and blank text mean "not given". Raises `CastError` with a Chinese message.
    """
    if field.type == "list":
        return _cast_list(field, raw)
    if isinstance(raw, (list, dict)):
        raise CastError("应为单个值，不能是列表或映射")
    if raw is None:
        return None
    text = str(raw).strip()
    if text == "":
        return None
    caster = _CASTERS.get(field.type)
    return caster(text) if caster else text


def _cast_list(field: Field, raw: Any) -> ListValue | None:
    if raw is None:
        return None
    if isinstance(raw, str):  # flat form: a|b|c
        items: list[Any] = [part.strip() for part in raw.split(field.delimiter)]
    elif isinstance(raw, list):
        items = raw
    else:
        raise CastError("应为列表")
    out = []
    for item in items:
        if isinstance(item, (list, dict)):
            raise CastError("列表的每一项应为单个值")
        if item is not None and str(item).strip():
            out.append(str(item).strip())
    return out


def _cast_int(text: str) -> int:
    if not _INT.match(text):
        raise CastError(f"应为整数（不带单位和小数点），而不是“{text}”")
    return int(text)


def _cast_number(text: str) -> Decimal:
    """Numbers are read as `Decimal`, exactly as written: 22.55 stays 22.55, never 22.549999…."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CastError(f"应为数字，而不是“{text}”") from None
    if not value.is_finite():
        raise CastError(f"应为有限的数字，而不是“{text}”")
    return value


def _cast_bool(text: str) -> bool:
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise CastError(f"应为 true（是）或 false（否），而不是“{text}”")


def _cast_date(text: str) -> dt.date:
    m = _DATE.match(text)
    if m:
        y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        try:
            return dt.date(y, mo, d)
        except ValueError:
            raise CastError(f"“{text}”不是真实存在的日期") from None
    raise CastError(f"应为日期，写成 YYYY-MM-DD（如 2026-03-01），而不是“{text}”")


def _cast_year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text):
        raise CastError(f"应为四位年份（如 2025），而不是“{text}”")
    return int(text)


_CASTERS = {
    "integer": _cast_int,
    "number": _cast_number,
    "boolean": _cast_bool,
    "date": _cast_date,
    "year": _cast_year,
}


def constraint_problems(field: Field, value: Any) -> list[tuple[str, str, int | None]]:
    """Check the schema constraints of a typed, non-empty value.

    Returns (problem code, Chinese message, list index or None) for each violation.
    """
    out: list[tuple[str, str, int | None]] = []
    if field.enum is not None and str(value) not in field.enum:
        out.append(("enum-error", f"“{value}”不是允许的值；可选：{'、'.join(field.enum)}", None))
    if field.pattern is not None and isinstance(value, str) and not field.pattern.fullmatch(value):
        # Editors read the field's description (小写字母、数字和连字符 …), not the regular expression.
        rule = field.description or f"应符合 {field.pattern.pattern}"
        out.append(("pattern-error", f"“{value}”格式不符：{rule.rstrip('。')}", None))
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        if field.minimum is not None and value < field.minimum:
            out.append(("range-error", f"{value} 小于允许的最小值 {field.minimum}", None))
        if field.maximum is not None and value > field.maximum:
            out.append(("range-error", f"{value} 大于允许的最大值 {field.maximum}", None))
    if isinstance(value, (str, list)):
        if field.max_length is not None and len(value) > field.max_length:
            out.append(("range-error", f"长度 {len(value)} 超过上限 {field.max_length}", None))
        if field.min_length is not None and len(value) < field.min_length:
            out.append(("range-error", f"长度 {len(value)} 少于下限 {field.min_length}", None))
    if field.item_enum is not None and isinstance(value, list):
        for i, item in enumerate(value):
            if item not in field.item_enum:
                allowed = "、".join(field.item_enum)
                out.append(("enum-error", f"“{item}”不是允许的值；可选：{allowed}", i))
    return out
