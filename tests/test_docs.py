"""Generated documentation cannot drift: README blocks and the data dictionary match the code."""

from __future__ import annotations

from skillmap.dev.docs import generated_files
from skillmap.problems import CATALOGUE

from .conftest import ROOT


def test_generated_documents_are_up_to_date() -> None:
    for path, text in generated_files(ROOT).items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} 已过时：运行 ./tasks docs"


def test_readme_lists_every_problem_code_and_field_title() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in CATALOGUE:
        assert f"`{code}`" in readme
    dictionary = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    for title in ("统一社会信用代码", "课时补贴标准", "面向人群", "书面同意", "最低月薪", "结业人数"):
        assert f"| {title} |" in dictionary
