"""A printable A4 poster per project, with a QR code, for village notice boards.

QR codes are cached by URL (segno takes about 5 ms per code), so a rebuild with unchanged
URLs makes none. The poster is a standalone page, written straight into the built site (it
needs nothing from MkDocs), and prints without the theme.
"""

from __future__ import annotations

import html
import io
import sqlite3
from pathlib import Path

import segno

from ..phones import normalise_phone
from ..records import Record
from .model import SiteModel


class QrCache:
    """SVG QR codes by URL, kept in one SQLite file: one file instead of one per code."""

    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path)
            self.db.execute("CREATE TABLE IF NOT EXISTS qr (url TEXT PRIMARY KEY, svg TEXT NOT NULL)")
        except (OSError, sqlite3.Error):
            # A read-only checkout still builds: the codes are then made afresh, in memory.
            self.db = sqlite3.connect(":memory:")
            self.db.execute("CREATE TABLE qr (url TEXT PRIMARY KEY, svg TEXT NOT NULL)")

    def svg(self, url: str) -> str:
        row = self.db.execute("SELECT svg FROM qr WHERE url = ?", (url,)).fetchone()
        if row is not None:
            return str(row[0])
        buffer = io.BytesIO()
        segno.make(url, error="m", micro=False).save(
            buffer,
            kind="svg",
            scale=6,
            border=2,
            xmldecl=False,
            svgns=True,
            title="扫码查看项目详情",
            nl=False,
        )
        svg = buffer.getvalue().decode("utf-8")
        self.db.execute("INSERT OR REPLACE INTO qr (url, svg) VALUES (?, ?)", (url, svg))
        return svg

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def write_posters(model: SiteModel, site: Path, site_url: str, cache_file: Path) -> int:
    """Write posters/<id>.html for every project not ended, straight into the built site."""
    folder = site / "posters"
    folder.mkdir(parents=True, exist_ok=True)
    cache = QrCache(cache_file)
    count = 0
    try:
        for p in model.open_projects():
            url = f"{site_url}projects/{p.id}/"
            (folder / f"{p.id}.html").write_text(_poster(model, p, cache.svg(url), url), encoding="utf-8")
            count += 1
    finally:
        cache.close()
    return count


def _poster(model: SiteModel, p: Record, qr: str, url: str) -> str:
    e = html.escape
    base, raised = model.subsidy(p)
    fee = "免费（符合条件的学员不用交钱）" if p.get("free") else f"培训费 {p.get('fee'):,.0f} 元"
    facts = [
        ("上课时间", f"{p.get('schedule')}　{p.get('times') or ''}"),
        ("开班", f"{p.get('starts')} 至 {p.get('ends')}，共 {p.get('hours')} 课时"),
        ("报名截止", str(p.get("enroll_until"))),
        ("费用", fee),
        ("补贴", f"{base:,.0f} 元；签订一年以上劳动合同并交社保可达 {raised:,.0f} 元"),
        ("面向", "、".join(p.get("groups") or [])),
        ("地点", str(p.get("address") or "线上")),
        (
            "报名电话",
            f"{normalise_phone(str(p.get('contact.phone'))) or p.get('contact.phone')}（{p.get('contact.name')}）",
        ),
    ]
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in facts)
    inst = model.institutions.get(p.get("institution") or "")
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(str(p.get('title')))}｜招生海报</title>"
        "<style>@page{size:A4;margin:14mm}body{font-family:sans-serif;color:#000;max-width:180mm;margin:0 auto}"
        "h1{font-size:28pt;margin:0 0 4mm}p.lead{font-size:15pt}table{border-collapse:collapse;width:100%;font-size:14pt}"
        "th{text-align:left;width:28mm;padding:2mm;vertical-align:top}td{padding:2mm}tr{border-bottom:1px solid #999}"
        ".qr{display:flex;gap:6mm;align-items:center;margin-top:6mm}.qr svg{width:45mm;height:45mm}"
        "small{font-size:10pt}</style></head><body>"
        f"<p class=lead>技能照亮前程 · 补贴性职业技能培训</p><h1>{e(str(p.get('title')))}</h1>"
        f"<table>{rows}</table>"
        f'<div class="qr">{qr}<p>微信扫码查看详情、一键拨打报名电话<br><small>{e(url)}</small></p></div>'
        f"<p><small>承办：{e(str(inst.get('name')) if inst else '')}；备案：{e(model.approved_by(p))}；"
        f"监督电话 12333。补贴性培训不收报名费、保过费。信息截至 {model.today}。</small></p>"
        "</body></html>\n"
    )
