"""Which Markdown file the engine publishes at an address: the build's side of domain/urls.py.

Every page is a folder's `index.md`, so a page's source and its published address are as deep
as each other. The pages' relative links (`{{ root }}`) then mean the same thing to MkDocs,
which leaves a link that is not to a `.md` file as written, and to Zensical, which reads every
relative link from the source file's folder (docs/engine.md).
"""

from __future__ import annotations

from ..domain.urls import page_url


def source_of(url: str) -> str:
    """The Markdown file published at a directory URL: `projects/a/` ← `projects/a/index.md`."""
    return url.rstrip("/") + "/index.md" if url.strip("/") else "index.md"


def page_source(name: str) -> str:
    """The Markdown file of one of the site's own pages: `index.md`, `map/index.md`, `jobs/index.md`."""
    return source_of(page_url(name))
