"""Benchmark `skillmap check` on synthetic catalogues: wall time and peak memory per run.

    python -m skillmap.bench [--sizes 1000 5000] [--repeat 3] [--write docs/benchmarks.md]

Each measurement is a fresh `python -m skillmap check` process, so interpreter start-up and
imports are included, as an editor or CI would see them. The best of --repeat runs is kept
(the others measure the machine's noise, not the program).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

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
    """(wall seconds, peak RSS in MB, exit code) of one child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def bench_check(root: Path, work: Path, projects: int, repeat: int) -> Measurement:
    tree = work / f"synthetic-{projects}"
    generate(root, tree, projects=projects, today=TODAY)
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


def table(results: list[Measurement]) -> str:
    rows = [
        "| 项目数 N | 记录数（含机构、品牌、案例） | 耗时（秒） | 每条记录（毫秒） | 内存峰值（MB） |",
        "|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        rows.append(
            f"| {m.projects} | {m.records} | {m.seconds:.2f} | {m.ms_per_record:.2f} | {m.peak_mb:.0f} |"
        )
    return "\n".join(rows)


def report(results: list[Measurement], repeat: int) -> str:
    machine = f"{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}"
    return (
        "# 性能基准\n\n"
        "<!-- 由 `./tasks bench --write docs/benchmarks.md` 生成。 -->\n\n"
        f"`skillmap check` 在合成数据（`python -m skillmap.synth`，N 个项目、N/5 个机构、N/50 个品牌、N/20 个案例）上的表现；"
        f"每次都是新启动的进程（含解释器启动），取 {repeat} 次中最快的一次。机器：{machine}。\n\n"
        f"{table(results)}\n\n目标：N = 5000 时每条记录不超过 1 毫秒。\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.bench", description="skillmap check 的性能基准。"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000], help="项目数 N（可多个）")
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
    if args.write is not None:
        args.write.write_text(report(results, args.repeat), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
