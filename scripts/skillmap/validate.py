"""Load and check a whole project tree: the one function `check`, `build` and `fmt` share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .checks import CheckContext, run_checks
from .load import load_catalog
from .paths import Layout
from .problems import Problem, Verdict
from .records import Catalog


@dataclass
class CheckResult(Verdict):
    layout: Layout
    catalog: Catalog
    problems: list[Problem]


def check_project(root: Path, today: dt.date) -> CheckResult:
    """Every problem of the tree under `root`, sorted by file, line and field."""
    layout = Layout(root)
    catalog, problems = load_catalog(layout)
    problems += run_checks(CheckContext(layout, catalog, today))
    unique = sorted(set(problems), key=lambda p: p.sort_key())
    return CheckResult(layout, catalog, unique)
