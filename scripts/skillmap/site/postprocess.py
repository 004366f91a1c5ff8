"""Last touches on the built site: no address of another host left where a page could load it.

Material's bundle lazy-loads a ResizeObserver polyfill and Mermaid from unpkg on engines a
modern browser never exercises; the addresses are replaced by an empty inline script, and
source maps (which repeat them) are dropped.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

_EXTERNAL_SCRIPTS = re.compile(rb"https://unpkg\.com/[A-Za-z0-9@./_\-]+")
# Called only when `repo_url` is set, which this site never sets; no address is left behind.
_GITHUB_API = re.compile(rb"https://api\.github\.com")
# The same for GitLab's API, whose host comes from `repo_url`.
_GITLAB_API = re.compile(rb"https://\$\{\w+\}/api/v4")
_EMPTY_SCRIPT = b"data:text/javascript,"
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=[^\n]*")


# Material's scripts (its bundle, search worker and lunr language packs): no page loads them
# (see site_templates/overrides/main.html), so they are not published.
UNUSED = ("assets/javascripts",)


def finish_site(site: Path) -> None:
    for rel in UNUSED:
        if (site / rel).is_dir():
            shutil.rmtree(site / rel)
    for path in sorted(site.rglob("*.map")):
        path.unlink()
    for path in sorted(site.rglob("*.js")):
        data = path.read_bytes()
        cleaned = _EXTERNAL_SCRIPTS.sub(_EMPTY_SCRIPT, data)
        cleaned = _GITLAB_API.sub(b"/api/v4", _GITHUB_API.sub(b"", cleaned))
        cleaned = _SOURCE_MAP.sub(b"", cleaned)
        if cleaned != data:
            path.write_bytes(cleaned)
