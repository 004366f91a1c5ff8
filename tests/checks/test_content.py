"""Markdown fields: raw HTML and unsafe links are found; Markdown's own syntax is not."""

from __future__ import annotations

import pytest

from skillmap.checks.content import markdown_problems
from skillmap.checks.links import unsafe_scheme


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "图片 <img src=x onerror=alert(1)>",
        "<a href='https://example.org'>链接</a>",
        "<!-- 注释 -->",
        "<div\nclass=x>多行标签</div>",
        "</p>",
    ],
)
def test_raw_html_is_found(text: str) -> None:
    assert any(code == "raw-html" for code, _, _ in markdown_problems(text))


@pytest.mark.parametrize(
    "text",
    [
        "[点我](javascript:alert(1))",
        "[点我](  JavaScript:alert(1))",
        "![图](data:image/svg+xml;base64,AAAA)",
        "[ref]: vbscript:msgbox\n\n[点我][ref]",
        "<javascript:alert(1)>",
        "[点我](java\tscript:alert(1))",
    ],
)
def test_unsafe_links_are_found(text: str) -> None:
    assert any(code == "unsafe-link" for code, _, _ in markdown_problems(text))


@pytest.mark.parametrize(
    "text",
    [
        "收入 < 3000 元，课时 > 40",
        "详见 <https://example.org/a> 和 <mailto:a@example.org>",
        "[电话](tel:0471-6601234) [官网](https://example.org) [本站](../projects/a/)",
        "写法：`<b>加粗</b>` 是 HTML",
        "```\n<div>代码块</div>\n```",
        "&lt;script&gt; 是实体，不是标签",
        "每周一至五 19:00–21:00",
    ],
)
def test_markdown_syntax_is_not_flagged(text: str) -> None:
    assert markdown_problems(text) == []


def test_scheme_detection() -> None:
    assert unsafe_scheme("https://example.org") is None
    assert unsafe_scheme("/relative/path") is None
    assert unsafe_scheme("javascript:alert(1)") == "javascript"
    assert unsafe_scheme(" \x01javascript:x") == "javascript"


def test_offsets_point_at_the_offending_text_after_code_blocks() -> None:
    text = "```\n<b>代码</b>\n```\n第二段 <script>x</script>"
    [(code, _, offset)] = markdown_problems(text)
    assert code == "raw-html"
    assert text[offset:].startswith("<script>")
