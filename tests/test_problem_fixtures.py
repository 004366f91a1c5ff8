"""One minimal broken tree per problem code: each is found, at the right file, line and field."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from skillmap.problems import CATALOGUE

from .conftest import FIXTURES, make_tree, run

INVALID = FIXTURES / "invalid"
CODES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def apply_case(root: Path, spec: dict[str, Any]) -> None:
    """Apply the edits a case.yaml describes to a valid tree."""
    for rel, old, new in spec.get("edit", []):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture edit does not apply: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for rel, text in spec.get("write", {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for src, dest in spec.get("copy", []):
        (root / dest).parent.mkdir(parents=True, exist_ok=True)
        (root / dest).write_bytes((root / src).read_bytes())
    for target, name in spec.get("link", []):
        (root / name).symlink_to(target)
    for item in spec.get("make", []):
        (root / item["file"]).write_bytes(_made(item["kind"]))


def _made(kind: str) -> bytes:
    if kind == "large":
        return b"id: big\nsummary: |\n" + b"  " + b"x" * 80 + b"\n" * 1 + (b"  " + b"y" * 80 + b"\n") * 14000
    if kind == "binary":
        return bytes(range(256)) * 8
    if kind == "gbk":
        return "id: gbk\nname: 培训学校\n".encode("gb18030")
    raise ValueError(kind)


def edit_book(book: Path, edits: list[dict[str, Any]]) -> None:
    """Edit an exported workbook: set cells by address, or append a copy of a row with some cells changed."""
    wb = openpyxl.load_workbook(book)
    for edit in edits:
        ws = wb[edit["sheet"]]
        titles = {c.value: c.column for c in ws[1] if c.value}
        if "copy" in edit:
            row = ws.max_row + 1
            for c in ws[edit["copy"]]:
                ws.cell(row, c.column, c.value)
        else:
            row = edit.get("row", 2)
        for title, value in edit.get("cells", {}).items():
            ws.cell(row, titles[title]).value = value
        for address, value in edit.get("at", {}).items():
            ws[address] = value
        if "rename" in edit:
            ws.title = edit["rename"]
        if "duplicate_as" in edit:
            wb.copy_worksheet(ws).title = edit["duplicate_as"]
    wb.save(book)


def test_every_code_has_a_fixture() -> None:
    assert set(CODES) == set(CATALOGUE)


@pytest.mark.parametrize("code", CODES)
def test_fixture_reports_its_problem(code: str, tmp_path: Path) -> None:
    spec = yaml.safe_load((INVALID / code / "case.yaml").read_text(encoding="utf-8"))
    expect = spec["expect"]
    root = make_tree(tmp_path / "tree")
    apply_case(root, spec)

    started = time.monotonic()
    if (
        "import" in spec
    ):  # a workbook problem: export the tree, edit the workbook as an editor would, import it
        book = tmp_path / "book.xlsx"
        assert run("export", "--root", str(root), "--today", "2026-11-27", "--out", str(book))[0] == 0
        edit_book(book, spec["import"])
        command = ("import", str(book), "--root", str(root), "--today", "2026-11-27", "--format", "json")
        expect = {**expect, "file": str(book)}
    else:
        command = ("check", "--root", str(root), "--today", "2026-11-27", "--format", "json")
    exit_code, out, err = run(*command)
    assert time.monotonic() - started < 10
    assert err == ""
    report = json.loads(out)
    assert exit_code == expect["exit"]
    found = [p for p in report["errors"] + report["warnings"] if p["code"] == code]
    assert len(found) == 1, found
    problem = found[0]
    assert problem["file"] == expect["file"]
    assert problem["field"] == expect["field"]
    if "record" in expect:
        assert problem["record"] == expect["record"]
    if "line" in expect:
        assert problem["line"] == expect["line"]
    if "cell" in expect:
        assert problem["cell"] == expect["cell"]
    assert problem["message"] and not problem["message"].isascii()
    # Minimal: the one defect is the only problem in the tree.
    others = [p for p in report["errors"] + report["warnings"] if p is not problem]
    assert others == []


def test_every_code_has_one_message_template_and_problems_carry_its_parameters() -> None:
    from skillmap.problems import Location, problem

    for kind in CATALOGUE.values():
        params = {name: f"<{name}>" for name in kind.parameters}
        made = problem(kind.code, Location("a.yaml", 3, "r", "f"), **params)
        assert made.message == kind.template.format(**params)
        assert dict(made.params) == params
    with pytest.raises(TypeError):
        problem("phone-invalid", Location("a.yaml"), label="电话")  # `value` is missing
    with pytest.raises(KeyError):
        problem("no-such-code", Location("a.yaml"))


def test_a_workbook_problem_names_its_cell() -> None:
    from skillmap.problems import Location, problem

    made = problem(
        "phone-invalid",
        Location("导入.xlsx", 7, "p1", "contact.phone", "培训项目!D7"),
        label="电话",
        value="1",
    )
    assert made.as_dict()["cell"] == "培训项目!D7" and made.as_dict()["line"] == 7
    assert "cell" not in problem("file-empty", Location("a.yaml", 1)).as_dict()
