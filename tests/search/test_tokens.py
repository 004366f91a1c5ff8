"""Tokenisation: the shared vectors in Python (the browser runs the same file), and the phrase table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from skillmap.search.index import fnv1a
from skillmap.search.normalize import normalize
from skillmap.search.pinyin import PHRASES, all_syllables, syllables
from skillmap.search.tokens import query_terms, split_syllables, text_tokens

VECTORS = json.loads((Path(__file__).parent / "vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["queries"], ids=lambda c: c["query"])
def test_queries_tokenise_as_the_vectors_say(case: dict[str, Any]) -> None:
    assert normalize(case["query"]) == case["normalized"]
    assert [[a.as_list() for a in term] for term in query_terms(case["query"])] == case["terms"]


@pytest.mark.parametrize("case", VECTORS["texts"], ids=lambda c: f"{c['text']}:{c['why']}")
def test_indexed_text_gives_the_tokens_the_vectors_say(case: dict[str, Any]) -> None:
    tokens = text_tokens(case["text"], name=case.get("name", False), prose=case.get("prose", False))
    assert set(case.get("contains", [])) <= tokens
    assert not set(case.get("lacks", [])) & tokens


def test_every_phrase_of_the_table_is_read_as_written() -> None:
    for phrase, reading in PHRASES.items():
        plain = [
            s.translate(str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü", "aaaaeeeeiiiioooouuuuvvvvv"))
            for s in reading.split()
        ]
        assert syllables(phrase) == plain, phrase


def test_syllables_split_the_way_typists_type() -> None:
    assert split_syllables("dianhan") == ["dian", "han"]
    assert split_syllables("xian") == ["xian"]  # the fewest syllables: 县 as well as 西安 (xi+an) is found
    assert split_syllables("hhht") is None
    assert "lv" in all_syllables() and "m" not in all_syllables()  # no vowel-less interjections


def test_the_vectors_carry_the_builds_syllables_and_hashes() -> None:
    """What Node needs to run the browser's tokeniser without a build: kept equal to the build's."""
    assert VECTORS["syllables"] == " ".join(all_syllables()), (
        "tests/search/vectors.json 的 syllables 已过时：改为 pinyin.all_syllables() 用空格连接的结果"
    )
    assert VECTORS["hashes"] and all(fnv1a(h["token"]) == h["fnv1a"] for h in VECTORS["hashes"])
