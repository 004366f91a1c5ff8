"""`skillmap serve`: build, serve under the site's own sub-path, rebuild when data or templates change.

MkDocs' live-reload server does the serving and watching; each rebuild runs the whole
check-and-build, so the preview is exactly what `skillmap build` publishes. A change that
breaks the checker keeps the last good site and prints the problems.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import socket
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..paths import PACKAGES, Layout, ProjectError
from ..problem_formats import as_text
from ..validate import check_project
from .build import build_site
from .output import work_folder


def make_server(root: Path, today: dt.date, host: str, port: int, out: Path) -> object:
    """A live-reload server for the project at `root`, its site built into `out` (not started)."""
    from mkdocs.livereload import LiveReloadServer

    layout = Layout(root)
    mount = urlparse(str(layout.mkdocs_config().get("site_url") or "/")).path or "/"

    def rebuild() -> None:
        result = check_project(root, today)
        if not result.ok:
            sys.stdout.write(as_text(result))
            print("数据有错误，预览仍显示上一次成功构建的网站。修正后会自动重新构建。", file=sys.stderr)
            return
        figures = build_site(result, today, out)
        print(f"已构建 {figures['pages']} 个页面，浏览器会自动刷新。", flush=True)

    check_port(host, port)  # before the build, which takes a while: a busy port is said at once
    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(out), mount_path=mount)
    server.set_app(_refusing_odd_paths(server.serve_request))
    for watched in [*(root / p for p in PACKAGES), root / "site_templates", root / "mkdocs.yml"]:
        if watched.exists():
            server.watch(str(watched))
    return server


def check_port(host: str, port: int) -> None:
    """Refuse, in Chinese, a port that is taken or an address that cannot be listened on."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ProjectError(
                f"端口 {port} 已被占用（可能另一个预览还开着）：请关掉它，或用 --port 换一个端口，如 --port {port + 1}。"
            ) from None
        raise ProjectError(
            f"无法在 {host}:{port} 上预览：{exc.strerror or exc}。请检查 --host 和 --port。"
        ) from None


def _refusing_odd_paths(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """A request path no page has (a NUL byte, bytes that are not UTF-8) gets 400, not a traceback."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        try:
            decoded = path.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            decoded = "\x00"
        if "\x00" in decoded:
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return ["地址无效。".encode()]
        return app(environ, start_response)

    return guarded


def serve(root: Path, today: dt.date, host: str, port: int) -> int:
    # MkDocs' own log lines are English; the preview says what matters itself, in Chinese.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with work_folder("serve") as tmp:
        server = make_server(root, today, host, port, tmp / "site")
        print(f"预览地址：{server.url}（修改数据或模板后自动重新构建；按 Ctrl+C 结束）")  # type: ignore[attr-defined]
        try:
            server.serve()  # type: ignore[attr-defined]
        except KeyboardInterrupt:
            print("预览已结束。")
        finally:
            server.shutdown()  # type: ignore[attr-defined]
    return 0
