"""A printable A4 poster per project, with a QR code, for village notice boards.

QR codes are cached by URL (segno takes about 5 ms per code), so a rebuild with unchanged
URLs makes none. The poster is a standalone page rendered from `poster.html.j2` by the same
renderer as every other page, written beside the engine's build (it needs nothing from it) and
moved into the built site, and prints without the theme.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import segno

from ..domain.urls import absolute, poster_url, url_for
from .pages import PageRenderer


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


# Posters are written while the engine builds the site, into a hidden folder of it that the
# engine leaves alone (MkDocs cleans the site's folder but keeps hidden entries), then moved in.
PENDING = ".skillmap-posters"


def pending(site: Path) -> Path:
    return site / PENDING


def publish(site: Path) -> None:
    """Move the posters written beside the engine into the built site."""
    folder = pending(site)
    if folder.is_dir():
        for entry in sorted(folder.iterdir()):
            entry.rename(site / entry.name)
        folder.rmdir()


def write_posters(renderer: PageRenderer, site: Path, cache_file: Path) -> int:
    """Write the poster of every project open for enrolment into `site` (as the built site has them).

    A poster on a village notice board outlives the build: one for a closed course would send
    people to a class they can no longer join."""
    site_url = renderer.base["site_url"]
    cache = QrCache(cache_file)
    count = 0
    try:
        for p in renderer.model.enrolling_projects():
            qr = cache.svg(absolute(site_url, url_for("project", p.id)))
            path = site / poster_url(p.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(renderer.render_poster(p, qr), encoding="utf-8")
            count += 1
    finally:
        cache.close()
    return count
