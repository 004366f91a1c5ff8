"""Where a build may write, and how it replaces the site there without ever losing anything else.

`build --out` replaces a whole folder, so it only ever replaces a folder that is empty or holds
an earlier site (the marker file every build writes, or for sites built before the marker the
pages and open data a build leaves). It never touches the project root, a record or template
folder, or any folder that holds them.

Work in progress lives under names that say whose it is (`.skillmap-staging-<pid>-site`,
`skillmap-build-<pid>-…` in the system's temp folder): a build killed half way leaves them
behind, and the next build sweeps what a dead process left (restoring the published site if
the kill fell between the two renames of the swap). `.gitignore` covers the names.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..paths import PACKAGES, Layout, ProjectError

SITE_MARKER = ".skillmap-site"
MARKER_TEXT = "此目录是 skillmap build 生成的网站，重新构建时会被整个替换。\n"
STAGING = ".skillmap-staging-"
OLD = ".skillmap-old-"
TEMP_PREFIXES = ("skillmap-build-", "skillmap-serve-")
# Folders of the project that hold what the site is built from (and the history of it).
SOURCE_FOLDERS = (*PACKAGES, "site_templates", "scripts", "tests", ".git", "inbox", "docs", "deploy")


class OutputRefused(ProjectError):
    """`--out` names a folder the build must not replace; the message is Chinese."""


def guard_output(out: Path, layout: Layout) -> Path:
    """The resolved output folder, or `OutputRefused` saying why the build may not write there."""
    target = out.expanduser().resolve()
    root = layout.root
    shown = str(out)
    if target == root or target in root.parents:
        raise OutputRefused(
            f"--out {shown} 是项目目录{'' if target == root else '的上级目录'}：构建会整个替换输出目录，"
            "这会删除全部数据。请把网站输出到单独的目录，如 --out site。"
        )
    sources = [root / name for name in SOURCE_FOLDERS]
    sources += [r.records_dir for r in layout.record_resources() if r.records_dir is not None]
    for source in sources:
        if target == source or source in target.parents or target in source.parents:
            raise OutputRefused(
                f"--out {shown} 与项目的 {layout.rel(source)} 目录重叠：构建会整个替换输出目录，"
                "这会删除那里的文件。请把网站输出到单独的目录，如 --out site。"
            )
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"--out {shown} 是一个文件，不是目录；请换一个目录名。")
    if target.is_dir() and not _replaceable(target):
        raise OutputRefused(
            f"--out {shown} 不是空目录，也不是之前构建的网站（没有 {SITE_MARKER} 标记文件）："
            "为免删除其中的文件，没有构建。请换一个新目录，或先把这个目录清空。"
        )
    return target


def guard_file(out: Path, layout: Layout) -> Path:
    """A file a command writes (a workbook, a report, a menu) never lands among the records or
    the project's sources, nor replaces a record or configuration file."""
    target = out.expanduser().resolve()
    # inbox/ is where an editor's workbook goes: `export --out inbox/…` is the normal way there.
    sources = [layout.root / name for name in SOURCE_FOLDERS if name != "inbox"]
    inside = next((s for s in sources if s in target.parents), None)
    if inside is not None:
        raise OutputRefused(
            f"--out {out} 在项目的 {layout.rel(inside)} 目录里：那里只放数据或程序，写入的文件会被当作记录读取或覆盖它们。"
            "请写到别处，如项目目录下或桌面。"
        )
    if target.exists() and (
        not target.is_file() or target.suffix.lower() in (".yaml", ".yml", ".csv", ".toml", ".py")
    ):
        raise OutputRefused(
            f"--out {out} 是已有的{'目录' if target.is_dir() else '数据或配置文件'}，不能覆盖；请换一个文件名。"
        )
    return target


def _replaceable(folder: Path) -> bool:
    if (folder / SITE_MARKER).is_file():
        return True
    names = {p.name for p in folder.iterdir()}
    if not names:
        return True
    # A site built before the marker existed: pages, open data and search, and nothing else of ours.
    return {"index.html", "data", "search", "projects"} <= names


def write_marker(site: Path) -> None:
    (site / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def staging_for(out: Path) -> Path:
    """The folder the new site is built in: beside `out`, so that the swap is a rename."""
    return out.with_name(f"{STAGING}{os.getpid()}-{out.name}")


def swap_in(built: Path, out: Path) -> None:
    """Replace `out` with the new site in two renames, so readers never see half a site."""
    old = out.with_name(f"{OLD}{os.getpid()}-{out.name}")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    built.rename(out)
    if old.exists():
        shutil.rmtree(old)


@contextlib.contextmanager
def work_folder(kind: str = "build") -> Iterator[Path]:
    """A temp folder outside the project, removed afterwards (and swept later if the process dies)."""
    sweep_temp()
    path = Path(tempfile.mkdtemp(prefix=f"skillmap-{kind}-{os.getpid()}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def sweep_beside(out: Path) -> None:
    """Remove what dead builds left beside `out`; put back a site a kill left renamed away."""
    parent = out.parent
    if not parent.is_dir():
        return
    for path in sorted(parent.iterdir()):
        for prefix in (OLD, STAGING):
            pid, name = _owner(path.name, prefix)
            if name != out.name or pid is None or _alive(pid):
                continue
            if prefix == OLD and not out.exists():
                path.rename(out)  # killed between the renames of the swap: the last site comes back
            else:
                shutil.rmtree(path, ignore_errors=True)
        if path.name.startswith(".skillmap-build-") and (path / "mkdocs.yml").is_file():
            shutil.rmtree(path, ignore_errors=True)  # left by builds before this module existed


def sweep_temp() -> None:
    """Remove temp folders of builds and previews whose process is gone."""
    base = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for path in base.iterdir():
            for prefix in TEMP_PREFIXES:
                pid, _ = _owner(path.name, prefix)
                if pid is not None and not _alive(pid):
                    shutil.rmtree(path, ignore_errors=True)


def _owner(name: str, prefix: str) -> tuple[int | None, str]:
    """(pid, rest) of a name `<prefix><pid>-<rest>`, or (None, "") when it is not one of ours."""
    if not name.startswith(prefix):
        return None, ""
    pid, _, rest = name[len(prefix) :].partition("-")
    return (int(pid), rest) if pid.isdigit() else (None, "")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
