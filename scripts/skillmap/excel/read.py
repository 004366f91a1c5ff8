"""Read a workbook (or one sheet saved as CSV) into tables of rows, each cell remembered by its
address (培训项目!D7). Columns are found by their Chinese title or field name, in any order."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..paths import Layout, Resource
from ..problems import Location, Problem, problem
from .sheets import GUIDE_SHEET, OPTIONS_SHEET, record_sheets, reference_sheets, sheet_by_name


class BookError(Exception):
    """The file cannot be read as a workbook at all; the message is Chinese."""


@dataclass
class Row:
    number: int  # the row number Excel shows
    values: dict[str, Any]  # field name → the cell as read


@dataclass
class Table:
    """One record sheet: its resource, the columns found (field → letter) and its non-empty rows."""

    resource: Resource
    sheet: str
    columns: dict[str, str]
    rows: list[Row] = field(default_factory=list)

    def cell(self, name: str, row: int) -> str:
        """`培训项目!D7` for a field of a row; the row's first column when the field has none."""
        letter = self.columns.get(name) or min(self.columns.values(), key=lambda c: (len(c), c))
        return f"{self.sheet}!{letter}{row}"


@dataclass
class Book:
    file: str  # the workbook as given on the command line
    tables: list[Table]
    problems: list[Problem]
    ignored: list[str]  # sheets that are not record tables (reference lists, notes)


def read_book(layout: Layout, path: Path, shown_as: str) -> Book:
    """Every record sheet of an xlsx workbook, or the one table of a CSV file."""
    if not path.is_file():
        raise BookError(f"找不到文件 {shown_as}。")
    if path.suffix.lower() == ".csv":
        sheets: list[tuple[str, Iterable[Sequence[Any]]]] = [(path.stem, _csv_rows(path, shown_as))]
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = _xlsx_sheets(path, shown_as)
    else:
        raise BookError(
            f"{shown_as} 不是 Excel 工作簿（.xlsx）或 CSV 文件；请在 Excel 或 WPS 中“另存为” .xlsx。"
        )
    book = Book(shown_as, [], [], [])
    known_other = {r.title for r in reference_sheets(layout)} | {GUIDE_SHEET, OPTIONS_SHEET}
    for name, rows in sheets:
        res = sheet_by_name(layout, name) or (_by_header(layout, rows) if len(sheets) == 1 else None)
        if res is None:
            if name not in known_other:
                book.ignored.append(name)
            continue
        table = _table(res, name, rows, book)
        if table is not None:
            book.tables.append(table)
    if not book.tables and not book.problems:
        titles = "、".join(r.title for r in record_sheets(layout))
        raise BookError(
            f"{shown_as} 中没有可导入的工作表：工作表应命名为 {titles} 之一（用 skillmap export 导出的表格即可）。"
        )
    return book


def _xlsx_sheets(path: Path, shown_as: str) -> list[tuple[str, Iterable[Sequence[Any]]]]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise BookError(
            f"无法读取 {shown_as}（{type(exc).__name__}）：文件可能已损坏、被加密，或不是 .xlsx 格式；请在 Excel 或 WPS 中打开后另存为 .xlsx。"
        ) from None
    out: list[tuple[str, Iterable[Sequence[Any]]]] = []
    try:
        for ws in book.worksheets:
            ws.reset_dimensions()  # some writers (WPS among them) record wrong sizes
            out.append((ws.title, list(ws.iter_rows(values_only=True))))
    finally:
        book.close()
    return out


def _csv_rows(path: Path, shown_as: str) -> list[Sequence[Any]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BookError(f"{shown_as} 的编码无法识别；请另存为“CSV UTF-8”。")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise BookError(f"{shown_as} 不是有效的 CSV 文件（{exc}）。") from None


def _by_header(layout: Layout, rows: Iterable[Sequence[Any]]) -> Resource | None:
    """A lone CSV file whose name says nothing: the table whose titles its header uses most."""
    rows = list(rows) if not isinstance(rows, list) else rows
    if not rows:
        return None
    header = {_header_text(v) for v in rows[0]}
    best: tuple[int, Resource | None] = (0, None)
    for res in record_sheets(layout):
        score = sum(1 for f in res.schema.fields if f.title in header or f.name in header)
        if score > best[0]:
            best = (score, res)
    return best[1]


def _header_text(value: Any) -> str:
    text = "" if value is None else str(value).strip().lstrip("\ufeff")
    for mark in ("（必填）", "(必填)", "*", "＊"):
        text = text.removesuffix(mark).removeprefix(mark).strip()
    return text


def _table(res: Resource, sheet: str, rows: Iterable[Sequence[Any]], book: Book) -> Table | None:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        return None
    lookup = {f.title: f.name for f in res.schema.fields} | {f.name: f.name for f in res.schema.fields}
    columns: dict[str, str] = {}
    positions: list[tuple[int, str]] = []
    for i, raw in enumerate(header):
        text = _header_text(raw)
        if not text:
            continue
        letter = get_column_letter(i + 1)
        name = lookup.get(text)
        where = Location(book.file, 1, None, name, f"{sheet}!{letter}1")
        if name is None:
            book.problems.append(problem("column-ignored", where, title=text, sheet=sheet))
        elif name in columns:
            book.problems.append(
                problem("column-duplicate", where, title=text, sheet=sheet, first=f"{columns[name]}1")
            )
        else:
            columns[name] = letter
            positions.append((i, name))
    key = "project" if res.nested_in is not None else "id"
    if key not in columns:
        title = res.schema.field(key)
        where = Location(book.file, 1, None, key, f"{sheet}!A1")
        book.problems.append(
            problem("column-missing", where, title=title.title if title else key, sheet=sheet)
        )
        return None
    table = Table(res, sheet, columns)
    for number, cells in enumerate(iterator, start=2):
        values = {name: cells[i] if i < len(cells) else None for i, name in positions}
        if any(_filled(v) for v in values.values()):
            table.rows.append(Row(number, values))
    return table


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
