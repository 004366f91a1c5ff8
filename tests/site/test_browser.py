"""The site in a real browser: no other hosts, phones first, 长辈模式, accessibility, sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOT, make_tree, run
from .browser import serve

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def base_url(demo_url: str) -> str:
    return demo_url


def page_types(site: Path) -> dict[str, str]:
    """One URL per page type, taken from the built demo site."""
    projects = sorted(p.name for p in (site / "projects").iterdir() if p.is_dir())
    ended = next(
        p
        for p in projects
        if "已结束"
        in (site / "projects" / p / "index.html").read_text(encoding="utf-8").split("</h1>", 1)[1][:400]
    )
    first = lambda kind: sorted(p.name for p in (site / kind).iterdir() if p.is_dir())[0]  # noqa: E731
    return {
        "home": "",
        "map": "map/",
        "prefecture": "regions/150200/",
        "county": "regions/150203/",
        "project": f"projects/{projects[0]}/",
        "ended-project": f"projects/{ended}/",
        "institution": f"institutions/{first('institutions')}/",
        "brand": f"brands/{first('brands')}/",
        "case": f"cases/{first('cases')}/",
        "group": "for/nongmumin/",
        "night-school": "for/yexiao/",
        "archive": "archive/",
        "policy": "policy/",
        "subsidy": "subsidy/",
        "data": "data/",
        "search": "search/",
        "updates": "updates/",
    }


def test_no_request_leaves_the_local_server(browser: Any, base_url: str, demo_site: Path) -> None:
    page = browser.new_page()
    requests: list[str] = []
    failures: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for name, path in page_types(demo_site).items():
        response = page.goto(base_url + path + "?from=singlemessage&isappinstalled=0")
        assert response is not None and response.status == 200, name
        page.wait_for_load_state("networkidle")
    page.close()
    strangers = [u for u in requests if not u.startswith(base_url) and not u.startswith("data:")]
    assert strangers == []
    assert failures == []  # nothing the pages ask for is missing
    assert errors == []  # and no script fails
    assert len(requests) > 16


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 800)])
def test_no_horizontal_overflow(
    browser: Any, base_url: str, demo_site: Path, width: int, height: int
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": height})
    for name in ("home", "map", "project", "prefecture"):
        page.goto(base_url + page_types(demo_site)[name])
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}x{height}.png"), full_page=True)
        assert overflow <= 0, f"{name} at {width}px is {overflow}px too wide"
    page.close()


@pytest.fixture(scope="module")
def stress_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture catalogue with long unbroken strings where data can put them."""
    root = make_tree(tmp_path_factory.mktemp("stress") / "tree")
    long_word = "Qingcheng" * 12
    path = root / "catalog/institutions/qingcheng-school.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "https://example.org/qingcheng", f"https://example.org/{long_word}"
    )
    path.write_text(
        text.replace("呼和浩特市新城区青城路 1 号", "呼和浩特市新城区" + "青城路" * 30), encoding="utf-8"
    )
    path = root / "catalog/projects/hhht/hhht-hangong-yexiao.yaml"
    text = path.read_text(encoding="utf-8").replace("NM2026-150102-001", "NM" + "0" * 38)
    text = text.replace("title: 焊工技能夜校（四级）", "title: " + LONG_TITLE)
    path.write_text(text.replace("青城重工装备有限公司", long_word[:90]), encoding="utf-8")
    out = root / "site"
    assert run("build", "--root", str(root), "--today", "2026-11-27")[0] == 0
    with serve(out) as url:
        yield url


LONG_TITLE = ("Hangong" * 15)[:100]  # the longest title the schema allows, with no place to break


