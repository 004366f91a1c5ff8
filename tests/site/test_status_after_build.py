"""Status after the build (SPEC §5): a page read days later says what is true on the reader's day.

The demo site is built on TODAY and opened with the browser's clock ten days later: every course
whose enrolment closed in between must read `closed` and offer no call to enrol, on its page,
in lists and in search hits, and say exactly what the build would have said on that day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from skillmap.domain.status import project_status, status_text

from ..conftest import TODAY

LATER = TODAY + dt.timedelta(days=10)
MAIN = re.compile(r'class="sm-main" data-status="(\w+)" data-dates="([^"]+)"')


class _Dates:
    def __init__(self, hook: str) -> None:
        self.starts, self.enroll_until, self.ends = (dt.date.fromisoformat(d) for d in hook.split("|"))


def _projects(site: Path) -> dict[str, _Dates]:
    found = {}
    for page in sorted((site / "projects").glob("*/index.html")):
        match = MAIN.search(page.read_text(encoding="utf-8"))
        assert match, page
        found[page.parent.name] = _Dates(match.group(2).replace("&#124;", "|"))
    return found


@pytest.fixture(scope="module")
def base_url(demo_url: str) -> str:
    return demo_url


def _tab(browser: Any, day: dt.date) -> Any:
    tab = browser.new_page(day, viewport={"width": 360, "height": 740})
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    return tab


def test_a_course_closed_since_the_build_says_so_and_offers_no_enrolment(
    browser: Any, base_url: str, demo_site: Path
) -> None:
    projects = _projects(demo_site)
    closed_since = [pid for pid, p in projects.items() if TODAY <= p.enroll_until < LATER and p.ends >= LATER]
    assert len(closed_since) >= 3, "the demo must hold courses whose enrolment closes within ten days"
    tab = _tab(browser, LATER)
    for pid in closed_since:
        tab.goto(f"{base_url}projects/{pid}/")
        main = tab.locator(".sm-main")
        assert main.get_attribute("data-status") == "closed", pid
        assert tab.locator("[data-enrol]").count() == 0, pid
        # No enrolment link or form of any kind is left (SPEC §5): only calls to ask about the next one.
        assert tab.locator("[data-open-only]").count() == 0, pid
        assert tab.locator("#enroll ~ p:visible").first.inner_text().startswith("本期报名已于")
        badge = tab.locator(".sm-status .sm-badge").inner_text()
        assert badge == status_text(projects[pid], LATER), pid
        assert "状态按本机日期 " + LATER.isoformat() in tab.locator("[data-build-date]").inner_text()
        assert tab.get_by_text("咨询下一期").count() >= 1, pid
    assert tab.errors == []
    tab.context.close()


def test_every_card_and_hit_reads_as_the_build_would_on_the_later_day(
    browser: Any, base_url: str, demo_site: Path
) -> None:
    projects = _projects(demo_site)
    tab = _tab(browser, LATER)
    seen = 0
    for path in ["", "projects/", "for/yexiao/", "regions/150200/", "search/?type=project"]:
        tab.goto(base_url + path)
        if path.startswith("search"):
            tab.wait_for_selector("[data-search-results][data-state=done]")
        cards = tab.eval_on_selector_all(
            "[data-dates]",
            "els => els.map(e => [e.getAttribute('data-dates'), e.getAttribute('data-status'),"
            " (e.querySelector('.sm-badge') || {}).textContent || '', !!e.querySelector('[data-open-only]'),"
            " !!e.querySelector('[data-enrol]')])",
        )
        assert cards, path
        for hook, status, badge, enrol_only, enrol in cards:
            dates = _Dates(hook)
            expected = project_status(dates, LATER)
            assert status == expected.hook, (path, hook)
            assert badge == status_text(dates, LATER), (path, hook)
            if expected.hook != "enrolling":
                assert not enrol_only and not enrol, (path, hook)
            seen += 1
    assert seen > len(projects) / 2
    assert tab.errors == []
    tab.context.close()


def test_a_device_clock_before_the_build_changes_nothing(
    browser: Any, base_url: str, demo_site: Path
) -> None:
    pid, dates = next((pid, p) for pid, p in _projects(demo_site).items() if p.enroll_until >= TODAY)
    built = (demo_site / "projects" / pid / "index.html").read_text(encoding="utf-8")
    tab = _tab(browser, TODAY - dt.timedelta(days=40))
    tab.goto(f"{base_url}projects/{pid}/")
    assert tab.locator(".sm-main").get_attribute("data-status") == "enrolling"
    assert tab.locator("[data-enrol]").count() == 1
    assert tab.locator(".sm-status .sm-badge").inner_text() == status_text(dates, TODAY)
    assert (
        f"数据截至 {TODAY.isoformat()}" in built
        and "本机日期" not in tab.locator("[data-build-date]").inner_text()
    )
    tab.context.close()


def test_the_browser_and_the_build_agree_on_status_for_every_kind_of_date(
    browser: Any, base_url: str
) -> None:
    """The page's status function against domain/status.py, over the edges: deadline day, start
    day, rolling enrolment, last day."""
    tab = _tab(browser, LATER)
    tab.goto(base_url)
    start = TODAY
    cases = []
    for starts in range(-3, 4):
        for enrol in range(-3, 4):
            for length in (0, 1, 5):
                s = start + dt.timedelta(days=starts)
                e = start + dt.timedelta(days=enrol)
                end = max(s, e) + dt.timedelta(days=length)
                for today in range(-4, 10):
                    cases.append((s, e, end, start + dt.timedelta(days=today)))
    got = tab.evaluate(
        "cases => cases.map(c => [skillmapStatus.phase(c.slice(0, 3), c[3]), skillmapStatus.text(c.slice(0, 3), c[3])])",
        [[d.isoformat() for d in c] for c in cases],
    )
    for (s, e, end, today), (phase, text) in zip(cases, got, strict=True):
        dates = _Dates(f"{s}|{e}|{end}")
        assert phase == project_status(dates, today).slug, (s, e, end, today)
        assert text == status_text(dates, today), (s, e, end, today)
    tab.context.close()
