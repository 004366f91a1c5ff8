"""Benchmark `skillmap import` on the largest workbooks it allows and on hostile ones it refuses.

    python -m skillmap.dev.bench_import [--work DIR] [--projects 5000] [--write docs/import-benchmarks.md]

Each row is one fresh `python -m skillmap import` process (a preview, which reads, merges and
checks everything `--apply` would write), with its wall time and peak memory (RSS):
- the export of a synthetic catalogue of --projects projects, as editors get it;
- workbooks at the limits: `MAX_ROWS` new projects in one sheet, and the same with long texts
  that unpack to just under `MAX_UNZIPPED` (the largest we allow);
- hostile workbooks that must be refused within seconds and well under 500 MB: 200,000 junk
  rows, a cell at column XFD in 20,000 rows, a zip bomb, an XML entity bomb.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

from ..datadict import markdown_table
from ..excel import limits
from .synth import generate

TODAY = dt.date(2026, 11, 27)


def _rows_of(book: Path, sheet: str) -> list[list[object]]:
    wb = openpyxl.load_workbook(book, read_only=True)
    rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
    wb.close()
    return rows


def new_projects(export: Path, out: Path, content_chars: int | None = None) -> Path:
    """`MAX_ROWS` new projects copied from the export's rows with new ids, in one sheet; with
    `content_chars`, each 培训内容 is made different and that long (2,800 characters keep the
    workbook just under `MAX_UNZIPPED`)."""
    rows = _rows_of(export, "培训项目")
    header, body = rows[0], rows[1:]
    id_col, content_col = header.index("编号"), header.index("培训内容")
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("培训项目")
    ws.append(header)
    for i in range(limits.MAX_ROWS):
        row = list(body[i % len(body)])
        row[id_col] = f"bench-new-{i:05d}"
        if content_chars is not None:
            row[content_col] = (f"第{i}期培训内容：" + "焊接安全与实操训练" * (content_chars // 9))[
                :content_chars
            ]
        ws.append(row)
    wb.save(out)
    return out


def junk_rows(out: Path, count: int = 200_000) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("培训项目")
    ws.append(["编号", "项目名称", "招生人数"])
    for i in range(count):
        ws.append([f"junk-{i}", "垃圾行" * 4, i])
    wb.save(out)
    return out


def far_columns(out: Path, count: int = 20_000) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "培训项目"
    ws.append(["编号", "项目名称"])
    for i in range(2, count + 2):
        ws.cell(i, 16384, "x")
    wb.save(out)
    return out


def zip_bomb(export: Path, out: Path) -> Path:
    with zipfile.ZipFile(export) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (limits.MAX_UNZIPPED * 2))
    return out


def entity_bomb(export: Path, out: Path) -> Path:
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY a%d "&a%s;&a%s;&a%s;&a%s;&a%s;&a%s;&a%s;&a%s;&a%s;&a%s;">'
        % (n, *(b"" if n == 1 else str(n - 1).encode(),) * 10)
        for n in range(1, 10)
    )
    with zipfile.ZipFile(export) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                head, _, body = data.partition(b"?>") if data.startswith(b"<?xml") else (b"", b"", data)
                data = head + (b"?>" if head else b"") + laughs + b"]>" + body
            target.writestr(info, data)
    return out


_WRAPPER = (
    "import os, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "print(time.perf_counter() - t, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))\n"
)


def measure_fresh(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of a command started from a small process: a child's
    peak RSS counts the memory of the process it was forked from, and this one holds workbooks."""
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=True
    )
    seconds, peak, code = out.stdout.split()
    return float(seconds), float(peak), int(code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.dev.bench_import", description="导入的时间和内存峰值。"
    )
    parser.add_argument("--work", type=Path, default=Path("bench-out/import"))
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--write", type=Path, default=None, help="把结果表写入这个 Markdown 文件")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    tree = work / f"synthetic-{args.projects}"
    generate(args.root, tree, projects=args.projects, today=TODAY)
    skillmap = [sys.executable, "-m", "skillmap"]
    export = work / "export.xlsx"
    seconds, peak, code = measure_fresh(
        [*skillmap, "export", "--root", str(tree), "--today", str(TODAY), "--out", str(export)]
    )
    print(f"export: {seconds:.1f} s, {peak:.0f} MB, exit {code}", file=sys.stderr)
    books = [
        (f"导出的工作簿（{args.projects} 个项目）", export),
        (f"行数上限：{limits.MAX_ROWS:,} 个新项目", new_projects(export, work / "rows.xlsx")),
        (
            f"{limits.MAX_ROWS:,} 个新项目，每个培训内容 2,800 字（解压后接近上限）",
            new_projects(export, work / "long.xlsx", content_chars=2_800),
        ),
        ("200,000 行垃圾数据（拒绝）", junk_rows(work / "junk.xlsx")),
        ("20,000 行各有一个 XFD 列单元格", far_columns(work / "far.xlsx")),
        ("压缩炸弹（拒绝）", zip_bomb(export, work / "zipbomb.xlsx")),
        ("XML 实体炸弹（拒绝）", entity_bomb(export, work / "entities.xlsx")),
    ]
    rows = []
    for label, book in books:
        seconds, peak, code = measure_fresh(
            [*skillmap, "import", str(book), "--root", str(tree), "--today", str(TODAY), "--format", "json"]
        )
        size = book.stat().st_size / 1048576
        rows.append((label, f"{size:.1f}", f"{seconds:.1f}", f"{peak:.0f}", code))
        print(f"{label}: {size:.1f} MB, {seconds:.1f} s, {peak:.0f} MB, exit {code}", file=sys.stderr)
    table = markdown_table(["工作簿", "文件 MB", "秒", "内存峰值 MB", "退出码"], rows)
    text = (
        "# 导入的性能和上限\n\n"
        f"由 `python -m skillmap.dev.bench_import --projects {args.projects}` 生成（{platform.python_version()}，"
        f"{platform.machine()}）。每行是一次全新的 `skillmap import --format json`（预览：读取、合并并检查全部行）。"
        "上限见 CONTRIBUTING.md；内存峰值是进程的最大常驻内存。\n\n" + table + "\n"
    )
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
