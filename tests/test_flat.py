"""The flat form: nested → flat → nested is the identity, and flat → YAML → load gives the row back."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillmap.dev.synth import main as synth_main
from skillmap.flat import FlatRecord, cell_text, flatten, of_record, shape_of, unflatten
from skillmap.fmt import canonical, format_record
from skillmap.load import Loader
from skillmap.paths import Layout
from skillmap.yaml_comments import find_comments
from skillmap.yaml_read import parse_yaml
from skillmap.yaml_write import dump_yaml

from .conftest import ROOT, TODAY, make_tree, run


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "tree"
    assert synth_main(["--projects", "150", "--out", str(out), "--root", str(ROOT)]) == 0
    return out


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixtures, in canonical form (as `fmt` leaves them)."""
    tree = make_tree(tmp_path_factory.mktemp("fixtures") / "tree")
    assert run("fmt", "--root", str(tree))[0] == 0
    return tree


def _catalogue(request: pytest.FixtureRequest, name: str) -> Path:
    return ROOT if name == "demo" else request.getfixturevalue(name)


CATALOGUES = ["demo", "fixtures", "synthetic"]


@pytest.mark.parametrize("name", CATALOGUES)
def test_nested_to_flat_to_nested_is_the_identity(name: str, request: pytest.FixtureRequest) -> None:
    root = _catalogue(request, name)
    layout = Layout(root)
    count = 0
    for res in layout.record_resources():
        shape = shape_of(layout, res)
        for path in layout.record_files(res).records:
            if path.suffix == ".csv":
                continue  # a table of flat rows already (the wishes): nothing nested to round-trip
            nested = canonical(layout, res, parse_yaml(path.read_text(encoding="utf-8")).data)
            back = unflatten(shape, flatten(shape, nested))
            assert back == nested, path
            assert list(back) == list(nested), path  # and in canonical key order
            count += 1
    assert count >= 7


@pytest.mark.parametrize("name", CATALOGUES)
def test_flat_rows_are_what_the_loader_reads_and_write_back_to_the_same_yaml(
    name: str, request: pytest.FixtureRequest
) -> None:
    root = _catalogue(request, name)
    layout = Layout(root)
    loader = Loader(layout)
    catalog = loader.load()
    assert not [p for p in loader.problems if p.severity == "error"]
    for res in layout.record_resources():
        shape = shape_of(layout, res)
        for rec in catalog.records[res.name]:
            if rec.file.endswith(".csv"):
                continue  # read from a CSV table, not a YAML file
            flat = of_record(rec)
            # flat → nested → canonical YAML: the file as fmt writes it …
            text = dump_yaml(canonical(layout, res, unflatten(shape, flat)))
            original = (root / rec.file).read_text(encoding="utf-8")
            assert text == _without_comments(format_record(layout, res, original)), rec.file
            # … and the loader reads that YAML back into the same flat values
            again = loader._record_from_yaml(res, rec.file, parse_yaml(text).data, {}, 1)
            assert of_record(again) == flat, rec.file


def _without_comments(text: str) -> str:
    lines = text.split("\n")
    for c in sorted(find_comments(text), key=lambda c: c.line, reverse=True):
        if c.inline:
            lines[c.line - 1] = lines[c.line - 1][: lines[c.line - 1].rindex(c.text)].rstrip()
        else:
            del lines[c.line - 1]
    return "\n".join(lines)


def test_a_flat_row_names_its_groups_and_child_tables() -> None:
    layout = Layout(ROOT)
    shape = shape_of(layout, layout.resources["projects"])
    nested = {
        "id": "p",
        "groups": ["登记失业人员", "企业职工"],
        "location": [40.8, 111.7],
        "contact": {"name": "王老师", "phone": "0471-6601234"},
        "demand": [{"employer": "某公司", "openings": 3}],
        "outcomes": {"completed": 12},
    }
    flat = flatten(shape, nested)
    assert flat == FlatRecord(
        row={
            "id": "p",
            "groups": ["登记失业人员", "企业职工"],
            "location.lat": 40.8,
            "location.lon": 111.7,
            "contact.name": "王老师",
            "contact.phone": "0471-6601234",
        },
        children={
            "project_demand": [{"project": "p", "employer": "某公司", "openings": 3}],
            "project_outcomes": [{"project": "p", "completed": 12}],
        },
    )
    assert cell_text(flat.row["groups"]) == "登记失业人员|企业职工"
    assert cell_text(TODAY) == "2026-11-27" and cell_text(True) == "true"
    assert unflatten(shape, flat) == {
        k: nested[k] for k in ("id", "groups", "location", "demand", "contact", "outcomes")
    }
