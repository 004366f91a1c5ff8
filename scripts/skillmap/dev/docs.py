"""A developer tool: regenerate the README's problem-code table and CLI reference, and the data dictionary file.

`python -m skillmap.dev.docs --write` rewrites the marked blocks in README.md and the file
docs/data-dictionary.md; `--check` exits 1 when they are stale (a test runs it too). The
product never imports this module (it imports the CLI); the dictionary itself is `datadict`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from ..cli import build_parser
from ..datadict import data_dictionary, markdown_table
from ..paths import Layout
from ..problems import CATALOGUE

_SEVERITY = {"error": "错误", "warning": "警告"}


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
        prog="python -m skillmap.dev.docs", description="生成 README 中的表格和数据字典。"
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
