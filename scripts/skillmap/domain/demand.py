"""The demand side's numbers as they are published (SPEC §8): small counts never as such.

A count of one to four people in one cell (a 旗县, an occupation, a group) could point at a
person; pages say `<5` and the open data leaves the cell empty. Zero is published: nobody there.
"""

from __future__ import annotations

SUPPRESS_BELOW = 5


def suppressed(count: int) -> bool:
    return 0 < count < SUPPRESS_BELOW


def published_count(count: int) -> int | None:
    """The count for the open data: None (an empty cell) when it is suppressed."""
    return None if suppressed(count) else count


def count_label(count: int) -> str:
    """The count as a page shows it: `<5` when it is suppressed."""
    return f"<{SUPPRESS_BELOW}" if suppressed(count) else str(count)
