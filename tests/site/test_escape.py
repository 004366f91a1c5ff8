"""Text from data never becomes markup, whatever the checker let through."""

from __future__ import annotations

import html as html_lib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import pytest

from skillmap.site.escape import json_for_script, markdown, plain

from ..conftest import TODAY, make_tree

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition"]


def render(text: str) -> str:
    return python_markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[点我](javascript:alert(1))",
        "a | b | c",
        "*强调* _下划线_ `代码`",
        "# 标题",
        "1. 第一",
        "- 列表",
        "{: onclick=alert(1) }",
        "&lt;b&gt; &amp;",
        "<https://example.org>",
    ],
)
def test_plain_fields_render_as_the_literal_text(payload: str) -> None:
    html = render(f"{plain(payload)}\n\n| 列 |\n|---|\n| {plain(payload)} |\n\n<p>{plain(payload)}</p>\n")
    paragraph = re.search(r"<p>(.*?)</p>", html, re.DOTALL)
    cell = re.search(r"<td>(.*?)</td>", html, re.DOTALL)
    raw_block = re.findall(r"<p>(.*?)</p>", html, re.DOTALL)[-1]
    assert paragraph and cell
    for inner in (paragraph.group(1), cell.group(1), raw_block):
        assert "<" not in inner  # no element was created from the data
        assert html_lib.unescape(inner) == payload


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "图 <img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "[点我](javascript:alert(1))",
        "[点我](  JaVaScRiPt:alert(1))",
        "![图](data:image/svg+xml;base64,PHN2Zz4=)",
        "[x][r]\n\n[r]: javascript:alert(1)",
        '段落\n{: onclick="alert(1)" }',
        "## 标题 {: onclick=alert(1) }",
        '<div markdown="1" onmouseover="alert(1)">x</div>',
        "<!-- 注释 --><style>body{display:none}</style>",
        "<svg/onload=alert(1)>",
        "<iframe src=https://example.org></iframe>",
    ],
)
def test_markdown_fields_cannot_carry_html_or_script(payload: str) -> None:
    html = render(str(markdown(payload)))
    allowed = {
        "p",
        "a",
        "strong",
        "em",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "hr",
        "div",
        "br",
    }
    for tag, attrs in elements(html):
        assert tag in allowed, html
        assert not any(name.startswith("on") for name in attrs), html
        for name in ("href", "src"):
            value = (attrs.get(name) or "").replace(" ", "").lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), html


def test_markdown_fields_keep_their_markdown() -> None:
    html = render(
        str(
            markdown(
                "- 焊接安全\n- **平焊**实操\n\n详见 [官网](https://example.org) 和 <https://example.org/a>\n\n`<b>` 是代码"
            )
        )
    )
    assert "<li>焊接安全</li>" in html
    assert "<strong>平焊</strong>" in html
    assert '<a href="https://example.org">官网</a>' in html
    assert '<a href="https://example.org/a">' in html
    assert "<code>&lt;b&gt;</code>" in html


def test_headings_in_fields_stay_below_the_page_headings() -> None:
    html = render(str(markdown("# 大标题\n## 小标题")))
    assert "<h1" not in html and "<h2" not in html
    assert "<h3" in html and "<h4" in html


def test_json_for_script_cannot_close_the_script_element() -> None:
    text = str(json_for_script({"name": "</script><script>alert(1)</script><!--", "amp": "&"}))
    assert "<" not in text
    assert json.loads(text)["name"].startswith("</script>")


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,<b>x</b>"]
)
def test_an_unsafe_website_never_becomes_a_link_even_past_the_checker(website: str, tmp_path: Path) -> None:
    from skillmap.site.build import prepare_docs
    from skillmap.validate import check_project

    result = check_project(make_tree(tmp_path / "tree"), TODAY)
    institution = result.catalog.records["institutions"][0]
    institution.values["website"] = website  # as if the checker had been skipped (the Python API)
    prepare_docs(result, TODAY, tmp_path / "work")
    page = (tmp_path / "work" / "docs" / "institutions" / institution.id / "index.md").read_text(
        encoding="utf-8"
    )
    assert 'href="#"' in page
    assert not re.search(r'href="\s*(java|data)', page, re.IGNORECASE)
