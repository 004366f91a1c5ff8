"""`skillmap serve`: the preview serves the site under its sub-path and rebuilds on a data change."""

from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

from skillmap.site.serve import make_server

from ..conftest import TODAY, make_tree


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_preview_serves_and_rebuilds_after_a_change(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    server = make_server(root, TODAY, "127.0.0.1", 0, tmp_path / "preview")
    thread = threading.Thread(target=server.serve, daemon=True)  # type: ignore[attr-defined]
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.serve_thread.is_alive() and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.05)
        host, port = server.server_address[:2]  # type: ignore[attr-defined]
        base = f"http://{host}:{port}/zt/pxdht/"
        page = _get(base + "projects/online-dianshang/")
        assert "电子商务师线上班" in page
        assert "livereload" in page  # the preview reloads the browser after a rebuild

        path = root / "catalog/projects/online-dianshang.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("电子商务师线上班", "电子商务师网课"), encoding="utf-8"
        )
        deadline = time.monotonic() + 30
        while "电子商务师网课" not in _get(base + "projects/online-dianshang/"):
            assert time.monotonic() < deadline, "the preview was not rebuilt"
            time.sleep(0.3)
    finally:
        server.shutdown()  # type: ignore[attr-defined]
        thread.join(timeout=10)
