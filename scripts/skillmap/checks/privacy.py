"""Personal data must never reach the site: ID numbers, bank cards, contacts and names in cases.

Text is folded before it is searched, the way a person reading it would fold it: full-width
digits and letters (NFKC), Chinese digits (一三八…), invisible characters (zero-width spaces)
and separators between digits (spaces, dashes, dots, slashes). So `１３８ 1234.5678` is a mobile
number and `ID150102199003071237` an ID number. A resident ID number (valid check digit and
date; 18 digits, or the older 15) or a bank card number (Luhn) is refused anywhere; `uscc` and
`record_no` hold other numbers and are exempt. In a case, a mobile number, an e-mail address,
a QQ number or a WeChat id is refused too.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from stdnum import luhn
from stdnum.cn import ric

from ..problems import Problem
from ..records import Record
from .context import CheckContext, at, at_offset

EXEMPT_FIELDS = frozenset({"uscc", "record_no"})
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖两", "0012345678911234567892")
_SEP = r"[\s\-.·•_/—–~]"
# Bank cards: digit groups of three or more (so that dates such as 2026-03-01 are not joined).
_DIGIT_RUN = re.compile(rf"(?<![0-9A-Za-z])\d{{3,}}(?:{_SEP}\d{{3,}})*(?![0-9A-Za-z])")
# ID numbers: 18 (or 15) digits with at most one separator between them, letters allowed before.
_ID_RUN = re.compile(
    rf"(?<!\d)(?=(\d(?:{_SEP}?\d){{16}}{_SEP}?[\dXx](?![\dXx])|\d(?:{_SEP}?\d){{14}}(?![\dXx])))"
)
_MOBILE = re.compile(rf"(?<!\d)(?:\+?86{_SEP}*)?1[3-9](?:{_SEP}*\d){{9}}(?!\d)")
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+\s*(?:@|[\[(]\s*at\s*[\])])\s*[A-Za-z0-9\-]+(?:\s*(?:\.|[\[(]\s*dot\s*[\])])\s*[A-Za-z0-9\-]+)+",
    re.IGNORECASE,
)
_QQ = re.compile(r"(?:QQ|qq|扣扣)\s*号?\s*[:：是为]?\s*\d{5,11}(?!\d)")
_WECHAT = re.compile(r"(?:微信|VX|vx|wx|WX)\s*号?\s*[:：是为]\s*[A-Za-z][-_A-Za-z0-9]{5,19}")
_HAN = "[\u4e00-\u9fff]"
_MASKED = re.compile(
    rf"^(?:{_HAN}某{{1,2}}|[小老阿]{_HAN}|{_HAN}(?:先生|女士|师傅|同学)|.+(?:（化名）|\(化名\)))$"
)


def fold(text: str) -> tuple[str, list[int]]:
    """The text as digits and letters are read (see the module docstring), and for each of its
    characters the offset of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cf":
            continue  # zero-width space, joiner, soft hyphen, BOM: invisible, so not there
        for c in unicodedata.normalize("NFKC", ch).translate(_CHINESE_DIGITS):
            out.append(c)
            where.append(i)
    return "".join(out), where


def _digits(found: str) -> str:
    return re.sub(r"[^0-9Xx]", "", found).upper()


# The fewest digits an ID number (the old 15) or a bank card (16) has. Every character that folds
# into a digit is numeric (str.isnumeric: digits of any script, full-width, circled, 一二三…), so a
# text with fewer numeric characters holds neither, and is not folded (a character at a time).
_FEWEST_DIGITS = 15


def sensitive_number(text: str) -> tuple[str, str, int] | None:
    """(problem code, the number as written, offset) for the first ID or bank card number in text."""
    if sum(map(str.isnumeric, text)) < _FEWEST_DIGITS:
        return None
    folded, where = fold(text)
    hits = _number_hits(folded)
    if not hits:
        return None
    start, end, code = min(hits)
    return code, text[where[start] : where[end - 1] + 1], where[start]


def _number_hits(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, problem code) of every ID and bank card number in folded text."""
    hits: list[tuple[int, int, str]] = []
    for m in _ID_RUN.finditer(folded):
        digits = _digits(m.group(1))
        if _is_id(digits):
            hits.append((m.start(1), m.start(1) + len(m.group(1)), "id-number"))
    for m in _DIGIT_RUN.finditer(folded):
        digits = _digits(m.group(0))
        if digits.isdigit() and 16 <= len(digits) <= 19 and luhn.is_valid(digits):
            hits.append((m.start(), m.end(), "bank-card"))
    return hits


def _is_id(digits: str) -> bool:
    if len(digits) == 18:
        return ric.is_valid(digits)
    if len(digits) == 15 and digits.isdigit():  # first-generation numbers: region, YYMMDD, serial
        try:
            dt.date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
        except ValueError:
            return False
        return digits[:2] in _PROVINCES
    return False


# The first two digits of a region code (GB/T 2260 provinces), so that a 15-digit run is an ID.
_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
    ]
)


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


def personal_contact(text: str) -> tuple[str, int] | None:
    """(what it is, offset) of the first mobile number, e-mail, QQ number or WeChat id in text."""
    folded, where = fold(text)
    numbers = _number_hits(folded)
    for m in _MOBILE.finditer(folded):
        # Part of an ID or bank card number in groups is that number (reported as such), not a mobile.
        if not any(start < m.end() and m.start() < end for start, end, _ in numbers):
            return "手机号码", where[m.start()]
    for pattern, what in ((_EMAIL, "电子邮箱"), (_QQ, "QQ 号"), (_WECHAT, "微信号")):
        found = pattern.search(folded)
        if found:
            return what, where[found.start()]
    return None


def _contacts(rec: Record, name: str, text: str) -> Iterator[Problem]:
    found = personal_contact(text)
    if found is not None:
        what, offset = found
        yield at_offset(rec, "personal-contact", name, text, offset, what=what)


def _case_person(rec: Record) -> Iterator[Problem]:
    person = rec.get("person")
    if isinstance(person, str) and not is_masked(person):
        yield at(rec, "person-unmasked", "person", person=person)
    if rec.get("consent") is not True:
        yield at(rec, "consent-missing", "consent")


def _mask(number: str) -> str:
    return number[:4] + "…" + number[-2:]
