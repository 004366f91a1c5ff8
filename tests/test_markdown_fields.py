"""Markdown fields: raw HTML and unsafe links are found; Markdown's own syntax is not."""

from __future__ import annotations

import pytest

from skillmap.links import unsafe_scheme
from skillmap.markdown_fields import problems as markdown_problems
from skillmap.markdown_fields import to_html, to_text


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


# The checker and the sanitiser used to read Markdown with two regex grammars that disagreed;
# now both read markdown-it's tokens. Each case below is one where they disagreed.


def test_a_link_target_with_parentheses_is_one_safe_link() -> None:
    text = "详见[维基](https://example.org/wiki/A_(B))。"
    assert markdown_problems(text) == []
    assert '<a href="https://example.org/wiki/A_(B)">维基</a>。' in to_html(text)
    assert to_text(text) == "详见维基。"


def test_an_unsafe_link_with_parentheses_is_refused_and_loses_its_whole_target() -> None:
    text = "[点我](javascript:alert(1))看看"
    [(code, params, offset)] = markdown_problems(text)
    assert (
        code == "unsafe-link" and "javascript:" in params["detail"] and text[offset:].startswith("javascript")
    )
    assert to_html(text).strip() == "<p>点我看看</p>"


@pytest.mark.parametrize("text", ["<javascript:alert(1)>", "<ftp://files.example.org/a>", "<JAVASCRIPT:x>"])
def test_an_autolink_with_another_scheme_is_refused_and_not_linked(text: str) -> None:
    assert [code for code, _, _ in markdown_problems(text)] == ["unsafe-link"]
    assert "<a " not in to_html(text)


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("<https://example.org/a>", "https://example.org/a"),
        ("<HTTPS://EXAMPLE.ORG>", "HTTPS://EXAMPLE.ORG"),
        ("<mailto:a@example.org>", "mailto:a@example.org"),
        ("<tel:12333>", "tel:12333"),
    ],
)
def test_safe_autolinks_are_links(text: str, href: str) -> None:
    assert markdown_problems(text) == []
    assert f'<a href="{href}">' in to_html(text)


def test_an_unused_reference_definition_with_an_unsafe_scheme_is_refused() -> None:
    assert [code for code, _, _ in markdown_problems("正文\n\n[r]: vbscript:msgbox")] == ["unsafe-link"]


def test_html_is_shown_as_text_and_code_as_code() -> None:
    text = "注意 <b>加粗</b>，写法 `<i>` 是代码\n\n<div>块</div>"
    assert [code for code, _, _ in markdown_problems(text)] == ["raw-html", "raw-html"]  # one per block
    rendered = to_html(text)
    assert "<b>" not in rendered and "&lt;b&gt;加粗&lt;/b&gt;" in rendered
    assert "<code>&lt;i&gt;</code>" in rendered and "&lt;div&gt;块&lt;/div&gt;" in rendered


def test_images_become_links_so_that_no_page_loads_from_another_host() -> None:
    rendered = to_html("![教室](https://example.org/a.jpg) ![坏](javascript:x)")
    assert "<img" not in rendered
    assert '<a href="https://example.org/a.jpg" rel="noopener">教室</a>' in rendered
    assert "javascript" not in rendered and "坏" in rendered


def test_headings_are_pushed_below_the_page_headings() -> None:
    rendered = to_html("# 大标题\n\n## 小标题\n\n###### 最小")
    assert "<h3>大标题</h3>" in rendered and "<h4>小标题</h4>" in rendered and "<h6>最小</h6>" in rendered
    assert "<h1>政策</h1>" in to_html("# 政策", heading_floor=1)


def test_plain_text_for_search_keeps_the_words_only() -> None:
    text = "## 学什么\n\n- **平焊**、立焊实操\n- 详见[官网](https://example.org)\n\n```\n代码也是文字\n```\n\n<b>x</b>"
    assert to_text(text) == "学什么\n平焊、立焊实操\n详见官网\n代码也是文字\nx"  # tags go, words stay


@pytest.mark.parametrize(
    "text",
    [
        "<svg/onload=alert(1)>",
        "<img/src=x onerror=alert(1)>",
        "<img src=x onerror=alert`1`>",
        "结尾没有闭合 <img src=x onerror=alert(1)",
        "![<img src=x onerror=alert(1)>](https://example.cn/a.png)",
        '[链接](https://example.cn "<b onmouseover=alert(1)>")',
        "<!-- 注释 -->",
        "<?php echo 1; ?>",
        "</div >",
    ],
)
def test_every_tag_shape_a_browser_parses_is_raw_html(text: str) -> None:
    assert [code for code, _, _ in markdown_problems(text)] == ["raw-html"]


@pytest.mark.parametrize(
    "text",
    [
        "学费 <5000 元，1 < 2",
        "&lt;b&gt; 是实体",
        "`<b>` 在代码里",
        "\\<i> 转义了",
        "<https://example.cn>",
        "<培训>",
    ],
)
def test_what_is_not_a_tag_to_a_browser_is_not_raw_html(text: str) -> None:
    assert markdown_problems(text) == []


def test_tags_in_plain_text_are_found_with_their_offset() -> None:
    from skillmap.markdown_fields import html_tags

    assert html_tags("名称<svg/onload=alert(1)>") == [("<svg/onload=alert(1)>", 2)]
    assert html_tags("第一行\n未闭合 <img src=x") == [("<img src=x", 8)]
    assert html_tags("A&lt;B 和 3<5") == []
