"""The command line contract of SPEC §4: exit codes, report formats, Chinese messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, TODAY, run


def test_check_json_shape_on_a_valid_tree(tree: Path) -> None:
    code, out, err = run("check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"ok": True, "errors": [], "warnings": []}


def test_check_json_problem_shape(tree: Path) -> None:
    path = tree / "catalog/projects/hhht/hhht-hangong-yexiao.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("- 登记失业人员", "- 失业人员"), encoding="utf-8"
    )
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    [problem] = report["errors"]
    assert set(problem) == {"code", "file", "line", "record", "field", "message"}
    assert problem["field"] == "groups[1]"
    assert problem["file"] == "catalog/projects/hhht/hhht-hangong-yexiao.yaml"
    assert problem["line"] == 11


def test_stale_record_is_a_warning_with_exit_zero(tree: Path) -> None:
    code, out, _ = run("check", "--root", str(tree), "--today", "2027-03-01", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True
    assert {p["code"] for p in report["warnings"]} == {"stale-record"}


def test_text_report_groups_by_file_and_gives_the_cure(tree: Path) -> None:
    path = tree / "catalog/institutions/qingcheng-school.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("phone: 0471-6601234", "phone: 12"), encoding="utf-8"
    )
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY.isoformat())
    assert code == 1
    assert out.startswith("catalog/institutions/qingcheng-school.yaml\n")
    assert "第 9 行  错误 phone-invalid" in out
    assert "怎么改：" in out
    assert "\033[" not in out  # no colour when not on a terminal
    assert out.rstrip().endswith("）。")


def test_github_annotations(tree: Path) -> None:
    path = tree / "catalog/institutions/qingcheng-school.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("phone: 0471-6601234", "phone: 12"), encoding="utf-8"
    )
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "github")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(
        "::error file=catalog/institutions/qingcheng-school.yaml,line=9,title=phone-invalid "
    )
    assert "::[qingcheng-school] phone：" in first


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--today", "2026-13-01"],
        ["check", "--format", "xml"],
        ["frobnicate"],
        ["check", "--no-such-flag"],
    ],
)
def test_usage_errors_exit_2_with_chinese_on_stderr(args: list[str]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert "用法" in err
    assert "Traceback" not in err


def test_not_a_project_root_exits_2(tmp_path: Path) -> None:
    code, out, err = run("check", "--root", str(tmp_path))
    assert (code, out) == (2, "")
    assert "catalog/datapackage.yaml" in err


def test_today_comes_from_the_environment(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLMAP_TODAY", "2027-03-01")
    code, out, _ = run("check", "--root", str(tree), "--format", "json")
    assert json.loads(out)["warnings"], "a later day makes records stale"
    monkeypatch.setenv("SKILLMAP_TODAY", "yesterday")
    code, _, err = run("check", "--root", str(tree))
    assert code == 2 and "SKILLMAP_TODAY" in err


def test_python_dash_m_and_console_script_agree(tree: Path) -> None:
    args = ["check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "json"]
    module = subprocess.run(
        [sys.executable, "-m", "skillmap", *args], capture_output=True, text=True, check=False
    )
    assert module.returncode == 0
    assert json.loads(module.stdout)["ok"] is True


def test_new_writes_a_template_that_parses(tmp_path: Path) -> None:
    for kind in ("institution", "project", "brand", "case"):
        code, out, _ = run("new", kind, "--root", str(ROOT))
        assert code == 0
        assert out.startswith("# 新")
        assert "【必填】" in out
    target = tmp_path / "x.yaml"
    assert run("new", "project", "--root", str(ROOT), "--out", str(target))[0] == 0
    assert run("new", "project", "--root", str(ROOT), "--out", str(target))[0] == 2  # never overwrites
