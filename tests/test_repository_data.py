"""The repository's own catalogue: passes the checker cleanly and is marked as demo data."""

from __future__ import annotations

import json

from skillmap.paths import Layout

from .conftest import ROOT, TODAY, run


def test_repository_data_passes_without_errors_or_warnings() -> None:
    code, out, err = run("check", "--root", str(ROOT), "--today", TODAY.isoformat(), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"ok": True, "errors": [], "warnings": []}


def test_demo_catalogue_has_the_promised_breadth() -> None:
    layout = Layout(ROOT)
    files = {r.name: layout.record_files(r).records for r in layout.record_resources()}
    assert len(files["institutions"]) >= 25
    assert len(files["projects"]) >= 60
    assert len(files["brands"]) >= 6
    assert len(files["cases"]) >= 8
    assert len(files["jobs"]) >= 24 and len(files["wishes"]) >= 2  # SPEC §8: postings, two cycles
    # YAML records say they are demo data in their first line (CSV has no comments; wishes are counts).
    texts = [p.read_text(encoding="utf-8") for paths in files.values() for p in paths if p.suffix == ".yaml"]
    assert all(t.startswith("# 示例数据") for t in texts), "every demo record says it is demo data"
    projects = "".join(p.read_text(encoding="utf-8") for p in files["projects"])
    for schedule in ("技能夜校", "周末班", "全日制"):
        assert f"schedule: {schedule}" in projects
    for group in (
        "农村牧区转移就业劳动者",
        "离校未就业高校毕业生",
        "登记失业人员",
        "就业困难人员",
        "企业职工",
    ):
        assert f"- {group}" in projects
    prefectures = {p.parent.name for p in files["projects"]}
    assert len(prefectures) == 12
