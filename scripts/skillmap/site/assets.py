"""Our own CSS and JavaScript, published under content-hashed names; scripts minified (rjsmin).
A folder of modules (`search/`) is published as one script (`search.js`), its modules joined.

WeChat's Android browser caches by URL, so a file that changes must change its name. lunr.js
2.3.9 (for search suggestions) is a dependency, not copied code: it is taken at build time
from the copy mkdocs ships in its search plugin, minified, with its licence kept.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import mkdocs
import rjsmin

LUNR = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def hashed_name(name: str, content: bytes) -> str:
    """`skillmap.css` → `skillmap.<first 10 hex digits of its SHA-256>.css`: the name changes with the content."""
    stem, _, suffix = name.rpartition(".")
    return f"{stem}.{sha256(content)[:10]}.{suffix}"


def write_assets(source: Path, docs: Path) -> dict[str, str]:
    """Copy each asset to docs/assets/ under its hashed name; returns {name: site path}."""
    target = docs / "assets" / "skillmap"
    target.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    sources = [(p.name, p.read_bytes()) for p in sorted(source.iterdir()) if p.is_file()]
    sources += [
        (f"{p.name}.js", joined_script(p).encode("utf-8")) for p in sorted(source.iterdir()) if p.is_dir()
    ]
    sources.append(("lunr.js", lunr_minified()))
    for filename, content in sources:
        if filename.endswith(".js") and filename != "lunr.js":
            content = minify(content.decode("utf-8")).encode("utf-8")
        name = hashed_name(filename, content)
        (target / name).write_bytes(content)
        names[filename] = f"assets/skillmap/{name}"
    return names


def joined_script(folder: Path) -> str:
    """A script kept as small modules (`search/1-tokens.js`, `2-index.js` …): joined in name order
    into one function scope, so the page still loads one hashed file and the modules share names
    without globals."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.js"))]
    if not parts:
        raise RuntimeError(f"{folder} holds no .js modules")
    return '(function () {\n"use strict";\n' + "\n".join(parts) + "})();\n"


def minify(script: str) -> str:
    return str(rjsmin.jsmin(script)).strip() + "\n"


def lunr_minified() -> bytes:
    """lunr.js as mkdocs ships it (2.3.9), minified, its copyright and licence header first."""
    text = LUNR.read_text(encoding="utf-8")
    header = re.match(r"\s*/\*\*.*?\*/", text, re.S)
    licence = header.group(0).strip() if header else ""
    if "2.3.9" not in licence:
        raise RuntimeError(f"{LUNR} is not lunr.js 2.3.9")
    return (licence + "\n" + minify(text)).encode("utf-8")
