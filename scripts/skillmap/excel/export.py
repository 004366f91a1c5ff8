"""`skillmap export`: the catalogue as one workbook editors can fill in Excel or WPS.

One sheet per record table, named by its Chinese title; row 1 holds the fields' titles (with
the field's description as a comment); dates are date cells, integers and amounts number cells,
booleans 是/否, lists `|`-joined. Choices come as drop-down lists read from a hidden sheet
(Excel refuses inline lists over 255 characters). The same catalogue and day give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..flat import LIST_SEPARATOR
from ..formulas import keep_as_text
from ..paths import Layout, ProjectError, Resource
from ..records import Catalog
from ..schema import Field
from ..tables import rows_of
from .limits import MAX_CELL
from .sheets import GUIDE_SHEET, NO, OPTIONS_SHEET, YES, kind_of, record_sheets, reference_sheets

DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
OPTIONAL_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
# Drop-downs reach this far below the data, so that new rows get them too.
ROOM_FOR_NEW_ROWS = 2000
MAX_WIDTH = 50


@dataclass
class ExportFigures:
    sheets: dict[str, int]  # sheet title → data rows
    cleaned: list[str]  # cells whose invisible control characters had to be removed


class TooLongForACell(ProjectError):
    """Some text is longer than a cell holds: exporting it would cut it. The message is Chinese."""


def export_book(layout: Layout, catalog: Catalog, out: Path, today: dt.date) -> ExportFigures:
    """Write the workbook to `out` (atomically: a half-written file never replaces a good one).

    Raises `TooLongForACell`, writing nothing, when a text would not fit in a cell: Excel keeps
    at most 32,767 characters, and a cut text would come back cut through import."""
    _refuse_long_texts(layout, catalog)
    book = Workbook()
    book.remove(book.worksheets[0])
    figures = ExportFigures({}, [])
    options = _Options(book)
    sheets = record_sheets(layout)
    for res in sheets:
        rows = rows_of(layout, catalog, res.name)
        ws = book.create_sheet(res.title)
        _write_table(ws, res, rows, figures)
        figures.sheets[res.title] = len(rows)
    for res in sheets:
        _add_choices(book[res.title], res, layout, catalog, options, figures.sheets)
    for res in reference_sheets(layout):
        ws = book.create_sheet(res.title)
        _write_table(ws, res, rows_of(layout, catalog, res.name), figures)
        ws.protection.sheet = True  # read-only for editors; import never reads these sheets
    _write_guide(book.create_sheet(GUIDE_SHEET))
    options.finish()
    if "培训项目" in book.sheetnames:
        book.active = book.sheetnames.index("培训项目")
    save_deterministic(book, out, today)
    return figures


def _refuse_long_texts(layout: Layout, catalog: Catalog) -> None:
    too_long = []
    for res in record_sheets(layout):
        for row in rows_of(layout, catalog, res.name):
            for f in res.schema.fields:
                value = cell_value(f, row.get(f.name))
                if isinstance(value, str) and len(value) > MAX_CELL:
                    who = row.get("id") or row.get("project") or "?"
                    too_long.append(
                        f"  {res.title} {who} 的“{f.title}”（{f.name}）有 {len(value):,} 个字，超过 {MAX_CELL:,} 字"
                    )
    if too_long:
        raise TooLongForACell(
            "以下文字超过 Excel 单元格能保存的长度，导出会把它截断，所以没有导出：\n"
            + "\n".join(too_long)
            + "\n请把这些内容缩短（或拆分到几个字段），或直接修改 YAML 记录文件。"
        )


def save_deterministic(book: Workbook, out: Path, today: dt.date) -> None:
    """Save a workbook whose bytes depend on its content and the day only, atomically."""
    stamp = dt.datetime.combine(today, dt.time(12))
    book.properties.creator = "skillmap"
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    _write_atomic(out, _fixed_zip_times(buffer.getvalue(), stamp))


def _write_table(ws: Worksheet, res: Resource, rows: list[dict[str, Any]], figures: ExportFigures) -> None:
    fields = res.schema.fields
    for col, f in enumerate(fields, start=1):
        cell = ws.cell(row=1, column=col, value=f.title)
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_FILL if f.required else OPTIONAL_FILL
        cell.comment = Comment(_header_note(f), "skillmap", width=320, height=160)
    for r, row in enumerate(rows, start=2):
        for col, f in enumerate(fields, start=1):
            value = cell_value(f, row.get(f.name))
            if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
                figures.cleaned.append(f"{res.title}!{get_column_letter(col)}{r}")
            cell = ws.cell(row=r, column=col, value=value)
            keep_as_text(cell)
            kind = kind_of(f)
            if kind == "date":
                cell.number_format = DATE_FORMAT
            elif kind in ("text", "list", "markdown"):
                cell.number_format = TEXT_FORMAT
            if kind == "markdown":
                cell.alignment = WRAP
    for col, f in enumerate(fields, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = _width(f, (row.get(f.name) for row in rows))
        if kind_of(f) in ("text", "list", "markdown"):
            # New cells typed below the data stay text too: 04716601234 keeps its 0.
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{max(len(rows) + 1, 2)}"


def cell_value(f: Field, value: Any) -> Any:
    """A typed value as its cell holds it: a date, a number, 是/否, `a|b` or text."""
    if value is None:
        return None
    kind = kind_of(f)
    if kind == "boolean":
        return YES if value else NO
    if kind == "list":
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, (dt.date, int)):
        return value
    return str(value)


def _header_note(f: Field) -> str:
    need = "必填" if f.required else "选填"
    hints = {
        "date": "日期，如 2026-03-01（也可写 2026/3/1、2026年3月1日）。",
        "boolean": "填“是”或“否”。",
        "list": "可填多个，用 | 分隔。",
        "integer": "整数，不带单位。",
        "number": "数字，不带单位。",
        "markdown": "可分段；支持 Markdown。",
    }
    note = f"{f.title}（{f.name}，{need}）：{f.description}"
    hint = hints.get(kind_of(f), "")
    if f.ref is not None and f.ref[0] == "regions":
        hint += "填 6 位区划代码，或填地区名称（如 新城区、包头市）。"
    return f"{note}\n{hint}".strip()


def _width(f: Field, values: Iterable[Any]) -> float:
    if kind_of(f) == "markdown":
        return MAX_WIDTH
    widest = _display_width(f.title)
    for value in values:
        if value is not None:
            widest = max(widest, _display_width(str(cell_value(f, value))))
            if widest >= MAX_WIDTH:
                break
    return float(min(max(widest + 2, 8), MAX_WIDTH))


def _display_width(text: str) -> int:
    """Chinese characters take two columns of an Excel width unit, Latin letters one."""
    first_line = text.split("\n", 1)[0]
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in first_line)


# -- drop-down lists -------------------------------------------------------------------


class _Options:
    """The hidden sheet that holds every drop-down list, one column per list."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.ws = book.create_sheet(OPTIONS_SHEET)
        self.columns: dict[tuple[str, ...], str] = {}

    def range_for(self, title: str, values: tuple[str, ...]) -> str:
        if values not in self.columns:
            col = len(self.columns) + 1
            self.ws.cell(row=1, column=col, value=title)
            for r, value in enumerate(values, start=2):
                cell = self.ws.cell(row=r, column=col, value=value)
                cell.number_format = TEXT_FORMAT
                keep_as_text(cell)
            letter = get_column_letter(col)
            self.columns[values] = f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        return self.columns[values]

    def finish(self) -> None:
        """Hide the sheet and move it last, after the record and reference sheets."""
        self.book.move_sheet(self.ws, offset=len(self.book.sheetnames) - 1 - self.book.index(self.ws))
        self.ws.sheet_state = "hidden"
        self.ws.protection.sheet = True


