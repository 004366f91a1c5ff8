"""Small static charts (SVG written at build time): no script, readable at 360 px, printable.

/match/ shows, per 盟市, the openings of jobs beside the seats of training: two bars a 盟市, the
numbers written on them, so the chart reads without colour (the bars are also labelled).
"""

from __future__ import annotations

import html

from ..domain.demand import MatchRow
from ..domain.regions import Region

WIDTH, LABEL, ROW, BAR = 340, 78, 34, 12


def openings_and_seats(prefectures: list[Region], rows: list[MatchRow]) -> str:
    totals = []
    for region in prefectures:
        mine = [r for r in rows if r.prefecture == region.code]
        totals.append((region.short, sum(r.openings for r in mine), sum(r.seats for r in mine)))
    top = max([1, *(max(o, s) for _, o, s in totals)])
    span = WIDTH - LABEL - 44
    height = ROW * len(totals) + 30
    parts = [
        f'<svg class="sm-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="各盟市在招岗位人数和正在招生的培训名额">',
        '<g font-size="12" fill="#000">',
        f'<rect x="{LABEL}" y="4" width="10" height="10" fill="#1a5fb4"/><text x="{LABEL + 14}" y="13">岗位（人）</text>',
        f'<rect x="{LABEL + 90}" y="4" width="10" height="10" fill="#e5a50a"/>'
        f'<text x="{LABEL + 104}" y="13">培训名额（人）</text>',
    ]
    for n, (name, openings, seats) in enumerate(totals):
        y = 24 + n * ROW
        parts.append(f'<text x="0" y="{y + 16}">{html.escape(name)}</text>')
        for k, (value, colour) in enumerate(((openings, "#1a5fb4"), (seats, "#e5a50a"))):
            w = round(span * value / top, 1)
            yy = y + k * (BAR + 1)
            parts.append(f'<rect x="{LABEL}" y="{yy}" width="{w}" height="{BAR}" fill="{colour}"/>')
            parts.append(f'<text x="{LABEL + w + 3}" y="{yy + 10}" font-size="11">{value}</text>')
    parts.append("</g></svg>")
    return "".join(parts)
