"""Compare two builds of the same catalogue page by page: what a reader and the SPEC's checks see.

For every HTML page: the title, the text of the page's content (whitespace folded), the links
(every `href` and `src` in order, the theme's own assets left out) and the SPEC hooks (every
`data-*` attribute but the theme's `data-md-*`, with its value, in order). Every other file the
site publishes (open data, the search index, posters, our assets) must be byte for byte the same.
The theme's own stylesheets and scripts, which differ by engine, are not compared; the sitemap is
compared by the addresses it lists.

    python -m skillmap.dev.engine_compare SITE_A SITE_B
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

# The theme's own files: each engine ships its build of Material's stylesheets and icons.
THEME_FILES = re.compile(r"(^|/)assets/(stylesheets|javascripts|images)/")
# The sitemap is compared by the addresses it lists (MkDocs adds each page's build date).
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
_LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>")
# Elements whose text is not the page's content.
_SKIP_TEXT = {"script", "style", "template"}
_SPACE = re.compile(r"\s+")


@dataclass
class PageFacts:
    title: str = ""
    text: str = ""
    links: list[str] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # inline scripts (the status script, 长辈模式)


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page  # the page's own address, relative URLs are read from
        self.facts = PageFacts()
        self._text: list[str] = []
        self._title: list[str] = []
        self._in_title = False
        self._skip = 0
        self._script: list[str] | None = None  # an inline script being read
        self._content_depth = 0  # inside <article> (the page's own content)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TEXT:
            self._skip += 1
        if tag == "script" and not dict(attrs).get("src"):
            self._script = []
        if tag == "title":
            self._in_title = True
        if tag == "article" or self._content_depth:
            self._content_depth += 1
        classes = (dict(attrs).get("class") or "").split()
        for name, value in attrs:
            if name.startswith("data-") and not name.startswith("data-md-"):
                self.facts.hooks.append(f"{tag}[{name}={value or ''}]")
            # The theme's skip link is left out: each engine names its own target.
            if name in ("href", "src") and value is not None and "md-skip" not in classes:
                target = _resolve(self.page, value)
                if not THEME_FILES.search(target):
                    self.facts.links.append(f"{tag}@{name}={target}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TEXT and self._skip:
            self._skip -= 1
        if tag == "script" and self._script is not None:
            code = _SPACE.sub(" ", "".join(self._script)).strip()
            if not code.startswith("__md_"):  # the theme's own (its storage helpers), not ours
                self.facts.scripts.append(code)
            self._script = None
        if tag == "title":
            self._in_title = False
        if self._content_depth:
            self._content_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._in_title:
            self._title.append(data)
        elif self._content_depth and not self._skip:
            self._text.append(data)

    def result(self) -> PageFacts:
        self.facts.title = _SPACE.sub(" ", "".join(self._title)).strip()
        self.facts.text = _SPACE.sub(" ", " ".join(self._text)).strip()
        return self.facts


def _resolve(page: str, url: str) -> str:
    """A link as the site path it opens (`..` and `./..` are one address), other hosts as written."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("//"):
        return url
    joined = urljoin(f"http://site/{page}", url)
    # A folder and its index.html are one page on every static server.
    return re.sub(r"(^|/)index\.html(?=$|[?#])", r"\1", joined.removeprefix("http://site/"))


def page_facts(html: str, page: str = "") -> PageFacts:
    """What a reader and the checks see of a page published at `page` (its path in the site)."""
    reader = _Reader(page)
    reader.feed(html)
    reader.close()
    return reader.result()


@dataclass
class Comparison:
    pages: int = 0
    files: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.differences


def compare_sites(a: Path, b: Path, limit: int = 50) -> Comparison:
    """Every difference a reader or a check would see between two built sites (at most `limit`)."""
    result = Comparison()
    files_a, files_b = _published(a), _published(b)
    for rel in sorted(files_a ^ files_b):
        result.differences.append(f"{rel}: 只在 {'第一个' if rel in files_a else '第二个'}网站中")
    for rel in sorted(files_a & files_b):
        if len(result.differences) >= limit:
            break
        if rel.endswith(".html"):
            result.pages += 1
            result.differences += _page_differences(rel, a / rel, b / rel)
        elif rel in SITEMAPS:
            result.files += 1
            if sorted(_locs(a / rel)) != sorted(_locs(b / rel)):
                result.differences.append(f"{rel}: 列出的网址不同")
        else:
            result.files += 1
            if _digest(a / rel) != _digest(b / rel):
                result.differences.append(f"{rel}: 内容不同")
    return result


def _published(site: Path) -> set[str]:
    files = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return {f for f in files if not THEME_FILES.search(f)}


def _page_differences(rel: str, a: Path, b: Path) -> list[str]:
    fa = page_facts(a.read_text(encoding="utf-8"), rel)
    fb = page_facts(b.read_text(encoding="utf-8"), rel)
    found = []
    if fa.title != fb.title:
        found.append(f"{rel}: 标题 {fa.title!r} ≠ {fb.title!r}")
    if fa.text != fb.text:
        found.append(f"{rel}: 正文不同，从“{_first_difference(fa.text, fb.text)}”起")
    pairs = (("链接", fa.links, fb.links), ("钩子", fa.hooks, fb.hooks), ("内嵌脚本", fa.scripts, fb.scripts))
    for kind, la, lb in pairs:
        if la != lb:
            only_a = [x for x in la if x not in lb][:3]
            only_b = [x for x in lb if x not in la][:3]
            found.append(f"{rel}: {kind}不同（只在第一个：{only_a}；只在第二个：{only_b}）")
    return found


def _first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"{a[max(0, at - 20) : at + 30]}” / “{b[max(0, at - 20) : at + 30]}"


def _locs(sitemap: Path) -> list[bytes]:
    data = sitemap.read_bytes()
    return _LOC.findall(gzip.decompress(data) if sitemap.suffix == ".gz" else data)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="逐页比较两个构建好的网站（文字、链接、SPEC 钩子）")
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args(argv)
    result = compare_sites(args.a, args.b, args.limit)
    for line in result.differences:
        print(line)
    print(
        f"比较了 {result.pages} 个页面、{result.files} 个其他文件：{'完全一致' if result.same else f'{len(result.differences)} 处不同'}。"
    )
    return 0 if result.same else 1


if __name__ == "__main__":
    raise SystemExit(main())
