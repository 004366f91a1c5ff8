"""Lighthouse on the built site, side by side with a stock Material site of the same pages.

    python -m skillmap.dev.bench_lighthouse --lighthouse DIR [--write docs/lighthouse.md]

DIR holds an npm install of `lighthouse@12.2.3` (`./tasks lighthouse` makes one under .cache/).
Both sites are built from the demo catalogue: ours with `skillmap build`, the stock one from
the very same generated Markdown with mkdocs-material's defaults (no overrides, its search on).
Each is served from localhost the way the nginx example serves it (gzip on), under the
site's sub-path, and Lighthouse runs with its mobile defaults (simulated slow 4G, 4× CPU
slowdown) on one page of each type, in normal mode and in 长辈模式. A developer tool: not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.server
import json
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..datadict import markdown_table
from ..validate import check_project

TODAY = dt.date(2026, 11, 27)
PREFIX = "/zt/pxdht/"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".csv", ".xml")


def page_types(site: Path) -> dict[str, str]:
    """One page of each type a worker meets, by its path under the site."""
    first = lambda kind: sorted(p.name for p in (site / kind).iterdir() if p.is_dir())[0]  # noqa: E731
    return {
        "首页": "",
        "导航图": "map/",
        "盟市": "regions/150200/",
        "项目": f"projects/{first('projects')}/",
        "机构": f"institutions/{first('institutions')}/",
        "补贴": "subsidy/",
    }


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under the sub-path, gzip-compressed like the nginx example."""

    site: Path

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if not path.startswith(PREFIX):
            self.send_error(404)
            return
        target = self.site / path[len(PREFIX) :]
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            self.send_error(404)
            return
        body = target.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        if target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = type("Handler", (_Handler,), {"site": site})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()


def build_ours(root: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "skillmap", "build", "--root", str(root), "--today", TODAY.isoformat()]
    subprocess.run([*cmd, "--out", str(out)], check=True, stdout=subprocess.DEVNULL)


def build_stock(root: Path, work: Path, out: Path) -> None:
    """The same generated pages through mkdocs-material as it comes: no overrides, no extra CSS or JS."""
    from ..site.build import prepare_docs
    from ..site.engines import run_mkdocs

    config_path, _, _ = prepare_docs(check_project(root, TODAY), TODAY, work)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    stock = {
        "site_name": "内蒙古技能培训导航图",
        "site_url": "https://example.gov.cn/zt/pxdht/",
        "docs_dir": config["docs_dir"],
        "site_dir": str(out),
        "theme": {"name": "material", "language": "zh"},
        "nav": config["nav"],
        "markdown_extensions": ["attr_list", "tables", "admonition", "toc"],
        "use_directory_urls": True,
    }
    path = work / "stock.yml"
    path.write_text(yaml.safe_dump(stock, allow_unicode=True), encoding="utf-8")
    run_mkdocs(path, TODAY)


def lighthouse(binary: Path, url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                f"--chrome-flags={CHROME_FLAGS}",
                "--output=json",
                f"--output-path={report}",
            ],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "performance": round(data["categories"]["performance"]["score"] * 100),
        "accessibility": round(data["categories"]["accessibility"]["score"] * 100),
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(audits["network-requests"]["details"]["items"]),
    }


def run(root: Path, binary: Path) -> list[list[object]]:
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="skillmap-lighthouse-") as tmp:
        ours, stock = Path(tmp) / "ours", Path(tmp) / "stock"
        build_ours(root, ours)
        build_stock(root, Path(tmp) / "work", stock)
        types = page_types(ours)
        with serve(ours) as ours_url, serve(stock) as stock_url:
            for name, path in types.items():
                for label, url in (
                    ("本站", ours_url + path),
                    ("本站·长辈模式", ours_url + path + "?elder=1"),
                    ("原版 Material", stock_url + path),
                ):
                    r = lighthouse(binary, url)
                    rows.append(
                        [
                            name,
                            label,
                            r["performance"],
                            r["accessibility"],
                            f"{r['lcp']:.2f}",
                            f"{r['fcp']:.2f}",
                            f"{r['tbt']:.0f}",
                            f"{r['cls']:.3f}",
                            f"{r['kb']:.0f}",
                            r["requests"],
                        ]
                    )
                    print(" | ".join(str(c) for c in rows[-1]), flush=True)
    return rows


HEADER = [
    "页面",
    "站点",
    "性能",
    "无障碍",
    "LCP（秒）",
    "FCP（秒）",
    "TBT（毫秒）",
    "CLS",
    "传输（KB）",
    "请求数",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.dev.bench_lighthouse", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="项目目录")
    parser.add_argument("--lighthouse", type=Path, required=True, help="安装了 lighthouse 的 npm 目录")
    parser.add_argument("--write", type=Path, default=None, help="把结果写入 Markdown 文件")
    args = parser.parse_args(argv)
    binary = args.lighthouse / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists() or shutil.which("node") is None:
        print(f"找不到 {binary}（或 node）：先运行 ./tasks lighthouse 安装。", file=sys.stderr)
        return 2
    table = markdown_table(HEADER, run(args.root.resolve(), binary))
    print(table)
    if args.write:
        args.write.write_text(_document(table), encoding="utf-8")
    return 0


def _document(table: str) -> str:
    return (
        "# Lighthouse：本站与原版 Material\n\n"
        "<!-- 由 `./tasks lighthouse` 生成。 -->\n\n"
        "示例数据构建的本站和用同样页面、原版 mkdocs-material 设置构建的站点，在本机用 gzip 提供服务，"
        "Lighthouse 12.2.3 移动端默认设置（模拟慢速 4G、CPU 降速 4 倍）各跑一次。传输为首次访问的全部字节（gzip 后）。"
        "这台 2 核共享机器上同一页面前后两次的 LCP 可相差 0.1–0.2 秒。\n\n" + table + "\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
