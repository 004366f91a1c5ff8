"""Helpers that read a built site: its pages, links, ids and load addresses."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

# Where a page makes the browser fetch something (not links a person follows).
LOADING_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
LOADING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "manifest",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "apple-touch-icon",
}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_ABSOLUTE = re.compile(r"(?:https?:)?//(?!www\.w3\.org/)[A-Za-z0-9.\-]+", re.IGNORECASE)
# In script code only full addresses count: `//x` is also how regular expressions end.
_ABSOLUTE_IN_JS = re.compile(r"https?://(?!www\.w3\.org/)[A-Za-z0-9.\-$]+", re.IGNORECASE)
# The sub-path the demo site is published under (site_url in mkdocs.yml).
PREFIX = "/zt/pxdht/"


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.loads: list[str] = []
        self.ids: set[str] = set()
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if "name" in a and tag == "a":
            self.ids.add(a["name"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        for attr in LOADING_ATTRS.get(tag, ()):
            if a.get(attr):
                self.loads += [part.strip().split(" ")[0] for part in a[attr].split(",")]
        if tag == "link" and set(a.get("rel", "").lower().split()) & LOADING_RELS:
            self.loads.append(a.get("href", ""))
        if tag == "link" and a.get("rel", "").lower() in ("next", "prev"):
            self.links.append(a.get("href", ""))
        if "style" in a:
            self.styles.append(a["style"])


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "http://site.test" + PREFIX + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url: str) -> Path | None:
    """The file a same-site URL points to, or None for another host."""
    parsed = urlparse(url)
    if parsed.netloc != "site.test":
        return None
    if not parsed.path.startswith(PREFIX):
        return Path("/nonexistent") / parsed.path.lstrip("/")  # outside the sub-path: broken
    rel = unquote(parsed.path[len(PREFIX) :])
    path = site / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


def external_loads_in_css(text: str) -> list[str]:
    return [u for u in _CSS_URL.findall(_COMMENT.sub("", text)) if _ABSOLUTE.match(u.strip())]


def external_addresses_in_js(text: str) -> list[str]:
    """Addresses of other hosts left in script code (licence comments do not count)."""
    return _ABSOLUTE_IN_JS.findall(_COMMENT.sub("", text))


def broken_links(site: Path) -> list[str]:
    """Every internal link and anchor that does not resolve, as 'page -> href'."""
    cache: dict[Path, PageParser] = {}
    broken = []
    for page in html_pages(site):
        parsed = cache.setdefault(page, parse(page))
        base = page_url(site, page)
        for href in parsed.links:
            if href.startswith(("mailto:", "tel:")) or href == "":
                continue
            url, fragment = urldefrag(urljoin(base, href))
            target = target_file(site, url)
            if target is None:
                continue
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            if fragment and target.suffix == ".html":
                ids = cache.setdefault(target, parse(target)).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (#{fragment})")
    return broken
