"""/search/ in Chromium: the tokeniser agrees with Python, and each kind of query finds what the data says.

Expectations are worked out from the published open data (titles, regions, schedules, dates),
independently of the index, so the search is checked against the records it serves.
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from skillmap.search.pinyin import syllables

from ..conftest import ROOT, TODAY
from .browser import phone_tab, serve

VECTORS = json.loads((ROOT / "tests" / "search" / "vectors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="module")
def page(demo_site: Path, base_url: str) -> Iterator[Any]:
    with phone_tab() as tab:
        yield tab


def table(site: Path, name: str) -> list[dict[str, str]]:
    [path] = (site / "data").glob(f"{name}.*.csv")
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def status(row: dict[str, str]) -> str:
    if dt.date.fromisoformat(row["ends"]) < TODAY:
        return "ended"
    return "enrolling" if dt.date.fromisoformat(row["enroll_until"]) >= TODAY else "closed"


def hits(page: Any, base_url: str, query: str, more: bool = True) -> list[dict[str, str]]:
    page.goto(base_url + "search/?" + query)
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    while more and page.is_visible("[data-search-more]"):
        count = page.locator("[data-entry-id]").count()
        page.click("[data-search-more]")
        page.wait_for_function(f"document.querySelectorAll('[data-entry-id]').length > {count}")
    return page.eval_on_selector_all(
        "[data-search-results] [data-entry-id]",
        "els => els.map(e => ({id: e.dataset.entryId, type: e.dataset.entryType, status: e.dataset.status || '',"
        " pay: e.dataset.pay, groups: e.dataset.groups}))",
    )


def a_county_project(site: Path) -> tuple[dict[str, dict[str, str]], list[dict[str, str]], dict[str, str]]:
    """The regions by code, the projects not ended, and the first of those held in a 旗县."""
    regions = {r["code"]: r for r in table(site, "regions")}
    rows = [r for r in table(site, "projects") if status(r) != "ended"]
    return regions, rows, next(r for r in rows if regions[r["region"]]["level"] == "county")


def ids(found: list[dict[str, str]], kind: str = "project") -> list[str]:
    return [h["id"] for h in found if h["type"] == kind]


def test_the_browser_tokenises_exactly_as_the_build(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    got = page.evaluate(
        """cases => cases.map(c => ({normalized: SkillmapSearch.normalize(c.query),
            terms: SkillmapSearch.queryTerms(c.query).map(t => t.map(a => [a.kind, a.tokens]))}))""",
        VECTORS["queries"],
    )
    expected = [{"normalized": c["normalized"], "terms": c["terms"]} for c in VECTORS["queries"]]
    assert got == expected


def test_a_title_infix_finds_its_project_first_among_open_ones(
    page: Any, base_url: str, demo_site: Path
) -> None:
    rows = [r for r in table(demo_site, "projects") if status(r) != "ended"]
    row = rows[0]
    word = row["title"][1:3]  # two characters from inside the title
    found = hits(page, base_url, "q=" + quote(word))
    assert row["id"] in ids(found)[:10] or len([r for r in rows if word in r["title"]]) > 10
    for hit in found:
        assert hit["status"] != "ended"


def test_a_place_by_pinyin_initials_or_its_prefecture_finds_records_there(
    page: Any, base_url: str, demo_site: Path
) -> None:
    regions = {r["code"]: r for r in table(demo_site, "regions")}
    rows = [r for r in table(demo_site, "projects") if status(r) != "ended"]

    def in_prefecture(row: dict[str, str], code: str) -> bool:
        return row["region"] == code or regions[row["region"]]["parent_code"] == code

    for query, code in (("baotou", "150200"), ("bao tou", "150200"), ("hhht", "150100"), ("包头", "150200")):
        found = ids(hits(page, base_url, "q=" + quote(query)))
        expected = {r["id"] for r in rows if in_prefecture(r, code)}
        assert expected and expected <= set(found), query


def test_an_alias_finds_its_occupation(page: Any, base_url: str, demo_site: Path) -> None:
    aliases = {r["name"]: r["aliases"].split("|") for r in table(demo_site, "occupations") if r["aliases"]}
    rows = [r for r in table(demo_site, "projects") if status(r) != "ended"]
    checked = 0
    for row in rows:
        for alias in aliases.get(row["occupation"], [])[:1]:
            if len(alias) >= 2 and alias not in row["title"]:
                assert row["id"] in ids(hits(page, base_url, "q=" + quote(alias))), alias
                checked += 1
        if checked >= 3:
            break
    assert checked >= 1


def test_two_words_narrow_and_filters_combine(page: Any, base_url: str, demo_site: Path) -> None:
    rows = [r for r in table(demo_site, "projects") if status(r) != "ended"]
    night = [r for r in rows if r["schedule"] == "技能夜校"]
    found = hits(page, base_url, "schedule=" + quote("技能夜校"))
    assert sorted(ids(found)) == sorted(r["id"] for r in night)  # a filter-only deep link lists them all
    assert all(h["type"] == "project" for h in found)
    occupation = night[0]["occupation"][:2]
    narrowed = ids(hits(page, base_url, f"q={quote(occupation)}+{quote('夜校')}"))
    broad = ids(hits(page, base_url, "q=" + quote(occupation)))
    assert night[0]["id"] in narrowed and set(narrowed) <= set(broad)
    enrolling = hits(page, base_url, "status=enrolling&schedule=" + quote("技能夜校"))
    assert sorted(ids(enrolling)) == sorted(r["id"] for r in night if status(r) == "enrolling")
    assert all(h["status"] == "enrolling" for h in enrolling)


def test_region_filters_take_in_counties_and_their_prefecture(
    page: Any, base_url: str, demo_site: Path
) -> None:
    regions, rows, county = a_county_project(demo_site)
    prefecture = regions[county["region"]]["parent_code"]
    found = set(ids(hits(page, base_url, f"region={prefecture}&type=project")))
    assert found == {
        r["id"]
        for r in rows
        if r["region"] == prefecture or regions[r["region"]]["parent_code"] == prefecture
    }
    found = set(ids(hits(page, base_url, f"region={county['region']}&type=project")))
    assert found == {r["id"] for r in rows if r["region"] in (county["region"], prefecture)}


def test_ended_projects_only_when_asked(page: Any, base_url: str, demo_site: Path) -> None:
    rows = table(demo_site, "projects")
    ended = [r for r in rows if status(r) == "ended"]
    found = hits(page, base_url, "status=ended")
    assert sorted(ids(found)) == sorted(r["id"] for r in ended)
    assert all(h["status"] == "ended" for h in found)
    everything = hits(page, base_url, "status=all&type=project")
    assert len(everything) == len(rows)
    # The list's order: enrolling before closed before ended.
    order = {"enrolling": 0, "closed": 1, "ended": 2}
    ranks = [order[h["status"]] for h in everything]
    assert ranks == sorted(ranks)


def test_a_schedule_list_and_its_search_agree(page: Any, base_url: str, demo_site: Path) -> None:
    """The demo's lists are shorter than a page, so they carry no link to search; their links are
    tested on a longer catalogue in test_search_prepared.py. Here: the night-school list's
    projects are all what searching by its schedule finds."""
    cards = re.findall(
        r'class="sm-card" data-status="\w+"[^>]*>\s*<a class="sm-card__title" href="[^"]*projects/([^/"]+)/"',
        (demo_site / "for/yexiao/index.html").read_text(encoding="utf-8"),
    )
    assert cards
    assert set(cards) <= set(ids(hits(page, base_url, "schedule=" + quote("技能夜校"))))


def test_zero_results_give_help_not_a_blank_page(page: Any, base_url: str) -> None:
    found = hits(page, base_url, "q=" + quote("火星种土豆") + "&region=150203")
    assert found == []
    help_text = page.text_content("[data-search-help]") or ""
    assert page.is_visible("[data-search-help]") and "去掉筛选条件" in help_text and "包头市" in help_text
    assert "没有找到" in (page.text_content("[data-search-status]") or "")


def test_typing_searches_as_you_type_and_keeps_the_query_in_the_url(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/?from=singlemessage")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    page.fill("input[name=q]", "")
    page.keyboard.type("baotou")
    page.wait_for_selector("[data-search-results][data-state=done][data-query=baotou]", state="attached")
    assert "q=baotou" in page.url
    assert page.locator("[data-entry-id]").count() > 0
    page.click("[data-search-filters] summary")  # the filters fold away on a phone until asked for
    page.select_option("select[name=schedule]", "周末班")
    page.wait_for_function("location.search.includes('schedule=')")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    assert page.get_attribute("[data-search-status]", "aria-live") == "polite"
    assert page.locator("input[name=q]").count() == 1


def test_suggestions_offer_a_place_and_apply_it_as_the_region_filter(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    page.fill("input[name=q]", "bao")
    button = page.locator("[data-search-suggest] button", has_text="包头市")
    button.wait_for()
    button.click()
    page.wait_for_function("location.search.includes('region=150200')")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    assert page.locator("[data-entry-id]").count() > 0
    assert page.input_value("input[name=q]") == ""


def test_nothing_found_proposes_a_corrected_spelling_with_lunr_loaded_only_then(
    page: Any, base_url: str
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    hits(page, base_url, "q=" + quote("电工"))
    assert not any("lunr" in url for url in requests)  # a query that finds something needs no lunr
    hits(page, base_url, "q=hangongg")  # one letter too many
    page.wait_for_selector("[data-search-help] .sm-suggest button")
    assert "焊工" in (page.text_content("[data-search-help] .sm-suggest") or "")
    assert any("lunr." in url for url in requests) and any("names-lunr" in url for url in requests)


def test_other_pages_fetch_nothing_of_search_until_it_is_used(page: Any, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ("", "map/", "projects/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/search/" in url or "/search." in url or "lunr" in url]


def test_the_names_for_suggestions_come_before_the_reader_types(page: Any, base_url: str) -> None:
    """Fetched in an idle moment after the page's own search, so the first keystroke's
    suggestions wait for no file of their own."""
    requests: list[str] = []

    def record(request: Any) -> None:
        requests.append(request.url)

    page.on("request", record)
    try:
        page.goto(base_url + "search/")
        page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
        page.wait_for_function(
            "performance.getEntriesByType('resource').some(e => /names\\.json$/.test(e.name))"
        )
        before = len(requests)
        page.fill("input[name=q]", "包头")
        page.wait_for_selector("[data-search-suggest] .sm-suggest__item")
        assert not any("names.json" in url for url in requests[before:])
    finally:
        page.remove_listener("request", record)


def test_search_boxes_leave_pinyin_and_initials_as_typed(demo_site: Path) -> None:
    """No spell-check underline or capital letter on `baotou` or `hhht`, on every box that searches."""
    boxes = []
    for path in ("index.html", "search/index.html", "policy/index.html"):
        html = (demo_site / path).read_text(encoding="utf-8")
        boxes += re.findall(r'<input[^>]*name="q"[^>]*>', html)
    assert len(boxes) == 3
    for box in boxes:
        for attribute in (
            'spellcheck="false"',
            'autocapitalize="off"',
            'autocorrect="off"',
            'autocomplete="off"',
        ):
            assert attribute in box, box


def test_the_browser_hashes_tokens_to_the_shards_the_build_wrote(page: Any, base_url: str) -> None:
    from skillmap.search.index import fnv1a

    tokens = ["电工", "dianhan", "^hhht", "@s:技能夜校", "𠀀字"]
    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    assert page.evaluate("ts => ts.map(t => SkillmapSearch.fnv1a(t))", tokens) == [fnv1a(t) for t in tokens]


def test_a_place_and_an_occupation_typed_without_a_space_still_narrow(
    page: Any, base_url: str, demo_site: Path
) -> None:
    """包头养老 or baotouyanglao, as voice input writes them: each part must match, in its own field."""
    from skillmap.search.pinyin import syllables

    regions, _, row = a_county_project(demo_site)
    prefecture = regions[regions[row["region"]]["parent_code"]]["name"].removesuffix("市").removesuffix("盟")
    word = row["occupation"][:2]
    for query in (prefecture + word, "".join(syllables(prefecture + word))):
        found = ids(hits(page, base_url, "q=" + quote(query)))
        assert row["id"] in found, query
        for pid in found:
            other = next(r for r in table(demo_site, "projects") if r["id"] == pid)
            assert word in other["title"] + other["occupation"], (query, pid)


def test_suggestions_offer_an_institution_whose_name_holds_the_words(
    page: Any, base_url: str, demo_site: Path
) -> None:
    """Typing part of a listed institution's name offers a link to its page; one that has left never."""
    rows = table(demo_site, "institutions")

    def unique_infix(row: dict[str, str]) -> str | None:
        name = row["name"]
        for start in range(len(name) - 1):
            word = name[start : start + 2]
            if sum(word in r["name"] for r in rows) == 1:
                return word
        return None

    listed = next(r for r in rows if r["status"] == "在册" and unique_infix(r))
    word = unique_infix(listed)
    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    page.fill("input[name=q]", word)
    link = page.locator("[data-search-suggest] a", has_text=listed["name"])
    link.wait_for()
    assert (link.get_attribute("href") or "").endswith(f"institutions/{listed['id']}/")
    link.click()
    page.wait_for_url(f"**/institutions/{listed['id']}/")

    # A word shared by one listed institution and one that has left: the listed one is offered
    # (the suggestions ran), the other is not, though there is room for two.
    listed_names = [r["name"] for r in rows if r["status"] == "在册"]
    shared = [
        (word, r)
        for r in rows
        if r["status"] in ("暂停", "退出")
        for word in {r["name"][i : i + 2] for i in range(len(r["name"]) - 1)}
        if sum(word in n for n in listed_names) == 1
    ]
    assert shared, "the demo data keeps an institution that has left"
    word, gone = sorted(shared, key=lambda x: (x[1]["id"], x[0]))[0]
    page.fill("input[name=q]", "")
    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    page.fill("input[name=q]", word)
    page.locator("[data-search-suggest] a").first.wait_for()
    assert gone["name"] not in (page.text_content("[data-search-suggest]") or "")


