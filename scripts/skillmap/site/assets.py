"""Our own CSS and JavaScript, published under content-hashed names.

WeChat's Android browser caches by URL, so a file that changes must change its name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


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
    for path in sorted(source.iterdir()):
        if path.is_file():
            content = path.read_bytes()
            name = hashed_name(path.name, content)
            (target / name).write_bytes(content)
            names[path.name] = f"assets/skillmap/{name}"
    return names
