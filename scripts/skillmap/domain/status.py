"""Status on a date: a project's phase, an institution's listing, a record's freshness, the cycle.

Every status the site, the checker, search and the report show is worked out here, from the
record's dates and the build's `--today`, so that they can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Status:
    """One phase of a project. `hook` is the value of the site's `data-status` (SPEC §5)."""

    slug: str
    label: str
    order: int
    hook: str


ENROLLING = Status("enrolling", "招生中", 0, "enrolling")
CLOSED = Status("closed", "报名已截止", 1, "closed")  # enrolment over, classes not yet begun
RUNNING = Status("running", "报名已截止 · 开班中", 2, "closed")  # enrolment over, classes under way
ENDED = Status("ended", "已结束", 3, "ended")
STATUSES = (ENROLLING, CLOSED, RUNNING, ENDED)


class Dated(Protocol):
    @property
    def starts(self) -> dt.date: ...
    @property
    def ends(self) -> dt.date: ...
    @property
    def enroll_until(self) -> dt.date: ...


def has_ended(ends: dt.date, today: dt.date) -> bool:
    """A project has ended once its last day (`ends`) lies before today."""
    return ends < today


def project_status(project: Dated, today: dt.date) -> Status:
    """The phase of a project on `today`: the deadline day itself still counts as enrolling."""
    if has_ended(project.ends, today):
        return ENDED
    if project.enroll_until >= today:
        return ENROLLING
    if project.starts <= today:
        return RUNNING
    return CLOSED


def days_left(project: Dated, today: dt.date) -> int:
    """Days of enrolment left after today: 0 on the deadline day itself."""
    return (project.enroll_until - today).days


# How a badge says the status (one owner: the build hands these words to the page's status script,
# which says the same when the device's date is later than the build's, SPEC §5).
STATUS_WORDS = {
    **{s.slug: s.label for s in STATUSES},
    "today": "今天截止",
    "left": "还剩 {n} 天",
    "rolling": "已开班，可插班报名至 {m}月{d}日",
}


def status_text(project: Dated, today: dt.date) -> str:
    """The badge of a project on `today`: 招生中 with days left, or (rolling enrolment) until when one may join."""
    status = project_status(project, today)
    if status is not ENROLLING:
        return status.label
    if project.starts <= today:
        until = project.enroll_until
        detail = STATUS_WORDS["rolling"].format(m=until.month, d=until.day)
    elif days_left(project, today) == 0:
        detail = STATUS_WORDS["today"]
    else:
        detail = STATUS_WORDS["left"].format(n=days_left(project, today))
    return f"{status.label} · {detail}"


def dates_hook(project: Dated) -> str:
    """`data-dates`: starts|enroll_until|ends, what the page's status script reads (SPEC §5)."""
    return f"{project.starts.isoformat()}|{project.enroll_until.isoformat()}|{project.ends.isoformat()}"


def open_order(project: Dated, today: dt.date) -> tuple[int, dt.date, dt.date]:
    """How lists that promise enrolment order projects: enrolling first, then soonest start."""
    return (project_status(project, today).order, project.starts, project.enroll_until)


# -- postings (SPEC §8) ---------------------------------------------------------------------


def job_is_open(valid_until: dt.date, today: dt.date) -> bool:
    """A posting is open while its `valid_until` has not passed (the last day still counts)."""
    return valid_until >= today


# -- institutions ------------------------------------------------------------------------

LISTED = "在册"


def unlisted_reason(status: str | None, listed_until: dt.date | None, today: dt.date) -> str | None:
    """Why an institution is not in the catalogue on `today` (Chinese), or None when it is.

    It is listed while its status is 在册 and `listed_until`, if given, has not passed.
    """
    if status != LISTED:
        return f"目录状态为“{status}”"
    if listed_until is not None and listed_until < today:
        return f"目录资格已于 {listed_until} 到期"
    return None


class Listable(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def listed_until(self) -> dt.date | None: ...


def is_listed(institution: Listable, today: dt.date) -> bool:
    """In the catalogue on `today`: 在册 and not past `listed_until`."""
    return unlisted_reason(institution.status, institution.listed_until, today) is None


# -- freshness and the cycle -----------------------------------------------------------------

# The policy surveys demand and publishes its lists every 30 days (items 1, 4, 18); brands and
# cases change slowly, so a yearly confirmation is enough for them.
CYCLE_DAYS = 30
FRESH_DAYS = {
    "institutions": CYCLE_DAYS,
    "projects": CYCLE_DAYS,
    "jobs": CYCLE_DAYS,
    "brands": 365,
    "cases": 365,
}


def age_days(updated: dt.date, today: dt.date) -> int:
    return (today - updated).days


def is_stale(resource: str, updated: dt.date, today: dt.date) -> bool:
    """Confirmed more than one cycle ago: 30 days for institutions and projects, 365 for the rest."""
    return age_days(updated, today) > FRESH_DAYS[resource]


def next_cycle(today: dt.date) -> tuple[dt.date, dt.date]:
    """The days of the coming cycle, both included: from today to today + 30 days."""
    return today, today + dt.timedelta(days=CYCLE_DAYS)
