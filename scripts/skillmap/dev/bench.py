"""Benchmark `skillmap check` and `skillmap build` on synthetic catalogues.

    python -m skillmap.dev.bench [--sizes 1000 5000] [--build-sizes 1000 5000] [--repeat 3] [--write docs/benchmarks.md]

For the build, a plain `mkdocs build` of exactly the same generated pages (search off) is
timed too, so that what our own steps add (check, render, QR codes, open data) shows as a
ratio; and the first load of a project page (HTML + CSS + JS, gzip) is weighed.

Each measurement is a fresh `python -m skillmap check` process, so interpreter start-up and
imports are included, as an editor or CI would see them. The best of --repeat runs is kept
(the others measure the machine's noise, not the program).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..datadict import markdown_table
from ..paths import CONFIG_ITEMS
from .synth import generate

TODAY = dt.date(2026, 11, 27)


@dataclass
class Measurement:
    projects: int
    records: int
    seconds: float
    peak_mb: float

    @property
    def ms_per_record(self) -> float:
        return self.seconds * 1000 / self.records


def measure(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak memory in MB, exit code) of one child process and its helpers.

    The build forks helpers that share most of their memory with it, so the largest single
    RSS undercounts and the sum of RSS overcounts; the peak is the larger of the largest RSS and
    the largest sum of the tree's PSS (shared pages split between their sharers), sampled."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    sampler.stop()
    return seconds, max(usage.ru_maxrss / 1024, sampler.peak_kb / 1024), os.waitstatus_to_exitcode(status)


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants (Linux /proc) every 0.2 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def bench_check(root: Path, work: Path, projects: int, repeat: int) -> Measurement:
    tree = prepare_tree(root, work, projects)
    records = sum(
        1 for p in tree.rglob("*.yaml") if p.parent.name != "schemas" and not p.name.startswith("datapackage")
    )
    command = [
        sys.executable,
        "-m",
        "skillmap",
        "check",
        "--root",
        str(tree),
        "--today",
        TODAY.isoformat(),
        "--format",
        "json",
    ]
    runs = []
    for _ in range(repeat):
        seconds, peak, code = measure(command)
        if code != 0:
            raise SystemExit(f"skillmap check 在 {projects} 个项目的合成数据上退出码为 {code}")
        runs.append((seconds, peak))
    best = min(runs)
    return Measurement(projects, records, best[0], max(r[1] for r in runs))


@dataclass
class BuildMeasurement:
    projects: int
    pages: int
    seconds: float
    peak_mb: float
    mkdocs_seconds: float
    project_page_kb: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.mkdocs_seconds


def prepare_tree(root: Path, work: Path, projects: int) -> Path:
    """A synthetic catalogue of N projects (made once), with the working tree's templates and config."""
    tree = work / f"synthetic-{projects}"
    if not (tree / "catalog" / "datapackage.yaml").is_file():
        generate(root, tree, projects=projects, today=TODAY)
    for item in CONFIG_ITEMS:  # always measure the templates and config of the working tree
        if (tree / item).is_dir():
            shutil.rmtree(tree / item)
        (shutil.copytree if (root / item).is_dir() else shutil.copy2)(root / item, tree / item)
    return tree


def bench_build(root: Path, work: Path, projects: int, repeat: int = 2) -> BuildMeasurement:
    """Our build and a plain `mkdocs build` of the same pages, interleaved, best of `repeat` each.

    The machine's speed drifts; interleaving and taking each side's best keeps the ratio fair.
    A first, unmeasured build fills the QR cache, as the monthly rebuild finds it.
    """
    tree = prepare_tree(root, work, projects)
    out = work / f"site-{projects}"
    command = [
        sys.executable,
        "-m",
        "skillmap",
        "build",
        "--root",
        str(tree),
        "--today",
        TODAY.isoformat(),
        "--out",
        str(out),
    ]
    if not (tree / ".cache" / "qr.sqlite").is_file():
        measure(command)  # unmeasured: fills the QR cache (a tree built before has it already)
    config = _plain_docs(tree, work / f"plain-{projects}")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795752000", "NO_MKDOCS_2_WARNING": "1"}
    ours: list[tuple[float, float]] = []
    plain: list[float] = []
    for _ in range(repeat):
        seconds, peak, code = measure(command)
        if code != 0:
            raise SystemExit(f"skillmap build 在 {projects} 个项目的合成数据上退出码为 {code}")
        ours.append((seconds, peak))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config], check=True, env=env)
        plain.append(time.perf_counter() - started)
    pages = sum(1 for _ in out.rglob("index.html"))
    best = min(ours)
    return BuildMeasurement(
        projects, pages, best[0], max(p for _, p in ours), min(plain), project_page_weight(out)
    )


