"""Text that a spreadsheet would run as a formula: the one place that says which text that is.

Excel and WPS read a cell typed or opened (from CSV) as `=…`, `+…`, `-…` or `@…` as a formula,
and a formula can call out (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`). So:
- the checker refuses a plain text field that starts like a formula (`FORMULA_STARTS`), and a
  Markdown field that starts with `=` or `@` (it may start with `-` or `+`: a list);
- the workbook writes every text as a text cell, never as a formula (`keep_as_text`);
- the open-data CSV puts an apostrophe before a text that starts like a formula, as one types
  such text into Excel; opened from CSV the apostrophe shows and nothing runs (`csv_text`; the
  data dictionary says how programs read it back).
"""

from __future__ import annotations

from typing import Any

# What the checker refuses at the start of plain text: a formula, a DDE call, a hidden tab or return.
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")
# What a spreadsheet may still read as a formula from CSV (a Markdown list starts with `-` or `+`);
# an apostrophe at the start is escaped too, so that the rule can be undone without doubt.
CSV_ESCAPED_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


# A Markdown field may start with `+` or `-` (a list) or a tab (a code block), never with these.
MARKDOWN_FORMULA_STARTS = ("=", "@")


def starts_like_formula(text: str, markdown: bool = False) -> bool:
    return text.startswith(MARKDOWN_FORMULA_STARTS if markdown else FORMULA_STARTS)


def csv_text(text: str) -> str:
    """A text as the open-data CSV holds it: `'` before one that starts like a formula."""
    return "'" + text if text.startswith(CSV_ESCAPED_STARTS) else text


def from_csv_text(text: str) -> str:
    """The text a `csv_text` cell stands for (for readers of the open data, and its test)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(CSV_ESCAPED_STARTS) else text


def keep_as_text(cell: Any) -> None:
    """An openpyxl cell holding a string stays a text cell, even when the string starts with `=`."""
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl takes any string starting with "=" for a formula
        if cell.value.startswith(CSV_ESCAPED_STARTS):
            cell.quotePrefix = True  # Excel keeps it text when an editor edits the cell
