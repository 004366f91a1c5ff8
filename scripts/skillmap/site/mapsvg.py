"""The navigation map: a schematic of the 12 盟市 as tiles, west to east (not a survey map).

A geographic map published in China needs an approved base map (审图号); tiles avoid that.
"""

from __future__ import annotations

import html

from .model import MAP_TILES, SiteModel

TILE_W, TILE_H, GAP = 110, 84, 6


def map_svg(model: SiteModel, root: str) -> str:
    """Inline SVG: one linked tile per 盟市 with its number of open projects."""
    cols = max(c for c, _ in MAP_TILES.values()) + 1
    rows = max(r for _, r in MAP_TILES.values()) + 1
    width, height = cols * (TILE_W + GAP), rows * (TILE_H + GAP)
    parts = [
        f'<svg class="sm-map__svg" viewBox="0 0 {width} {height}" role="group" '
        f'aria-label="内蒙古十二个盟市示意图，由西向东排列，点选进入">'
    ]
    for code, (col, row) in MAP_TILES.items():
        region = model.regions[code]
        count = len(model.open_in(code))
        x, y = col * (TILE_W + GAP), row * (TILE_H + GAP)
        label = html.escape(region.short)
        cls = "sm-map__tile" + ("" if count else " sm-map__tile--empty")
        parts.append(
            f'<a href="{root}regions/{code}/" class="{cls}" aria-label="{html.escape(region.name)}：{count} 个项目">'
            f'<rect x="{x}" y="{y}" width="{TILE_W}" height="{TILE_H}" rx="10"/>'
            f'<text x="{x + TILE_W / 2:g}" y="{y + 36}" text-anchor="middle" class="sm-map__name">{label}</text>'
            f'<text x="{x + TILE_W / 2:g}" y="{y + 66}" text-anchor="middle" class="sm-map__count">{count} 个</text>'
            "</a>"
        )
    parts.append("</svg>")
    return "".join(parts)