def _plain_docs(tree: Path, work: Path) -> str:
    """Generate the same pages and config our build gives MkDocs, for the plain baseline."""
    prepare = (
        "import datetime as dt, pathlib, shutil, sys;"
        "from skillmap.validate import check_project;"
        "from skillmap.site.build import prepare_docs;"
        "w = pathlib.Path(sys.argv[2]); shutil.rmtree(w, ignore_errors=True);"
        "print(prepare_docs(check_project(pathlib.Path(sys.argv[1]), dt.date(2026, 11, 27)), dt.date(2026, 11, 27), w)[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", prepare, str(tree), str(work)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def project_page_weight(site: Path) -> float:
    """KB, gzip: the first load of a project page (its HTML and the CSS and JS it links)."""
    page = sorted(p for p in (site / "projects").iterdir() if p.is_dir())[0] / "index.html"
    html = page.read_bytes()
    total = len(gzip.compress(html, mtime=0))
    for ref in re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html):
        total += len(gzip.compress((page.parent / ref.decode()).resolve().read_bytes(), mtime=0))
    return total / 1024


def build_table(results: list[BuildMeasurement]) -> str:
    header = [
        "项目数 N",
        "页面数",
        "skillmap build（秒）",
        "每个项目（毫秒）",
        "内存峰值（MB）",
        "同样页面的 mkdocs build（秒）",
        "比值",
        "项目页首次加载（KB，gzip）",
    ]
    rows = [
        [
            m.projects,
            m.pages,
            f"{m.seconds:.1f}",
            f"{m.seconds * 1000 / m.projects:.1f}",
            f"{m.peak_mb:.0f}",
            f"{m.mkdocs_seconds:.1f}",
            f"{m.ratio:.2f}",
            f"{m.project_page_kb:.0f}",
        ]
        for m in results
    ]
    return markdown_table(header, rows, numeric=True)


@dataclass
class WorkbookMeasurement:
    projects: int
    export_seconds: float
    import_seconds: float
    workbook_mb: float
    peak_mb: float


def bench_workbook(root: Path, work: Path, projects: int) -> WorkbookMeasurement:
    """`skillmap export` and a preview `skillmap import` of the exported workbook (no change found)."""
    tree = work / f"synthetic-{projects}"
    if not tree.is_dir():
        generate(root, tree, projects=projects, today=TODAY)
    book = work / f"workbook-{projects}.xlsx"
    base = [sys.executable, "-m", "skillmap"]
    common = ["--root", str(tree), "--today", TODAY.isoformat()]
    export_s, export_peak, code = measure([*base, "export", *common, "--out", str(book)])
    if code != 0:
        raise SystemExit(f"skillmap export 在 {projects} 个项目上退出码为 {code}")
    import_s, import_peak, code = measure([*base, "import", str(book), *common, "--format", "json"])
    if code != 0:
        raise SystemExit(f"skillmap import 在 {projects} 个项目上退出码为 {code}")
    return WorkbookMeasurement(
        projects, export_s, import_s, book.stat().st_size / 1048576, max(export_peak, import_peak)
    )


def workbook_table(results: list[WorkbookMeasurement]) -> str:
    header = ["项目数 N", "导出（秒）", "导入预览（秒）", "工作簿（MB）", "内存峰值（MB）"]
    rows = [
        [
            m.projects,
            f"{m.export_seconds:.1f}",
            f"{m.import_seconds:.1f}",
            f"{m.workbook_mb:.1f}",
            f"{m.peak_mb:.0f}",
        ]
        for m in results
    ]
    return markdown_table(header, rows, numeric=True)


def table(results: list[Measurement]) -> str:
    header = ["项目数 N", "记录数（含机构、品牌、案例）", "耗时（秒）", "每条记录（毫秒）", "内存峰值（MB）"]
    rows = [
        [m.projects, m.records, f"{m.seconds:.2f}", f"{m.ms_per_record:.2f}", f"{m.peak_mb:.0f}"]
        for m in results
    ]
    return markdown_table(header, rows, numeric=True)


