"""The synthetic catalogue is deterministic, covers every region and passes the checker."""

from __future__ import annotations

import hashlib
from pathlib import Path

from skillmap.dev.synth import generate

from .conftest import ROOT, TODAY, run


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_same_arguments_give_the_same_files(tmp_path: Path) -> None:
    generate(ROOT, tmp_path / "a", projects=120, today=TODAY)
    generate(ROOT, tmp_path / "b", projects=120, today=TODAY)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    generate(ROOT, tmp_path / "c", projects=120, today=TODAY, seed=7)
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_synthetic_catalogue_passes_and_reaches_every_county(tmp_path: Path) -> None:
    out = tmp_path / "syn"
    generate(ROOT, out, projects=900, today=TODAY)
    code, report, _ = run("check", "--root", str(out), "--today", TODAY.isoformat())
    assert code == 0, report
    assert "没有发现问题" in report
    assert len(list((out / "catalog/institutions").glob("*.yaml"))) == 180
    assert len(list((out / "catalog/projects").glob("*.yaml"))) == 900
    regions = {
        line.split(": ")[1].strip("'")
        for p in (out / "catalog/institutions").glob("*.yaml")
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("region:")
    }
    counties = [
        line.split(",")[0]
        for line in (ROOT / "catalog/reference/regions.csv").read_text().splitlines()
        if ",county," in line
    ]
    # 180 institutions, 15 per prefecture: more than the 14 counties of the largest one
    assert regions == set(counties)
