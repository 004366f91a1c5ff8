"""Chinese phone numbers: recognise landline, mobile and service numbers; write them one way."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-－—]+")
_PLUS86 = re.compile(r"^(?:\+|00)86[\s\-]*")
_PAREN_AREA = re.compile(r"^[（(]\s*(0\d{2,3})\s*[)）]\s*")
_EXTENSION = re.compile(r"^(.*?)(?:转|ext\.?|[-－]\s*(?=\d{1,6}$))(\d{1,6})$", re.IGNORECASE)
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area codes: 010, 02x, and four-digit codes 03xx–09xx; local numbers have 7–8 digits and do not start with 0.
_LANDLINE = re.compile(r"^(010|02\d|0[3-9]\d{2})([1-9]\d{6,7})$")
_SERVICE = re.compile(r"^(?:1\d{4}|95\d{3,4}|96\d{3,4})$")
_FREEPHONE = re.compile(r"^([48]00)(\d{3})(\d{4})$")


def normalise_phone(text: str) -> str | None:
    """The canonical form of a phone number, or None when it is not a valid Chinese number.

    `0471-1234567`, `(0471)1234567`, `0471 1234567`, `+86 471 1234567` → `0471-1234567`;
    `138 1234 5678` → `13812345678`; `4001234567` → `400-123-4567`; `12333` stays.
    An extension follows `转`: `0471-1234567转801`.
    """
    value = text.strip()
    had_plus86 = bool(_PLUS86.match(value))
    value = _PLUS86.sub("", value)
    area = ""
    paren = _PAREN_AREA.match(value)
    if paren:
        area, value = paren.group(1), value[paren.end() :]
    digits = _SEPARATORS.sub("", value)
    if not area and had_plus86 and not digits.startswith("1") and not digits.startswith("0"):
        digits = "0" + digits
    return _classify(area + digits, text)


def _classify(digits: str, original: str) -> str | None:
    if _MOBILE.match(digits):
        return digits
    if _SERVICE.match(digits):
        return digits
    free = _FREEPHONE.match(digits)
    if free:
        return "-".join(free.groups())
    land = _LANDLINE.match(digits)
    if land:
        return f"{land.group(1)}-{land.group(2)}"
    ext = _EXTENSION.match(original.strip())
    if ext:
        main = normalise_phone(ext.group(1))
        if main is not None and "-" in main and not _FREEPHONE.match(main.replace("-", "")):
            return f"{main}转{ext.group(2)}"
    return None
