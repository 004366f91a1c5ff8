"""`skillmap fmt`: canonical form, idempotent, and it never loses what a record holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillmap.fmt import format_record
from skillmap.paths import Layout
from skillmap.yaml_read import parse_yaml

from .conftest import FIXTURES, ROOT, run


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


RECORD = """# 测试数据（虚构）
updated: 2026-11-20
id: x
# 电话经 11 月回访核实
phone: 138 1234 5678  # 手机
name: 机构
website:
# 网站已停用，暂不填写
summary: |
  第一行
  # 这一行是正文，不是注释
kind: 职业培训机构 # 类型已核实
"""


def test_fmt_keeps_comments_above_a_key_at_a_line_end_and_inside_a_block(tree: Path) -> None:
    layout = Layout(tree)
    out = format_record(layout, layout.resources["institutions"], RECORD)
    lines = out.splitlines()
    assert lines[0] == "# 测试数据（虚构）" and lines[1] == "id: x"
    # the note above `phone` travels with it when keys are reordered
    assert lines[lines.index("phone: '13812345678'  # 手机") - 1] == "# 电话经 11 月回访核实"
    assert "kind: 职业培训机构  # 类型已核实" in lines
    # inside a `|` block a `#` line is text, and stays text
    assert parse_yaml(out).data["summary"] == "第一行\n# 这一行是正文，不是注释\n"
    # a note on an empty field that fmt leaves out is kept, not dropped
    assert "# 网站已停用，暂不填写" in lines
    assert format_record(layout, layout.resources["institutions"], out) == out


def test_fmt_keeps_comments_inside_nested_blocks(tree: Path) -> None:
    layout = Layout(tree)
    path = tree / "catalog/projects/hhht/hhht-hangong-yexiao.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  name: 王老师\n", "  # 联系人 11 月更换\n  name: 王老师 # 招生办\n")
    text = text.replace("  openings: 20\n", "  openings: 20  # 企业 11 月确认\n")
    text = text.replace(
        "- employer: 青城重工装备有限公司\n", "# 第一家用工单位\n- employer: 青城重工装备有限公司\n"
    )
    out = format_record(layout, layout.resources["projects"], text)
    assert "contact:\n  # 联系人 11 月更换\n  name: 王老师  # 招生办\n" in out
    assert "  openings: 20  # 企业 11 月确认\n" in out
    assert "demand:\n# 第一家用工单位\n- employer: 青城重工装备有限公司\n" in out


def _records(root: Path) -> list[tuple[str, Path]]:
    layout = Layout(root)
    out = []
    for res in layout.record_resources():
        out += [(res.name, p) for p in layout.record_files(res)[0] if p.suffix == ".yaml"]
    return out


@pytest.mark.parametrize("root", [ROOT, FIXTURES / "valid"], ids=["demo", "fixtures"])
def test_a_comment_on_or_above_any_field_of_any_record_survives_fmt(root: Path, tree: Path) -> None:
    layout = Layout(tree)
    for resource, path in _records(root if root == ROOT else tree):
        text = path.read_text(encoding="utf-8")
        doc = parse_yaml(text)
        lines = text.split("\n")
        for number in sorted(set(doc.lines.values()), reverse=True):
            line = lines[number - 1]
            indent = line[: len(line) - len(line.lstrip(" "))]
            lines[number - 1] = f"{line}  # 行尾注释{number}"
            lines.insert(number - 1, f"{indent}# 上方注释{number}")
        commented = "\n".join(lines)
        out = format_record(layout, layout.resources[resource], commented)
        for number in doc.lines.values():
            assert f"# 行尾注释{number}" in out and f"# 上方注释{number}" in out, (path, number)
        plain = format_record(layout, layout.resources[resource], text)
        assert parse_yaml(out).data == parse_yaml(plain).data
        assert format_record(layout, layout.resources[resource], out) == out


def test_fmt_check_prints_a_unified_diff(tree: Path) -> None:
    code, out, _ = run("fmt", "--check", "--root", str(tree))
    assert code == 1
    assert "--- catalog/projects/hhht/hhht-hangong-yexiao.yaml（现在）" in out
    assert "+++ catalog/projects/hhht/hhht-hangong-yexiao.yaml（整理后）" in out
    assert "-  phone: '04716601234'\n+  phone: 0471-6601234\n" in out
