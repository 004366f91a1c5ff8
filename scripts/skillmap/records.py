"""Records that remember where they came from: file, first line and the line of each field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)  # tens of thousands of them: no dict each
class Record:
    """One record in flat form (`contact.phone`), typed by its schema.

    `prefix` is set on nested rows (`demand[0]`), so that problems name `demand[0].region`.
    Values that failed to type are left out of `values`; the problem was already reported.
    """

    resource: str
    file: str
    line: int
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    prefix: str = ""
    children: dict[str, list[Record]] = field(default_factory=dict)
    parent_id: str | None = None
    blocks: set[str] = field(default_factory=set)
    # A workbook row's sheet (`file` is then the workbook and `line` the row): its problems are
    # located at the sheet's cells by the import, structurally, not by a made-up file name.
    sheet: str | None = None

    @property
    def id(self) -> str | None:
        value = self.values.get("id")
        return value if isinstance(value, str) else self.parent_id

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def path(self, name: str) -> str:
        """The field path problems name: `contact.phone`, `groups[1]`, `demand[0].region`."""
        return f"{self.prefix}.{name}" if self.prefix else name

    def line_of(self, name: str) -> int:
        """The line of a field, else of the nearest enclosing value, else the record's first line."""
        probe = name
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        return self.line

    def text_line(self, name: str, value: str, offset: int) -> int:
        """The line of the character at `offset` in a field's text: exact for `|` blocks."""
        line = self.line_of(name)
        if name in self.blocks:
            return line + 1 + value.count("\n", 0, offset)
        return line

    @property
    def origin(self) -> str:
        """Where the record is, as a message names it: its file, or the workbook and its sheet."""
        return f"{self.file}（{self.sheet}）" if self.sheet else self.file

    def nested(self, key: str) -> list[Record]:
        return self.children.get(key, [])


@dataclass
class Catalog:
    """Everything loaded: records by resource (in path order) and reference rows."""

    records: dict[str, list[Record]]
    reference: dict[str, list[dict[str, Any]]]
    # File stems of record files that could not be read: references to them are not reported
    # again, since the file itself already carries the problem.
    unreadable: dict[str, set[str]] = field(default_factory=dict)
    # The reference rows as records (file and line), for the checks of the lists staff extend.
    reference_rows: dict[str, list[Record]] = field(default_factory=dict)

    def release(self) -> None:
        """Forget every record and row: the build hands the catalogue over once its pages are
        written, so the engine's processes do not each carry it (site/build.py)."""
        self.records.clear()
        self.reference.clear()
        self.unreadable.clear()
        self.reference_rows.clear()

    def by_id(self, resource: str) -> dict[str, Record]:
        """First record for each id (duplicates are reported by the identity check)."""
        out: dict[str, Record] = {}
        for rec in self.records.get(resource, []):
            if rec.id is not None:
                out.setdefault(rec.id, rec)
        return out

    def keys(self, resource: str, key: str) -> set[str]:
        """The values of `key` in a resource: ids of records or codes of a reference list."""
        if resource in self.reference:
            return {str(row[key]) for row in self.reference[resource] if row.get(key) is not None}
        return {str(r.values[key]) for r in self.records.get(resource, []) if r.values.get(key) is not None}
