"""The inline script that keeps a page's status true after its build date (SPEC §5).

Its code lives in `site_templates/inline/status.js`; its words are domain/status.py's, handed
over here, so the browser says exactly what the build says, only on a later date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..domain.dates import iso
from ..domain.status import STATUS_WORDS
from .assets import minify
from .escape import json_for_script


def status_script(templates: Path, build_date: dt.date) -> str:
    """The body of the page's inline <script>: the status helpers as `window.skillmapStatus`, run once."""
    code = minify((templates / "inline" / "status.js").read_text(encoding="utf-8")).strip()
    args = f"{json_for_script(STATUS_WORDS)},{json_for_script(iso(build_date))},new Date()"
    return f"window.skillmapStatus=({code})({args});skillmapStatus.refresh(document);skillmapStatus.note(document);"
