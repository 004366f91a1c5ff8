"""Pinyin as locals read the names: pypinyin with the project's phrase table (SPEC §6).

pypinyin reads some place and occupation names wrongly (商都 shāngdōu, 锡林郭勒 guōlēi, 康巴什
kāngbāshén, 昆都仑 kūndōulún, 调饮师 diàoyǐnshī …). The phrase table below gives their readings
as the people who live there and the occupational classification say them; pypinyin's own
phrase matching then applies them inside longer names (锡林郭勒盟, 包头市昆都仑区).
"""

from __future__ import annotations

from functools import cache, lru_cache

from pypinyin import Style, lazy_pinyin, load_phrases_dict
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.pinyin_dict import pinyin_dict

# Phrase → one tone-marked syllable per character.
PHRASES: dict[str, str] = {
    "商都": "shāng dū",
    "锡林郭勒": "xī lín guō lè",
    "霍林郭勒": "huò lín guō lè",
    "康巴什": "kāng bā shí",
    "克什克腾": "kè shí kè téng",
    "昆都仑": "kūn dū lún",
    "调饮师": "tiáo yǐn shī",
    "调饮": "tiáo yǐn",
}


@cache
def _loaded() -> bool:
    load_phrases_dict({phrase: [[s] for s in reading.split()] for phrase, reading in PHRASES.items()})
    return True


@lru_cache(maxsize=65536)
def _cached(han: str) -> tuple[str, ...]:
    _loaded()
    return tuple(lazy_pinyin(han, style=Style.NORMAL, errors="ignore"))


def syllables(han: str) -> list[str]:
    """One toneless syllable per Han character, ü written v: 锡林郭勒 → xi lin guo le.

    Names repeat across thousands of records (regions, occupations, hosts): they are read once."""
    return list(_cached(han))


@cache
def all_syllables() -> tuple[str, ...]:
    """Every toneless syllable pypinyin knows (ü as v), longest first: how the browser splits `dianhan`."""
    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = to_normal(reading).replace("ü", "v")
            # Interjections written without a vowel (m, n, ng, hm) are left out: `mn` reads as initials.
            if plain.isascii() and plain.isalpha() and any(v in plain for v in "aeiouv"):
                found.add(plain)
    return tuple(sorted(found, key=lambda s: (-len(s), s)))