def report(
    results: list[Measurement],
    repeat: int,
    builds: list[BuildMeasurement],
    books: list[WorkbookMeasurement] | None = None,
) -> str:
    machine = f"{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}"
    build_part = ""
    if builds:
        build_part = (
            "\n## skillmap build\n\n"
            "整站构建（检查、生成页面、二维码、开放数据、MkDocs、收尾）的耗时和内存峰值，与对同样生成的页面直接运行 "
            "`mkdocs build`（关闭搜索）比较：两者交替运行、各取最好的一次（N ≤ 5000 各 2 次，N = 20000 各 1 次），"
            "先做一次不计时的构建填满二维码缓存，与每月例行重建相同。"
            "构建在两个核上进行（`site/beside.py`）：搜索索引和一半页面在第二个进程里生成；MkDocs 也分两个进程，"
            "各转换、写出一半页面（`site/mkdocs_share.py`），海报同时生成。内存峰值是整个进程树的：每 0.2 秒对各进程的 "
            "PSS（共享的内存按共享的进程平分）求和取最大值，且不小于最大的单个进程的 RSS。\n\n"
            f"{build_table(builds)}\n\n目标：不超过同样页面 mkdocs build 的 1.2 倍，随 N 线性增长，内存不超过 1 GB，项目页首次加载不超过 45 KB（gzip）。\n"
        )
    if books:
        build_part += (
            "\n## skillmap export / import\n\n"
            "导出整个目录为工作簿（含检查），再把它原样导入预览（读取、合并、按 check 的规则检查，结果为没有变化）；"
            "各为新启动的进程，运行一次。\n\n"
            f"{workbook_table(books)}\n"
        )
    return (
        "# 性能基准\n\n"
        "<!-- 由 `./tasks bench --write docs/benchmarks.md` 生成。 -->\n\n"
        f"`skillmap check` 在合成数据（`python -m skillmap.dev.synth`，N 个项目、N/5 个机构、N/50 个品牌、N/20 个案例）上的表现；"
        f"每次都是新启动的进程（含解释器启动），取 {repeat} 次中最快的一次。机器：{machine}。\n\n"
        f"{table(results)}\n\n目标：N = 5000 时每条记录不超过 1 毫秒。\n" + build_part
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.dev.bench", description="skillmap check 的性能基准。"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000], help="项目数 N（可多个）")
    parser.add_argument(
        "--build-sizes", type=int, nargs="*", default=[1000, 5000], help="构建基准的项目数（空则不测）"
    )
    parser.add_argument(
        "--workbook-sizes", type=int, nargs="*", default=[5000], help="导出/导入基准的项目数（空则不测）"
    )
    parser.add_argument("--repeat", type=int, default=3, help="每个规模运行几次")
    parser.add_argument("--root", type=Path, default=Path("."), help="项目目录（复制其配置）")
    parser.add_argument("--work", type=Path, default=Path("bench-out"), help="存放合成数据的目录")
    parser.add_argument("--write", type=Path, default=None, help="把结果写入 Markdown 文件")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        m = bench_check(args.root, args.work, n, args.repeat)
        print(
            f"N={n}: {m.records} 条记录，{m.seconds:.2f} 秒，{m.ms_per_record:.2f} 毫秒/条，内存峰值 {m.peak_mb:.0f} MB",
            flush=True,
        )
        results.append(m)
    print(table(results))
    builds = []
    for n in args.build_sizes:
        b = bench_build(args.root, args.work, n, repeat=2 if n <= 5000 else 1)
        print(
            f"N={n}: 构建 {b.seconds:.1f} 秒（mkdocs {b.mkdocs_seconds:.1f} 秒，比值 {b.ratio:.2f}），内存 {b.peak_mb:.0f} MB，项目页 {b.project_page_kb:.0f} KB",
            flush=True,
        )
        builds.append(b)
    if builds:
        print(build_table(builds))
    books = []
    for n in args.workbook_sizes:
        w = bench_workbook(args.root, args.work, n)
        print(
            f"N={n}: 导出 {w.export_seconds:.1f} 秒，导入预览 {w.import_seconds:.1f} 秒，工作簿 {w.workbook_mb:.1f} MB",
            flush=True,
        )
        books.append(w)
    if args.write is not None:
        args.write.write_text(report(results, args.repeat, builds, books), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
