"""The search's filters, written once: URL parameters, facet tokens, what they hide, their labels.

The build indexes records under these tokens (documents.py), answers prepared states with them
(prepared.py), labels the search form with them (search.md.j2), and hands all of it to search.js
in the manifest (`filters`), which reads it from there instead of spelling it again (SPEC §6).
"""

from __future__ import annotations

from typing import Any

from ..domain.status import CLOSED, ENDED, ENROLLING
from ..domain.urls import TYPE_TITLES

# The URL parameters in the order a state's address lists them (a prepared search's key too).
PARAMS = ("q", "region", "schedule", "mode", "level", "group", "status", "free", "type")
# Facet tokens: `@s:技能夜校`. A record is filed under `@r:` its region and `@P:` its 盟市, so that a
# 盟市 filter is one token, and a 旗县 filter (`@r:` the 旗县 and `@r:` its 盟市) also shows the
# records filed under its whole 盟市 (SPEC §6).
FACET_PREFIX = {
    "region": "@r:",
    "schedule": "@s:",
    "mode": "@m:",
    "level": "@l:",
    "group": "@g:",
    "free": "@f:",
}
PREFECTURE_PREFIX = "@P:"
# What a record is filed under (documents.py), and what a region filter asks for (prepared.py and
# search.js, from the manifest): a 盟市 takes in its 旗县; a 旗县 also shows its 盟市's own records.
FILED_UNDER = (FACET_PREFIX["region"] + "{code}", PREFECTURE_PREFIX + "{prefecture}")
REGION_TOKENS = {
    "prefecture": (PREFECTURE_PREFIX + "{code}",),
    "county": (FACET_PREFIX["region"] + "{code}", FACET_PREFIX["region"] + "{parent}"),
}
# Filters only projects have: they hide the other types (SPEC §6); `group` applies to these types.
PROJECT_ONLY = ("schedule", "mode", "level", "free", "status")
GROUP_TYPES = ("project", "case")
# The project field each choice list of the form is read from (its schema's values).
FIELD_OF_FACET = {"schedule": "schedule", "mode": "mode", "level": "level", "group": "groups"}
# What the form calls each filter, and how a chosen value reads where it is not itself a word.
LABELS = {
    "q": "关键词",
    "region": "地区",
    "schedule": "上课时间",
    "mode": "培训方式",
    "level": "培训等级",
    "group": "面向人群",
    "status": "状态",
    "free": "费用",
    "type": "类型",
}
STATUS_LABELS = {s.slug: s.label for s in (ENROLLING, CLOSED, ENDED)} | {"all": "全部"}
FREE_LABEL = "免费"
# The record types search can be narrowed to, in the form's order, with their Chinese titles.
TYPES = ("project", "institution", "brand", "case", "job")


def facet_token(param: str, value: str) -> str:
    return FACET_PREFIX[param] + value


def filed_under(code: str, prefecture: str | None) -> list[str]:
    """The region tokens of a record filed under `code` (in `prefecture`, when it has one)."""
    own, whole = FILED_UNDER
    return [own.format(code=code), *([whole.format(prefecture=prefecture)] if prefecture else [])]


def region_tokens(code: str, parent: str | None) -> list[str]:
    """The tokens a region filter admits: any of them (`parent`: the 盟市 of a 旗县, else None)."""
    templates = REGION_TOKENS["county" if parent else "prefecture"]
    return [t.format(code=code, parent=parent or "") for t in templates]


def type_choices() -> list[tuple[str, str]]:
    return [(kind, TYPE_TITLES[kind]) for kind in TYPES]


def for_browser() -> dict[str, Any]:
    """The manifest's `filters`: everything search.js needs to read, narrow and label a state."""
    return {
        "params": list(PARAMS),
        "prefix": FACET_PREFIX,
        "regionTokens": REGION_TOKENS,
        "projectOnly": list(PROJECT_ONLY),
        "groupTypes": list(GROUP_TYPES),
        "labels": LABELS,
        "status": STATUS_LABELS,
        "free": FREE_LABEL,
        "types": dict(type_choices()),
    }
