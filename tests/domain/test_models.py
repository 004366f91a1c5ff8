"""Typed records hold exactly the schema's fields, and are built from every checked record."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from skillmap.domain.models import MODELS, Contact, Demand, Location, Outcomes, Project
from skillmap.flat import groups
from skillmap.paths import Layout
from skillmap.validate import check_project

from ..conftest import ROOT, TODAY

NESTED = {"demand": Demand, "outcomes": Outcomes}
GROUPS = {"contact": Contact, "location": Location}


@pytest.mark.parametrize("resource", sorted(MODELS))
def test_attributes_are_the_schema_fields(resource: str) -> None:
    layout = Layout(ROOT)
    schema = layout.resources[resource].schema
    expected = [n.split(".", 1)[0] for n in schema.names]
    expected += [n.nested_key or n.name for n in layout.nested_resources(resource)]
    attributes = [f.name for f in dataclasses.fields(MODELS[resource]) if f.name != "record"]
    assert sorted(attributes) == sorted(set(expected))
    for key, names in groups(schema).items():
        assert [f.name for f in dataclasses.fields(GROUPS[key])] == [n.split(".", 1)[1] for n in names]
    for child in layout.nested_resources(resource):
        names = [n for n in child.schema.names if n != "project"]
        assert [f.name for f in dataclasses.fields(NESTED[child.nested_key or ""])] == names


def test_every_demo_record_becomes_a_typed_record() -> None:
    result = check_project(ROOT, TODAY)
    assert result.ok
    for resource, model in MODELS.items():
        for rec in result.catalog.records[resource]:
            typed = model.from_record(rec)
            assert typed.record is rec and getattr(typed, "id", None) == rec.id
    project = Project.from_record(result.catalog.records["projects"][0])
    assert isinstance(project.fee, Decimal) and isinstance(project.groups, tuple)
    assert isinstance(project.contact, Contact) and all(isinstance(d, Demand) for d in project.demand)
