"""The lists of people's words that staff extend (SPEC §6): place names and search words.

A word must point at something real (a region code in the region list, a value the project
field takes) and may not shadow a real name: 新城区 as a nickname of some other place would
send searches for the real 新城区 astray. Unknown codes are the references check's (foreign key).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem
from .context import CheckContext, at

PLACE_NAMES, SEARCH_WORDS = "place_names", "search_words"
# The project fields a search word may stand for, by the Chinese title the table uses.
WORD_FIELDS = {"上课时间": "schedule", "培训方式": "mode", "面向人群": "groups"}


def check(ctx: CheckContext) -> Iterator[Problem]:
    real = _real_names(ctx)
    rows = ctx.catalog.reference_rows
    seen: dict[tuple[str, ...], int] = {}
    for rec in rows.get(PLACE_NAMES, []):
        name = str(rec.values.get("name") or "")
        first = seen.setdefault((PLACE_NAMES, name), rec.line)
        if first != rec.line:
            yield at(rec, "word-duplicate", "name", word=name, first=first)
        elif name in real:
            yield at(rec, "word-shadows-name", "name", word=name, real=real[name], table="地名的常用说法")
    values = _field_values(ctx)
    for rec in rows.get(SEARCH_WORDS, []):
        word = str(rec.values.get("word") or "")
        key = (SEARCH_WORDS, word, str(rec.values.get("field")), str(rec.values.get("value")))
        first = seen.setdefault(key, rec.line)
        if first != rec.line:
            yield at(rec, "word-duplicate", "word", word=word, first=first)
            continue
        if word in real:
            yield at(
                rec,
                "word-shadows-name",
                "word",
                word=word,
                real=real[word],
                table="时间、方式和人群的常用说法",
            )
        field = str(rec.values.get("field") or "")
        value = str(rec.values.get("value") or "")
        allowed = values.get(field)
        if allowed is not None and value and value not in allowed:
            yield at(rec, "word-value-unknown", "value", value=value, field=field, allowed="、".join(allowed))


def _real_names(ctx: CheckContext) -> dict[str, str]:
    """Official names a word may not take, with what each is: 新城区 → 旗县（区划 150102）."""
    out: dict[str, str] = {}
    for row in ctx.catalog.reference.get("regions", []):
        out[str(row["name"])] = f"行政区划 {row['code']} 的正式名称"
    for row in ctx.catalog.reference.get("occupations", []):
        out.setdefault(str(row["name"]), "职业名称")
        for alias in row.get("aliases") or []:
            out.setdefault(str(alias), f"职业“{row['name']}”的俗称")
    for title, name in WORD_FIELDS.items():
        for value in _enum(ctx, name):
            out.setdefault(value, f"{title}的取值")
    return out


def _field_values(ctx: CheckContext) -> dict[str, list[str]]:
    return {title: _enum(ctx, name) for title, name in WORD_FIELDS.items()}


def _enum(ctx: CheckContext, name: str) -> list[str]:
    res = ctx.layout.resources.get("projects")
    field = res.schema.field(name) if res else None
    return list((field.enum or field.item_enum or ()) if field else ())
