"""Which Markdown file MkDocs publishes at an address: the build's side of domain/urls.py."""

from __future__ import annotations

from ..domain.urls import FOLDERS, page_url


def source_of(url: str) -> str:
    """The Markdown file MkDocs publishes at a directory URL: `projects/a/` ← `projects/a.md`."""
    return url.rstrip("/") + ".md"


def page_source(name: str) -> str:
    """The Markdown file of one of the site's own pages: `index.md`, `map.md`, `jobs/index.md` (a
    folder that also holds record pages keeps its list as its index)."""
    url = page_url(name)
    if not url:
        return "index.md"
    return url + "index.md" if url.rstrip("/") in FOLDERS.values() else source_of(url)
