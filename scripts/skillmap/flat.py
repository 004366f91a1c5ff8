"""The flat form of SPEC §6, in one place: nested records ⇄ flat rows and child tables.

A YAML record is nested: `contact: {name, phone}`, `location: [lat, lon]`, `demand: [{…}]`,
`outcomes: {…}`. Its flat form (CSV, Excel, open data, and the loader's `Record.values`) has
columns `contact.name`, `location.lat` …, lists joined by `|`, and `demand`/`outcomes` as their
own tables (`project_demand`, `project_outcomes`) keyed by `project`. `flatten` and `unflatten`
are inverse: unflatten(flatten(r)) == r for every canonical record (a property test proves it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .domain.money import plain_number
from .paths import Layout, Resource
from .records import Record
from .schema import Schema

# Groups written in YAML as a positional list rather than a mapping: location: [lat, lon].
POSITIONAL_GROUPS = frozenset({"location"})
LIST_SEPARATOR = "|"


def groups(schema: Schema) -> dict[str, list[str]]:
    """Group key → its flat field names: {'contact': ['contact.name', 'contact.phone']}."""
    out: dict[str, list[str]] = {}
    for name in schema.names:
        if "." in name:
            out.setdefault(name.split(".", 1)[0], []).append(name)
    return out


def sub_key(name: str) -> str:
    """`contact.phone` → `phone`."""
    return name.split(".", 1)[1]


@dataclass(frozen=True)
class Shape:
    """How one record resource nests: its groups, its child tables and its YAML key order."""

    resource: Resource
    children: dict[str, Resource]  # YAML key (`demand`) → child resource (`project_demand`)
    groups: dict[str, list[str]] = field(default_factory=dict)
    order: tuple[str, ...] = ()


def shape_of(layout: Layout, res: Resource) -> Shape:
    """The nesting of a record resource, read from its schema and datapackage."""
    children = {n.nested_key or n.name: n for n in layout.nested_resources(res.name)}
    return Shape(res, children, groups(res.schema), _key_order(res.schema, list(children.values())))


def _key_order(schema: Schema, nested: list[Resource]) -> tuple[str, ...]:
    """Top-level YAML keys in schema order, each child table after the field it follows."""
    keys: list[str] = []
    for name in schema.names:
        top = name.split(".", 1)[0]
        if top not in keys:
            keys.append(top)
        keys += [n.nested_key or n.name for n in nested if n.nested_after == name]
    keys += [n.nested_key or n.name for n in nested if (n.nested_key or n.name) not in keys]
    return tuple(dict.fromkeys(keys))


@dataclass
class FlatRecord:
    """One record in flat form: its row and the rows of its child tables (by resource name)."""

    row: dict[str, Any]
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def flatten(shape: Shape, record: Mapping[str, Any]) -> FlatRecord:
    """A nested record → its flat row and child rows (each child row names its `project`)."""
    out = FlatRecord(row={})
    for key, value in record.items():
        if key in shape.groups:
            out.row.update(_flatten_group(key, shape.groups[key], value))
        elif key in shape.children:
            child = shape.children[key]
            items = value if isinstance(value, list) else [value]
            out.children[child.name] = [{"project": record.get("id"), **item} for item in items]
        else:
            out.row[key] = value
    return out


def _flatten_group(key: str, names: list[str], value: Any) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return {f"{key}.{sub}": item for sub, item in value.items()}
    if isinstance(value, list) and key in POSITIONAL_GROUPS and len(value) == len(names):
        return dict(zip(names, value, strict=True))
    return {key: value}  # a shape the checker reports; kept so that nothing is lost


def unflatten(shape: Shape, flat: FlatRecord) -> dict[str, Any]:
    """A flat row and its child rows → the nested record, keys in canonical order.

    Empty values (None, empty lists) are left out, as the canonical YAML leaves them out.
    """
    nested: dict[str, Any] = {}
    for key in shape.order:
        if key in shape.children:
            value = _unflatten_children(shape.children[key], flat.children.get(shape.children[key].name, []))
        elif key in shape.groups:
            value = _unflatten_group(key, shape.groups[key], flat.row)
        else:
            value = flat.row.get(key)
        if not _empty(value):
            nested[key] = value
    nested.update((k, v) for k, v in flat.row.items() if _top(k) not in nested and not _known(shape, k))
    return nested


def _unflatten_group(key: str, names: list[str], row: Mapping[str, Any]) -> Any:
    if key in row:  # kept as written when it was not a group (see _flatten_group)
        return row[key]
    present = {sub_key(n): row[n] for n in names if not _empty(row.get(n))}
    if not present:
        return None
    if key in POSITIONAL_GROUPS and len(present) == len(names):
        return [present[sub_key(n)] for n in names]
    return present


def _unflatten_children(res: Resource, rows: list[dict[str, Any]]) -> Any:
    items = [{k: v for k, v in row.items() if k != "project" and not _empty(v)} for row in rows]
    if not items:
        return None
    return items if res.nested_many else items[0]


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def _known(shape: Shape, name: str) -> bool:
    return _top(name) in shape.order


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == ""


# -- cells -------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A typed value as a flat cell writes it: `a|b`, 2026-12-01, true/false, 1600, 22.5."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def of_record(rec: Record) -> FlatRecord:
    """A loaded record's flat form: its typed values and its child rows' values."""
    children: dict[str, list[dict[str, Any]]] = {}
    for rows in rec.children.values():
        for child in rows:
            children.setdefault(child.resource, []).append(dict(child.values))
    return FlatRecord(row=dict(rec.values), children=children)
