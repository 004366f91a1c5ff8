"""The safe YAML reader: text stays text, lines are known, unsafe input is refused quickly."""

from __future__ import annotations

import time

import pytest

from skillmap.yaml_read import YamlProblem, parse_yaml


def test_scalars_stay_text_whatever_yaml_11_would_make_of_them() -> None:
    doc = parse_yaml("phone: 04716601234\ntimes: 19:00\nflag: yes\nregion: 150102\nempty:\nquoted: ''\n")
    assert doc.data == {
        "phone": "04716601234",
        "times": "19:00",
        "flag": "yes",
        "region": "150102",
        "empty": None,
        "quoted": "",
    }


def test_every_path_knows_its_line() -> None:
    doc = parse_yaml(
        "# comment\nid: a\ncontact:\n  name: 王老师\ngroups:\n- x\n- y\ndemand:\n- employer: e\n  region: r\n"
    )
    assert doc.first_line == 2
    assert doc.lines["id"] == 2
    assert doc.lines["contact.name"] == 4
    assert doc.lines["groups[1]"] == 7
    assert doc.lines["demand[0].region"] == 10


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: &x 1\nb: *x\n", "yaml-alias", 1),
        ("a: 1\n---\nb: 2\n", "yaml-structure", 2),
        ("a: 1\na: 2\n", "duplicate-key", 2),
        ("a: 1\n  b: 2\n", "yaml-syntax", 2),
        ("a: [1, 2\n", "yaml-syntax", None),
        ("", "file-empty", 1),
    ],
)
def test_unsafe_or_malformed_input_is_refused(text: str, code: str, line: int | None) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert caught.value.code == code
    if line is not None:
        assert caught.value.line == line
    assert not caught.value.message.isascii()


def test_syntax_errors_are_explained_in_chinese() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("title: 焊工: 夜校\n")
    assert "冒号" in caught.value.message
    assert "第 1 行" in caught.value.message


def test_billion_laughs_is_refused_at_once() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(
            f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    started = time.monotonic()
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("\n".join(lines))
    assert caught.value.code == "yaml-alias"
    assert time.monotonic() - started < 1


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("a: " + "[" * 5000 + "]" * 5000)
    assert caught.value.code in ("yaml-structure", "yaml-syntax")  # libyaml has its own depth limit
