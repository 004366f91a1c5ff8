"""`skillmap export` / `skillmap import`: the editors' workbook, read back as editors leave it."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from skillmap.dev.synth import main as synth_main
from skillmap.domain.regions import RegionTree, codes_named
from skillmap.excel.cells import editor_value
from skillmap.paths import Layout

from .conftest import ROOT, make_tree, run

TODAY = "2026-11-27"
SHEETS = [
    "培训机构",
    "培训项目",
    "岗位需求",
    "往期培训成效",
    "培训品牌",
    "成功案例",
    "用工需求清单",
    "培训就业需求",
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "tree"
    assert synth_main(["--projects", "120", "--out", str(out), "--root", str(ROOT)]) == 0
    return out


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the repository's own catalogue, which the tests may change."""
    out = tmp_path / "demo"
    make_tree(out, with_records=False)
    for folder in ("catalog/institutions", "catalog/projects", "catalog/jobs", "catalog/wishes"):
        shutil.rmtree(out / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, out / folder)
    for package in ("brands", "cases"):
        for path in (ROOT / package).rglob("*.yaml"):
            if "schemas" not in path.parts and path.name != "datapackage.yaml":
                dest = out / path.relative_to(ROOT)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
    return out


def export(root: Path, book: Path, today: str = TODAY) -> None:
    code, out, err = run("export", "--root", str(root), "--today", today, "--out", str(book))
    assert code == 0, out + err


def import_json(root: Path, book: Path, *extra: str, today: str = TODAY) -> tuple[int, dict[str, Any]]:
    code, out, err = run(
        "import", str(book), "--root", str(root), "--today", today, "--format", "json", *extra
    )
    assert err == ""
    return code, json.loads(out)


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def cell_values(book: Path) -> dict[str, list[list[Any]]]:
    wb = openpyxl.load_workbook(book)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def records(root: Path) -> int:
    """Records of the tables the workbook holds: a file each, or a row each (the wishes' CSV files)."""
    from skillmap.excel.sheets import record_sheets
    from skillmap.load import load_catalog

    layout = Layout(root)
    held = {res.name for res in record_sheets(layout) if res.records_dir is not None}
    catalog, _ = load_catalog(layout)
    return sum(len(catalog.records.get(name, [])) for name in held)


# -- the workbook as written ---------------------------------------------------------------


def test_export_writes_one_sheet_per_table_with_chinese_headers_and_typed_cells(
    demo: Path, tmp_path: Path
) -> None:
    book = tmp_path / "out.xlsx"
    export(demo, book)
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[: len(SHEETS)] == SHEETS
    layout = Layout(demo)
    projects = wb["培训项目"]
    titles = [f.title for f in layout.resources["projects"].schema.fields]
    assert [c.value for c in projects[1]] == titles
    assert projects.freeze_panes == "A2"
    column = {c.value: c.column_letter for c in projects[1]}
    assert isinstance(projects[f"{column['开班日期']}2"].value, dt.datetime)
    assert projects[f"{column['开班日期']}2"].number_format == "yyyy-mm-dd"
    assert isinstance(projects[f"{column['课时']}2"].value, int)
    assert isinstance(projects[f"{column['培训费']}2"].value, (int, float))
    assert projects[f"{column['是否免费']}2"].value in ("是", "否")
    assert projects[f"{column['培训地区']}2"].data_type == "s"  # codes stay text: 150102, not a number
    # Data rows: one per project, as many as the catalogue has.
    assert projects.max_row - 1 == len(layout.record_files(layout.resources["projects"]).records)
    # Reference lists follow, read-only; the drop-down lists sit on a hidden sheet.
    assert wb["行政区划"].protection.sheet
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state == "hidden"]
    assert hidden == ["下拉选项"]


