"""Read a workbook (or one sheet saved as CSV) into tables of rows, each cell remembered by its
address (培训项目!D7). Columns are found by their Chinese title or field name, in any order."""

from __future__ import annotations

import csv
import gc
import io
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..paths import Layout, Resource
from ..problems import Location, Problem, problem
from .limits import MAX_BOOK_BYTES, NOTE_COLUMN, BookError, RawRow, check_archive, limit_row, sheet_rows
from .sheets import (
    GUIDE_SHEET,
    OPTIONS_SHEET,
    joined_key,
    key_fields,
    record_sheets,
    reference_sheets,
    sheet_by_name,
)

__all__ = ["Book", "BookError", "Row", "Table", "read_book"]


@dataclass
class Row:
    number: int  # the row number Excel shows
    values: dict[str, Any]  # field name → the cell as read
    unreadable: set[str] = field(default_factory=set)  # fields whose cell holds no value to read


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
    """Every record sheet of an xlsx workbook, or the one table of a CSV file.

    Raises `BookError` for a file that cannot be read at all, or that breaks the limits of
    `excel.limits` (too large, too many rows, unsafe XML)."""
    _check_file(path, shown_as)
    if path.suffix.lower() == ".csv":
        sheets: Iterator[tuple[str, Iterator[RawRow]]] = iter([(path.stem, iter(_csv_rows(path, shown_as)))])
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = xlsx_sheets(path, shown_as)
    else:
        raise BookError(
            f"{shown_as} 不是 Excel 工作簿（.xlsx）或 CSV 文件；请在 Excel 或 WPS 中“另存为” .xlsx。"
        )
    lone_csv = path.suffix.lower() == ".csv"  # a CSV file's name says nothing: its header does
    book = Book(shown_as, [], [], [])
    known_other = {r.title for r in reference_sheets(layout)} | {GUIDE_SHEET, OPTIONS_SHEET}
    seen: dict[str, str] = {}  # table name → the sheet that holds it
    for name, rows in sheets:
        header = next(rows, None)  # the first row with anything in it
        res = sheet_by_name(layout, name) or (_by_header(layout, header) if lone_csv else None)
        if res is None:
            if name not in known_other and header is not None:
                book.problems.append(_unknown_sheet(layout, book, name, header))
            book.ignored.append(name)
            continue
        if res.name in seen:
            where = Location(book.file, 1, None, None, f"{name}!A1")
            book.problems.append(problem("sheet-duplicate", where, sheet=name, first=seen[res.name]))
            continue
        seen[res.name] = name
        table = _table(res, name, header, rows, book)
        if table is not None:
            book.tables.append(table)
    if not book.tables and not book.problems:
        titles = "、".join(r.title for r in record_sheets(layout))
        raise BookError(
            f"{shown_as} 中没有可导入的工作表：工作表应命名为 {titles} 之一（用 skillmap export 导出的表格即可）。"
        )
    return book


def _check_file(path: Path, shown_as: str) -> None:
    try:
        info = path.stat()
    except OSError:
        raise BookError(f"找不到文件 {shown_as}。") from None
    if not stat.S_ISREG(info.st_mode):
        raise BookError(f"{shown_as} 不是普通文件（是目录、设备或管道）；请给出工作簿文件本身。")
    if info.st_size > MAX_BOOK_BYTES:
        raise BookError(
            f"{shown_as} 有 {info.st_size / 1048576:.1f} MB，超过导入上限 {MAX_BOOK_BYTES // 1048576} MB："
            "请只保留要修改的行（可按盟市筛选后删除其他行），或分几次导入。"
        )


def _unknown_sheet(layout: Layout, book: Book, name: str, header: RawRow) -> Problem:
    """A sheet with data that is not a table of ours: most often a renamed one, said as such."""
    guess = _by_header(layout, header)
    if guess is not None:
        detail = f"从列标题看是“{guess.title}”表：请把工作表名改回“{guess.title}”后重新导入"
    else:
        titles = "、".join(r.title for r in record_sheets(layout))
        detail = f"数据表的名字应为 {titles} 之一；不需要导入的内容请另存到别的文件"
    return problem(
        "sheet-unknown", Location(book.file, 1, None, None, f"{name}!A1"), sheet=name, detail=detail
    )


