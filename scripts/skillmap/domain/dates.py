"""The one date formatter: pages, posters, JSON-LD and exports all write dates as YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt


def iso(day: dt.date | None) -> str:
    """2026-12-01; an unknown date as the empty string."""
    return "" if day is None else day.isoformat()
