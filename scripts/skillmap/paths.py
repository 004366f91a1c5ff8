"""Where things live under --root: the only module that knows the repository layout."""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .schema import Schema, schema_from_descriptor

PACKAGES = ("catalog", "brands", "cases")
RECORD_SUFFIXES = (".yaml", ".yml", ".csv")
# Files an editor may keep beside records that are not records and not worth a warning.
QUIET_FILES = frozenset({".gitkeep", "README.md", "CODEOWNERS", ".DS_Store"})
# Singular names used on the command line (`skillmap new project`).
# Configuration beside the packages that a copy of the project needs.
CONFIG_ITEMS = ("mkdocs.yml", "site_templates")
KINDS = {
    "institution": "institutions",
    "project": "projects",
    "job": "jobs",
    "brand": "brands",
    "case": "cases",
}


@dataclass(frozen=True)
class Resource:
    """One resource of a datapackage, with where its records are."""

    package: str
    name: str
    title: str
    schema: Schema
    records_dir: Path | None = None
    csv_path: Path | None = None
    nested_in: str | None = None
    nested_key: str | None = None
    nested_many: bool = False
    nested_after: str | None = None


@dataclass
class RecordFiles:
    """What a record folder holds: record files, other files (a warning) and refused entries
    (path, problem code, what it is)."""

    records: list[Path]
    others: list[Path]
    refused: list[tuple[Path, str, str]]


# Names our own tools stage files under (an import, fmt or export killed half way leaves them):
# `import --apply` stages a record as `.<name>.skillmap-new` and keeps the old one as `…-old`.
STAGED_SUFFIX = ".skillmap-new"
KEPT_SUFFIX = ".skillmap-old"
LEFTOVER_SUFFIXES = (STAGED_SUFFIX, KEPT_SUFFIX, ".skillmap-tmp", ".import-tmp")


def _sort_file(path: Path, found: RecordFiles) -> None:
    name = path.name
    try:
        mode = path.lstat().st_mode
    except OSError:
        return  # removed while we looked
    if stat.S_ISLNK(mode):
        found.refused.append((path, "file-special", "这个文件是符号链接（快捷方式），不会被读取"))
    elif not stat.S_ISREG(mode):
        found.refused.append((path, "file-special", "这不是普通文件（是设备、管道或套接字），不会被读取"))
    elif name in QUIET_FILES or name.startswith("_") or name.startswith("datapackage."):
        return
    elif name.endswith(LEFTOVER_SUFFIXES):
        found.refused.append((path, "file-hidden", "这是上次导入或整理被中断时留下的临时文件"))
    elif name.startswith("."):
        if name.lower().endswith(RECORD_SUFFIXES):
            found.refused.append((path, "file-hidden", "文件名以“.”开头，会被当作隐藏文件而不被读取"))
        else:
            found.others.append(path)
    else:
        (found.records if name.lower().endswith(RECORD_SUFFIXES) else found.others).append(path)


class ProjectError(Exception):
    """Something about the project (not its records) stops a command; the message is Chinese."""


class LayoutError(ProjectError):
    """The tree under --root is not a project; the message is Chinese."""


