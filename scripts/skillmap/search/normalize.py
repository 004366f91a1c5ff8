"""One normalisation for indexed text and typed queries, in the build and in the browser alike.

NFKC folds full-width letters and digits from an IME, case is folded, ü (or u:) is written v as
pinyin keyboards do, and everything that is neither a letter, a digit nor a Han character — the
。，、 a voice input adds, full-width spaces, brackets — separates words.
"""

from __future__ import annotations

import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_SEPARATORS = re.compile(f"[^a-z0-9{HAN}]+")


def normalize(text: str) -> str:
    """`  电工，Ｄｉａｎ　ＧＯＮＧ。` → `电工 dian gong`."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("ü", "v").replace("u:", "v")
    return _SEPARATORS.sub(" ", folded).strip()
