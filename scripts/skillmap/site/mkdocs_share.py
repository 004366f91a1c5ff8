"""One of two MkDocs processes building the same site, each converting and writing half the pages.

MkDocs runs on one core; a plain build of 20,000 projects' pages is two thirds of `skillmap
build`. Both processes read the same config and see every file, so the navigation, the sitemap
and every page come out exactly as from one process; each only converts and writes its own
pages, using MkDocs' own switch for that (`build(dirty=True)` skips a file whose
`is_modified()` is false). Pages in the navigation are read by both (other pages show their
titles) and written by share 0, as are the theme's files, the sitemap and 404.html.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.plugins import BasePlugin

from .beside import Beside

SHARES = 2


def _yes() -> bool:
    return True


def _no() -> bool:
    return False


class ShareOfPages(BasePlugin):
    """Registered in one process's config as a plugin: marks which files this process builds."""

    def __init__(self, share: int) -> None:
        self.share = share
        self._nav_files: list[Any] = []

    def on_config(self, config: Any) -> Any:
        if self.share:
            config.theme.static_templates.clear()  # sitemap.xml and 404.html: share 0's
            config["extra_templates"] = []
        return config

    def on_files(self, files: Any, config: Any) -> Any:
        for number, file in enumerate(files.documentation_pages()):
            file.is_modified = _yes if number % SHARES == self.share else _no
        if self.share:
            for file in files:
                if not file.is_documentation_page():
                    file.is_modified = _no
        return files

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self._nav_files = [page.file for page in nav.pages]
        for file in self._nav_files:
            file.is_modified = _yes  # read by both: every page's navigation shows their titles
        return nav

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        # Pages are read now; from here on `is_modified` decides which are written.
        for file in self._nav_files:
            file.is_modified = _no if self.share else _yes
        return env


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale; here every process sees every
    file, so the warning is not the reader's concern."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build")


_NO_DIRTY_WARNING = _NoDirtyWarning()  # one object: a logger keeps a filter once, however many builds


def build_in_two(config: Any) -> None:
    """Build the site `config` describes, share 1 in a forked helper (site/beside.py)."""
    from mkdocs.utils import clean_directory

    clean_directory(config.site_dir)  # as a whole build does first (hidden entries stay)
    with Beside("MkDocs 生成页面", _build_share, config, 1):
        _build_share(config, 0)


def _build_share(config: Any, share: int) -> None:
    from mkdocs.commands.build import build

    logging.getLogger("mkdocs.commands.build").addFilter(_NO_DIRTY_WARNING)
    config.plugins["skillmap-share"] = ShareOfPages(share)
    build(config, dirty=True)
