"""Reading a workbook within stated limits, cell by cell, so that no file can exhaust the machine.

An .xlsx file is a zip of XML parts. Before openpyxl sees it, the archive is measured (sizes
as stored, and every part decompressed once in chunks) and refused when it would unpack to
more than `MAX_UNZIPPED` bytes or declares XML entities (no workbook needs them; they are how
entity bombs work). Sheets are then read in openpyxl's read-only streaming mode through its
own sheet parser, so that only the cells present are seen (one cell at column XFD does not make
a row of 16,384 cells), and a sheet that goes on past `MAX_ROWS` rows is refused at that row
instead of being read to the end. The limits are stated in CONTRIBUTING.md.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

MAX_BOOK_BYTES = 20 * 1024 * 1024  # the workbook file
MAX_UNZIPPED = 200 * 1024 * 1024  # all its parts unpacked
MAX_ROWS = 20_000  # data rows per sheet, below the title row (memory: about 7.5 KB a row)
MAX_COLUMNS = 200
MAX_CELL = 32_767  # Excel's own limit on the characters of a cell
NOTE_COLUMN = "备注"  # columns whose title starts so are the editor's notes, never read
_FORMULA_TAG = f"{{{SHEET_MAIN_NS}}}f"
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")
_CHUNK = 1 << 20


class BookError(Exception):
    """The file cannot be read as a workbook at all; the message is Chinese."""


@dataclass
class RawRow:
    """One row as stored: the row number Excel shows, its cells by column number (1 = A), and
    the cells that cannot be read as a value (column, why)."""

    number: int
    cells: dict[int, Any]
    unreadable: list[tuple[int, str]] = field(default_factory=list)


def check_archive(path: Path, shown_as: str) -> None:
    """Refuse a workbook that would unpack too large or that declares XML entities."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_UNZIPPED:
                raise _too_large(shown_as)
            total = 0
            for info in infos:
                total = _scan_part(archive, info, shown_as, total)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise BookError(
            f"无法读取 {shown_as}（{type(exc).__name__}）：文件可能已损坏、被加密，或不是 .xlsx 格式；请在 Excel 或 WPS 中打开后另存为 .xlsx。"
        ) from None


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown_as: str, total: int) -> int:
    """Decompress one part in chunks (the sizes a zip declares may lie), looking for a DTD."""
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            total += len(chunk)
            if total > MAX_UNZIPPED:
                raise _too_large(shown_as)
            window = tail + chunk
            if any(mark in window for mark in _DTD_MARKS):
                raise BookError(
                    f"{shown_as} 不是安全的工作簿：其中的 {info.filename} 声明了 XML 实体（<!DOCTYPE 或 <!ENTITY），"
                    "Excel 和 WPS 保存的工作簿从不这样写。请在 Excel 或 WPS 中打开后另存为新的 .xlsx 再导入。"
                )
            tail = chunk[-16:]
    return total


def _too_large(shown_as: str) -> BookError:
    return BookError(
        f"{shown_as} 解压后超过 {MAX_UNZIPPED // 1048576} MB，超出导入上限：请只保留要修改的行，或分几次导入。"
    )


class _CellParser(WorkSheetParser):
    """openpyxl's sheet parser, reading cached values, that also tells which cells are formulas."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        if element.find(_FORMULA_TAG) is not None:
            cell["formula"] = True
        return cell


def sheet_rows(book: Any, ws: Any, shown_as: str) -> Iterator[RawRow]:
    """The non-empty rows of a read-only sheet, one at a time, within the limits."""
    with ws._get_source() as source:  # the streaming path openpyxl's own read-only rows take
        parser = _CellParser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            row = RawRow(number, {})
            for cell in cells:
                _take(row, cell)
            limit_row(row, ws.title, shown_as)
            if row.cells or row.unreadable:
                yield row


def _take(row: RawRow, cell: dict[str, Any]) -> None:
    column, value = cell["column"], cell["value"]
    if cell.get("formula") and value is None:
        row.unreadable.append(
            (
                column,
                "是公式，但公式没有保存计算结果（请在 Excel 或 WPS 中打开并保存一次，或把公式粘贴为数值）",
            )
        )
    elif cell["data_type"] == "e":
        row.unreadable.append((column, f"是公式，计算出错（{value}）"))
    elif value is not None and value != "":
        row.cells[column] = value


def limit_row(row: RawRow, sheet: str, shown_as: str) -> None:
    """Enforce the row, column and cell limits on one row as it is read."""
    if row.number > MAX_ROWS + 1 and (row.cells or row.unreadable):
        raise BookError(
            f"{shown_as} 的“{sheet}”表第 {row.number} 行仍有内容：一次最多导入 {MAX_ROWS:,} 行。"
            "请分几次导入，或删除表格下方多余的内容。"
        )
    for column in [c for c in row.cells if c > MAX_COLUMNS]:
        del row.cells[column]
        row.unreadable.append(
            (
                column,
                f"在第 {MAX_COLUMNS} 列（{get_column_letter(MAX_COLUMNS)} 列）之后，超出导入范围；请删除",
            )
        )
    for column, value in list(row.cells.items()):
        if isinstance(value, str) and len(value) > MAX_CELL:
            del row.cells[column]
            row.unreadable.append((column, f"有 {len(value):,} 个字，超过单元格上限 {MAX_CELL:,} 字"))
