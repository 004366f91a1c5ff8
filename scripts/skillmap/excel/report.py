"""What `skillmap import` tells the editor: new and changed records (with a diff of their fields),
the problems at their cells with the cure, and whether anything was written."""

from __future__ import annotations

import json

from ..domain.urls import TYPE_TITLES
from ..problem_formats import github_annotations
from ..problems import Problem
from .plan import Change, ImportPlan

_SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def as_json(plan: ImportPlan, written: list[str]) -> str:
    payload = {
        "ok": plan.ok,
        "errors": [p.as_dict() for p in plan.errors],
        "warnings": [p.as_dict() for p in plan.warnings],
        "changes": {
            "added": [{"type": c.type, "id": c.id, "cell": c.cell} for c in plan.added],
            "changed": [
                {"type": c.type, "id": c.id, "cell": c.cell, "fields": list(c.fields)} for c in plan.changed
            ],
            "unchanged": plan.unchanged,
        },
        "written": written,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_github(plan: ImportPlan) -> str:
    """Annotations for the pull request that brought the workbook: each problem with its cell."""
    lines = github_annotations(plan.problems)
    return "\n".join(lines) + "\n" if lines else ""


def as_text(plan: ImportPlan, written: list[str], applied: bool) -> str:
    out = [f"导入 {plan.book.file}"]
    if plan.book.ignored:
        out.append(f"（没有读取的工作表：{'、'.join(plan.book.ignored)}，它们不是数据表）")
    out.append("")
    if plan.added:
        out.append(f"新增 {len(plan.added)} 条记录：")
        out += [f"  {_name(c)}（{c.cell}）" for c in plan.added]
    if plan.changed:
        out.append(f"修改 {len(plan.changed)} 条记录：")
        for c in plan.changed:
            out.append(f"  {_name(c)}（{c.cell}）")
            out += [
                f"      {title}：{before or '（空）'} → {after or '（空）'}"
                for title, before, after in c.diffs
            ]
    out.append(f"没有变化的记录 {plan.unchanged} 条。")
    if plan.problems:
        out += ["", f"发现 {len(plan.errors)} 个错误、{len(plan.warnings)} 个警告："]
        for p in plan.problems:
            out += _problem(p)
    out += ["", _verdict(plan, written, applied)]
    return "\n".join(out) + "\n"


def _name(c: Change) -> str:
    return f"{TYPE_TITLES.get(c.type, c.type)} {c.id}"


def _problem(p: Problem) -> list[str]:
    where = p.where.cell or (f"{p.file} 第 {p.line} 行" if p.line else p.file)
    subject = f"（记录 {p.record}）" if p.record else ""
    return [
        f"  {where}  {_SEVERITY_ZH[p.severity]} {p.code}  {p.message}{subject}",
        f"      怎么改：{p.cure}",
    ]


def _verdict(plan: ImportPlan, written: list[str], applied: bool) -> str:
    broken = "有错误的行没有导入，请按上面的提示修改表格后重新导入。" if plan.errors else ""
    if applied:
        if not written:
            return f"没有需要写入的记录。{broken}"
        files = "\n".join(f"  {f}" for f in written)
        return f"已写入 {len(written)} 个记录文件：\n{files}\n{broken}".rstrip()
    if not plan.writes:
        return f"没有需要写入的记录。{broken}"
    return f"以上是预览，没有写入任何文件；确认无误后加 --apply 写入这 {len(plan.writes)} 条记录。{broken}"
