"""Prepared searches: the filter-only states a WeChat menu or a list's link opens, answered by one file.

A filter-only deep link (`/search/?schedule=技能夜校&region=150200`) otherwise fetches the
postings of its filters and then the display files of its first hits, which a schedule scatters
over many files: two rounds of requests, ten or more files, on a phone inside WeChat. For every
state of at most one region and at most one other filter value (or a group and the type of
record it lists), the build writes the first page of hits, their rows and the count into one
file, so such a link costs one request. Any other
state (a query, two filters besides the region, a value the site does not offer) is searched
from the index as before.

The ranking is search.js's for a state without words: by block (status, then type), then hits
sharing a display file first, then document order. A browser test compares the prepared
states of every filter value (alone, with each 盟市, with a 旗县 of each) with search.js's answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from .facets import (
    FACET_PREFIX,
    FIELD_OF_FACET,
    GROUP_TYPES,
    PARAMS,
    PROJECT_ONLY,
    STATUS_LABELS,
    TYPES,
    facet_token,
    region_tokens,
)

PAGE = 20  # search.js's page of hits
STATUSES = tuple(STATUS_LABELS)  # enrolling, closed, ended, all

State = dict[str, str]  # param → its one value


def prepared_values(context: dict[str, Any]) -> dict[str, list[str]]:
    """The values each filter is prepared for (besides the region): the ones the page offers."""
    facets = context.get("facets", {})
    return {
        **{param: list(facets.get(param, [])) for param in FIELD_OF_FACET},
        "status": list(STATUSES),
        "free": ["1"],
        "type": list(TYPES),
        "group+type": list(GROUP_TYPES),  # a group's list links to its projects: group=…&type=project
    }


def states(context: dict[str, Any]) -> Iterator[State]:
    """Every prepared state: one region or none, with one other filter value or none (a group
    may come with the type it narrows to)."""
    values = prepared_values(context)
    pairs = values.pop("group+type")
    others: list[State] = [{}]
    others += [{param: value} for param, vals in values.items() for value in vals]
    others += [{"group": group, "type": kind} for group in values["group"] for kind in pairs]
    for region in ["", *(r[0] for r in context.get("regions", []))]:
        for other in others:
            state = {**({"region": region} if region else {}), **other}
            if state:
                yield state


def key(state: State) -> str:
    """The state as search.js writes it for a prepared file: `param=value&…`, PARAMS' order, unescaped."""
    return "&".join(f"{p}={state[p]}" for p in PARAMS if p in state)


Hash = Callable[[str], int]  # index.fnv1a, the hash search.js computes too


def file_name(state_key: str, fnv1a: Hash) -> str:
    return f"s{_base36(fnv1a(state_key))}.json"


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


class Ranker:
    """search.js's answer to a filter-only state, from the build's own facet postings (token → docs)."""

    def __init__(
        self,
        facets: Mapping[str, Iterable[int]],
        blocks: list[list[Any]],
        regions: Iterable[list[str]],
        count: int,
        chunk: int,
    ) -> None:
        self.docs = {token: set(docs) for token, docs in facets.items()}
        self.parent = {code: parent for code, _, parent in regions}
        self.block_of: list[int] = [0] * count
        for number, (_, _, start, end) in enumerate(blocks):
            for doc in range(start, end):
                self.block_of[doc] = number
        self.blocks = blocks
        self.count = count
        self.chunk = chunk

    def facet(self, param: str, value: str) -> set[int]:
        if param == "region":
            parent = self.parent.get(value, "")
            tokens = region_tokens(value, parent or None)
        else:
            tokens = [facet_token(param, value)]
        out: set[int] = set()
        for token in tokens:
            out |= self.docs.get(token, set())
        return out

    def allowed(self, state: State) -> list[bool]:
        """Per block, whether the state admits its records (search.js's allowedBlocks)."""
        return [_admits(state, kind, status) for kind, status, _, _ in self.blocks]

    def rank(self, state: State) -> tuple[list[int], bool]:
        """All hits in order, and whether they are ended projects only (nothing current matched)."""
        sets = [self.facet(p, state[p]) for p in FACET_PREFIX if p in state]  # the region first
        allowed = self.allowed(state)
        pool: Iterable[int] = sets[0] if sets else range(self.count)
        found = [d for d in pool if allowed[self.block_of[d]] and all(d in s for s in sets[1:])]
        ended_only = False
        if "status" not in state:
            ended_block = len(self.blocks) - 1
            current = [d for d in found if self.block_of[d] != ended_block]
            if current:
                found = current
            else:
                ended_only = bool(found)
        density: dict[int, int] = {}
        for doc in found:
            density[doc // self.chunk] = density.get(doc // self.chunk, 0) + 1
        found.sort(key=lambda d: (self.block_of[d], -density[d // self.chunk], d))
        return found, ended_only


def _admits(state: State, kind: str, status: str) -> bool:
    if "type" in state and state["type"] != kind:
        return False
    if any(p in state for p in PROJECT_ONLY) and kind != "project":
        return False  # a schedule, a mode, a level, free or a status: projects only
    if "group" in state and kind not in GROUP_TYPES:
        return False
    if "status" in state and state["status"] != "all":
        return state["status"] == status
    return True


def prepared_files(
    ranker: Ranker, rows: list[list[Any]], context: dict[str, Any], fnv1a: Hash
) -> dict[str, dict[str, Any]]:
    """File name → {state key → {n: count, e: 1 if ended only, d: first docs, r: their rows}}.
    Two keys whose hashes meet share a file."""
    files: dict[str, dict[str, Any]] = {}
    for state in states(context):
        found, ended_only = ranker.rank(state)
        head = found[:PAGE]
        state_key = key(state)
        answer = {"n": len(found), "e": int(ended_only), "d": head, "r": [rows[d] for d in head]}
        files.setdefault(file_name(state_key, fnv1a), {})[state_key] = answer
    return files
