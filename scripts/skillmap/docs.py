"""Generated documentation: the problem-code table, the CLI reference and the data dictionary.

`python -m skillmap.docs --write` rewrites the marked blocks in README.md and the file
docs/data-dictionary.md; `--check` exits 1 when they are stale (a test runs it too).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .cli import build_parser
from .paths import Layout, Resource
from .problems import CATALOGUE
from .schema import Field

_SEVERITY = {"error": "错误", "warning": "警告"}
_TYPES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否（true/false）",
    "date": "日期（YYYY-MM-DD）",
    "year": "年份",
    "list": "列表（CSV 中用 | 分隔）",
}


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]], numeric: bool = False) -> str:
    """A Markdown table; `numeric` right-aligns every column."""
    align = "---:" if numeric else "---"
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(str(cell)) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def problem_table() -> str:
    rows = [[f"`{p.code}`", _SEVERITY[p.severity], p.title, p.cure] for p in CATALOGUE.values()]
    return markdown_table(["代码", "级别", "问题", "怎么改"], rows)


def cli_reference() -> str:
    # argparse wraps help to the terminal width: fix it, so the text is the same everywhere.
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        return _cli_reference()
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def _cli_reference() -> str:
    parser = build_parser()
    out = ["```text", parser.format_usage().replace("usage:", "用法：").strip()]
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        out += ["", f"$ skillmap {name} --help", sub.format_help().replace("usage:", "用法：").strip()]
    out.append("```")
    return "\n".join(out)


def data_dictionary(layout: Layout) -> str:
    out = [
        "# 数据字典",
        "",
        "<!-- 本文件由 `./tasks docs` 根据 Table Schema 自动生成，请勿手工修改。 -->",
        "",
        "每个字段的中文名、类型、是否必填、约束和说明。YAML 中 `contact.phone` 写作 `contact:` 下的 `phone:`，",
        "`location.lat`/`location.lon` 写作 `location: [纬度, 经度]`；嵌套的表（岗位需求、往期成效）在 YAML 中写在项目里，",
        "在 CSV 和开放数据中是独立的表，以 `project` 列关联项目。",
    ]
    for res in layout.resources.values():
        out += ["", f"## {res.title}（`{res.name}`）", "", _where(layout, res), ""]
        out.append(
            markdown_table(
                ["字段", "中文名", "类型", "必填", "约束", "说明"], [_field_row(f) for f in res.schema.fields]
            )
        )
    return "\n".join(out) + "\n"


def _where(layout: Layout, res: Resource) -> str:
    if res.records_dir is not None:
        folder = res.records_dir.relative_to(layout.root).as_posix()
        return f"存放位置：`{folder}/`，一条记录一个 `<id>.yaml` 文件（可放在子目录中），也可用 CSV。"
    if res.nested_in is not None:
        return f"嵌套在{layout.resources[res.nested_in].title}的 `{res.nested_key}` 字段中。"
    assert res.csv_path is not None
    return f"参照表：`{res.csv_path.relative_to(layout.root).as_posix()}`。"


def _field_row(f: Field) -> list[object]:
    rules: list[str] = []
    if f.enum:
        rules.append("可选：" + "、".join(f.enum))
    if f.item_enum:
        rules.append("每项可选：" + "、".join(f.item_enum))
    if f.pattern is not None:
        rules.append(f"格式 `{f.pattern.pattern}`")
    if f.minimum is not None or f.maximum is not None:
        rules.append(f"范围 {_num(f.minimum)}–{_num(f.maximum)}")
    if f.max_length is not None:
        rules.append(f"最多 {f.max_length} 字")
    if f.ref is not None:
        rules.append(f"引用 `{f.ref[0]}.{f.ref[1]}`")
    if f.check:
        rules.append(f"检查：{_CHECKS.get(f.check, f.check)}")
    required = "是" if f.required else ""
    return [f"`{f.name}`", f.title, _TYPES.get(f.type, f.type), required, "；".join(rules), f.description]


_CHECKS = {
    "phone": "电话号码",
    "uscc": "统一社会信用代码校验码",
    "url": "链接协议",
    "markdown": "Markdown，无 HTML 和不安全链接",
    "person": "化名",
    "past-date": "不晚于今天",
    "location": "内蒙古境内坐标",
}


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


BLOCKS = {"problem-codes": problem_table, "cli": cli_reference}


def render_readme(text: str) -> str:
    """README text with every generated block between its markers brought up to date."""
    for name, make in BLOCKS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        match = pattern.search(text)
        if match is None:
            raise ValueError(f"README.md lacks the markers of block {name!r}")
        text = text[: match.start()] + match.group(1) + make() + "\n" + match.group(2) + text[match.end() :]
    return text


def generated_files(root: Path) -> dict[Path, str]:
    """Every generated file and the text it should have."""
    readme = root / "README.md"
    return {
        readme: render_readme(readme.read_text(encoding="utf-8")),
        root / "docs" / "data-dictionary.md": data_dictionary(Layout(root)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.docs", description="生成 README 中的表格和数据字典。"
    )
    parser.add_argument("--root", type=Path, default=Path("."))
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="写入生成的文档")
    mode.add_argument("--check", action="store_true", help="只检查是否过时")
    args = parser.parse_args(argv)
    stale = []
    for path, text in generated_files(args.root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if args.write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("已更新：" if args.write else "已过时：") + str(path))
    if args.check and stale:
        print("运行 ./tasks docs 重新生成。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
