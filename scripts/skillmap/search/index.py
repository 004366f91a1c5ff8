"""The search index as static files: sharded postings, display chunks and a manifest.

- Documents are numbered in block order (documents.BLOCKS), so a hit's status and type follow
  from its number, and within a block in the site's own list order.
- Postings: token → [doc, mask, doc, mask …] with doc numbers as gaps (facet tokens `@…` carry no
  masks); tokens are spread over shards by FNV-1a of their UTF-16 code units, the same function
  search.js uses, so a query fetches only the shards of its own tokens.
- Display chunks hold what a hit shows, CHUNK documents each, so the first page of hits fetches a
  few small files, not the catalogue.
- Prepared searches (prepared.py): a filter-only state a menu or a list links to is answered by
  one file, `s<hash of the state>.json`, with its first hits' rows.
- Everything lives under search/<content hash>/: a new index is a new address (WeChat caches by
  URL); the manifest, small, is written into the search page itself.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lunr.builder import Builder

from ..domain.course_facts import GROUP_WORDS
from ..domain.urls import PAGES, url_for
from ..paths import Layout
from ..site.model import SiteModel
from .documents import BLOCKS, FIELDS, NAME_FIELDS, QUALITY, TEXT_FIELDS, Documents, SearchDoc
from .facets import FIELD_OF_FACET, TYPES, for_browser
from .normalize import normalize
from .pinyin import all_syllables, syllables
from .prepared import Ranker, prepared_files, prepared_values
from .tokens import text_tokens, whole_tokens

# 32 rows a file (about 1.1 KB gzip at N = 5000) rather than 16 (0.7 KB): the first page of hits
# needs fewer files (土默特右旗 11 → 7, baotou 5 → 2, hhht 3 → 2) for about the same bytes with
# headers, and on a throttled phone each request costs main-thread time of its own.
CHUNK = 32
TARGET_SHARD_BYTES = 3000  # raw JSON per shard on average; gzip makes it about a third
# Course text made the index a third larger: 8192 shards keep a shard (and a query's bytes) as small
# as before at N = 5000, for more files on the server (docs/search-benchmarks.md).
MIN_SHARDS, MAX_SHARDS = 8, 8192
ID = "{id}"  # in the manifest's record URLs: url_for's shape, written once, filled in by search.js


def fnv1a(token: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (JavaScript's charCodeAt)."""
    h = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


@dataclass
class SearchIndex:
    manifest: dict[str, Any]
    files: dict[str, bytes]  # path under the index folder → content
    folder: str  # search/<hash>/