class Layout:
    """The project tree under one root: packages, resources, config."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        if not (self.root / "catalog" / "datapackage.yaml").is_file():
            raise LayoutError(
                f"{self.root} 不是导航图项目目录：找不到 catalog/datapackage.yaml。请用 --root 指定项目目录。"
            )
        self.resources: dict[str, Resource] = {}
        for package in PACKAGES:
            self._read_package(package)

    def _read_package(self, package: str) -> None:
        path = self.root / package / "datapackage.yaml"
        if not path.is_file():
            raise LayoutError(f"缺少 {package}/datapackage.yaml。")
        descriptor = _read_config_yaml(path)
        for res in descriptor.get("resources", []):
            schema_rel = f"{package}/{res['schema']}"
            schema = schema_from_descriptor(
                res["name"], schema_rel, _read_config_yaml(self.root / schema_rel)
            )
            nested = res.get("x-nested", {})
            self.resources[res["name"]] = Resource(
                package=package,
                name=res["name"],
                title=res.get("title", res["name"]),
                schema=schema,
                records_dir=(self.root / package / res["x-records"]) if "x-records" in res else None,
                csv_path=(self.root / package / res["path"]) if "path" in res else None,
                nested_in=nested.get("in"),
                nested_key=nested.get("key"),
                nested_many=bool(nested.get("many", False)),
                nested_after=nested.get("after"),
            )

    def rel(self, path: Path) -> str:
        """A path relative to the root, POSIX style, as problems name files."""
        if not path.is_absolute():
            return path.as_posix()
        try:  # paths found by walking the resolved root need no resolving (which costs a syscall per part)
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.resolve().relative_to(self.root).as_posix()

    def record_resources(self) -> list[Resource]:
        """Resources kept as one file per record (institutions, projects, brands, cases)."""
        return [r for r in self.resources.values() if r.records_dir is not None]

    def nested_resources(self, parent: str) -> list[Resource]:
        return [r for r in self.resources.values() if r.nested_in == parent]

    def record_files(self, resource: Resource) -> RecordFiles:
        """The files under the resource folder, in path order: records, other files, and what is
        refused (links, devices, hidden names), each said so rather than skipped in silence."""
        assert resource.records_dir is not None
        found = RecordFiles([], [], [])
        if not resource.records_dir.is_dir():
            return found
        for dirpath, dirnames, filenames in os.walk(resource.records_dir):
            here = Path(dirpath)
            kept = []
            for d in sorted(dirnames):
                path = here / d
                if path.is_symlink():
                    found.refused.append(
                        (path, "file-special", "这个目录是指向别处的链接（快捷方式），其中的记录不会被读取")
                    )
                elif d.startswith("."):
                    found.refused.append(
                        (path, "file-hidden", "目录名以“.”开头，是隐藏目录，其中的记录不会被读取")
                    )
                elif not self._is_config_dir(path):
                    kept.append(d)
            dirnames[:] = kept
            for name in filenames:
                _sort_file(here / name, found)
        key = lambda p: p.relative_to(self.root).as_posix()  # noqa: E731
        found.records.sort(key=key)
        found.others.sort(key=key)
        found.refused.sort(key=lambda item: key(item[0]))
        return found

    def _is_config_dir(self, path: Path) -> bool:
        # schemas/ and reference/ sit beside records in a package, never among them.
        return path.name in ("schemas", "reference") and (path.parent / "datapackage.yaml").is_file()

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def mkdocs_config(self) -> dict[str, Any]:
        """mkdocs.yml as plain data (site_url, extra: …); empty when there is none."""
        if not self.mkdocs_yml.is_file():
            return {}
        text = self.mkdocs_yml.read_text(encoding="utf-8")
        # mkdocs.yml may carry !!python/name tags for extensions: they are read, not constructed.
        data = yaml.load(text, Loader=_ConfigLoader)
        return dict(data or {})


def _read_config_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LayoutError(f"无法读取配置文件 {path}：{exc}") from None
    if not isinstance(data, dict):
        raise LayoutError(f"配置文件 {path} 的内容应为映射。")
    return data


class _ConfigLoader(yaml.SafeLoader):
    """Safe loader that reads unknown tags (mkdocs' !!python/name, !ENV) as plain values."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("", _ignore_tag)


def copy_config(root: Path, out: Path) -> None:
    """Copy everything but records: datapackages, schemas, reference lists, site config."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for package in ("catalog", "brands", "cases"):
        (out / package).mkdir()
        shutil.copy2(root / package / "datapackage.yaml", out / package / "datapackage.yaml")
        shutil.copytree(root / package / "schemas", out / package / "schemas")
    shutil.copytree(root / "catalog" / "reference", out / "catalog" / "reference")
    (out / "catalog" / "institutions").mkdir()
    (out / "catalog" / "projects").mkdir()
    for item in CONFIG_ITEMS:
        src = root / item
        if src.is_dir():
            shutil.copytree(src, out / item)
        elif src.is_file():
            shutil.copy2(src, out / item)
