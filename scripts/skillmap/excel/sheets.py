"""Which tables the workbook holds, in which order, and what kind of cell each column is."""

from __future__ import annotations

from ..paths import Layout, Resource
from ..schema import Field

# The record tables of SPEC §7 and §8, in the order editors meet them.
RECORD_TABLES = (
    "institutions",
    "projects",
    "project_demand",
    "project_outcomes",
    "brands",
    "cases",
    "jobs",
    "wishes",
)
# Reference lists follow as read-only sheets, so that codes and names can be looked up.
REFERENCE_TABLES = ("regions", "occupations", "industries")
OPTIONS_SHEET = "下拉选项"
YES, NO = "是", "否"
GUIDE_SHEET = "填写说明"


def record_sheets(layout: Layout) -> list[Resource]:
    return [layout.resources[name] for name in RECORD_TABLES if name in layout.resources]


def reference_sheets(layout: Layout) -> list[Resource]:
    return [layout.resources[name] for name in REFERENCE_TABLES if name in layout.resources]


def kind_of(field: Field) -> str:
    """date | integer | number | boolean | list | markdown | text: how the cell is written and read."""
    if field.type in ("date", "integer", "number", "boolean", "list"):
        return field.type
    if field.type == "year":
        return "integer"
    if field.check == "markdown":
        return "markdown"
    return "text"


def is_code_like(field: Field) -> bool:
    """Fields whose text is a code, a number or a choice: read with full-width forms folded (NFKC).

    Free text keeps its full-width punctuation（，：）, which NFKC would turn into ASCII.
    """
    if refers_to_names(field):
        return False  # names of a reference list (高端装备（风电、光伏）) keep their punctuation
    return (
        field.type not in ("string", "list")
        or field.enum is not None
        or field.item_enum is not None
        or field.ref is not None
        or field.pattern is not None
        or field.check in ("phone", "uscc", "url", "location")
    )


def refers_to_names(field: Field) -> bool:
    """A field holding names from a reference list (occupations, industries), not codes or ids."""
    return field.ref is not None and field.ref[1] == "name"


def sheet_by_name(layout: Layout, name: str) -> Resource | None:
    """The record table a sheet (or a CSV file's stem) stands for: by Chinese title or table name."""
    wanted = name.strip()
    for res in record_sheets(layout):
        if wanted in (res.title, res.name):
            return res
    return None


def key_fields(res: Resource) -> tuple[str, ...]:
    """The columns that name a row's record: `project` for child rows, `id` for records, else
    the schema's primary key (a wish is its cycle, region, occupation and group)."""
    if res.nested_in is not None:
        return ("project",)
    if "id" in res.schema.names:
        return ("id",)
    return res.schema.primary_key


def joined_key(values: tuple[object, ...]) -> str | None:
    """A composite key as one text (`2026-11/150203/焊工/企业职工`), None when a part is empty."""
    parts = [str(v).strip() if v is not None else "" for v in values]
    return "/".join(parts) if all(parts) else None
