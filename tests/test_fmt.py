"""`skillmap fmt`: canonical form, idempotent, and it never loses what a record holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skillmap.fmt import format_record
from skillmap.paths import Layout
from skillmap.yaml_read import parse_yaml

from .conftest import FIXTURES, ROOT, run
from .conftest import TODAY as TODAY_DATE


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
    assert data["summary"] == "line one\\\nline two\n"  # the hard break kept, spelt with a backslash
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
        out += [(res.name, p) for p in layout.record_files(res).records if p.suffix == ".yaml"]
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


# -- fmt changes nothing a reader sees --------------------------------------------------------

# Markdown whose whitespace means something: hard breaks, code with trailing spaces, an indented
# first line (a code block), trailing spaces at the end of a paragraph (which mean nothing).
MEANINGFUL_WHITESPACE = (
    "第一行结尾两个空格  \n第二行紧接着换行\n\n段落末尾的空格   \n",
    "```\n代码行后面有空格   \n```\n\n正文  \n- 列表\n",
    "    缩进四格是代码\n后面一行\n",
    "三个空格   \n也是硬换行\\\n反斜杠也是\n\n\t制表符开头\n",
    "- 第一项  \n  续行\n- 第二项\n\n> 引用  \n> 第二行\n",
)


def _pages(root: Path, work: Path) -> dict[str, str]:
    """Every generated page (Markdown that embeds the HTML of each field) of the tree."""
    from skillmap.site.build import prepare_docs
    from skillmap.validate import check_project

    result = check_project(root, TODAY_DATE)
    assert result.ok, [p.message for p in result.errors]
    prepare_docs(result, TODAY_DATE, work)
    # The open data holds the records as written (fmt respells phones and hard breaks), so the
    # data page's hashed file names may change; nothing else may.
    return {
        p.relative_to(work).as_posix(): re.sub(r"\.[0-9a-f]{10}\.csv", ".csv", p.read_text(encoding="utf-8"))
        for p in work.rglob("*.md")
    }


def _inject(root: Path) -> int:
    """Put the meaningful-whitespace texts into Markdown fields of the tree's YAML records."""
    import yaml

    layout = Layout(root)
    count = 0
    for res in layout.record_resources():
        markdown = [f.name for f in res.schema.fields if f.check == "markdown"]
        for i, path in enumerate(layout.record_files(res).records):
            if path.suffix != ".yaml" or not markdown:
                continue
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data[markdown[i % len(markdown)]] = MEANINGFUL_WHITESPACE[i % len(MEANINGFUL_WHITESPACE)]
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            count += 1
    return count


@pytest.mark.parametrize("source", ["fixtures", "synthetic"])
def test_fmt_keeps_every_page_as_it_was(source: str, tmp_path: Path) -> None:
    from skillmap.dev.synth import generate

    from .conftest import make_tree

    root = tmp_path / "tree"
    if source == "fixtures":
        make_tree(root)
    else:
        generate(ROOT, root, 40, TODAY_DATE, 7)
    assert _inject(root) > 5
    before = _pages(root, tmp_path / "before")
    assert run("fmt", "--root", str(root))[0] == 0
    assert run("fmt", "--check", "--root", str(root))[0] == 0
    after = _pages(root, tmp_path / "after")
    changed = [name for name in before if before[name] != after.get(name)]
    assert not changed and set(before) == set(after), changed[:5]
