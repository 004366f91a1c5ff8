"""Fault injection: kills, failed writes, hostile workbooks and records never lose or leak data.

Each test asserts what an editor relies on: the project's files are as they were (or wholly as
the command meant to leave them), a refusal is a Chinese message naming the file (and the cell,
for a workbook), and nothing prints a traceback or "内部错误".
"""

from __future__ import annotations

import csv
import errno
import io
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from skillmap.excel import apply as apply_module
from skillmap.excel import limits

from .conftest import ROOT, make_tree, run
from .test_workbook import TODAY, _append_rows, demo, export, import_json, tree_digest

__all__ = ["demo"]  # the fixture, imported for the tests below

SKILLMAP = [sys.executable, "-m", "skillmap"]


def _no_leftovers(root: Path) -> list[str]:
    """Names our tools stage work under, anywhere in the project."""
    return [p.relative_to(root).as_posix() for p in root.rglob("*") if ".skillmap-" in p.name]


def _data_digest(root: Path) -> dict[str, str]:
    """Every file of the project but the site, its caches and the work a killed build left behind."""
    return {
        k: v
        for k, v in tree_digest(root).items()
        if not k.startswith((".cache/", "site/", ".skillmap-staging-", ".skillmap-old-"))
    }


# -- build --out -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target", [".", "catalog", "catalog/projects", "..", "brands", "notes", "mkdocs.yml"]
)
def test_build_refuses_an_output_folder_that_is_not_a_site(target: str, tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (root / "notes").mkdir()
    (root / "notes" / "会议记录.txt").write_text("要紧的笔记", encoding="utf-8")
    before = tree_digest(tmp_path)
    code, _, err = run("build", "--root", str(root), "--today", TODAY, "--out", str(root / target))
    assert code == 2
    assert "--out" in err and "内部错误" not in err and "Traceback" not in err
    assert tree_digest(tmp_path) == before


def test_build_replaces_an_earlier_site_and_an_empty_folder(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    out = tmp_path / "published"
    out.mkdir()
    assert run("build", "--root", str(root), "--today", TODAY, "--out", str(out))[0] == 0
    assert (out / ".skillmap-site").is_file() and (out / "index.html").is_file()
    assert run("build", "--root", str(root), "--today", TODAY, "--out", str(out))[0] == 0
    assert _no_leftovers(tmp_path) == ["published/.skillmap-site"]


def _site_is_whole(site: Path) -> bool:
    return (
        (site / ".skillmap-site").is_file() and (site / "index.html").is_file() and (site / "data").is_dir()
    )


def test_kills_at_random_points_of_a_build_lose_nothing(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    site = root / "site"
    env = {**os.environ, "SKILLMAP_TODAY": TODAY}
    command = [*SKILLMAP, "build", "--root", str(root)]
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    duration = time.monotonic() - started
    data = _data_digest(root)
    rng = random.Random(18)
    for delay in sorted(rng.uniform(0.3, duration) for _ in range(3)):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _data_digest(root) == data, f"killed after {delay:.1f} s"
        # The published site is the last whole one, or (killed between the two renames of the
        # swap) kept beside it under a name the next build restores.
        kept = [p for p in root.iterdir() if p.name.startswith(".skillmap-old-")]
        assert _site_is_whole(site) or (not site.exists() and len(kept) == 1 and _site_is_whole(kept[0]))
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert _site_is_whole(site)
    assert _no_leftovers(root) == ["site/.skillmap-site"]
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "--no-index", ".skillmap-staging-1-site"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0  # what a kill leaves is never committed by mistake


def test_a_terminated_build_cleans_up_after_itself(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    env = {**os.environ, "SKILLMAP_TODAY": TODAY}
    process = subprocess.Popen(
        [*SKILLMAP, "build", "--root", str(root)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(2.0)
    process.terminate()
    _, err = process.communicate(timeout=60)
    if process.returncode != 0:  # still building when asked to stop
        assert "已中断" in err.decode() and "Traceback" not in err.decode()
    assert _no_leftovers(root) in ([], ["site/.skillmap-site"])
    temp = Path(os.environ.get("TMPDIR", "/tmp"))
    assert not list(temp.glob(f"skillmap-build-{process.pid}-*"))


# -- import --apply ----------------------------------------------------------------------------


def _changed_book(root: Path, tmp_path: Path, rows: int = 6) -> Path:
    book = tmp_path / "book.xlsx"
    export(root, book)
    _append_rows(book, rows)
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column for c in ws[1]}
    for r in range(2, min(ws.max_row, 8)):
        ws.cell(r, col["招生人数"]).value = 77
    wb.save(book)
    return book


@pytest.mark.parametrize("failing_call", [1, 4, 9])
def test_a_rename_that_fails_half_way_rolls_every_record_back(
    failing_call: int, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _changed_book(demo, tmp_path)
    before = tree_digest(demo)
    real = os.replace
    calls = {"n": 0}

    def flaky_replace(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == failing_call:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(apply_module.os, "replace", flaky_replace)
    code, _, err = run("import", str(book), "--root", str(demo), "--today", TODAY, "--apply")
    named = apply_module.JOURNAL if failing_call == 1 else "catalog/projects/"
    assert code == 2 and "没有写入任何记录" in err and named in err and "内部错误" not in err
    monkeypatch.undo()
    assert tree_digest(demo) == before
    assert _no_leftovers(demo) == []


@pytest.mark.parametrize(
    ("number", "words"), [(errno.ENOSPC, "磁盘空间已满"), (errno.EROFS, "只读"), (errno.EACCES, "没有权限")]
)
def test_a_full_or_read_only_disk_while_staging_writes_nothing(
    number: int, words: str, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _changed_book(demo, tmp_path)
    before = tree_digest(demo)
    staged = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        staged["n"] += 1
        if staged["n"] == 3:
            raise OSError(number, os.strerror(number))
        real_fsync(fd)

    monkeypatch.setattr(apply_module.os, "fsync", failing_fsync)
    code, _, err = run("import", str(book), "--root", str(demo), "--today", TODAY, "--apply")
    monkeypatch.undo()
    assert code == 2 and words in err and "没有写入任何记录" in err and "内部错误" not in err
    assert tree_digest(demo) == before and _no_leftovers(demo) == []


def _tmpfs(folder: Path, size: str) -> bool:
    """Mount a small tmpfs on `folder` where the machine allows it (root, no container limits)."""
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


def test_a_really_full_disk_writes_nothing(tree: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(tree, book)
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column for c in ws[1]}
    for r in range(2, ws.max_row + 1):
        ws.cell(r, col["培训内容"]).value = "很长的培训内容。" * 3000  # about 72 KB a record
    wb.save(book)
    projects = tree / "catalog" / "projects"
    aside = tmp_path / "aside"
    projects.rename(aside)
    projects.mkdir()
    if not _tmpfs(projects, "120k"):
        projects.rmdir()
        aside.rename(projects)
        pytest.skip("no tmpfs here; the injected ENOSPC test above covers the same path")
    try:
        subprocess.run(["cp", "-a", f"{aside}/.", str(projects)], check=True)
        before = tree_digest(tree)
        code, _, err = run("import", str(book), "--root", str(tree), "--today", TODAY, "--apply")
        assert code == 2 and "磁盘空间已满" in err and "没有写入任何记录" in err and "内部错误" not in err
        assert tree_digest(tree) == before
    finally:
        subprocess.run(["umount", str(projects)], check=False)


def test_kills_at_random_points_of_apply_never_leave_half_an_import(demo: Path, tmp_path: Path) -> None:
    book = _changed_book(demo, tmp_path, rows=10)
    after_root = tmp_path / "after"
    subprocess.run(["cp", "-a", str(demo), str(after_root)], check=True)
    env = {**os.environ, "SKILLMAP_TODAY": TODAY}
    started = time.monotonic()
    subprocess.run(
        [*SKILLMAP, "import", str(book), "--root", str(after_root), "--apply"], env=env, capture_output=True
    )
    duration = time.monotonic() - started
    before, after = tree_digest(demo), tree_digest(after_root)
    assert before != after
    rng = random.Random(5)
    for delay in sorted(rng.uniform(duration * 0.4, duration * 1.05) for _ in range(3)):
        process = subprocess.Popen(
            [*SKILLMAP, "import", str(book), "--root", str(demo), "--apply"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name, digest in tree_digest(demo).items():  # each record as it was or as the import writes it
            if ".skillmap-" not in name:
                assert digest in (before.get(name), after.get(name)), name
        # The next import (here a preview) first puts back an import that was cut short.
        import_json(demo, book)
        assert tree_digest(demo) in (before, after), f"killed after {delay:.2f} s"
    assert _no_leftovers(demo) == []
    assert run("check", "--root", str(demo), "--today", TODAY)[0] == 0


# -- hostile workbooks ---------------------------------------------------------------------------


def _import(root: Path, book: Path, *extra: str) -> tuple[int, str, str]:
    code, out, err = run("import", str(book), "--root", str(root), "--today", TODAY, *extra)
    assert "内部错误" not in err and "Traceback" not in err + out
    return code, out, err


def test_an_entity_bomb_is_refused_as_an_unsafe_workbook(tree: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(tree, book)
    bomb = tmp_path / "bomb.xlsx"
    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', b"").replace(
                    b"<worksheet", laughs.encode() + b"<worksheet", 1
                )
            target.writestr(info, data)
    before = tree_digest(tree)
    started = time.monotonic()
    code, _, err = _import(tree, bomb, "--apply")
    assert code == 2 and "不是安全的工作簿" in err and str(bomb) in err
    assert time.monotonic() - started < 10 and tree_digest(tree) == before


def test_a_zip_bomb_is_refused_within_seconds(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "book.xlsx"
    export(tree, book)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (limits.MAX_UNZIPPED + 1))
    assert bomb.stat().st_size < 1_000_000
    started = time.monotonic()
    code, _, err = _import(tree, bomb)
    assert code == 2 and "解压后超过" in err and time.monotonic() - started < 15


@pytest.mark.parametrize(
    "content", [b"", b"PK\x03\x04 truncated", b"not a workbook at all", bytes(range(256)) * 64]
)
def test_a_file_that_is_not_a_workbook_is_refused(content: bytes, tree: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(content)
    code, _, err = _import(tree, book)
    assert code == 2 and str(book) in err


def test_too_many_rows_are_refused_at_the_row(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 300)
    book = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("培训项目")
    ws.append(["编号", "项目名称"])
    for i in range(2000):
        ws.append([f"junk-{i}", "垃圾行"])
    wb.save(book)
    code, _, err = _import(tree, book)
    assert code == 2 and "第 302 行" in err and "培训项目" in err


def test_cells_beyond_the_columns_and_too_long_are_named_by_cell(tree: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(tree, book)
    wb = openpyxl.load_workbook(book)
    ws = wb["培训机构"]
    ws["XFD2"] = "多余的内容"
    wb.save(book)
    code, report = import_json(tree, book)
    cells = {p["cell"] for p in report["errors"] if p["code"] == "cell-unreadable"}
    assert code == 1 and cells == {"培训机构!XFD2"}
    assert report["changes"]["changed"] == []
    # openpyxl (like Excel) cuts a longer text when it writes a workbook; a CSV carries it whole.
    sheet = tmp_path / "培训机构.csv"
    rows = [[c.value for c in row] for row in ws.iter_rows(max_col=ws.max_column - 1)]
    col = rows[0].index("机构简介")
    rows[2][col] = "长" * (limits.MAX_CELL + 1)
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])
    code, report = import_json(tree, sheet)
    found = [p for p in report["errors"] if p["code"] == "cell-unreadable"]
    assert code == 1 and [p["line"] for p in found] == [3] and "32,767" in found[0]["message"]
    assert report["changes"]["changed"] == []


def test_a_formula_that_computed_an_error_is_not_imported(tree: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(tree, book)
    wb = openpyxl.load_workbook(book)
    ws = wb["培训机构"]
    col = {c.value: c.column_letter for c in ws[1]}
    ws[f"{col['咨询电话']}2"] = "=A1/0"
    wb.save(book)
    # Excel saves a formula with its result; a #REF! result is an error cell (openpyxl saves none).
    with zipfile.ZipFile(book) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/") and b"<f>A1/0</f><v />" in data:
            parts[name] = data.replace(b"<f>A1/0</f><v />", b"<f>A1/0</f><v>#REF!</v>").replace(
                f'<c r="{col["咨询电话"]}2"'.encode(), f'<c r="{col["咨询电话"]}2" t="e"'.encode()
            )
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    code, report = import_json(tree, book)
    found = [p for p in report["errors"] if p["code"] == "cell-unreadable"]
    assert code == 1 and [p["cell"] for p in found] == [f"培训机构!{col['咨询电话']}2"]
    assert "#REF!" in found[0]["message"] and report["changes"]["changed"] == []


# -- hostile records --------------------------------------------------------------------------


def test_a_fifo_and_a_link_to_a_device_among_the_records_are_named_not_read(tree: Path) -> None:
    projects = tree / "catalog" / "projects"
    os.mkfifo(projects / "pipe.yaml")
    (projects / "zero.yaml").symlink_to("/dev/zero")
    (projects / "linked").symlink_to(tree / "catalog" / "institutions")
    (projects / "..yaml").write_text("id: x\n", encoding="utf-8")
    started = time.monotonic()
    code, out, err = run("check", "--root", str(tree), "--today", TODAY, "--format", "json")
    assert time.monotonic() - started < 20 and err == ""
    import json

    found = {(p["code"], p["file"]) for p in json.loads(out)["errors"]}
    assert code == 1
    assert {
        ("file-special", "catalog/projects/pipe.yaml"),
        ("file-special", "catalog/projects/zero.yaml"),
        ("file-special", "catalog/projects/linked"),
        ("file-hidden", "catalog/projects/..yaml"),
    } <= found
    assert run("fmt", "--root", str(tree))[0] in (0, 1)  # fmt neither hangs nor follows the links


def test_fmt_never_writes_through_a_link_to_a_file_outside(tree: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: outside\nname:    机构  \nupdated: 2026/11/2\n", encoding="utf-8")
    (tree / "catalog" / "institutions" / "outside.yaml").symlink_to(outside)
    before = outside.read_bytes()
    run("fmt", "--root", str(tree))
    assert outside.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("id: x\nname: 甲\x0b乙\n".encode(), "第 2 行"),
        ("id: x\nname: 甲\x1b乙\n".encode(), "第 2 行"),
        ("id: x\nname: 培训学校\n".encode("utf-16-le"), "UTF-16"),
        ("id: x\nname: 培训学校\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_a_pasted_control_character_or_utf16_is_named_with_its_place(
    content: bytes, words: str, tree: Path
) -> None:
    path = tree / "catalog" / "institutions" / "x.yaml"
    path.write_bytes(content)
    code, out, err = run("check", "--root", str(tree), "--today", TODAY)
    assert code == 1 and "catalog/institutions/x.yaml" in out and words in out and err.count("内部错误") == 0


# -- long text and formulas on the way out ----------------------------------------------------------


def test_export_refuses_text_a_cell_cannot_hold_and_writes_nothing(tree: Path, tmp_path: Path) -> None:
    path = next((tree / "catalog" / "projects").rglob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    long = "长" * (limits.MAX_CELL + 100)
    path.write_text(text + f"content: {long}\n" if "\ncontent:" not in text else text, encoding="utf-8")
    if "\ncontent:" in text:
        import yaml

        data = yaml.safe_load(text)
        data["content"] = long
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run("check", "--root", str(tree), "--today", TODAY)[0] == 0
    book = tmp_path / "book.xlsx"
    code, _, err = run("export", "--root", str(tree), "--today", TODAY, "--out", str(book))
    assert code == 1 and "超过 Excel 单元格" in err and f"{limits.MAX_CELL + 100:,}" in err
    assert not book.exists()


def test_no_text_becomes_a_live_formula_in_the_workbook_or_the_open_data(tree: Path, tmp_path: Path) -> None:
    from skillmap.formulas import CSV_ESCAPED_STARTS, from_csv_text

    path = next((tree / "catalog" / "projects").rglob("*.yaml"))
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["content"] = '- 第一周：=HYPERLINK("http://evil.example")\n+ 第二周 @SUM(1)\n'
    data["services"] = "-1+cmd|' /C calc'!A0\n"
    data["contact"]["phone"] = "+86 138 1234 5678"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run("check", "--root", str(tree), "--today", TODAY)[0] == 0
    book = tmp_path / "book.xlsx"
    export(tree, book)
    wb = openpyxl.load_workbook(book)  # formulas, not their values
    live = [
        f"{ws.title}!{c.coordinate}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert live == []
    code, report = import_json(tree, book)
    assert code == 0 and report["changes"]["changed"] == [] and report["changes"]["added"] == []

    from skillmap.site.build import prepare_docs
    from skillmap.validate import check_project

    from .conftest import TODAY as TODAY_DATE

    prepare_docs(check_project(tree, TODAY_DATE), TODAY_DATE, tmp_path / "work")
    cells = [
        cell
        for table in (tmp_path / "work" / "docs" / "data").glob("*.csv")
        for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8"), newline=""))
        for cell in row
    ]
    risky = [c for c in cells if c.startswith(CSV_ESCAPED_STARTS) and not c.startswith("'")]
    assert risky == []
    assert data["services"].strip() in {from_csv_text(c).strip() for c in cells}  # read back as written


def test_an_invalid_id_is_reported_once_not_again_on_its_rows(tree: Path) -> None:
    import json

    path = next(
        p for p in (tree / "catalog" / "projects").rglob("*.yaml") if "demand:" in p.read_text("utf-8")
    )
    text = path.read_text(encoding="utf-8")
    record_id = path.stem
    path.write_text(text.replace(f"id: {record_id}", "id: ALS-NEW-00001", 1), encoding="utf-8")
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY, "--format", "json")
    errors = [(p["code"], p["field"]) for p in json.loads(out)["errors"]]
    assert code == 1 and errors == [("pattern-error", "id")]


@pytest.mark.parametrize(
    ("command", "target"),
    [
        ("export", "catalog/projects/导出.xlsx"),
        ("export", "mkdocs.yml"),
        ("report", "catalog/institutions/qingcheng-school.yaml"),
        ("wechat-menu", "brands/menu.json"),
    ],
)
def test_a_written_file_never_lands_among_the_records_or_replaces_one(
    command: str, target: str, tree: Path
) -> None:
    before = tree_digest(tree)
    code, _, err = run(command, "--root", str(tree), "--today", TODAY, "--out", str(tree / target))
    assert code == 2 and "--out" in err and "内部错误" not in err
    assert tree_digest(tree) == before


def test_mutated_workbooks_are_read_or_refused_never_crash(tree: Path, tmp_path: Path) -> None:
    """Random damage to the XML inside a real workbook: each is read (problems at cells) or refused
    with a Chinese message naming it, never an exception of ours or a library's."""
    from skillmap.excel.read import BookError, read_book
    from skillmap.paths import Layout

    book = tmp_path / "book.xlsx"
    export(tree, book)
    with zipfile.ZipFile(book) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    layout = Layout(tree)
    rng = random.Random(1818)
    names = sorted(n for n in parts if n.endswith(".xml"))
    damage = [b"<", b">", b"\0", b'"', b"&", b"]]>", b"<f>1/0</f>", b"\xff\xfe", b'<c r="ZZZZ99999999">']
    for attempt in range(16):  # each reads the whole workbook: about a second apiece
        mutated = dict(parts)
        name = rng.choice(names)
        data = bytearray(mutated[name])
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            if rng.random() < 0.5:
                data[at : at + rng.randint(1, 40)] = rng.choice(damage)
            else:
                del data[at : at + rng.randint(1, 200)]
        mutated[name] = bytes(data)
        path = tmp_path / f"m{attempt}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for part, content in mutated.items():
                target.writestr(part, content)
        try:
            read_book(layout, path, path.name)
        except BookError as exc:
            assert path.name in str(exc) and not str(exc).isascii()