def test_long_unbroken_text_does_not_widen_a_phone_page(browser: Any, stress_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for path in (
        "projects/hhht-hangong-yexiao/",
        "institutions/qingcheng-school/",
        "posters/hhht-hangong-yexiao.html",
    ):
        page.goto(stress_url + path)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
    page.close()


def test_a_poster_keeps_its_qr_code_square_on_a_phone_and_prints_on_one_a4_page(
    browser: Any, stress_url: str, base_url: str, demo_site: Path
) -> None:
    """Forwarded in WeChat, a poster is read on a phone: its QR code must scan (square, ≥ 120 px at
    360 px); printed for a notice board, it is one A4 page, even with a 100-character title."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    poster = next(p.name for p in sorted((demo_site / "posters").glob("*.html")))
    for url in (base_url + "posters/" + poster, stress_url + "posters/hhht-hangong-yexiao.html"):
        page.goto(url)
        box = page.locator(".qr svg").bounding_box()
        assert box and abs(box["width"] - box["height"]) < 1 and box["width"] >= 120, (url, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=False)
        assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page ") == 1, url
        page.emulate_media(media="screen")
    assert LONG_TITLE in page.content()
    page.close()


ELDER_PROBE = """() => {
  const body = getComputedStyle(document.querySelector('.md-typeset p')).fontSize;
  const small = [];
  for (const el of document.querySelectorAll('.md-content a, .md-content button, .sm-toolbar button, .sm-toolbar input')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.height < 60 || r.width < 60) small.push(el.outerHTML.slice(0, 80) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  return {body: parseFloat(body), small, on: document.documentElement.classList.contains('sm-elder')};
}"""


def test_elder_mode_toggle_is_large_and_remembered(browser: Any, base_url: str, demo_site: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    url = base_url + page_types(demo_site)["project"]
    page.goto(url)
    before = page.evaluate(ELDER_PROBE)
    assert not before["on"]
    page.click("[data-elder-toggle]")
    after = page.evaluate(ELDER_PROBE)
    assert after["on"]
    assert after["body"] >= 18
    assert after["small"] == []
    page.screenshot(path=str(ARTIFACTS / "project-elder-360x740.png"), full_page=True)
    page.goto(base_url + page_types(demo_site)["home"])
    assert page.evaluate(ELDER_PROBE)["on"], "remembered on the device"
    assert page.get_attribute("[data-elder-toggle]", "aria-pressed") == "true"
    viewport = page.get_attribute("meta[name=viewport]", "content") or ""
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
    adjust = page.evaluate("getComputedStyle(document.documentElement).webkitTextSizeAdjust")
    assert adjust != "none", "the phone's own text size must not be blocked"
    context.close()


ELDER_EVERYTHING = """() => {
  const small = [], controls = [];
  const shown = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden]');
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('script, style, .md-sidebar') || !shown(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 18) small.push(el.tagName + '.' + el.className + ' ' + size + ' ' + node.textContent.trim().slice(0, 20));
  }
  // Controls: links, buttons, fields, choices; a label only where it is the target of a choice.
  for (const el of document.querySelectorAll('a[href], button, input, select, summary, label.sm-check')) {
    if (el.closest('.md-sidebar') || !shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.height < 60 || r.width < 60) controls.push(el.tagName + '.' + el.className + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' ' + (el.textContent || el.name || '').trim().slice(0, 16));
  }
  return {small, controls};
}"""


@pytest.mark.parametrize("kind", ["home", "prefecture", "project", "search", "group", "subsidy"])
def test_elder_mode_sets_every_text_and_control_large_by_its_own_rules(
    browser: Any, base_url: str, demo_site: Path, kind: str
) -> None:
    """≥ 18 px for every visible text, ≥ 60 px for every control (SPEC §5), held by the CSS: the
    test runs with a font fallback whose metrics differ from Noto's, as another phone's would."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    url = base_url + (page_types(demo_site)[kind] if kind != "search" else "search/?q=baotou")
    for fonts in ("", "body, body * { font-family: 'DejaVu Sans', sans-serif !important; }"):
        page.goto(url + ("&" if "?" in url else "?") + "elder=1")
        if fonts:
            page.add_style_tag(content=fonts)
        if kind == "search":
            page.wait_for_selector("[data-search-results][data-state=done]", state="attached")
            page.click("summary")  # the filters, open
        found = page.evaluate(ELDER_EVERYTHING)
        assert found["small"] == [], (kind, fonts)
        assert found["controls"] == [], (kind, fonts)
    page.close()


def test_elder_mode_from_the_url(browser: Any, base_url: str, demo_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + page_types(demo_site)["map"] + "?elder=1")
    assert page.evaluate(ELDER_PROBE)["on"]
    page.goto(base_url + page_types(demo_site)["map"] + "?elder=0")
    assert not page.evaluate(ELDER_PROBE)["on"]
    context.close()


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_axe_finds_no_serious_or_critical_violation(
    browser: Any, base_url: str, demo_site: Path, elder: bool
) -> None:
    import axe_playwright_python

    axe_js = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 360, "height": 740})
    problems = []
    for name, path in page_types(demo_site).items():
        page.goto(base_url + path + f"?elder={int(elder)}")
        page.add_script_tag(content=axe_js)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{name}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}")
    page.close()
    assert problems == [], "\n".join(problems)


def test_links_work_under_the_sub_path(browser: Any, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base_url)
    page.click("a[href='regions/150200/']")
    assert page.url.endswith("/zt/pxdht/regions/150200/")
    page.click(".sm-card__title >> nth=0")
    assert "/zt/pxdht/projects/" in page.url
    assert page.locator("a[href^='tel:']").count() >= 1
    page.click(".sm-footer a[href$='data/']")
    assert page.url.endswith("/zt/pxdht/data/")
    page.goto(base_url + "map/")
    page.click(".sm-map__tile >> nth=0")
    assert "/zt/pxdht/regions/" in page.url
    page.close()


