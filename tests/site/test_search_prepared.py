"""Prepared searches in Chromium: a filter-only link (a list's, a WeChat menu's) is answered by one
file, and that answer is exactly what search.js ranks from the index.

A synthetic catalogue of 400 projects, so that lists are longer than their page and states have
more hits than one page of results.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skillmap.dev.synth import generate
from skillmap.search.prepared import PARAMS, key, states

from ..conftest import ROOT, TODAY, run
from .browser import phone_tab, serve


@pytest.fixture(scope="module")
def synth_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("prepared")
    generate(ROOT, work / "tree", projects=400, today=TODAY)
    out = work / "site"
    code, stdout, stderr = run(
        "build", "--root", str(work / "tree"), "--today", TODAY.isoformat(), "--out", str(out)
    )
    assert code == 0, stdout + stderr
    return out


@pytest.fixture(scope="module")
def base_url(synth_site: Path) -> Iterator[str]:
    with serve(synth_site) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    with phone_tab() as tab:
        yield tab


def manifest(site: Path) -> dict[str, Any]:
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'id="sm-search-manifest"[^>]*>(.*?)</script>', html, re.S)
    assert found
    return dict(json.loads(found.group(1)))


def list_links(site: Path) -> list[tuple[str, str, int]]:
    """(list page, its link's query, the count the link promises) for every list longer than its page."""
    out = []
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        for query, count in re.findall(r'href="[./]*search/\?([^"]*)"[^>]*>在搜索中查看全部 (\d+) 个', html):
            out.append((path.parent.relative_to(site).as_posix(), query.replace("&amp;", "&"), int(count)))
    return out


def fetched_into(names: list[str]) -> Any:
    """A request listener that keeps the file name of each request."""
    return lambda request: names.append(request.url.split("?", 1)[0].rsplit("/", 1)[-1])


COMPARE = """async keyed => {
  const index = SkillmapSearch.index;
  const wrong = [];
  const check = async ([key, state]) => {
    const [prepared, searched] = await Promise.all([index.find(state), index.search(state)]);
    const same = prepared.state !== undefined && prepared.total === searched.total &&
      prepared.endedOnly === searched.endedOnly &&
      JSON.stringify(prepared.docs) === JSON.stringify(searched.docs.slice(0, 20));
    if (!same) wrong.push(key);
  };
  for (let i = 0; i < keyed.length; i += 64) await Promise.all(keyed.slice(i, i + 64).map(check));
  return wrong;
}"""


def test_every_prepared_search_answers_as_the_index_does(page: Any, base_url: str, synth_site: Path) -> None:
    m = manifest(synth_site)
    # Every filter value alone and with each 盟市, and with the first 旗县 of each 盟市 (each
    # state is a request: all 115 regions would take half a minute for no other kind of case).
    first_counties = {next(r[0] for r in m["regions"] if r[2] == p[0]) for p in m["regions"] if not p[2]}
    kept = {"", *(r[0] for r in m["regions"] if not r[2]), *first_counties}
    wanted = [s for s in states(m) if s.get("region", "") in kept]
    assert len(wanted) > 1000
    keyed = [[key(s), {p: ([s[p]] if p in s else []) if p != "q" else "" for p in PARAMS}] for s in wanted]
    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    assert page.evaluate(COMPARE, keyed) == []


def test_a_list_link_costs_one_request_and_more_shows_all_it_promises(
    page: Any, base_url: str, synth_site: Path
) -> None:
    links = list_links(synth_site)
    # 正在开展的项目, 已结束的项目, and lists by group and schedule long enough to need search
    assert {"type=project", "status=ended"} <= {q for _, q, _ in links} and len(links) >= 6
    for rel, query, count in links:
        fetched: list[str] = []
        record = fetched_into(fetched)
        page.on("request", record)
        try:
            page.goto(base_url + "search/?" + query)
            page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
        finally:
            page.remove_listener("request", record)
        index_files = [name for name in fetched if re.fullmatch(r"[spd][0-9a-z]+\.json", name)]
        assert len(index_files) == 1 and index_files[0].startswith("s"), (rel, index_files)
        assert page.locator("[data-entry-id]").count() == min(20, count), rel
        assert f"找到 {count} 条" in page.inner_text("[data-search-status]"), rel
        while page.is_visible("[data-search-more]"):
            shown = page.locator("[data-entry-id]").count()
            page.click("[data-search-more]")
            page.wait_for_function(f"document.querySelectorAll('[data-entry-id]').length > {shown}")
        found = page.eval_on_selector_all("[data-entry-id]", "els => els.map(e => e.dataset.entryId)")
        assert len(found) == len(set(found)) == count, rel


def test_a_state_not_prepared_is_searched_from_the_index(page: Any, base_url: str, synth_site: Path) -> None:
    m = manifest(synth_site)
    schedule, region = m["prepared"]["schedule"][1], next(r[0] for r in m["regions"] if not r[2])
    fetched: list[str] = []
    record = fetched_into(fetched)
    page.on("request", record)
    try:
        # a region, a schedule and free: two filters besides the region
        page.goto(base_url + f"search/?region={region}&schedule={schedule}&free=1")
        page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    finally:
        page.remove_listener("request", record)
    assert not [name for name in fetched if re.fullmatch(r"s[0-9a-z]+\.json", name)]
    assert [name for name in fetched if re.fullmatch(r"p\d+\.json", name)]


def _entries(page: Any, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    return list(page.eval_on_selector_all("[data-entry-id]", "els => els.map(e => e.dataset.entryId)"))


@pytest.mark.parametrize(
    "answer",
    [
        {"status": 404, "body": "not found"},
        # a Wi-Fi portal or an operator's page in place of the file: 200, but HTML
        {"status": 200, "body": "<html><body>请先登录</body></html>", "content_type": "text/html"},
    ],
    ids=["missing", "portal-page"],
)
def test_a_prepared_file_the_network_spoils_is_answered_from_the_index(
    page: Any, base_url: str, synth_site: Path, answer: dict[str, Any]
) -> None:
    link = base_url + "search/?type=project"
    expected = _entries(page, link)
    assert len(expected) == 20
    page.route("**/search/*/s*.json", lambda route: route.fulfill(**answer))
    try:
        assert _entries(page, link) == expected
    finally:
        page.unroute("**/search/*/s*.json")


def test_a_postings_file_the_network_spoils_says_so_and_the_next_try_searches(
    page: Any, base_url: str
) -> None:
    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    portal = {"status": 200, "body": "<html><body>请先登录</body></html>", "content_type": "text/html"}
    page.route("**/search/*/p*.json", lambda route: route.fulfill(**portal))
    try:
        page.fill("input[name=q]", "培训")
        page.wait_for_selector("[data-search-results][data-state=error]", state="attached")
        assert "搜索暂时不可用" in page.inner_text("[data-search-status]")
    finally:
        page.unroute("**/search/*/p*.json")
    page.fill("input[name=q]", "培训 ")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    assert page.locator("[data-entry-id]").count() > 0
