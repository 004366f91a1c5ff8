"""`skillmap report --format xlsx`: the staff report as a workbook CI keeps as an artifact.

One sheet, one row per record that needs attention, with its 盟市 and the reason, so that each
bureau filters its own rows; the dates are date cells. Not a public page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..cycle_report import SECTIONS, TYPE_TITLES, Prefecture, match_as_dict
from ..domain.demand import MatchRow, count_label
from ..domain.status import next_cycle
from ..formulas import keep_as_text
from .export import DATE_FORMAT, save_deterministic

HEADERS = ("盟市", "事项", "类型", "编号", "名称", "日期", "文件")
WIDTHS = (14, 34, 8, 28, 40, 12, 50)


MATCH_HEADERS = ("盟市", "职业（工种）", "岗位（人）", "培训名额", "想参加培训", "说明")
MATCH_WIDTHS = (14, 28, 12, 12, 12, 36)


def report_book(
    prefectures: list[Prefecture], today: dt.date, out: Path, match: list[MatchRow] | None = None
) -> int:
    """Write the report workbook; returns the number of rows."""
    book = Workbook()
    ws = book.worksheets[0]
    first, last = next_cycle(today)
    ws.title = "本期报告"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    rows = 0
    for p in prefectures:
        for key, title in SECTIONS:
            for e in getattr(p, key):
                ws.append((p.name, title, TYPE_TITLES[e.type], e.id, e.name, e.date, e.file))
                for cell in ws[ws.max_row]:
                    keep_as_text(cell)
                ws.cell(ws.max_row, 6).number_format = DATE_FORMAT
                rows += 1
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:G{max(rows + 1, 2)}"
    names = {p.code or "": p.name for p in prefectures}
    sheet = book.create_sheet("人岗匹配")
    sheet.append(MATCH_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in match or []:
        shown = match_as_dict(row, names)
        sheet.append(
            (shown["name"], row.occupation, row.openings, row.seats, count_label(row.want_training), row.gap)
        )
        for cell in sheet[sheet.max_row]:
            keep_as_text(cell)
    for i, width in enumerate(MATCH_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    summary = book.create_sheet("说明")
    summary.append((f"本期报告：{today}，下个周期 {first} 至 {last}。工作人员内部使用，不公开。",))
    summary.append(
        (
            "用第 1 行的筛选按钮按“盟市”筛选本盟市的记录；“久未核实”的请核实后更新核实日期，即将结束的请确认下一期安排。",
        )
    )
    summary.column_dimensions["A"].width = 110
    save_deterministic(book, out, today)
    return rows
