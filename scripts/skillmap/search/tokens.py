"""Text and queries → tokens. The browser's search.js tokenises queries exactly so (search_vectors.json).

Index side, for every field of a document:
- Han runs give single characters and bigrams (电, 工, 电工): a word of two or more characters
  matches when all its bigrams are in one field, so 贝尔 finds 呼伦贝尔 with no positions stored;
- each Han run also gives its pinyin, syllables and adjacent syllable pairs written together
  (dian, gong, diangong), so `diangong` and `dian gong` find 电工 and `huhehaote` needs
  huhe + hehao + haote in one field;
- names (region, occupation and its aliases, institution) give their initials, every run of
  two to eight letters (hh, hhh, hhht …) and the whole name's however long, so `hhht` finds
  呼和浩特, `ylhly` 养老护理员 and `qzzxjxczg` 起重装卸机械操作工;
- course text (summary, content) gives only its Han pairs and its words: typed words of two
  characters or more find it (直播 in 直播间搭建), with no pinyin, which would multiply the index;
- Latin letters and digits in the text are words as written.

Query side, each run of Han characters or of letters is a term that the document must match
(AND); a term has alternatives (OR), each a set of tokens that must share a field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .normalize import HAN, normalize
from .pinyin import all_syllables, syllables

_RUNS = re.compile(f"[{HAN}]+|[a-z]+|[0-9]+")
MAX_INITIALS = 8


def runs(text: str) -> list[str]:
    """Runs of Han characters, of letters and of digits, in order: `包头diangong2` → 包头 diangong 2."""
    return _RUNS.findall(normalize(text))


def is_han(run: str) -> bool:
    return "\u3400" <= run[0] <= "\u9fff"


def han_tokens(run: str) -> list[str]:
    return [*run, *(run[i : i + 2] for i in range(len(run) - 1))]


def pinyin_tokens(sylls: list[str]) -> list[str]:
    return [*sylls, *(sylls[i] + sylls[i + 1] for i in range(len(sylls) - 1))]


INITIALS = "^"  # initials live apart from pinyin and words: ^hhht
WHOLE = "="  # a common name typed whole (=保育员, =baoyuyuan): as good as the occupation's own name


def whole_tokens(name: str) -> list[str]:
    """An alias as a whole word, in Chinese and in pinyin: typing it all is naming the occupation,
    unlike `diangong` found inside 钟点工 (SPEC §6 ranking)."""
    plain = "".join(runs(name))
    if not plain or not all(is_han(run) for run in runs(name)):
        return [WHOLE + plain] if plain else []
    return [WHOLE + plain, WHOLE + "".join(s for s in syllables(plain) if s)]


def initials_tokens(sylls: list[str]) -> list[str]:
    """Runs of two to MAX_INITIALS initials, and the whole name's initials at any length."""
    letters = "".join(s[0] for s in sylls)
    out = [
        INITIALS + letters[i:j]
        for i in range(len(letters))
        for j in range(i + 2, min(len(letters), i + MAX_INITIALS) + 1)
    ]
    if len(letters) > MAX_INITIALS:
        out.append(INITIALS + letters)
    return out


def text_tokens(text: str, name: bool = False, prose: bool = False) -> frozenset[str]:
    """Every token a field's text gives (`name`: also the initials of its Han runs; `prose`:
    only Han pairs and words, for course text)."""
    if prose:  # each course's own text: remembering it would only hold memory
        return frozenset(_prose_tokens(text))
    return _name_tokens(text, name)


def _prose_tokens(text: str) -> Iterator[str]:
    for run in runs(text):
        if is_han(run):
            yield from (run[i : i + 2] for i in range(len(run) - 1))
        else:
            yield run


@lru_cache(maxsize=4096)
def _name_tokens(text: str, name: bool) -> frozenset[str]:
    """Region, occupation and host names repeat in thousands of documents: each is tokenised once
    (titles do not repeat; a small cache keeps the names that do without holding every title)."""
    out: set[str] = set()
    for run in runs(text):
        if not is_han(run):
            out.add(run)
            continue
        out.update(han_tokens(run))
        sylls = [s for s in syllables(run) if s]
        out.update(pinyin_tokens(sylls))
        if name:
            out.update(initials_tokens(sylls))
    return frozenset(out)


# -- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """One reading of a query term: tokens that must all be in one field, and how much it counts."""

    tokens: tuple[str, ...]
    kind: str  # han | pinyin | initials | word | split (initials of two names: each token on its own)

    def as_list(self) -> list[object]:
        return [self.kind, list(self.tokens)]


def split_syllables(word: str) -> list[str] | None:
    """`dianhan` → dian han, `xian` → xian: the split into the fewest syllables, or None."""
    known = _syllable_set()
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in known:
                candidate = [*head, word[start:end]]
                if best[end] is None or len(candidate) < len(best[end]):  # type: ignore[arg-type]
                    best[end] = candidate
    return best[len(word)]


@cache
def _syllable_set() -> frozenset[str]:
    return frozenset(all_syllables())


def term_alternatives(run: str) -> list[Alternative]:
    """The readings of one query run, strongest first."""
    if is_han(run):
        han = Alternative(tuple(han_tokens(run)[len(run) :]) if len(run) > 1 else (run,), "han")
        return [han, Alternative((WHOLE + run,), "han")] if len(run) > 1 else [han]
    if run.isdigit():
        return [Alternative((run,), "word")]
    sylls = split_syllables(run)
    if sylls is None:  # hhht, ylhly, bt: not pinyin, so initials (or a word as written, such as cad)
        out = [Alternative((run,), "word")]
        if len(run) >= 2:  # longer than MAX_INITIALS, only a whole name's initials match
            out.append(Alternative((INITIALS + run,), "initials"))
        # Initials of two names typed together (btyx: 包头 夜校), each part at least two letters.
        if 4 <= len(run) <= MAX_INITIALS:
            out += [
                Alternative((INITIALS + run[:i], INITIALS + run[i:]), "split") for i in range(2, len(run) - 1)
            ]
        return out
    if len(sylls) == 1:  # one syllable is also a word as written: the same token
        return [Alternative((run,), "pinyin")]
    pinyin = Alternative(tuple(pinyin_tokens(sylls)[len(sylls) :]), "pinyin")
    whole = Alternative((WHOLE + run,), "pinyin")
    return [pinyin, whole] if pinyin.tokens == (run,) else [pinyin, whole, Alternative((run,), "word")]


def query_terms(query: str) -> list[list[Alternative]]:
    """A query → its terms (all must match), each a list of alternatives (any may match)."""
    return [term_alternatives(run) for run in runs(query)]
