"""`skillmap serve`: build, serve under the site's own sub-path, rebuild when data or templates change.

MkDocs' live-reload server does the serving and watching; each rebuild runs the whole
check-and-build, so the preview is exactly what `skillmap build` publishes. A change that
breaks the checker keeps the last good site and prints the problems.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from urllib.parse import urlparse

from ..paths import PACKAGES, Layout
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

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(out), mount_path=mount)
    for watched in [*(root / p for p in PACKAGES), root / "site_templates", root / "mkdocs.yml"]:
        if watched.exists():
            server.watch(str(watched))
    return server


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
