"""A real browser for the site tests: Playwright driving Debian's /usr/bin/chromium.

The test tools' own browser download cannot work here. Without the browser the tests skip,
except under CI=true, where they fail: CI must never pass without running them.
"""

from __future__ import annotations

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


@contextmanager
def phone_tab() -> Iterator[Any]:
    """A 360 × 740 tab in Chromium; at the end, no script error may have happened on it."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 360, "height": 740})
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.errors = errors
        yield tab
        assert errors == []
        browser.close()
