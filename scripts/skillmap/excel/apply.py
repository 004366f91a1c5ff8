"""`skillmap import --apply`: the good rows become canonical YAML records (or rows of their CSV
file, for the wishes), all or nothing.

Three steps, so that no failure and no kill leaves a half-applied import:
1. stage: every record is written beside its target under a hidden name (`.<name>.skillmap-new`);
   a failure here removes what was staged and the catalogue is untouched;
2. commit: a journal in the project root lists every target; each existing target is first kept
   as `.<name>.skillmap-old` (a hard link, else a copy), then the staged file is renamed over it;
3. the journal and the kept copies are removed.
A failure during the commit rolls back the files already replaced. A kill leaves the journal,
and the next `skillmap import` rolls back before it reads anything (`recover`); until then
`skillmap check` reports the hidden leftovers beside the records.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..files import write_atomic
from ..flat import FlatRecord, shape_of, unflatten
from ..fmt import render_record
from ..paths import KEPT_SUFFIX, STAGED_SUFFIX, Layout, ProjectError
from .csv_rows import table_text
from .plan import ImportPlan, Planned
from .sheets import key_fields

JOURNAL = ".skillmap-import-journal.json"


class ApplyError(ProjectError):
    """The records could not be written; nothing was applied. The message is Chinese."""


@dataclass(frozen=True)
class _Step:
    target: Path
    staged: Path
    kept: Path
    existed: bool


def record_text(layout: Layout, planned: Planned) -> str:
    """The canonical YAML of a planned record; a changed record keeps its file's comments."""
    shape = shape_of(layout, planned.resource)
    children = {
        shape.children[key].name: [dict(child.values) for child in rows]
        for key, rows in planned.record.children.items()
        if key in shape.children
    }
    nested = unflatten(shape, FlatRecord(dict(planned.record.values), children))
    old_text = None
    if planned.old is not None:
        old_text = (layout.root / planned.file).read_bytes().decode("utf-8-sig")
    return render_record(layout, planned.resource, nested, old_text)


def planned_texts(layout: Layout, writes: list[Planned]) -> list[tuple[str, str]]:
    """(file, text) for every file the plan writes: a YAML record each, or a CSV file of rows
    with all the rows the plan puts into it."""
    texts: list[tuple[str, str]] = []
    tables: dict[str, list[Planned]] = {}
    for planned in writes:
        if key_fields(planned.resource) == ("id",):
            texts.append((planned.file, record_text(layout, planned)))
        else:
            tables.setdefault(planned.file, []).append(planned)
    for rel, rows in tables.items():
        texts.append((rel, table_text(rows[0].resource, layout.root / rel, rows)))
    return texts


def apply_plan(layout: Layout, plan: ImportPlan) -> list[str]:
    """Write every planned record, or none; returns the files written (relative to the root)."""
    texts = planned_texts(layout, plan.writes)
    steps: list[_Step] = []
    try:
        for rel, text in texts:
            steps.append(_stage(layout, rel, text))
    except OSError as exc:
        _discard(steps)
        raise _failed(layout, exc, "准备写入") from None
    journal = layout.root / JOURNAL
    done: list[_Step] = []
    try:
        _write_journal(journal, layout, steps)
        for step in steps:
            _commit(step)
            done.append(step)
    except BaseException as exc:  # a failed rename, a full disk, Ctrl+C or `kill`: undo it all
        _roll_back(done)
        _discard(steps)
        journal.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _failed(layout, exc, "写入") from None
        raise
    journal.unlink()
    for step in steps:
        step.kept.unlink(missing_ok=True)
    return [rel for rel, _ in texts]


def _stage(layout: Layout, rel: str, text: str) -> _Step:
    target = layout.root / rel
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise ApplyError(f"{rel} 不是普通文件（是符号链接或目录），导入不改写它；没有写入任何记录。")
    target.parent.mkdir(parents=True, exist_ok=True)
    step = _Step(target, _hidden(target, STAGED_SUFFIX), _hidden(target, KEPT_SUFFIX), target.exists())
    try:
        with open(step.staged, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        step.staged.unlink(missing_ok=True)
        raise
    return step


def _hidden(target: Path, suffix: str) -> Path:
    return target.with_name(f".{target.name}{suffix}")


def _write_journal(journal: Path, layout: Layout, steps: list[_Step]) -> None:
    entries = [
        {
            "target": layout.rel(s.target),
            "staged": layout.rel(s.staged),
            "kept": layout.rel(s.kept),
            "existed": s.existed,
        }
        for s in steps
    ]
    write_atomic(journal, json.dumps(entries, ensure_ascii=False, indent=1))


def _commit(step: _Step) -> None:
    if step.existed:
        step.kept.unlink(missing_ok=True)
        try:
            os.link(step.target, step.kept)
        except OSError:  # a file system without hard links
            shutil.copy2(step.target, step.kept)
    os.replace(step.staged, step.target)


def _roll_back(done: list[_Step]) -> None:
    for step in reversed(done):
        with contextlib.suppress(OSError):
            if step.existed:
                os.replace(step.kept, step.target)
            else:
                step.target.unlink(missing_ok=True)


def _discard(steps: list[_Step]) -> None:
    for step in steps:
        with contextlib.suppress(OSError):
            step.staged.unlink(missing_ok=True)
            step.kept.unlink(missing_ok=True)


def _failed(layout: Layout, exc: OSError, doing: str) -> ApplyError:
    from ..files import os_reason

    return ApplyError(
        f"{doing} {_shown(layout, exc.filename)} 时失败：{os_reason(exc)}。没有写入任何记录，数据保持原样；"
        "请处理上述问题（如释放磁盘空间、检查文件权限）后重新导入。"
    )


def _shown(layout: Layout, filename: object) -> str:
    """The record file an error is about (its staged or kept copy named as the record itself)."""
    if not filename:
        return "记录文件"
    path = Path(str(filename))
    for suffix in (STAGED_SUFFIX, KEPT_SUFFIX):
        if path.name.startswith(".") and path.name.endswith(suffix):
            path = path.with_name(path.name[1 : -len(suffix)])
    try:
        return layout.rel(path)
    except ValueError:
        return str(path)


def recover(layout: Layout) -> list[str]:
    """Roll back an import that was killed while committing; returns the files put back."""
    journal = layout.root / JOURNAL
    if not journal.is_file():
        _sweep_staged(layout)  # killed while staging: nothing was applied, only staged files are left
        return []
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ApplyError(
            f"上次导入留下的 {JOURNAL} 无法读取：请用 git status 查看记录文件的改动，恢复后删除该文件。"
        ) from None
    restored: list[str] = []
    for entry in entries:  # each target back as it was before the interrupted import
        target, staged, kept = (layout.root / entry[k] for k in ("target", "staged", "kept"))
        if kept.exists():
            os.replace(kept, target)
            restored.append(entry["target"])
        elif not entry["existed"] and target.exists() and not staged.exists():
            target.unlink()  # created by the interrupted import
            restored.append(entry["target"])
        staged.unlink(missing_ok=True)
    journal.unlink()
    return restored


def _sweep_staged(layout: Layout) -> None:
    for res in layout.record_resources():
        for path, _, _ in layout.record_files(res).refused:
            if path.name.endswith((STAGED_SUFFIX, ".import-tmp")) and path.is_file():
                path.unlink()
