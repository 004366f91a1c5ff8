"""`skillmap report`: per 盟市, the stale records and what ends within the next 30-day cycle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import run


def _report(tree: Path, today: str) -> dict[str, Any]:
    code, out, err = run("report", "--root", str(tree), "--today", today, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _ids(report: dict[str, Any], code: str, key: str) -> dict[str, str]:
    [prefecture] = [p for p in report["prefectures"] if p["code"] == code]
    return {e["id"]: e["date"] for e in prefecture[key]}


def test_the_report_names_stale_and_ending_records_under_their_prefecture(tree: Path) -> None:
    report = _report(tree, "2026-12-30")  # hhht-hangong-yexiao ends 2027-01-29: today + 30
    assert report["today"] == "2026-12-30"
    assert [p["code"] for p in report["prefectures"]][:2] == ["152900", "150300"]  # west to east
    assert len(report["prefectures"]) == 12
    hhht = report["prefectures"][5]
    assert hhht["name"] == "呼和浩特市" and set(hhht) == {
        "code",
        "name",
        "stale",
        "ending",
        "listing_ending",
        "jobs_ending",
    }
    assert _ids(report, "150100", "ending") == {"hhht-hangong-yexiao": "2027-01-29"}
    # institutions and projects after 30 days, brands and cases after 365
    assert _ids(report, "150100", "stale") == {
        "qingcheng-school": "2026-11-20",
        "online-dianshang": "2026-11-01",
        "hhht-hangong-yexiao": "2026-11-20",
        "hhht-hangong-qingcheng": "2026-11-20",  # a posting still open; the expired one is not asked about
    }
    assert _ids(report, "150100", "jobs_ending") == {"hhht-hangong-qingcheng": "2026-12-31"}
    assert _ids(report, "150200", "stale") == {"baotou-paused": "2026-11-15", "baotou-ended": "2026-11-02"}
    entry = hhht["ending"][0]
    assert entry == {
        "type": "project",
        "id": "hhht-hangong-yexiao",
        "file": "catalog/projects/hhht/hhht-hangong-yexiao.yaml",
        "date": "2027-01-29",
    }


def test_the_cycle_takes_in_both_ends_and_no_more(tree: Path) -> None:
    assert _ids(_report(tree, "2026-12-29"), "150100", "ending") == {}  # 2027-01-29 is today + 31
    # the deadline on the day itself counts; the earliest date that falls in the cycle is named
    assert _ids(_report(tree, "2026-12-10"), "150100", "ending") == {"hhht-hangong-yexiao": "2026-12-10"}
    both = {"hhht-hangong-yexiao": "2026-12-10", "online-dianshang": "2026-11-15"}
    assert _ids(_report(tree, "2026-11-10"), "150100", "ending") == both
    assert _ids(_report(tree, "2026-11-16"), "150100", "ending") == {"hhht-hangong-yexiao": "2026-12-10"}


def test_listings_that_end_and_records_of_manzhouli_count_with_their_prefecture(tree: Path) -> None:
    path = tree / "catalog/institutions/baotou-paused.yaml"
    text = path.read_text(encoding="utf-8").replace("listed_until: 2027-06-30", "listed_until: 2026-12-20")
    path.write_text(text.replace("region: '150200'", "region: '150781'"), encoding="utf-8")  # 满洲里市
    report = _report(tree, "2026-11-27")
    assert _ids(report, "150700", "listing_ending") == {"baotou-paused": "2026-12-20"}
    assert _ids(report, "150200", "listing_ending") == {}


def test_the_text_report_is_chinese_and_grouped_by_prefecture(tree: Path) -> None:
    code, out, _ = run("report", "--root", str(tree), "--today", "2026-12-30")
    assert code == 0
    assert "呼和浩特市：久未核实 4 条，即将结束 1 个项目" in out
    assert "项目 hhht-hangong-yexiao  2027-01-29  catalog/projects/hhht/hhht-hangong-yexiao.yaml" in out


def test_the_workbook_report_holds_every_entry_with_its_prefecture(tree: Path, tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    report = _report(tree, "2026-12-30")
    book = tmp_path / "本期报告.xlsx"
    code, _, err = run(
        "report", "--root", str(tree), "--today", "2026-12-30", "--format", "xlsx", "--out", str(book)
    )
    assert code == 0, err
    ws = openpyxl.load_workbook(book)["本期报告"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    expected = sorted(
        (p["name"], e["id"], e["date"], e["file"])
        for p in report["prefectures"]
        for key in ("stale", "ending", "listing_ending", "jobs_ending")
        for e in p[key]
    )
    got = sorted((r[0], r[3], r[5].date().isoformat(), r[6]) for r in rows)
    assert got == expected and len(rows) > 3
    assert all(isinstance(r[5], dt.datetime) for r in rows)  # date cells, sortable in Excel
    assert ws.freeze_panes == "A2"
    code, _, err = run("report", "--root", str(tree), "--today", "2026-12-30", "--format", "xlsx")
    assert code == 2 and "--out" in err
