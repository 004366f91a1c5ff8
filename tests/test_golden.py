"""Golden outputs: the text report and the project template, byte for byte.

Regenerate after an intended change with `./tasks update-golden` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import ROOT, TODAY, make_tree, run

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("SKILLMAP_UPDATE_GOLDEN") == "1"

# Several defects at once, as a real pull request would have them.
EDITS = [
    ("catalog/projects/hhht/hhht-hangong-yexiao.yaml", "starts: 2026-12-01", "starts: 2027-03-01"),
    ("catalog/projects/hhht/hhht-hangong-yexiao.yaml", "occupation: 焊工", "occupation: 挖掘机"),
    ("catalog/institutions/qingcheng-school.yaml", "uscc: 52150102MA0K123451", "uscc: 52150102MA0K123452"),
    ("catalog/projects/online-dianshang.yaml", "updated: 2026-11-01", "updated: 2026-10-01"),
    ("cases/from-herder-to-welder.yaml", "person: 王某某", "person: 王小明"),
]


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual, (
        f"{name} 与标准输出不同；确认后运行 ./tasks update-golden"
    )


def test_text_report(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    for rel, old, new in EDITS:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, out, _ = run("check", "--root", str(root), "--today", TODAY.isoformat())
    assert code == 1
    _compare("check-report.txt", out)


def test_project_template() -> None:
    code, out, _ = run("new", "project", "--root", str(ROOT))
    assert code == 0
    _compare("new-project.yaml", out)


def test_project_page_markdown(tmp_path: Path) -> None:
    """The generated Markdown of one project page (before MkDocs): catches unintended template changes."""
    from skillmap.site.build import prepare_docs
    from skillmap.validate import check_project

    root = make_tree(tmp_path / "tree")
    result = check_project(root, TODAY)
    prepare_docs(result, TODAY, tmp_path / "work")
    _compare(
        "project-page.md",
        (tmp_path / "work/docs/projects/hhht-hangong-yexiao/index.md").read_text(encoding="utf-8"),
    )