def _add_choices(
    ws: Worksheet,
    res: Resource,
    layout: Layout,
    catalog: Catalog,
    options: _Options,
    counts: dict[str, int],
) -> None:
    for col, f in enumerate(res.schema.fields, start=1):
        source = _choice_source(f, layout, catalog, options, counts)
        if source is None:
            continue
        formula, strict = source
        dv = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            errorStyle="stop" if strict else "warning",
            showErrorMessage=True,
            showInputMessage=True,
        )
        dv.promptTitle = f.title[:32]
        dv.prompt = _prompt(f, strict)[:255]
        dv.errorTitle = f.title[:32]
        dv.error = "请从下拉列表中选择。" if strict else "不在列表中；请确认填写无误，或从下拉列表中选择。"
        ws.add_data_validation(dv)
        letter = get_column_letter(col)
        dv.add(f"{letter}2:{letter}{counts[res.title] + 1 + ROOM_FOR_NEW_ROWS}")


def _prompt(f: Field, strict: bool) -> str:
    if f.ref is not None and f.ref[0] == "regions":
        return "从下拉列表选区划代码，或直接填写地区名称（如 新城区），导入时会换成代码。"
    return "请从下拉列表中选择。" if strict else "可从下拉列表中选择；新机构或新项目也可直接填写编号。"


