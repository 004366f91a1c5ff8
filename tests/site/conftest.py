"""A site built once from the repository's demo catalogue, shared by the site tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOT, TODAY, run


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "site"
    code, stdout, stderr = run("build", "--root", str(ROOT), "--today", TODAY.isoformat(), "--out", str(out))
    assert code == 0, stdout + stderr
    return out


@pytest.fixture(scope="module")
def demo_url(demo_site: Path) -> Iterator[str]:
    """The demo site served under a sub-path, as a bureau's 专栏 would publish it."""
    from .browser import serve

    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, its tabs on the build's day."""
    from .browser import launched

    with launched() as b:
        yield b
