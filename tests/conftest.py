"""Shared helpers: build project trees from the repository's configuration and fixtures."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from skillmap.cli import main
from skillmap.paths import copy_config

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 11, 27)


def make_tree(dest: Path, with_records: bool = True) -> Path:
    """A complete project tree: the repository's configuration plus the valid fixture records."""
    copy_config(ROOT, dest)
    if with_records:
        shutil.copytree(FIXTURES / "valid", dest, dirs_exist_ok=True)
    return dest


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "tree")


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()
