"""Link schemes: which are safe to publish, and where links hide in Markdown."""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "tel", "mailto"})
# A scheme is letters, digits, +, - or . before a colon; browsers ignore whitespace and
# control characters inside it (`java\tscript:`), so those are removed before comparing.
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
_STRIP = re.compile(r"[\x00-\x20]+")


def unsafe_scheme(url: str) -> str | None:
    """The scheme of a link if it is not one we publish, else None (relative links are fine)."""
    cleaned = _STRIP.sub("", url)
    m = _SCHEME.match(cleaned)
    if not m:
        return None
    scheme = m.group(1).lower()
    return None if scheme in SAFE_SCHEMES else scheme
