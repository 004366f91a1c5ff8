"""A site built once from the repository's demo catalogue, shared by the site tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import ROOT, TODAY, run


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "site"
    code, stdout, stderr = run("build", "--root", str(ROOT), "--today", TODAY.isoformat(), "--out", str(out))
    assert code == 0, stdout + stderr
    return out