def build_index(
    docs: list[SearchDoc], context: dict[str, Any], extra: dict[str, bytes] | None = None
) -> SearchIndex:
    # Postings as flat arrays of C ints (doc, mask, doc, mask …; facets: doc, doc …), not lists of
    # tuples: at N = 20,000 there are tens of millions of entries, and a tuple costs 64 bytes.
    postings: dict[str, array[int]] = {}
    facets: dict[str, array[int]] = {}
    for number, doc in enumerate(docs):
        masks: dict[str, int] = {}
        for key, texts in doc.fields.items():
            bit = FIELDS[key][0]
            for text in texts:
                for token in text_tokens(text, name=key in NAME_FIELDS, prose=key in TEXT_FIELDS):
                    masks[token] = masks.get(token, 0) | bit
                if key == "a":  # an alias typed whole names the occupation: the occupation's field
                    for token in whole_tokens(text):
                        masks[token] = masks.get(token, 0) | FIELDS["o"][0]
        for token, mask in masks.items():
            items = postings.get(token)  # not setdefault: that would make an array per call
            if items is None:
                items = postings[token] = array("i")
            items.append(number)
            items.append(mask)
        for token in dict.fromkeys(doc.facets):
            items = facets.get(token)
            if items is None:
                items = facets[token] = array("i")
            items.append(number)
    encoded = {token: _encode(postings.pop(token), 2) for token in list(postings)}
    encoded.update((token, _encode(items, 1)) for token, items in facets.items())
    total = sum(len(token) + len(value) + 4 for token, value in encoded.items())
    shards = _shard_count(total)
    buckets: list[dict[str, str]] = [{} for _ in range(shards)]
    for token in sorted(encoded):
        buckets[fnv1a(token) % shards][token] = encoded.pop(token)
    files = {f"p{n}.json": _json(bucket) for n, bucket in enumerate(buckets)}
    del buckets
    rows = [d.row for d in docs]
    for start in range(0, len(docs), CHUNK):
        files[f"d{start // CHUNK}.json"] = _json(rows[start : start + CHUNK])
    blocks = _blocks(docs)
    ranker = Ranker(facets, blocks, context.get("regions", []), len(docs), CHUNK)
    prepared = prepared_files(ranker, rows, context, fnv1a)
    files.update({name: _json(answers) for name, answers in prepared.items()})
    files.update(extra or {})
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    folder = f"search/{digest.hexdigest()[:12]}/"
    manifest = {
        "v": 1,
        "dir": folder,
        "shards": shards,
        "chunk": CHUNK,
        "count": len(docs),
        "blocks": blocks,
        "prepared": prepared_values(context),
        "fields": {key: [bit, weight] for key, (bit, weight) in FIELDS.items()},
        "quality": [sum(FIELDS[key][0] for key in keys) for keys in QUALITY],
        "groupWords": GROUP_WORDS,  # 面向 … on a hit, from its groups (course_facts owns the words)
        "groups": list(
            GROUP_WORDS
        ),  # a hit's groups travel as numbers in this list (documents.group_numbers)
        "urls": {kind: url_for(kind, ID) for kind in TYPES},  # a hit's page: ID replaced by its id
        "pages": PAGES,  # the site's own pages by name (domain/urls.py): links in the no-result help
        "filters": for_browser(),  # parameters, facet tokens and labels: facets.py owns them
        "syllables": " ".join(all_syllables()),
        **context,
    }
    return SearchIndex(manifest, files, folder)


def _encode(items: array[int], step: int) -> str:
    """Postings as sent: gaps between doc numbers, comma-separated; with `step` 2 each number is
    followed by its mask (words), with 1 there is none (facet tokens)."""
    out = list(items)
    for at in range(len(out) - step, 0, -step):  # from the end: each gap from the number before
        out[at] -= out[at - step]
    return ",".join(map(str, out))


def _shard_count(total: int) -> int:
    n = MIN_SHARDS
    while n < MAX_SHARDS and total / n > TARGET_SHARD_BYTES:
        n *= 2
    return n


def _blocks(docs: list[SearchDoc]) -> list[list[Any]]:
    out: list[list[Any]] = []
    start = 0
    for kind, status in BLOCKS:
        end = start
        while end < len(docs) and (docs[end].type, docs[end].status) == (kind, status):
            end += 1
        out.append([kind, status, start, end])
        start = end
    return out


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_index(index: SearchIndex, docs_dir: Path) -> None:
    folder = docs_dir / index.folder
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in index.files.items():
        (folder / name).write_bytes(content)


def search_context(model: SiteModel, layout: Layout) -> dict[str, Any]:
    """What the search page needs besides postings: the 盟市 → 旗县 tree and the filters' values."""
    regions: list[list[str]] = []
    for prefecture in model.prefectures:
        regions.append([prefecture.code, prefecture.name, ""])
        regions += [[c.code, c.name, prefecture.code] for c in model.counties(prefecture.code)]
    schema = layout.resources["projects"].schema
    facets: dict[str, list[str]] = {}
    for param, name in FIELD_OF_FACET.items():
        f = schema.field(name)
        values = (f.enum or f.item_enum) if f else None
        facets[param] = list(values or ())
    hotline = str(model.config.get("hotline") or "")  # the no-result help calls it (tel:)
    return {"regions": regions, "facets": facets, "today": model.today.isoformat(), "hotline": hotline}


