"""Status on a date: one vocabulary for the project's phase, the host's listing and freshness."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from skillmap.domain import status as st

from ..conftest import TODAY, run


@dataclass
class P:
    starts: dt.date = dt.date(2026, 12, 1)
    ends: dt.date = dt.date(2027, 1, 31)
    enroll_until: dt.date = dt.date(2026, 12, 10)


@pytest.mark.parametrize(
    ("project", "expected"),
    [
        (P(), st.ENROLLING),
        (P(enroll_until=TODAY), st.ENROLLING),  # the deadline day itself still counts
        (P(starts=dt.date(2026, 11, 1), enroll_until=dt.date(2026, 11, 20)), st.RUNNING),
        (P(enroll_until=dt.date(2026, 11, 20)), st.CLOSED),
        (P(dt.date(2026, 9, 1), dt.date(2026, 11, 26), dt.date(2026, 9, 1)), st.ENDED),
        (P(dt.date(2026, 9, 1), TODAY, dt.date(2026, 9, 1)), st.RUNNING),  # the last day is not ended
    ],
)
def test_project_status_on_the_build_date(project: P, expected: st.Status) -> None:
    assert st.project_status(project, TODAY) is expected


def test_one_vocabulary_with_the_site_hooks_of_spec_5() -> None:
    assert [s.slug for s in st.STATUSES] == ["enrolling", "closed", "running", "ended"]
    assert {s.hook for s in st.STATUSES} == {"enrolling", "closed", "ended"}
    assert [s.order for s in st.STATUSES] == sorted(s.order for s in st.STATUSES)
    assert len({s.label for s in st.STATUSES}) == len(st.STATUSES)


@dataclass
class Inst:
    status: str = "在册"
    listed_until: dt.date | None = None


@pytest.mark.parametrize(
    ("inst", "listed"),
    [
        (Inst(), True),
        (Inst(listed_until=TODAY), True),  # listed through its last day
        (Inst(listed_until=TODAY + dt.timedelta(days=1)), True),
        (Inst(listed_until=TODAY - dt.timedelta(days=1)), False),
        (Inst(status="暂停"), False),
        (Inst(status="退出", listed_until=TODAY + dt.timedelta(days=99)), False),
    ],
)
def test_an_institution_is_listed_while_in_register_and_not_past_listed_until(
    inst: Inst, listed: bool
) -> None:
    assert st.is_listed(inst, TODAY) is listed
    reason = st.unlisted_reason(inst.status, inst.listed_until, TODAY)
    assert (reason is None) is listed


@pytest.mark.parametrize(
    ("resource", "days", "stale"),
    [
        ("projects", 30, False),
        ("projects", 31, True),
        ("institutions", 30, False),
        ("institutions", 31, True),
        ("brands", 365, False),
        ("brands", 366, True),
        ("cases", 366, True),
    ],
)
def test_freshness_is_one_cycle_of_30_days_or_a_year(resource: str, days: int, stale: bool) -> None:
    assert st.is_stale(resource, TODAY - dt.timedelta(days=days), TODAY) is stale


def test_the_next_cycle_takes_in_both_ends() -> None:
    assert st.next_cycle(TODAY) == (TODAY, dt.date(2026, 12, 27))


def _set(path: Path, key: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
    if not any(line.startswith(f"{key}:") for line in lines):
        lines.append(f"{key}: {value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _problems(tree: Path) -> dict[str, list[dict[str, object]]]:
    code, out, err = run("check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "json")
    assert code in (0, 1), err
    return json.loads(out)


def test_the_checker_finds_stale_records_at_31_days_not_30(tree: Path) -> None:
    project = tree / "catalog/projects/hhht/hhht-hangong-yexiao.yaml"
    _set(project, "updated", (TODAY - dt.timedelta(days=30)).isoformat())
    assert not [p for p in _problems(tree)["warnings"] if p["code"] == "stale-record"]
    _set(project, "updated", (TODAY - dt.timedelta(days=31)).isoformat())
    stale = [p for p in _problems(tree)["warnings"] if p["code"] == "stale-record"]
    assert [(p["record"], p["field"]) for p in stale] == [("hhht-hangong-yexiao", "updated")]


def test_a_host_past_listed_until_stops_its_running_projects_and_leaves_the_site(tree: Path) -> None:
    host = tree / "catalog/institutions/qingcheng-school.yaml"
    _set(host, "listed_until", TODAY.isoformat())
    assert not [p for p in _problems(tree)["errors"] if p["code"] == "institution-inactive"]
    _set(host, "listed_until", (TODAY - dt.timedelta(days=1)).isoformat())
    errors = [p for p in _problems(tree)["errors"] if p["code"] == "institution-inactive"]
    assert [(p["record"], p["field"]) for p in errors] == [("hhht-hangong-yexiao", "institution")]
    assert "到期" in str(errors[0]["message"])
