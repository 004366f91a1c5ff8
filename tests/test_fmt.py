"""`skillmap fmt`: canonical form, idempotent, and it never loses what a record holds."""

from __future__ import annotations

from pathlib import Path

from skillmap.fmt import format_record
from skillmap.paths import Layout
from skillmap.yaml_read import parse_yaml

from .conftest import ROOT, run


def test_fmt_makes_the_fixture_canonical_and_is_idempotent(tree: Path) -> None:
    assert run("fmt", "--check", "--root", str(tree))[0] == 1
    assert run("fmt", "--root", str(tree))[0] == 0
    code, out, _ = run("fmt", "--check", "--root", str(tree))
    assert code == 0, out
    text = (tree / "catalog/projects/hhht/hhht-hangong-yexiao.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 测试数据（虚构）\nid: hhht-hangong-yexiao\n")
    assert "  phone: 0471-6601234\n" in text  # '04716601234' normalised
    assert "region: '150102'" in text
    assert "location: [40.842, 111.751]" in text
    # the formatted tree still passes the checker
    assert run("check", "--root", str(tree), "--today", "2026-11-27")[0] == 0


def test_fmt_orders_keys_by_schema_and_keeps_unknown_and_invalid_values(tree: Path) -> None:
    layout = Layout(tree)
    res = layout.resources["institutions"]
    text = (
        "updated: 2026/11/2\nid: x\nzzz_unknown: keep me\nphone: 138 1234 5678\nname: 机构\n"
        "listed_on: not a date\nsummary: |\n  line one   \n  line two\n"
    )
    out = format_record(layout, res, text)
    data = parse_yaml(out).data
    assert list(data) == ["id", "name", "phone", "listed_on", "summary", "updated", "zzz_unknown"]
    assert data["updated"] == "2026-11-02"
    assert data["phone"] == "13812345678"
    assert data["listed_on"] == "not a date"
    assert data["zzz_unknown"] == "keep me"
    assert data["summary"] == "line one\nline two\n"
    assert format_record(layout, res, out) == out


def test_repository_records_are_canonical() -> None:
    code, out, err = run("fmt", "--check", "--root", str(ROOT))
    assert code == 0, out + err