def names(model: SiteModel) -> list[list[str | int]]:
    """Places and occupations (with their common names) for suggestions while typing:
    [kind, key, label, name as searched, its pinyin, its initials, 1 for a common name]."""
    out: list[list[str | int]] = []

    def entry(kind: str, key: str, label: str, name: str, alias: bool = False) -> None:
        plain = normalize(name).replace(" ", "")
        sylls = [s for s in syllables(plain) if s]
        out.append([kind, key, label, plain, "".join(sylls), "".join(s[0] for s in sylls), int(alias)])

    for prefecture in model.prefectures:
        entry("region", prefecture.code, prefecture.name, prefecture.name)
        for county in model.counties(prefecture.code):
            entry("region", county.code, f"{county.name}（{prefecture.name}）", county.name)
    for row in model.catalog.reference.get("place_names", []):  # 呼市, 达茂, 百灵庙 (SPEC §6)
        region = model.regions.get(str(row["code"]))
        if region is not None:
            label = _place_label(model, region.code, str(row["name"]))
            entry("region", region.code, label, str(row["name"]), alias=True)
    for row in model.catalog.reference.get("occupations", []):
        name = str(row["name"])
        entry("occupation", name, name, name)
        for alias in row.get("aliases") or []:
            entry("occupation", name, f"{name}（{alias}）", str(alias), alias=True)
    return out


def compact_names(model: SiteModel) -> list[list[Any]]:
    """names() as the browser receives it (`names.json`), a half of its bytes: what search.js can
    rebuild is left out. Each name is its text and its syllables (space-separated, so the pinyin and
    the initials follow); a place's label comes from the manifest's regions, except for people's
    words (百灵庙), which carry theirs; an occupation's entries are its name, then its common names.
    search.js expands it to names()'s entries, in the same order (the lunr index counts on it):
    [[code, syllables] | [code, name, syllables, label] …], [[occupation, syllables, [alias, syllables] …] …]
    """

    def sylls(name: str) -> str:
        return " ".join(s for s in syllables(normalize(name).replace(" ", "")) if s)

    places: list[list[Any]] = []
    for prefecture in model.prefectures:
        places.append([prefecture.code, sylls(prefecture.name)])
        places += [[county.code, sylls(county.name)] for county in model.counties(prefecture.code)]
    for row in model.catalog.reference.get("place_names", []):
        region = model.regions.get(str(row["code"]))
        if region is not None:
            name = str(row["name"])
            places.append([region.code, name, sylls(name), _place_label(model, region.code, name)])
    occupations: list[list[Any]] = []
    for row in model.catalog.reference.get("occupations", []):
        name = str(row["name"])
        occupations.append([name, sylls(name), *([str(a), sylls(str(a))] for a in row.get("aliases") or [])])
    return [places, occupations]


def _place_label(model: SiteModel, code: str, name: str) -> str:
    """百灵庙（达尔罕茂明安联合旗，包头市）: a common place name with the place it stands for."""
    region = model.regions.get(code)
    assert region is not None
    parent = model.regions.prefecture_of(region.code)
    where = f"{region.name}，{parent.name}" if parent and parent is not region else region.name
    return f"{name}（{where}）"


def lunr_names(entries: list[list[str | int]]) -> bytes:
    """The names as a lunr.js 2.3.9 index (built by lunr.py, empty pipelines): the fuzzy matching
    that proposes a corrected spelling when a query finds nothing."""
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("n")
    builder.field("w")
    for number, (_, _, _, plain, pinyin, initials, _) in enumerate(entries):
        builder.add({"n": str(number), "w": " ".join(str(x) for x in (plain, pinyin, initials) if x)})
    return _json(builder.build().serialize())


def index_for(model: SiteModel, layout: Layout, context: dict[str, Any] | None = None) -> SearchIndex:
    entries = names(model)
    extra = {"names.json": _json(compact_names(model)), "names-lunr.json": lunr_names(entries)}
    return build_index(Documents(model).all(), {**search_context(model, layout), **(context or {})}, extra)
