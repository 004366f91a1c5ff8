"""Personal data must never reach the site: ID numbers, bank cards, contacts and names in cases.

A resident ID number (valid check digit) or a bank card number (Luhn) is refused anywhere,
also when grouped by spaces or dashes; `uscc` and `record_no` hold other numbers and are exempt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import luhn
from stdnum.cn import ric

from ..problems import Problem
from ..records import Record
from .context import CheckContext, at, at_offset

EXEMPT_FIELDS = frozenset({"uscc", "record_no"})
# Digit runs, grouped by single spaces or dashes in groups of three or more digits (so that
# dates such as 2026-03-01 are not joined into one long number), optionally ending in X.
_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])\d{3,}(?:[ \-]\d{3,})*[Xx]?(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{4}){2}(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_HAN = "[\u4e00-\u9fff]"
_MASKED = re.compile(
    rf"^(?:{_HAN}某{{1,2}}|[小老阿]{_HAN}|{_HAN}(?:先生|女士|师傅|同学)|.+(?:（化名）|\(化名\)))$"
)


def sensitive_number(text: str) -> tuple[str, str, int] | None:
    """(problem code, the number as written, offset) for the first ID or bank card number in text."""
    for m in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"[ \-]", "", m.group(0)).upper()
        if len(digits) == 18 and ric.is_valid(digits):
            return "id-number", m.group(0), m.start()
        if digits.isdigit() and 16 <= len(digits) <= 19 and luhn.is_valid(digits):
            return "bank-card", m.group(0), m.start()
    return None


def is_masked(person: str) -> bool:
    return bool(_MASKED.match(person.strip()))


def check(ctx: CheckContext) -> Iterator[Problem]:
    for res, rec in ctx.rows():
        for name, text in _texts(rec):
            found = sensitive_number(text)
            if found is not None:
                code, number, offset = found
                yield at_offset(rec, code, name, text, offset, masked=_mask(number))
            if res.name == "cases":
                yield from _contacts(rec, name, text)
        if res.name == "cases":
            yield from _case_person(rec)


def _texts(rec: Record) -> Iterator[tuple[str, str]]:
    for name, value in rec.values.items():
        if name in EXEMPT_FIELDS:
            continue
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{name}[{i}]", item


def _contacts(rec: Record, name: str, text: str) -> Iterator[Problem]:
    for pattern, what in ((_MOBILE, "手机号码"), (_EMAIL, "电子邮箱")):
        m = pattern.search(text)
        if m:
            yield at_offset(rec, "personal-contact", name, text, m.start(), what=what)


def _case_person(rec: Record) -> Iterator[Problem]:
    person = rec.get("person")
    if isinstance(person, str) and not is_masked(person):
        yield at(rec, "person-unmasked", "person", person=person)
    if rec.get("consent") is not True:
        yield at(rec, "consent-missing", "consent")


def _mask(number: str) -> str:
    return number[:4] + "…" + number[-2:]