def shard_holds(site: Path, token: str) -> bool:
    """Whether the built index has postings for a token (read from the shard the manifest names)."""
    import re

    from skillmap.search.index import fnv1a

    page_html = (site / "search" / "index.html").read_text(encoding="utf-8")
    manifest = json.loads(re.search(r'id="sm-search-manifest"[^>]*>(.*?)</script>', page_html, re.S).group(1))
    shard = site / manifest["dir"] / f"p{fnv1a(token) % manifest['shards']}.json"
    return token in json.loads(shard.read_text(encoding="utf-8"))


def test_spaced_pinyin_means_the_syllables_together_else_apart(
    page: Any, base_url: str, demo_site: Path
) -> None:
    """bao tou is 包头 (the hits of baotou, in its order); lao yang, which stands together nowhere,
    still finds the records that have both syllables (养老)."""
    assert ids(hits(page, base_url, "q=" + quote("bao tou"))) == ids(hits(page, base_url, "q=baotou"))
    assert not shard_holds(demo_site, "laoyang") and shard_holds(demo_site, "yanglao")
    found = ids(hits(page, base_url, "q=" + quote("lao yang")))
    rows = {r["id"]: r for r in table(demo_site, "projects")}
    assert found and any("养老" in rows[pid]["title"] + rows[pid]["occupation"] for pid in found)


