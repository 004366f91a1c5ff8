"""The engines that turn the generated Markdown into HTML: MkDocs with Material (the default) and
Zensical, the Material team's successor (an optional install, docs/engine.md).

Both read the same generated mkdocs.yml. What Zensical needs differently is written here and only
here: one flat config (it reads INHERIT, but not dates or empty values in `extra`), the docs,
theme overrides and site inside the config's folder, Material's classic look, its own search
index off, and no `hooks:` (ours only frees memory in MkDocs). The site it writes is moved to
where MkDocs would have written it, so everything after the engine is the same for both.
"""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from ..paths import ProjectError
from .beside import can_fork

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"
ZENSICAL_CONFIG = "zensical.yml"


class EngineError(ProjectError):
    """The engine failed or is not installed; the message is Chinese."""


def source_date_epoch(today: dt.date) -> int:
    """Noon of the build date in China, as a Unix time: every timestamp an engine writes comes from it."""
    noon = dt.datetime(today.year, today.month, today.day, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return int(noon.timestamp())


def run_engine(engine: str, config_path: Path, today: dt.date) -> None:
    """Build the site the generated config describes, into its `site_dir`."""
    if engine == "mkdocs":
        run_mkdocs(config_path, today)
    elif engine == "zensical":
        run_zensical(config_path, today)
    else:
        raise EngineError(f"不认识的构建引擎 {engine!r}；可用的有：{'、'.join(ENGINES)}。")


def run_mkdocs(config_path: Path, today: dt.date) -> None:
    """MkDocs in two processes, each writing half the pages (site/mkdocs_share.py), where the
    build may fork; otherwise in one, as `mkdocs build` would."""
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(today))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_path))
    if can_fork():
        from .mkdocs_share import build_in_two

        build_in_two(config)
    else:
        build(config)


def run_zensical(config_path: Path, today: dt.date) -> None:
    """Zensical in its own process (a Rust panic or its module-wide config stays there)."""
    try:
        import zensical  # noqa: F401
    except ImportError as error:
        raise EngineError(
            "没有安装 Zensical：请先运行 pip install -e '.[engine]'，或不加 --engine 用默认的 MkDocs 构建。"
        ) from error
    work = config_path.parent
    generated = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    site_dir = Path(generated["site_dir"])
    flat = zensical_config(generated, work)
    path = work / ZENSICAL_CONFIG
    path.write_text(yaml.safe_dump(flat, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch(today))}
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(path)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise EngineError("Zensical 构建失败，网站没有发布：\n  " + "\n  ".join(last))
    built = work / flat["site_dir"]
    (built / "search.json").unlink(missing_ok=True)  # its own search index, empty: ours is in search/
    _gzip_sitemap(built, source_date_epoch(today))
    _move_into(built, site_dir)


def _move_into(built: Path, site_dir: Path) -> None:
    """The built site into `site_dir`, as MkDocs writes it: the folder's hidden entries (work
    written beside the engine, such as the posters) are kept, everything else replaced."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in sorted(site_dir.iterdir()):
        if not entry.name.startswith("."):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for entry in sorted(built.iterdir()):
        shutil.move(entry, site_dir / entry.name)
    built.rmdir()


def _gzip_sitemap(site: Path, mtime: int) -> None:
    """sitemap.xml.gz beside sitemap.xml, as MkDocs writes it (dated by SOURCE_DATE_EPOCH)."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        with (
            (site / "sitemap.xml.gz").open("wb") as raw,
            gzip.GzipFile("sitemap.xml", "wb", 9, raw, mtime) as f,
        ):
            f.write(sitemap.read_bytes())


def zensical_config(generated: dict[str, Any], work: Path) -> dict[str, Any]:
    """The generated config as Zensical takes it: INHERIT merged in, paths inside `work`."""
    generated = dict(generated)
    parent_path = Path(generated.pop("INHERIT"))
    parent = yaml.safe_load(parent_path.read_text(encoding="utf-8")) or {}
    config = _plain(_merge(parent, generated))
    config.pop("hooks", None)
    theme = config["theme"]
    overrides = work / "overrides"
    shutil.rmtree(overrides, ignore_errors=True)
    shutil.copytree(theme["custom_dir"], overrides)
    theme["custom_dir"] = overrides.name
    theme.setdefault("variant", "classic")  # Material's own look, which skillmap.css is written for
    config["docs_dir"] = Path(config["docs_dir"]).relative_to(work).as_posix()
    config["site_dir"] = "zensical-site"
    config["plugins"] = [{"search": {"enabled": False}}]  # the site has its own search
    return config


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT: mappings merge key by key, the child's other values win."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _plain(value: Any) -> Any:
    """Dates as ISO text and empty values left out: what Zensical's Rust side can hold."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
