"""Cells as editors type them → the text the schema's caster reads.

Excel and WPS hand us dates, numbers and booleans as cells, or as text when an editor typed
them so: 2026/3/1, 2026年3月1日, 20260301, "1,600", 1600元, ３０ (full-width), 是/否, √, trailing
spaces. Codes and choices are folded with NFKC (full-width digits and letters from an IME);
free text is not, since NFKC would turn Chinese punctuation（，：）into ASCII.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from ..schema import Field
from .sheets import is_code_like, kind_of

_TRUE = frozenset({"是", "true", "yes", "y", "1", "√", "✓", "对", "有"})
_FALSE = frozenset({"否", "false", "no", "n", "0", "×", "✗", "x", "错", "无"})
_UNITS = re.compile(r"(元/课时|元/月|元|课时|学时|小时|人|名|个|年)$")
_LIST_SEPARATORS = re.compile(r"\s*[|、，,;；\n]\s*")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# A date typed with a time of day (2027/03/01 8:00, 2027年3月1日 08:30): the date is what counts.
_DATE_TIME = re.compile(r"^(.*\d日?)[ T]+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")
# Excel counts days from 1899-12-30; serials in this range are dates of this century.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(36526, 73051)  # 2000-01-01 … 2099-12-31
# 2026-11, 2026/11, 2026年11月, and the first of the month as a date cell gives it. Not 2026.11:
# Excel reads that as the number 2026.1, which would be October.
_MONTH = re.compile(r"(\d{4})\s*[-/年]\s*(\d{1,2})\s*(?:月|[-/]0?1(?: 00:00:00)?)?")


def editor_value(f: Field, raw: Any) -> Any:
    """The raw value of one cell, tidied for `schema.cast`; None for an empty cell."""
    if raw is None:
        return None
    kind = kind_of(f)
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if kind == "date" else _month_form(f, _datetime_text(raw))
    if isinstance(raw, dt.date):
        return _month_form(f, raw.isoformat())
    if isinstance(raw, (int, float)):
        return _number_cell(kind, raw)
    text = str(raw).replace("\r\n", "\n").replace("\r", "\n")
    if is_code_like(f):
        text = unicodedata.normalize("NFKC", text)
    text = text.strip()
    if text == "":
        return None
    if kind == "date":
        return _date_text(text)
    if kind in ("integer", "number"):
        number = _number_text(text)
        return re.sub(r"\.0+$", "", number) if kind == "integer" else number
    if kind == "boolean":
        low = text.lower()
        return "true" if low in _TRUE else "false" if low in _FALSE else text
    if kind == "list":
        return "|".join(part for part in _LIST_SEPARATORS.split(text) if part)
    return _month_form(f, text)


def _month_form(f: Field, text: str) -> str:
    """A month (期别 2026-11) that Excel turned into a date or an editor typed as 2026/11 or
    2026年11月: written as the field's pattern wants it, when the pattern wants a month."""
    if f.pattern is None or f.pattern.fullmatch(text):
        return text
    m = _MONTH.fullmatch(text)
    if m is None:
        return text
    month = f"{m.group(1)}-{int(m.group(2)):02d}"
    return month if f.pattern.fullmatch(month) else text


def _datetime_text(value: dt.datetime) -> str:
    return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")


def _number_cell(kind: str, value: int | float) -> str:
    if kind == "date" and float(value).is_integer() and int(value) in _SERIALS:
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(value, ".15g")  # 22.55, not 22.550000000000001
    return str(value)


def _date_text(text: str) -> str:
    m = _DATE_DIGITS.match(text)
    if m:
        return "-".join(m.groups())
    m = _DATE_TIME.match(text)
    if m:
        text = m.group(1)
    return text.replace(" ", "")


def _number_text(text: str) -> str:
    text = text.replace(",", "").replace(" ", "").lstrip("¥￥")
    return _UNITS.sub("", text)
