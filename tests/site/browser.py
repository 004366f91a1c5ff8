"""A real browser for the site tests: Playwright driving Debian's /usr/bin/chromium.

The test tools' own browser download cannot work here. Without the browser the tests skip,
except under CI=true, where they fail: CI must never pass without running them.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ..conftest import TODAY

CHROMIUM = os.environ.get("SKILLMAP_CHROMIUM", "/usr/bin/chromium")
# Closed network: no background connections, no component updates, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def require_browser() -> None:
    if Path(CHROMIUM).is_file() or shutil.which(CHROMIUM):
        return
    message = f"找不到浏览器 {CHROMIUM}（Debian 软件包 chromium）"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "：CI 中浏览器测试不能跳过。")
    pytest.skip(message)


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under a sub-path, as a bureau's 专栏 would: /zt/pxdht/…"""

    prefix = "/zt/pxdht/"

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_PrefixHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{_PrefixHandler.prefix}"
    finally:
        server.shutdown()
        server.server_close()


class OnDay:
    """A browser whose tabs read the clock of one day (the build's, unless said otherwise), in
    China's time zone. Pages re-read a course's status with the device's date when it is later
    than the build's (SPEC §5), so a test that did not fix the clock would depend on when it ran."""

    def __init__(self, browser: Any, day: dt.date = TODAY) -> None:
        self.browser = browser
        self.day = day

    def new_context(self, day: dt.date | None = None, **options: Any) -> Any:
        options.setdefault("timezone_id", "Asia/Shanghai")
        context = self.browser.new_context(**options)
        context.add_init_script(_shifted_clock(day or self.day))
        return context

    def new_page(self, day: dt.date | None = None, **options: Any) -> Any:
        return self.new_context(day, **options).new_page()

    def close(self) -> None:
        self.browser.close()


def _shifted_clock(day: dt.date) -> str:
    """A script that moves the page's `Date` to 09:30 China time on `day`, time still running.
    (Playwright's own clock also replaces `performance`, whose resource timings tests read.)"""
    moment = dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    millis = int(moment.timestamp() * 1000)
    return (
        f"(() => {{ const Real = Date, offset = {millis} - Real.now();"
        " class Shifted extends Real { constructor(...a) { if (a.length) super(...a); else super(Real.now() + offset); }"
        " static now() { return Real.now() + offset; } }"
        " globalThis.Date = Shifted; })();"
    )


@contextmanager
def launched() -> Iterator[OnDay]:
    """Debian's Chromium, its tabs on the build's day."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = OnDay(p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def phone_tab() -> Iterator[Any]:
    """A 360 × 740 tab in Chromium; at the end, no script error may have happened on it."""
    with launched() as browser:
        tab = browser.new_page(viewport={"width": 360, "height": 740})
        tab.browser = browser  # for tests that open a second tab on the same day
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.errors = errors
        yield tab
        assert errors == []