def test_choices_are_drop_down_lists_read_from_the_hidden_sheet(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "out.xlsx"
    export(demo, book)
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    column = {c.value: c.column_letter for c in ws[1]}
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    options = wb["下拉选项"]

    def listed(formula: str) -> list[str]:
        area = formula.split("!", 1)[1].replace("$", "")
        return [c.value for row in options[area] for c in row]

    schedule = rules[f"{column['班型']}2"]
    assert schedule.type == "list" and schedule.formula1.startswith("'下拉选项'!")
    assert listed(schedule.formula1) == ["全日制", "技能夜校", "周末班", "弹性学时"]
    assert schedule.errorStyle == "stop"
    region = rules[f"{column['培训地区']}2"]
    codes = listed(region.formula1)
    assert len(codes) == 115 and "150102" in codes
    assert region.errorStyle == "warning"  # a region's name may be typed instead of its code
    assert listed(rules[f"{column['是否免费']}2"].formula1) == ["是", "否"]
    institution = rules[f"{column['承办机构']}2"]
    assert institution.formula1.startswith("'培训机构'!$A$2")
    # Every inline list would have hit Excel's 255-character limit; none is inline.
    assert all("!" in dv.formula1 for dv in ws.data_validations.dataValidation)


def test_export_is_deterministic(demo: Path, tmp_path: Path) -> None:
    export(demo, tmp_path / "a.xlsx")
    export(demo, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_export_refuses_a_catalogue_with_errors(tree: Path, tmp_path: Path) -> None:
    path = tree / "catalog/institutions/qingcheng-school.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: 在册", "status: 在"), encoding="utf-8")
    code, _, err = run("export", "--root", str(tree), "--today", TODAY, "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and "没有导出" in err
    assert not (tmp_path / "x.xlsx").exists()


# -- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["demo", "synthetic"])
def test_export_then_import_finds_no_change(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    root = request.getfixturevalue(name)
    book = tmp_path / "book.xlsx"
    export(root, book)
    code, report = import_json(root, book)
    assert code == 0, report["errors"]
    assert report["changes"] == {"added": [], "changed": [], "unchanged": records(root)}


def test_export_import_apply_export_gives_the_same_cells(demo: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    export(demo, first)
    before = tree_digest(demo)
    code, report = import_json(demo, first, "--apply")
    assert code == 0 and report["written"] == []
    assert tree_digest(demo) == before
    export(demo, second)
    assert cell_values(first) == cell_values(second)


# -- an editor's workbook ------------------------------------------------------------------


def _append_rows(book: Path, count: int) -> list[int]:
    """Append `count` new projects made from existing rows, with new ids; returns their row numbers."""
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column for c in ws[1]}
    added = []
    for i in range(count):
        source = 2 + i % (ws.max_row - 1)
        row = ws.max_row + 1
        for c in ws[source]:
            ws.cell(row, c.column).value = c.value
        ws.cell(row, col["编号"]).value = f"new-course-{i:02d}"
        ws.cell(row, col["项目名称"]).value = f"新开班{i}号  "  # trailing spaces, as pasted
        added.append(row)
    wb.save(book)
    return added


def test_an_editors_twenty_new_rows_three_broken(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(demo, book)
    rows = _append_rows(book, 20)
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column_letter for c in ws[1]}
    typed = rows[0]  # dates, numbers and booleans as text, full-width digits, a region by its name
    ws[f"{col['开班日期']}{typed}"] = "2027/1/5"
    ws[f"{col['结班日期']}{typed}"] = "2027年2月28日"
    ws[f"{col['报名截止']}{typed}"] = "20270101"
    ws[f"{col['课时']}{typed}"] = "１２０"
    ws[f"{col['培训费']}{typed}"] = "1,600元"
    ws[f"{col['是否免费']}{typed}"] = "否 "
    ws[f"{col['培训地区']}{typed}"] = "呼和浩特市新城区"
    ws[f"{col['面向人群']}{typed}"] = "登记失业人员、就业困难人员"
    broken = {
        rows[5]: ("报名截止", "2027-02-30"),  # no such day
        rows[9]: ("承办机构", "no-such-school"),  # found only once merged with the catalogue
        rows[14]: ("班型", "晚班"),  # not a schedule
    }
    for row, (title, value) in broken.items():
        ws[f"{col[title]}{row}"] = value
    wb.save(book)
    before = tree_digest(demo)

    code, report = import_json(demo, book)
    assert code == 1
    assert tree_digest(demo) == before  # without --apply nothing is written
    cells = {p["cell"] for p in report["errors"]}
    assert cells == {f"培训项目!{col[title]}{row}" for row, (title, _) in broken.items()}
    for p in report["errors"]:
        assert p["file"] == str(book) and p["line"] in broken and p["message"] and not p["message"].isascii()
    assert len(report["changes"]["added"]) == 17
    assert {a["type"] for a in report["changes"]["added"]} == {"project"}

    code, report = import_json(demo, book, "--apply")
    assert code == 1 and len(report["written"]) == 17
    assert run("check", "--root", str(demo), "--today", TODAY)[0] == 0
    layout = Layout(demo)
    files = {p.stem: p for p in layout.record_files(layout.resources["projects"]).records}
    assert f"new-course-{rows.index(rows[5]):02d}" not in files  # broken rows stay out
    typed_id = "new-course-00"
    text = files[typed_id].read_text(encoding="utf-8")
    for line in (
        "starts: 2027-01-05",
        "ends: 2027-02-28",
        "enroll_until: 2027-01-01",
        "hours: 120",
        "fee: 1600",
        "free: false",
        "region: '150102'",
        "- 登记失业人员",
        "- 就业困难人员",
    ):
        assert line in text, line
    assert files[typed_id].parent.name == "hhht"  # beside the other records of 呼和浩特
    assert "新开班0号\n" in text or "title: 新开班0号\n" in text
    # The applied workbook imports again as no change for the applied rows.
    code, report = import_json(demo, book)
    assert report["changes"]["added"] == [] and report["changes"]["changed"] == []


def test_postings_and_wishes_round_trip_with_broken_rows_named_by_cell(demo: Path, tmp_path: Path) -> None:
    """The demand side's sheets (SPEC §8): edited and new postings and wishes, broken rows at their cells."""
    book = tmp_path / "book.xlsx"
    export(demo, book)
    wb = openpyxl.load_workbook(book)
    jobs, wishes = wb["用工需求清单"], wb["培训就业需求"]
    jcol = {c.value: c.column_letter for c in jobs[1]}
    wcol = {c.value: c.column_letter for c in wishes[1]}
    posting = jobs["A2"].value
    jobs[f"{jcol['招聘人数']}2"] = 17
    source = [c.value for c in jobs[3]]
    new_row = jobs.max_row + 1
    for i, value in enumerate(source, start=1):
        jobs.cell(new_row, i).value = value
    jobs[f"A{new_row}"] = None  # a new posting typed without an id gets one
    jobs[f"{jcol['岗位名称']}{new_row}"] = "焊接学徒（新）"
    bad_job = new_row + 1
    for i, value in enumerate(source, start=1):
        jobs.cell(bad_job, i).value = value
    jobs[f"A{bad_job}"] = "bt-job-broken-00001"
    jobs[f"{jcol['最低月薪']}{bad_job}"] = 9000
    jobs[f"{jcol['最高月薪']}{bad_job}"] = 3000
    wish_key = [wishes[f"{wcol[t]}2"].value for t in ("期别", "地区", "职业（工种）", "人群")]
    wishes[f"{wcol['想参加培训人数']}2"] = 99
    last = wishes.max_row
    wishes.append([dt.datetime(2026, 11, 1), "包头市", "焊工", "其他", 3, 0])  # Excel made the month a date
    wishes.append(["2026-12", "150203", "焊工", "企业职工", 8, 2])  # a cycle still to come
    wishes.append(["2026/11", "150203", "不存在的工种", "企业职工", -1, 2])
    wb.save(book)
    wish_files = {p.name: p.read_bytes() for p in (demo / "catalog/wishes").glob("*.csv")}

    code, report = import_json(demo, book)
    assert code == 1
    cells = {p["cell"] for p in report["errors"]}
    assert cells == {
        f"用工需求清单!{jcol['最低月薪']}{bad_job}",
        f"培训就业需求!{wcol['期别']}{last + 2}",
        f"培训就业需求!{wcol['职业（工种）']}{last + 3}",
        f"培训就业需求!{wcol['想参加培训人数']}{last + 3}",
    }
    added = {(a["type"], a["cell"]) for a in report["changes"]["added"]}
    assert added == {("job", f"用工需求清单!A{new_row}"), ("wish", f"培训就业需求!A{last + 1}")}
    changed = {(c["type"], c["id"]): c["fields"] for c in report["changes"]["changed"]}
    assert changed == {("job", posting): ["openings"], ("wish", "/".join(wish_key)): ["want_training"]}

    code, report = import_json(demo, book, "--apply")
    written = set(report["written"])
    assert code == 1 and len(written) == 4  # two postings and the files of the two cycles touched
    assert {f"catalog/wishes/{wish_key[0]}.csv", "catalog/wishes/2026-11.csv"} < written
    assert run("check", "--root", str(demo), "--today", TODAY)[0] == 0
    november = (demo / "catalog/wishes/2026-11.csv").read_text(encoding="utf-8").splitlines()
    assert november[-1] == "2026-11,150200,焊工,其他,3,0"
    october = demo / "catalog/wishes/2026-10.csv"
    if wish_key[0] == "2026-10":  # only the edited line differs; every other line stays as it was
        before = wish_files["2026-10.csv"].decode("utf-8").splitlines()
        after = october.read_text(encoding="utf-8").splitlines()
        assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [1]
        assert after[1].split(",")[4] == "99"
    assert not (demo / "catalog/wishes/2026-12.csv").exists()
    new_id = next(a["id"] for a in report["changes"]["added"] if a["type"] == "job")
    assert new_id.split("-")[1] == "job"  # named as the 盟市's postings are (als-job-…)
    assert (demo / f"catalog/jobs/{new_id}.yaml").is_file()
    # Exported again, the applied rows read as they were typed.
    again = tmp_path / "again.xlsx"
    export(demo, again)
    cells_again = cell_values(again)
    assert ["2026-11", "150200", "焊工", "其他", 3, 0] in cells_again["培训就业需求"]
    code, report = import_json(demo, again)
    assert code == 0 and report["changes"]["added"] == [] and report["changes"]["changed"] == []


def test_a_changed_record_is_shown_as_a_diff_and_written_only_with_apply(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(demo, book)
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column_letter for c in ws[1]}
    record_id = ws["A2"].value
    ws[f"{col['报名截止']}2"] = dt.datetime(2026, 12, 15)
    ws[f"{col['招生人数']}2"] = 45
    wb.save(book)
    code, out, _ = run("import", str(book), "--root", str(demo), "--today", TODAY)
    assert code == 0
    assert f"培训项目 {record_id}（培训项目!A2）" in out and "报名截止：" in out and "→ 2026-12-15" in out
    assert "--apply" in out
    _, report = import_json(demo, book)
    assert report["changes"]["changed"] == [
        {"type": "project", "id": record_id, "cell": "培训项目!A2", "fields": ["enroll_until", "capacity"]}
    ]
    layout = Layout(demo)
    path = next(p for p in layout.record_files(layout.resources["projects"]).records if p.stem == record_id)
    path.write_text("# 由呼和浩特市人社局维护\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    _, report = import_json(demo, book, "--apply")
    text = path.read_text(encoding="utf-8")
    assert "enroll_until: 2026-12-15" in text and "capacity: 45" in text
    assert text.startswith("# 由呼和浩特市人社局维护\n")  # the file's comments stay


def test_missing_columns_and_sheets_leave_values_as_they_are(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(demo, book)
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column for c in ws[1]}
    ws.delete_cols(col["上课时间"])
    ws.delete_cols(col["培训费"])
    del wb["岗位需求"]
    wb.save(book)
    code, report = import_json(demo, book)
    assert code == 0 and report["changes"]["changed"] == [] and report["changes"]["added"] == []


def test_the_demand_sheet_is_the_truth_for_its_projects(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(demo, book)
    wb = openpyxl.load_workbook(book)
    demand = wb["岗位需求"]
    project = demand["A2"].value
    demand.delete_rows(2)
    wb.save(book)
    _, report = import_json(demo, book)
    assert report["changes"]["changed"] == [
        {
            "type": "project",
            "id": project,
            "cell": report["changes"]["changed"][0]["cell"],
            "fields": ["demand"],
        }
    ]


def test_one_sheet_saved_as_csv_by_excel_imports(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    export(demo, book)
    ws = openpyxl.load_workbook(book)["培训机构"]
    target = tmp_path / "培训机构.csv"
    with target.open("w", encoding="gb18030", newline="") as fh:  # Excel's default CSV in China
        writer = csv.writer(fh)
        for row in ws.iter_rows(values_only=True):
            writer.writerow(
                ["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else v for v in row]
            )
    code, report = import_json(demo, target)
    assert code == 0, report["errors"]
    assert report["changes"]["unchanged"] == ws.max_row - 1 and report["changes"]["changed"] == []


def test_an_unreadable_file_exits_2_with_a_chinese_message(demo: Path, tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"not a zip")
    code, out, err = run("import", str(bad), "--root", str(demo), "--today", TODAY)
    assert code == 2 and out == "" and "无法读取" in err and "Traceback" not in err
    code, _, err = run("import", str(tmp_path / "没有.xlsx"), "--root", str(demo), "--today", TODAY)
    assert code == 2 and "找不到文件" in err


def test_a_failed_write_leaves_nothing_half_applied(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillmap.excel import apply

    book = tmp_path / "book.xlsx"
    export(demo, book)
    _append_rows(book, 3)
    before = tree_digest(demo)
    calls = {"n": 0}
    real = apply.record_text

    def failing(layout: Layout, planned: Any) -> str:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(layout, planned)

    monkeypatch.setattr(apply, "record_text", failing)
    code, _, err = run("import", str(book), "--root", str(demo), "--today", TODAY, "--apply")
    assert code == 2 and "内部错误" not in err and "磁盘" in err
    assert tree_digest(demo) == before


# -- cells as typed --------------------------------------------------------------------------


def test_cells_as_editors_type_them() -> None:
    layout = Layout(ROOT)
    fields = {f.name: f for f in layout.resources["projects"].schema.fields}
    assert editor_value(fields["starts"], "2026/3/1") == "2026/3/1"  # the schema's caster reads this form
    assert editor_value(fields["starts"], "２０２６－０３－０１") == "2026-03-01"
    assert editor_value(fields["starts"], "20260301") == "2026-03-01"
    assert editor_value(fields["starts"], 46082) == "2026-03-01"  # a date cell that lost its format
    assert editor_value(fields["starts"], dt.datetime(2026, 3, 1)) == "2026-03-01"
    assert editor_value(fields["hours"], "１２０课时 ") == "120"
    assert editor_value(fields["hours"], 120.0) == "120"
    assert editor_value(fields["fee"], "￥1,280.50元") == "1280.50"
    assert editor_value(fields["subsidy_per_hour"], 22.55) == "22.55"
    assert editor_value(fields["free"], "是") == "true" and editor_value(fields["free"], "√") == "true"
    assert editor_value(fields["free"], True) == "true" and editor_value(fields["free"], "否") == "false"
    assert editor_value(fields["groups"], "登记失业人员、就业困难人员") == "登记失业人员|就业困难人员"
    assert editor_value(fields["contact.phone"], 13812345678) == "13812345678"
    assert editor_value(fields["level"], "四级／中级工") == "四级/中级工"
    # Free text keeps its Chinese punctuation; only the ends are trimmed.
    assert editor_value(fields["title"], "  电工（夜校），第二期\u3000") == "电工（夜校），第二期"
    assert editor_value(fields["title"], "   ") is None
    # A date typed with a time of day is read as the date, never glued into "2027/03/018:00".
    assert editor_value(fields["enroll_until"], "2027/03/01 8:00") == "2027/03/01"
    assert editor_value(fields["enroll_until"], "2027年3月1日 08:30") == "2027年3月1日"
    assert editor_value(fields["enroll_until"], dt.datetime(2027, 3, 1, 8, 0)) == "2027-03-01"
    # A month (期别) that Excel turned into a date, or typed as editors write months.
    cycle = layout.resources["wishes"].schema.field("cycle")
    assert cycle is not None
    for typed in (dt.datetime(2026, 11, 1), dt.date(2026, 11, 1), "2026/11", "2026年11月", "２０２６－１１"):
        assert editor_value(cycle, typed) == "2026-11", typed
    assert editor_value(cycle, "2026.1") == "2026.1"  # 2026.10 that Excel made a number: not guessed
    assert editor_value(cycle, "2026-11-05") == "2026-11-05"  # not a month: the schema says so


def test_region_names_as_editors_type_them() -> None:
    tree = RegionTree(_regions())
    assert codes_named(tree, "新城区") == ["150102"]
    assert codes_named(tree, "呼和浩特市新城区") == ["150102"]
    assert codes_named(tree, "新城区（呼和浩特市）") == ["150102"]
    assert codes_named(tree, "包头") == ["150200"]
    assert codes_named(tree, "满洲里") == ["150781"]
    assert len(codes_named(tree, "乌拉特")) == 3  # 前旗、中旗、后旗: too short to decide
    assert codes_named(tree, "不存在的地方") == []


def _regions() -> list[dict[str, str]]:
    with (ROOT / "catalog/reference/regions.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
