"""The Table Schemas are valid Frictionless descriptors and say everything in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from frictionless import Resource, Schema

from skillmap.paths import Layout

from .conftest import ROOT

SCHEMAS = sorted(ROOT.glob("*/schemas/*.yaml"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.stem)
def test_schema_is_a_valid_table_schema(path: Path) -> None:
    descriptor = yaml.safe_load(path.read_text(encoding="utf-8"))
    report = Schema.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "message"])


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.stem)
def test_every_field_has_a_chinese_title_and_description(path: Path) -> None:
    descriptor = yaml.safe_load(path.read_text(encoding="utf-8"))
    for field in descriptor["fields"]:
        assert not field["title"].isascii(), field["name"]
        assert not field["description"].isascii(), field["name"]


def test_reference_lists_pass_stock_frictionless() -> None:
    layout = Layout(ROOT)
    for name in ("regions", "occupations", "industries"):
        res = layout.resources[name]
        assert res.csv_path is not None
        descriptor = yaml.safe_load((ROOT / res.schema.path).read_text(encoding="utf-8"))
        resource = Resource(
            path=res.csv_path.relative_to(ROOT / "catalog").as_posix(),
            basepath=str(ROOT / "catalog"),
            schema=Schema.from_descriptor(descriptor),
        )
        report = resource.validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])


def test_reference_lists_are_complete() -> None:
    regions = (ROOT / "catalog/reference/regions.csv").read_text(encoding="utf-8").splitlines()
    assert len(regions) == 1 + 115
    assert sum(",prefecture," in line for line in regions) == 12
    assert any(line.startswith("150781,满洲里市,") for line in regions)
    assert any(line.startswith("152501,二连浩特市,") for line in regions)
    occupations = (ROOT / "catalog/reference/occupations.csv").read_text(encoding="utf-8")
    for alias in ("电焊", "厨师", "月嫂", "护工", "挖掘机"):
        assert f"|{alias}|" in occupations or f",{alias}|" in occupations or f"|{alias}\n" in occupations