def xlsx_sheets(path: Path, shown_as: str) -> Iterator[tuple[str, Iterator[RawRow]]]:
    """The sheets of a workbook, each as a stream of its rows read within the limits: one row at a
    time, so that a large sheet is never held twice."""
    check_archive(path, shown_as)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # any failure of the parser on this file is the file's, not ours
        raise BookError(
            f"无法读取 {shown_as}（{type(exc).__name__}）：文件可能已损坏、被加密，或不是 .xlsx 格式；请在 Excel 或 WPS 中打开后另存为 .xlsx。"
        ) from None
    try:
        for ws in book.worksheets:
            yield ws.title, _as_book_errors(sheet_rows(book, ws, shown_as), shown_as)
            gc.collect()  # the XML parser's trees of the sheet just read form cycles: free them now
    finally:
        book.close()


def _as_book_errors(rows: Iterator[RawRow], shown_as: str) -> Iterator[RawRow]:
    try:
        yield from rows
    except BookError:
        raise
    except Exception as exc:  # a malformed sheet (ParseError, bad references…): the file's fault
        raise BookError(
            f"无法读取 {shown_as} 的工作表（{type(exc).__name__}）：文件已损坏；请在 Excel 或 WPS 中打开后另存为 .xlsx。"
        ) from None


def _csv_rows(path: Path, shown_as: str) -> list[RawRow]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BookError(f"{shown_as} 的编码无法识别；请另存为“CSV UTF-8”。")
    rows: list[RawRow] = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            row = RawRow(number, {i + 1: v for i, v in enumerate(cells) if v != ""})
            limit_row(row, path.stem, shown_as)
            if row.cells:
                rows.append(row)
    except csv.Error as exc:
        raise BookError(f"{shown_as} 不是有效的 CSV 文件（{exc}）。") from None
    return rows


def _by_header(layout: Layout, first: RawRow | None) -> Resource | None:
    """A sheet whose name says nothing: the table whose titles its header uses most."""
    if first is None or first.number != 1:
        return None
    header = {_header_text(v) for v in first.cells.values()}
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


def _table(
    res: Resource, sheet: str, header: RawRow | None, body: Iterator[RawRow], book: Book
) -> Table | None:
    if header is None or header.number != 1:
        where = Location(book.file, 1, None, None, f"{sheet}!A1")
        book.problems.append(problem("column-missing", where, title="列标题（第 1 行）", sheet=sheet))
        return None
    lookup = {f.title: f.name for f in res.schema.fields} | {f.name: f.name for f in res.schema.fields}
    columns: dict[str, str] = {}
    positions: list[tuple[int, str]] = []
    for i, raw in sorted(header.cells.items()):
        text = _header_text(raw)
        if not text:
            continue
        letter = get_column_letter(i)
        name = lookup.get(text)
        where = Location(book.file, 1, None, name, f"{sheet}!{letter}1")
        if name is None:
            code = "column-ignored" if text.startswith(NOTE_COLUMN) else "column-unknown"
            book.problems.append(problem(code, where, title=text, sheet=sheet))
        elif name in columns:
            book.problems.append(
                problem("column-duplicate", where, title=text, sheet=sheet, first=f"{columns[name]}1")
            )
        else:
            columns[name] = letter
            positions.append((i, name))
    keys = key_fields(res)
    for key in keys:
        if key not in columns:
            title = res.schema.field(key)
            where = Location(book.file, 1, None, key, f"{sheet}!A1")
            book.problems.append(
                problem("column-missing", where, title=title.title if title else key, sheet=sheet)
            )
            return None
    table = Table(res, sheet, columns)
    key_columns = [next(i for i, name in positions if name == key) for key in keys]
    names = dict(positions)
    for raw in body:
        values = {name: raw.cells.get(i) for i, name in positions}
        unreadable = {names[c] for c, _ in raw.unreadable if c in names}
        if any(
            _filled(v) for v in values.values()
        ):  # a row of nothing but unreadable cells is only its problems
            table.rows.append(Row(raw.number, values, unreadable))
        record = joined_key(tuple(raw.cells.get(i) for i in key_columns))
        for column, detail in raw.unreadable:
            name = names.get(column)
            where = Location(
                book.file, raw.number, record, name, f"{sheet}!{get_column_letter(column)}{raw.number}"
            )
            book.problems.append(problem("cell-unreadable", where, detail=detail))
    return table


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
