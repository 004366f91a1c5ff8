"""The demand side's numbers as they are published (SPEC §8): small counts never as such.

A count of one to four people in one cell (a 旗县, an occupation, a group) could point at a
person; pages say `<5` and the open data leaves the cell empty. Zero is published: nobody there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .models import Job, Project, Wish
from .status import ENDED, ENROLLING, RUNNING, job_is_open, project_status

SUPPRESS_BELOW = 5


def suppressed(count: int) -> bool:
    return 0 < count < SUPPRESS_BELOW


def published_count(count: int) -> int | None:
    """The count for the open data: None (an empty cell) when it is suppressed."""
    return None if suppressed(count) else count


def count_label(count: int) -> str:
    """The count as a page shows it: `<5` when it is suppressed."""
    return f"<{SUPPRESS_BELOW}" if suppressed(count) else str(count)


# -- 人岗匹配 (/match/, the report's `match`) ------------------------------------------------


@dataclass(frozen=True)
class MatchRow:
    """One 盟市 and occupation: jobs open, seats in training, and what workers asked for."""

    prefecture: str
    occupation: str
    openings: int  # open postings' openings + the demand openings of projects not ended
    seats: int  # capacity of enrolling projects
    want_training: int  # latest cycle, summed over its cells
    want_job: int

    @property
    def key(self) -> str:
        return f"{self.prefecture}:{self.occupation}"

    @property
    def gap(self) -> str:
        """What does not meet, in words (pages mark it; never colour alone)."""
        if self.openings and not self.seats:
            return "有岗位，没有正在招生的培训"
        if self.seats and not self.openings:
            return "有培训，没有公布的岗位"
        if self.want_training and not self.openings and not self.seats:
            return "有人想学，既没有岗位也没有培训"
        return ""


def match_rows(
    projects: Iterable[Project],
    jobs: Iterable[Job],
    wishes: Iterable[Wish],
    prefecture_of: Callable[[str], str],
    today: dt.date,
) -> list[MatchRow]:
    """The rows of /match/ (SPEC §8), one per 盟市 and occupation that has open postings,
    enrolling or running projects, or wishes in the latest cycle."""
    openings: dict[tuple[str, str], int] = {}
    seats: dict[tuple[str, str], int] = {}
    present: set[tuple[str, str]] = set()
    for job in jobs:
        if job_is_open(job.valid_until, today):
            key = (prefecture_of(job.region), job.occupation)
            openings[key] = openings.get(key, 0) + job.openings
            present.add(key)
    for project in projects:
        status = project_status(project, today)
        if status is ENDED:
            continue
        home = (prefecture_of(project.region), project.occupation)
        for demand in project.demand:
            key = (prefecture_of(demand.region), project.occupation)
            openings[key] = openings.get(key, 0) + demand.openings
        if status is ENROLLING:
            seats[home] = seats.get(home, 0) + project.capacity
        if status in (ENROLLING, RUNNING):
            present.add(home)
    wishes = list(wishes)
    latest = max((w.cycle for w in wishes), default=None)
    want: dict[tuple[str, str], list[int]] = {}
    for wish in wishes:
        if wish.cycle == latest:
            key = (prefecture_of(wish.region), wish.occupation)
            counts = want.setdefault(key, [0, 0])
            counts[0] += wish.want_training
            counts[1] += wish.want_job
            present.add(key)
    return [
        MatchRow(p, o, openings.get((p, o), 0), seats.get((p, o), 0), *want.get((p, o), [0, 0]))
        for p, o in sorted(present)
    ]
