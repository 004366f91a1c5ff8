"""Where things live under --root: the only module that knows the repository layout."""

from __future__ import annotations

import os
import shutil
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
KINDS = {"institution": "institutions", "project": "projects", "brand": "brands", "case": "cases"}


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

    def record_files(self, resource: Resource) -> tuple[list[Path], list[Path]]:
        """(record files, other files) under the resource folder, in path order."""
        assert resource.records_dir is not None
        records: list[Path] = []
        others: list[Path] = []
        if not resource.records_dir.is_dir():
            return records, others
        for dirpath, dirnames, filenames in os.walk(resource.records_dir):
            here = Path(dirpath)
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and not self._is_config_dir(here / d)
            )
            for name in filenames:
                path = here / name
                if name.startswith(("_", ".")) or name.startswith("datapackage.") or name in QUIET_FILES:
                    continue
                (records if name.lower().endswith(RECORD_SUFFIXES) else others).append(path)
        key = lambda p: p.relative_to(self.root).as_posix()  # noqa: E731
        return sorted(records, key=key), sorted(others, key=key)

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
