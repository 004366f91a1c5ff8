"""Build the same synthetic catalogue with both engines: time, memory, rebuilds and page-by-page sameness.

    python -m skillmap.dev.bench_engines [--sizes 1000 5000] [--work /tmp/bench-engines] [--write docs/engine.md]

For each N: `skillmap build` with MkDocs, then with Zensical, then with Zensical again (each a
fresh process, peak memory including the engine's own process); the two Zensical builds must be
byte for byte the same, and the MkDocs and Zensical sites the same page by page
(`skillmap.dev.engine_compare`). The engines alone are timed too, on the same generated pages
(`mkdocs build` and `zensical build` of one prepared work folder). --write replaces the part of
the file between the generated-section markers.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..datadict import markdown_table
from ..site.engines import ZENSICAL_CONFIG, source_date_epoch, zensical_config
from .bench import TODAY, _plain_docs, measure, prepare_tree
from .engine_compare import compare_sites

BEGIN = "<!-- bench_engines: begin -->"
END = "<!-- bench_engines: end -->"


@dataclass
class EngineRun:
    projects: int
    pages: int
    mkdocs_s: float
    mkdocs_mb: float
    zensical_s: float
    zensical_mb: float
    engine_mkdocs_s: float
    engine_zensical_s: float
    mkdocs_same_twice: bool
    zensical_same_twice: bool
    differences: int


def _build(tree: Path, out: Path, engine: str) -> tuple[float, float]:
    command = [sys.executable, "-m", "skillmap", "build", "--root", str(tree), "--today", TODAY.isoformat()]
    seconds, peak, code = measure([*command, "--out", str(out), "--engine", engine])
    if code != 0:
        raise SystemExit(f"skillmap build --engine {engine} 退出码为 {code}")
    return seconds, peak


def _digest(site: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        h.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _engines_alone(tree: Path, work: Path) -> tuple[float, float]:
    """Seconds of `mkdocs build` and of `zensical build` on one set of generated pages."""
    config = Path(_plain_docs(tree, work))
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch(TODAY)), "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env=env)
    mkdocs_s = time.perf_counter() - started
    import yaml

    flat = zensical_config(yaml.safe_load(config.read_text(encoding="utf-8")), work)
    path = work / ZENSICAL_CONFIG
    path.write_text(yaml.safe_dump(flat, allow_unicode=True, sort_keys=False), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(path)],
        check=True,
        env=env,
        cwd=work,
        capture_output=True,
    )
    return mkdocs_s, time.perf_counter() - started


def bench_engines(root: Path, work: Path, projects: int) -> EngineRun:
    tree = prepare_tree(root, work, projects)
    m1, z1, z2, m2 = (
        work / f"{name}-{projects}" for name in ("mkdocs", "zensical", "zensical-again", "mkdocs-again")
    )
    _build(tree, m1, "mkdocs")  # first: fills the QR cache, as the monthly rebuild finds it
    mkdocs_s, mkdocs_mb = _build(tree, m2, "mkdocs")
    zensical_s, zensical_mb = _build(tree, z1, "zensical")
    _build(tree, z2, "zensical")
    engine_mkdocs_s, engine_zensical_s = _engines_alone(tree, work / f"plain-{projects}")
    comparison = compare_sites(m2, z1, limit=10**6)
    return EngineRun(
        projects,
        sum(1 for _ in m2.rglob("index.html")),
        mkdocs_s,
        mkdocs_mb,
        zensical_s,
        zensical_mb,
        engine_mkdocs_s,
        engine_zensical_s,
        _digest(m1) == _digest(m2),
        _digest(z1) == _digest(z2),
        len(comparison.differences),
    )


def engine_table(runs: list[EngineRun]) -> str:
    header = [
        "项目数 N",
        "页面数",
        "skillmap build · MkDocs（秒）",
        "内存峰值（MB）",
        "skillmap build · Zensical（秒）",
        "内存峰值（MB）",
        "引擎本身 · mkdocs build（秒）",
        "引擎本身 · zensical build（秒）",
        "重建逐字节相同（MkDocs / Zensical）",
        "逐页比较的不同处",
    ]
    yes = {True: "是", False: "否"}
    rows = [
        [
            r.projects,
            r.pages,
            f"{r.mkdocs_s:.1f}",
            f"{r.mkdocs_mb:.0f}",
            f"{r.zensical_s:.1f}",
            f"{r.zensical_mb:.0f}",
            f"{r.engine_mkdocs_s:.1f}",
            f"{r.engine_zensical_s:.1f}",
            f"{yes[r.mkdocs_same_twice]} / {yes[r.zensical_same_twice]}",
            r.differences,
        ]
        for r in runs
    ]
    return markdown_table(header, rows, numeric=True)


def section(runs: list[EngineRun]) -> str:
    machine = f"{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}"
    return (
        f"{BEGIN}\n"
        "<!-- 由 `python -m skillmap.dev.bench_engines --write docs/engine.md` 生成。 -->\n\n"
        f"机器：{machine}。每格是一次新启动的进程；内存峰值是整个进程树的（每 0.2 秒对各进程的 PSS 求和取最大值，含 MkDocs 的两个进程和 Zensical 自己的进程）；先做一次不计时的构建填满二维码缓存。\n\n"
        f"{engine_table(runs)}\n{END}"
    )


def write_section(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(old):
        raise SystemExit(f"{path} 中没有 {BEGIN} … {END}，不知道写在哪里。")
    path.write_text(pattern.sub(lambda _: text, old), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.dev.bench_engines", description="两个构建引擎的比较。"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--work", type=Path, default=Path("bench-out"))
    parser.add_argument("--write", type=Path, default=None, help="写入这个 Markdown 文件的生成段落")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    runs = []
    for n in args.sizes:
        runs.append(bench_engines(args.root, args.work, n))
        print(engine_table(runs), flush=True)
        for name in ("mkdocs", "zensical", "zensical-again", "mkdocs-again"):
            shutil.rmtree(args.work / f"{name}-{n}", ignore_errors=True)
    if args.write:
        write_section(args.write, section(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
