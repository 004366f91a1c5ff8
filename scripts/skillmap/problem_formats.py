"""Render a check result for people and machines: text (grouped by file, with the cure), JSON, GitHub annotations."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from itertools import groupby

from .problems import CATALOGUE, Problem
from .validate import CheckResult

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "dim": "\033[2m", "bold": "\033[1m", "end": "\033[0m"}
_SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def as_json(result: CheckResult) -> str:
    payload = {
        "ok": result.ok,
        "errors": [p.as_dict() for p in result.errors],
        "warnings": [p.as_dict() for p in result.warnings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_github(result: CheckResult) -> str:
    """GitHub workflow commands: one annotation per problem, shown on the pull request's diff."""
    return "\n".join([*github_annotations(result.problems), _summary(result)]) + "\n"


def github_annotations(problems: list[Problem]) -> list[str]:
    """One `::error file=…,line=…::` command per problem; a workbook's problems name their cell."""
    lines = []
    for p in problems:
        props = [f"file={_escape_prop(p.file)}"]
        if p.line is not None and p.where.cell is None:  # a workbook's row is no line of the file
            props.append(f"line={p.line}")
        props.append(f"title={_escape_prop(f'{p.code} {CATALOGUE[p.code].title}')}")
        cell = f"{p.where.cell} " if p.where.cell else ""
        where = f"[{p.record}] " if p.record else ""
        field = f"{p.field}：" if p.field else ""
        lines.append(
            f"::{p.severity} {','.join(props)}::{_escape_data(f'{cell}{where}{field}{p.message} {p.cure}')}"
        )
    return lines


def as_codequality(result: CheckResult) -> str:
    """GitLab's Code Quality report: merge requests show each problem on its changed line."""
    severity = {"error": "major", "warning": "minor"}
    items = [
        {
            "description": f"{p.code} {p.message} {p.cure}",
            "check_name": p.code,
            "fingerprint": hashlib.sha256(
                "|".join(str(x) for x in (p.code, p.file, p.line, p.record, p.field)).encode()
            ).hexdigest(),
            "severity": severity[p.severity],
            "location": {"path": p.file, "lines": {"begin": p.line or 1}},
        }
        for p in result.problems
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def as_text(result: CheckResult, colour: bool = False) -> str:
    paint = _painter(colour)
    out: list[str] = []
    for file, group in groupby(result.problems, key=lambda p: p.file):
        out.append(paint("bold", file))
        for p in group:
            out.extend(_text_problem(p, paint))
        out.append("")
    out.append(_summary(result))
    return "\n".join(out) + "\n"


def _text_problem(p: Problem, paint: Callable[[str, str], str]) -> list[str]:
    where = f"第 {p.line} 行" if p.line is not None else "文件"
    head = paint(p.severity, f"{_SEVERITY_ZH[p.severity]} {p.code}")
    subject = "，".join(
        x for x in (f"记录 {p.record}" if p.record else "", f"字段 {p.field}" if p.field else "") if x
    )
    lines = [f"  {where}  {head}  {p.message}"]
    if subject:
        lines.append(paint("dim", f"      {subject}"))
    lines.append(paint("dim", f"      怎么改：{p.cure}"))
    return lines


def _summary(result: CheckResult) -> str:
    counts = "、".join(
        f"{len(recs)} 条{result.layout.resources[name].title}"
        for name, recs in result.catalog.records.items()
    )
    errors, warnings = len(result.errors), len(result.warnings)
    if not result.problems:
        return f"检查通过：{counts}，没有发现问题。"
    files = len({p.file for p in result.problems})
    verdict = "检查未通过" if errors else "检查通过（有警告）"
    return f"{verdict}：{errors} 个错误，{warnings} 个警告，涉及 {files} 个文件（共检查 {counts}）。"


def _painter(colour: bool) -> Callable[[str, str], str]:
    if not colour:
        return lambda _style, text: text
    return lambda style, text: f"{_COLOURS[style]}{text}{_COLOURS['end']}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


RENDERERS = {"json": as_json, "github": as_github, "codequality": as_codequality}