def test_a_file_lost_on_a_flaky_network_is_fetched_again_on_the_next_try(page: Any, base_url: str) -> None:
    failed: list[str] = []

    def once(route: Any) -> None:
        if not failed:
            failed.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    page.route("**/search/*/p*.json", once)
    try:
        page.fill("input[name=q]", "焊工")
        page.wait_for_selector("[data-search-results][data-state=error]", state="attached")
        assert failed and "稍后再试" in (page.text_content("[data-search-status]") or "")
        page.click("form[data-search-form] button[type=submit]")
        page.wait_for_selector("[data-search-results][data-state=done][data-query='焊工']", state="attached")
        assert page.locator("[data-entry-id]").count() > 0
    finally:
        page.unroute("**/search/*/p*.json")


def test_search_works_with_large_text_in_elder_mode_and_by_keyboard(page: Any, base_url: str) -> None:
    """长辈模式 with the phone's text at twice its size, used by keyboard only: the query, a
    suggestion and a result are reached with Tab and opened with Enter; nothing is wider than the
    screen and the targets stay large."""
    tab = page.browser.new_page(viewport={"width": 360, "height": 740})
    try:
        tab.goto(base_url + "search/?elder=1")
        tab.add_style_tag(content="html { font-size: 200% !important; }")  # Android's largest text size
        tab.wait_for_selector("[data-search-results][data-state=done]", state="attached")
        tab.focus("input[name=q]")
        tab.keyboard.type("bao")
        tab.wait_for_selector("[data-search-suggest] button", state="visible")
        tab.wait_for_selector("[data-search-results][data-state=done][data-query=bao]", state="attached")
        assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        heights = tab.eval_on_selector_all(
            "[data-search-suggest] .sm-suggest__item", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 60
        # Tab from the box reaches the search button, then the first suggestion; Enter applies it.
        tab.keyboard.press("Tab")
        tab.keyboard.press("Tab")
        focused = tab.evaluate("document.activeElement.textContent")
        assert "包头市" in focused
        tab.keyboard.press("Enter")
        tab.wait_for_function("location.search.includes('region=150200')")
        tab.wait_for_selector("[data-search-results][data-state=done]", state="attached")
        status_text = tab.text_content("[data-search-status]") or ""
        assert "找到" in status_text and tab.get_attribute("[data-search-status]", "aria-live") == "polite"
        first = tab.locator("[data-search-results] a").first
        first.focus()
        href = first.get_attribute("href") or ""
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/" + href.lstrip("./"))
    finally:
        tab.close()


def test_a_link_with_a_value_the_lists_do_not_offer_shows_it_and_offers_to_drop_each_filter(
    page: Any, base_url: str
) -> None:
    """An old menu link (group=高校毕业生, no such group) with 只看免费: the form shows the value as
    it came, nothing is found, and each filter can be taken away on its own."""
    found = hits(page, base_url, "group=" + quote("高校毕业生") + "&free=1")
    assert found == []
    assert (
        page.eval_on_selector("select[name=group]", "s => s.options[s.selectedIndex].textContent")
        == "高校毕业生"
    )
    tip = page.locator("[data-search-help] a", has_text="去掉“面向人群：高校毕业生”")
    assert page.locator("[data-search-help] a", has_text="去掉“费用：免费”").count() == 1
    tip.click()
    page.wait_for_function("!location.search.includes('group=')")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    assert "free=1" in page.url
    facts = page.eval_on_selector_all(
        "[data-search-results] .sm-card__facts", "els => els.map(e => e.textContent)"
    )
    assert facts and all("免费" in text for text in facts)  # what is left is the free courses


def test_a_menu_link_s_filters_show_as_chips_with_the_hits_on_the_first_screen(
    page: Any, base_url: str, demo_site: Path
) -> None:
    """找工作 (type=job) and 免费 from the menu: the filter panel stays folded, the filters in force
    are chips above the hits, the title says what is searched, and a chip takes its filter away."""
    postings = table(demo_site, "jobs")
    found = hits(page, base_url, "type=job&free=1", more=False)
    assert found == []  # 免费 is a project filter: no posting passes it
    chips = page.locator("[data-search-active] .sm-chip")
    assert page.eval_on_selector("[data-search-filters]", "d => d.open") is False
    assert sorted(c.strip() for c in chips.all_text_contents()) == [
        "类型：招聘岗位去掉 ×",
        "费用：免费去掉 ×",
    ]
    assert page.text_content("[data-search-title]") == "搜索招聘岗位"
    assert page.title().startswith("搜索招聘岗位")
    assert "已选 2 项" in (page.text_content("[data-search-filters] summary") or "")
    chips.filter(has_text="费用").click()  # 去掉 免费
    page.wait_for_function("!location.search.includes('free=')")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    assert "type=job" in page.url
    assert page.locator("[data-search-active] .sm-chip").count() == 1
    total = int(re.search(r"找到 (\d+) 条", page.text_content("[data-search-status]") or "")[1])
    open_postings = [r for r in postings if dt.date.fromisoformat(r["valid_until"]) >= TODAY]
    assert total == len(open_postings)
    first = page.locator("[data-entry-id]").first.bounding_box()
    assert first and first["y"] + first["height"] <= 740  # the first hit is on a 360 × 740 screen
    page.locator("[data-search-active] .sm-chip").click()  # 去掉 类型: back to everything
    page.wait_for_function("!location.search.includes('type=')")
    assert page.text_content("[data-search-title]") == "搜索培训项目"
    assert page.is_hidden("[data-search-active]")


def test_a_hit_says_the_same_price_and_groups_as_the_course_s_cards(
    page: Any, base_url: str, demo_site: Path
) -> None:
    cards: dict[str, set[tuple[str, str]]] = {}
    for html_file in demo_site.rglob("index.html"):
        for pay, groups, rid in re.findall(
            r'class="sm-card" data-status="\w+" data-pay="([^"]*)" data-groups="([^"]*)">\s*'
            r'<a class="sm-card__title" href="[^"]*projects/([^/"]+)/"',
            html_file.read_text(encoding="utf-8"),
        ):
            cards.setdefault(rid, set()).add((html_lib.unescape(pay), html_lib.unescape(groups)))
    found = [h for h in hits(page, base_url, "status=all&type=project") if h["type"] == "project"]
    assert found and all(h["pay"] is not None and h["groups"] for h in found)
    for hit in found:
        if hit["id"] in cards:
            assert cards[hit["id"]] == {(hit["pay"], hit["groups"])}, hit["id"]


# -- people's words (SPEC §6) ------------------------------------------------------------------


def _reference(name: str) -> list[dict[str, str]]:
    with (ROOT / "catalog" / "reference" / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_places_as_people_say_them_find_the_courses_there(page: Any, base_url: str, demo_site: Path) -> None:
    """呼市, 达茂 (and damao), 土右, and a town for its 旗县 (百灵庙): every open course there."""
    regions = {r["code"]: r for r in table(demo_site, "regions")}
    rows = [r for r in table(demo_site, "projects") if status(r) != "ended"]
    checked = set()
    for name in _reference("place_names"):
        code = name["code"]
        there = {r["id"] for r in rows if code in (r["region"], regions[r["region"]]["parent_code"])}
        if not there or len(there) > 20 or (name["kind"] in checked and len(checked) >= 3):
            continue
        for query in (name["name"], "".join(syllables(name["name"]))):
            assert there <= set(ids(hits(page, base_url, "q=" + quote(query)))), query
        checked.add(name["kind"])
    assert {"简称", "镇苏木"} <= checked


def test_time_mode_and_group_words_find_their_courses(page: Any, base_url: str, demo_site: Path) -> None:
    rows = [r for r in table(demo_site, "projects") if status(r) != "ended"]
    column = {"上课时间": "schedule", "培训方式": "mode", "面向人群": "groups"}
    seen = set()
    for word in _reference("search_words"):
        if word["field"] in seen:
            continue
        key = column[word["field"]]
        wanted = {r["id"] for r in rows if word["value"] in r[key].split("|") or word["value"] in r[key]}
        if not wanted or len(wanted) > 20:
            continue
        assert wanted <= set(ids(hits(page, base_url, "q=" + quote(word["word"])))), word
        seen.add(word["field"])
    assert seen == set(column)
    # A place and a time word typed together, as people type them.
    night = {r["id"] for r in rows if r["schedule"] == "技能夜校" and r["region"].startswith("1502")}
    assert night and night <= set(ids(hits(page, base_url, "q=" + quote("包头晚上"))))


def test_course_text_is_searched_and_ranks_below_a_name(page: Any, base_url: str, demo_site: Path) -> None:
    rows = [r for r in table(demo_site, "projects") if status(r) != "ended"]
    # 直播 stands in an e-commerce course's syllabus: 电商 (an alias of its occupation) and 直播 narrow to it.
    in_text = [r for r in rows if "直播" in r["content"] and r["occupation"] == "电子商务师"]
    assert in_text
    found = ids(hits(page, base_url, "q=" + quote("电商 直播")))
    assert {r["id"] for r in in_text} <= set(found)
    # 直播 alone: the courses whose occupation people call 直播 before those with it only in their syllabus.
    aliased = {r["id"] for r in rows if r["occupation"] == "互联网营销师"}
    found = ids(hits(page, base_url, "q=" + quote("直播")))
    text_only = [i for i, pid in enumerate(found) if pid in {r["id"] for r in in_text}]
    assert aliased <= set(found) and text_only and min(text_only) > max(found.index(pid) for pid in aliased)
    # `包头 diangong`: a course with 电工 in its title before one whose alias 钟点工 holds the syllables.
    found = ids(hits(page, base_url, "q=" + quote("包头 diangong")))
    assert found.index("bt-diangong-yexiao") < found.index("bt-jiazheng-zhoumo")


def test_initials_of_a_long_name_and_of_two_names(page: Any, base_url: str, demo_site: Path) -> None:
    rows = [r for r in table(demo_site, "projects") if status(r) != "ended"]
    long_names = sorted({r["occupation"] for r in rows if len(r["occupation"]) > 8})
    assert long_names
    for name in long_names:
        initials = "".join(s[0] for s in syllables(name))
        expected = {r["id"] for r in rows if r["occupation"] == name}
        assert expected <= set(ids(hits(page, base_url, "q=" + initials))), initials
    # btyx: 包头 + 夜校.
    night = {r["id"] for r in rows if r["schedule"] == "技能夜校" and r["region"].startswith("1502")}
    assert night <= set(ids(hits(page, base_url, "q=btyx"))[:10])


def test_a_place_lists_enrolling_courses_before_closed_ones(page: Any, base_url: str) -> None:
    found = [h for h in hits(page, base_url, "q=baotou") if h["type"] == "project"]
    order = {"enrolling": 0, "closed": 1}
    ranks = [order[h["status"]] for h in found]
    assert 0 in ranks and 1 in ranks and ranks == sorted(ranks)


def test_back_from_a_hit_returns_to_the_same_hits_and_place(page: Any, base_url: str) -> None:
    found = hits(page, base_url, "type=project&status=all", more=False)
    assert len(found) == 20 and page.is_visible("[data-search-more]")
    page.click("[data-search-more]")
    page.wait_for_function("document.querySelectorAll('[data-entry-id]').length > 20")
    shown = page.locator("[data-entry-id]").count()
    target = page.locator("[data-entry-id]").nth(shown - 3)
    target.scroll_into_view_if_needed()
    y = page.evaluate("window.scrollY")
    assert y > 1000
    target.locator("a").click()
    page.wait_for_selector(".sm-main")
    page.go_back()
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    page.wait_for_function(f"document.querySelectorAll('[data-entry-id]').length >= {shown}")
    page.wait_for_function(f"Math.abs(window.scrollY - {y}) < 5")
    assert page.locator("[data-entry-id]").count() == shown


def test_postings_are_found_by_position_employer_alias_pinyin_initials_and_place(
    page: Any, base_url: str, demo_site: Path
) -> None:
    """type=job (SPEC §8): open postings only, by the words a job seeker types."""
    from skillmap.search.pinyin import syllables as sylls

    postings = table(demo_site, "jobs")
    open_ids = {r["id"] for r in postings if dt.date.fromisoformat(r["valid_until"]) >= TODAY}
    every = ids(hits(page, base_url, "type=job"), "job")
    assert set(every) == open_ids  # expired postings leave search
    aliases = {r["name"]: r["aliases"].split("|") for r in table(demo_site, "occupations") if r["aliases"]}
    row = next(r for r in postings if r["id"] in open_ids and aliases.get(r["occupation"]))
    for query in (
        row["position"],
        row["employer"],
        "".join(sylls(row["position"])),
        "".join(s[0] for s in sylls(row["employer"])),
        aliases[row["occupation"]][0],
    ):
        assert row["id"] in ids(hits(page, base_url, "type=job&q=" + quote(query)), "job"), query
    regions = {r["code"]: r for r in table(demo_site, "regions")}
    home = (
        regions[row["region"]]["parent_code"]
        if regions[row["region"]]["level"] == "county"
        else row["region"]
    )
    found = ids(hits(page, base_url, f"type=job&region={home}"), "job")
    assert row["id"] in found and all(
        (regions[r["region"]]["parent_code"] if regions[r["region"]]["level"] == "county" else r["region"])
        == home
        for r in postings
        if r["id"] in found
    )


def test_a_common_name_typed_whole_counts_as_the_occupation(
    page: Any, base_url: str, demo_site: Path
) -> None:
    """保育员 is what people call 保育师: its courses rank with records that have the word in a title."""
    rows = [
        r for r in table(demo_site, "projects") if status(r) == "enrolling" and r["occupation"] == "保育师"
    ]
    assert rows
    found = hits(page, base_url, "q=" + quote("保育员"))
    assert found[0]["type"] == "project" and found[0]["id"] in {r["id"] for r in rows}


def test_the_names_file_expands_to_the_builds_names_and_knows_every_whole_name(
    page: Any, base_url: str, demo_site: Path
) -> None:
    """names.json leaves out what the browser can rebuild: rebuilt, it is index.py's names() exactly
    (the lunr index of names counts its entries), and its common names cover every WHOLE token the
    index holds, so skipping the WHOLE reading of any other word loses no hit."""
    from skillmap.search.index import names
    from skillmap.search.tokens import WHOLE
    from skillmap.site.model import SiteModel
    from skillmap.validate import check_project

    result = check_project(ROOT, TODAY)
    model = SiteModel(result.catalog, TODAY, dict(result.layout.mkdocs_config().get("extra") or {}))
    expected = names(model)
    page.goto(base_url + "search/")
    page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
    entries = page.evaluate("SkillmapSearch.index.names()")
    assert entries == expected
    [folder] = (demo_site / "search").glob("*/p0.json")
    indexed: set[str] = set()
    for shard in folder.parent.glob("p*.json"):
        indexed |= {t for t in json.loads(shard.read_text(encoding="utf-8")) if t.startswith(WHOLE)}
    assert indexed, "the demo's aliases give WHOLE tokens"
    known = page.evaluate("[...SkillmapSearch.index.wholeNames]")
    assert indexed <= set(known)
    # Typed once the names are in, a word that is no common name fetches no WHOLE file.
    from skillmap.search.index import fnv1a

    html = (demo_site / "search/index.html").read_text(encoding="utf-8")
    shards = int(re.search(r'"shards":\s*(\d+)', html).group(1))  # type: ignore[union-attr]
    whole_file, pair_file = (f"p{fnv1a(t) % shards}.json" for t in (WHOLE + "包头", "包头"))
    assert "=包头" not in known
    requests: list[str] = []

    def record(request: Any) -> None:
        requests.append(request.url)

    page.goto(base_url + "search/")
    page.wait_for_function("SkillmapSearch.index && SkillmapSearch.index.wholeNames")
    page.on("request", record)
    try:
        page.fill("input[name=q]", "包头")
        page.wait_for_function(
            "document.querySelector('[data-search-results]').dataset.state === 'done'"
            " && document.querySelectorAll('[data-entry-id]').length > 0"
        )
    finally:
        page.remove_listener("request", record)
    assert any(url.endswith("/" + pair_file) for url in requests)
    if whole_file != pair_file:
        assert not any(url.endswith("/" + whole_file) for url in requests)