def _choice_source(
    f: Field, layout: Layout, catalog: Catalog, options: _Options, counts: dict[str, int]
) -> tuple[str, bool] | None:
    """(list formula, whether other values are refused) for a column with choices, else None."""
    if f.type == "list":
        return None  # a cell may hold several values joined by |, which a drop-down cannot offer
    if f.enum is not None:
        return options.range_for(f.title, f.enum), True
    if f.type == "boolean":
        return options.range_for("是/否", (YES, NO)), True
    if f.ref is None:
        return None
    resource, key = f.ref
    if resource in catalog.reference:
        values = tuple(str(row[key]) for row in catalog.reference[resource] if row.get(key) is not None)
        title = layout.resources[resource].schema.field(key)
        return options.range_for(title.title if title else key, values), False
    target = layout.resources.get(resource)
    if target is None or target.title not in counts:
        return None
    # Ids of another sheet: the list grows as editors add rows there.
    column = get_column_letter(target.schema.names.index(key) + 1)
    last = counts[target.title] + 1 + ROOM_FOR_NEW_ROWS
    return f"{quote_sheetname(target.title)}!${column}$2:${column}${last}", False


def _write_guide(ws: Worksheet) -> None:
    lines = [
        "填写说明",
        "1. 每张表一行一条记录；第 1 行是列标题，请不要改动、不要删除。列的顺序可以调整，不需要的选填列可以删掉（删掉的列导入时保持原值）。",
        "2. 修改已有记录：直接改单元格。新增记录：在表格末尾加一行，填上“编号”（小写字母、数字和连字符，如 hhht-diangong-00123）。",
        "3. 日期写成 2026-03-01，也可写 2026/3/1 或 2026年3月1日；是否类的列填“是”或“否”；可填多个值的列用 | 分隔，如 登记失业人员|就业困难人员。",
        "4. 地区列填 6 位区划代码，也可填地区名称（如 新城区、包头市），导入时自动换成代码；代码可在“行政区划”表中查到。",
        "5. 岗位需求、往期培训成效按“项目编号”对应到培训项目；某个项目的岗位需求以本表为准。",
        "   用工需求清单一行一个招聘岗位（新岗位可不填编号，导入时生成）；培训就业需求一行是一期、一个地区、一个职业、一类人群的汇总人数，"
        "按这四列对应，只填人数，不填任何个人信息；期别写成 2026-11。",
        "6. 导入不会删除记录：表中没有的记录保持不变。所以可以只保留本盟市要改的行（用第 1 行的筛选按钮按“所在地区”筛选，删掉其他行），改动越少越不容易和别人冲突。要删除记录，请联系数据维护人员。",
        "7. 每次改之前请下载最新导出的工作簿：如果某一行在你导出之后被别人重新核实过，导入时会拦下这一行，以免覆盖别人的修改。",
        "8. 改好后保存为 .xlsx，交给数据维护人员，或在代码托管平台上传到 inbox/ 文件夹（见 CONTRIBUTING.md）。",
    ]
    for r, text in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=text).alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110


# -- file ------------------------------------------------------------------------------


def _fixed_zip_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook bytes for the same data and day: zip entries carry the export day, not now."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps `modified` with the clock
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    content,
                )
            target.writestr(fixed, content)
    return out.getvalue()


def _write_atomic(out: Path, data: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