MAP_PROBE = """() => {
  const tiles = [...document.querySelectorAll('[data-region]')].map(el => {
    const r = el.getBoundingClientRect();
    return {code: el.dataset.region, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            width: r.width, height: r.height, text: el.textContent.replace(/\\s+/g, ' ').trim(),
            label: el.getAttribute('aria-label'), name: el.querySelector('.sm-map__name').textContent};
  });
  return {tiles, scroll: document.documentElement.scrollWidth - innerWidth, width: innerWidth, height: innerHeight};
}"""


@pytest.mark.parametrize(
    ("width", "height", "elder"), [(360, 740, False), (360, 740, True), (1280, 800, False), (1280, 800, True)]
)
def test_the_whole_map_fits_the_screen_with_large_tiles(
    browser: Any, base_url: str, width: int, height: int, elder: bool
) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(base_url + f"map/?elder={int(elder)}")
    probe = page.evaluate(MAP_PROBE)
    page.screenshot(path=str(ARTIFACTS / f"map-{width}x{height}{'-elder' if elder else ''}.png"))
    page.close()
    tiles = probe["tiles"]
    assert len(tiles) == 12 and probe["scroll"] <= 0
    least = 60 if elder else 44
    for t in tiles:
        assert t["left"] >= 0 and t["right"] <= probe["width"], t["code"]
        assert t["width"] >= least and t["height"] >= least, t
        assert t["label"] is None and t["name"] in t["text"], t  # the accessible name is the visible text
    if width == 360 and not elder:
        assert max(t["bottom"] for t in tiles) <= probe["height"], "every tile on the first screen"
    assert min(t["top"] for t in tiles) < probe["height"], "the first screen shows the map"


CONTRAST_PROBE = """(selector) => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].filter(el => el.getClientRects().length).map(el => {
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    return {html: el.outerHTML.slice(0, 60), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
            size: parseFloat(getComputedStyle(el).fontSize)};
  });
}"""


def test_elder_mode_keeps_its_main_button_footer_and_tables_readable(
    browser: Any, base_url: str, demo_site: Path
) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    enrolling = next(
        p.name
        for p in sorted((demo_site / "projects").iterdir())
        if p.is_dir() and "data-enrol" in (p / "index.html").read_text(encoding="utf-8")
    )
    page.goto(base_url + f"projects/{enrolling}/?elder=1")
    for selector in ("[data-enrol]", ".sm-footer a", ".md-typeset h1, .md-typeset h2", ".md-typeset td"):
        found = page.evaluate(CONTRAST_PROBE, selector)
        assert found, selector
        for item in found:
            assert item["ratio"] >= 4.5, (selector, item)
    cells = page.evaluate(CONTRAST_PROBE, ".md-typeset td, .md-typeset p, .md-typeset li")
    assert min(c["size"] for c in cells) >= 18
    tel = page.locator(".md-typeset a[href^='tel:']").first
    assert tel.evaluate("el => el.getClientRects().length") == 1, "a phone number stays on one line"
    page.close()


def test_the_subsidy_answer_is_on_a_phone_screen(browser: Any, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base_url + "subsidy/")
    cells = page.evaluate(
        "() => [...document.querySelectorAll('table.sm-stack td')].map(td => [td.dataset.label, td.getBoundingClientRect().right])"
    )
    page.close()
    assert {label for label, _ in cells} >= {"基本补贴", "签合同、交社保后", "个人需付"}
    assert all(right <= 360 for _, right in cells), cells


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_the_call_to_enrol_and_who_it_is_for_are_on_the_first_screen(
    browser: Any, base_url: str, demo_site: Path, elder: bool
) -> None:
    """360 × 740, as a phone shows a page opened from WeChat: 面向 and the call button above the fold.

    What stands above them is the title, the status line and 面向, so the pages where those are
    longest (the most lines on a phone) are the ones that can push them down: the dozen longest of
    the pages that offer to enrol and of all the others are checked."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    pages = _longest_heads(demo_site, 12)
    checked = 0
    for pid in pages:
        page.goto(f"{base_url}projects/{pid}/" + ("?elder=1" if elder else "?elder=0"))
        who = page.locator(".sm-for").bounding_box()
        assert who and who["y"] + who["height"] <= 740, pid
        call = page.locator("[data-enrol]")
        if call.count():
            box = call.bounding_box()
            assert box and box["y"] + box["height"] <= 740, (pid, box)
            checked += 1
    assert checked >= 10
    page.close()


def _longest_heads(site: Path, each: int) -> list[str]:
    """Project pages with the longest text above the call button, `each` of the pages offering to
    enrol and `each` of the others."""
    import re

    heads: dict[bool, list[tuple[int, str]]] = {True: [], False: []}
    for path in sorted((site / "projects").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        head = html.split("<h1", 1)[1].split('class="sm-actions"', 1)[0]
        text = re.sub(r"<[^>]+>", "", head.split("data-closed-only", 1)[0])
        heads["data-enrol" in html].append((-len(text), path.parent.name))
    return sorted(pid for group in heads.values() for _, pid in sorted(group)[:each])
