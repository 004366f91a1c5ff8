"""Meaning checks over a loaded catalogue. Each module yields problems; none raises on bad data.

The schema's shape (types, required fields, enums, patterns) is checked while loading; the
checks here look at meaning: identity, references, dates, identifiers, content and privacy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..problems import Problem
from . import content, dates, identifiers, identity, privacy, references, rules, search_words, wishes
from .context import CheckContext

CHECKS: tuple[Callable[[CheckContext], Iterable[Problem]], ...] = (
    identity.check,
    references.check,
    dates.check,
    identifiers.check,
    content.check,
    privacy.check,
    rules.check,
    search_words.check,
    wishes.check,
)


def run_checks(ctx: CheckContext) -> list[Problem]:
    """All meaning problems of the catalogue, in no particular order."""
    return [p for check in CHECKS for p in check(ctx)]


__all__ = ["CheckContext", "run_checks"]
