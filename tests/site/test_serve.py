"""`skillmap serve`: the preview serves the site under its sub-path and rebuilds on a data change."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from skillmap.site.serve import make_server

from ..conftest import TODAY, make_tree


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _get_while_rebuilding(url: str) -> str:
    """The page, or "" while MkDocs' server holds requests during a rebuild (which may take longer
    than one request's timeout on a slow machine)."""
    try:
        return _get(url)
    except (TimeoutError, urllib.error.URLError):
        return ""


def _started(server: Any) -> tuple[Any, threading.Thread]:
    """The preview server, serving on its own thread."""
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.serve_thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, thread


def test_preview_serves_and_rebuilds_after_a_change(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    server, thread = _started(make_server(root, TODAY, "127.0.0.1", 0, tmp_path / "preview"))
    try:
        host, port = server.server_address[:2]  # type: ignore[attr-defined]
        base = f"http://{host}:{port}/zt/pxdht/"
        page = _get(base + "projects/online-dianshang/")
        assert "电子商务师线上班" in page
        assert "livereload" in page  # the preview reloads the browser after a rebuild

        path = root / "catalog/projects/online-dianshang.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("电子商务师线上班", "电子商务师网课"), encoding="utf-8"
        )
        deadline = time.monotonic() + 60
        while "电子商务师网课" not in _get_while_rebuilding(base + "projects/online-dianshang/"):
            assert time.monotonic() < deadline, "the preview was not rebuilt"
            time.sleep(0.3)
    finally:
        server.shutdown()  # type: ignore[attr-defined]
        thread.join(timeout=10)


def test_a_busy_port_is_refused_before_building(tmp_path: Path) -> None:
    import socket

    from ..conftest import run

    root = make_tree(tmp_path / "tree")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        code, _, err = run("serve", "--root", str(root), "--today", "2026-11-27", "--port", str(port))
    assert code == 2 and f"端口 {port} 已被占用" in err and "内部错误" not in err
    assert time.monotonic() - started < 5  # said at once, not after a build
    assert not (root / "site").exists()


def test_a_request_with_a_nul_byte_gets_400_without_a_traceback(tmp_path: Path, capfd: object) -> None:
    import http.client

    root = make_tree(tmp_path / "tree")
    server, thread = _started(make_server(root, TODAY, "127.0.0.1", 0, tmp_path / "preview"))
    try:
        host, port = server.server_address[:2]  # type: ignore[attr-defined]
        for path in ("/zt/pxdht/%00", "/zt/pxdht/a%00b/", "/zt/pxdht/%ff%fe"):
            conn = http.client.HTTPConnection(host, port, timeout=10)
            conn.request("GET", path)
            assert conn.getresponse().status == 400
            conn.close()
    finally:
        server.shutdown()  # type: ignore[attr-defined]
        thread.join(timeout=10)
    assert "Traceback" not in capfd.readouterr().err  # type: ignore[attr-defined]
