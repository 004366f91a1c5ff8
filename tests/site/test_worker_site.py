"""The site as a worker meets it: honest status, lists that lead with open courses, counts that add up.

The expected status of every project is worked out here from the published open data (its
dates), not from the site's own code, so the pages are checked against an independent oracle.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from ..conftest import ROOT, TODAY, make_tree, run


@pytest.fixture(scope="module")
def synth_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from skillmap.dev.synth import main as synth

    root = tmp_path_factory.mktemp("synth") / "tree"
    assert synth(["--projects", "240", "--out", str(root), "--root", str(ROOT)]) == 0
    code, out, err = run("build", "--root", str(root), "--today", TODAY.isoformat())
    assert code == 0, out + err
    return root / "site"


def _table(site: Path, name: str) -> list[dict[str, str]]:
    [path] = (site / "data").glob(f"{name}.*.csv")
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def expected_status(row: dict[str, str]) -> str:
    ends, until = dt.date.fromisoformat(row["ends"]), dt.date.fromisoformat(row["enroll_until"])
    if ends < TODAY:
        return "ended"
    return "enrolling" if until >= TODAY else "closed"


def _html(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def _cards(html: str) -> list[tuple[str, str]]:
    """(project id, data-status) of every card, in page order."""
    found = re.findall(
        r'<li class="sm-card" data-status="(\w+)"[^>]*>\s*<a class="sm-card__title" href="[^"]*projects/([^/"]+)/"',
        html,
    )
    return [(pid, hook) for hook, pid in found]


def test_every_project_page_says_its_status_and_only_an_open_one_offers_to_enrol(synth_site: Path) -> None:
    rows = _table(synth_site, "projects")
    seen = set()
    for row in rows:
        html = _html(synth_site, f"projects/{row['id']}")
        status = expected_status(row)
        seen.add(status)
        assert re.search(r'data-status="(\w+)"', html).group(1) == status, row["id"]  # type: ignore[union-attr]
        assert html.count("data-enrol") == (1 if status == "enrolling" else 0), row["id"]
        if status != "enrolling":
            assert "咨询下一期" in html and "拨打报名电话" not in html, row["id"]
        poster = synth_site / "posters" / f"{row['id']}.html"
        assert poster.exists() == (status == "enrolling"), row["id"]
    assert seen == {"enrolling", "closed", "ended"}  # the catalogue exercises every case


def _promising_lists(site: Path) -> list[str]:
    pages = ["", "projects", *(f"for/{p.name}" for p in (site / "for").iterdir())]
    return pages + [
        f"{kind}/{p.name}" for kind in ("regions", "brands") for p in (site / kind).iterdir() if p.is_dir()
    ]


def test_lists_that_promise_enrolment_show_open_courses_first(synth_site: Path) -> None:
    status = {row["id"]: expected_status(row) for row in _table(synth_site, "projects")}
    checked = 0
    for rel in _promising_lists(synth_site):
        html = _html(synth_site, rel)
        for block in re.findall(r'<ul class="sm-cards">(.*?)</ul>', html, re.DOTALL):
            cards = _cards(block)
            assert all(s == status[pid] for pid, s in cards), rel
            hooks = [s for _, s in cards]
            if not rel.startswith("brands/"):  # a brand's page lists its past classes too, last
                assert "ended" not in hooks, rel
            rank = {"enrolling": 0, "closed": 1, "ended": 2}
            assert hooks == sorted(hooks, key=rank.__getitem__), f"{rel}: a closed course before an open one"
            checked += len(cards)
        if "个正在招生" in html:
            m = re.search(r"共 (\d+) 个项目（截至 [\d-]+）：(\d+) 个正在招生(?:，(\d+) 个已截止报名)?", html)
            assert m, rel
            total, open_, closed = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
            assert total == open_ + closed, rel
    assert checked > 300


def test_region_counts_count_each_course_once(synth_site: Path) -> None:
    with (ROOT / "catalog/reference/regions.csv").open(encoding="utf-8") as f:
        parent = {r["code"]: r["parent_code"] for r in csv.DictReader(f) if r["level"] == "county"}
    live = [r for r in _table(synth_site, "projects") if expected_status(r) != "ended"]
    map_html = _html(synth_site, "map")
    for prefecture in set(parent.values()):
        inside = [r for r in live if r["region"] == prefecture or parent.get(r["region"]) == prefecture]
        tile = re.search(rf'data-region="{prefecture}">.*?sm-map__count">(.*?)</span>', map_html)
        assert tile, prefecture
        shown = int(tile.group(1).split(" ")[0]) if "个项目" in tile.group(1) else 0
        assert shown == len(inside), prefecture
        page = _html(synth_site, f"regions/{prefecture}")
        counties = re.findall(r'regions/(\d{6})/">[^<]+<small>(\d+) 个项目</small>', page)
        citywide = sum(r["region"] == prefecture for r in live)
        assert sum(int(n) for _, n in counties) + citywide == len(inside), prefecture
        for county, n in counties:
            assert int(n) == sum(r["region"] == county for r in live), county
            county_page = _html(synth_site, f"regions/{county}")
            assert ("面向全" in county_page and "招生的项目" in county_page) == (citywide > 0), county


def test_a_paid_course_says_what_the_trainee_pays_and_the_uplift_in_full(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    path = root / "catalog/projects/hhht/hhht-hangong-yexiao.yaml"
    text = (
        path.read_text(encoding="utf-8")
        .replace("fee: 1600", "fee: 4800")
        .replace("free: true", "free: false")
    )
    path.write_text(text.replace("hours: 80", "hours: 180"), encoding="utf-8")  # 180 × 20 = 3,600
    assert run("build", "--root", str(root), "--today", TODAY.isoformat())[0] == 0
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _html(root / "site", "projects/hhht-hangong-yexiao")))
    assert "个人需付 1,200 元" in page
    assert "培训费 4,800 元，减去补贴 3,600 元" in page
    # The uplift (3,600 × 1.5 = 5,400) is more than the course costs: no page promises above the fee.
    uplift = "培训后 6 个月内签订 1 年以上劳动合同并按规定缴纳社会保险的，可达 4,800 元"
    assert uplift in page and "5,400 元" in page and "本项目最多补贴 4,800 元" in page
    poster = (root / "site/posters/hhht-hangong-yexiao.html").read_text(encoding="utf-8")
    assert "个人需付 1,200 元" in poster and "6 个月内" in poster and "缴纳社会保险" in poster
    assert "5,400" not in poster


def test_each_i_am_list_can_be_narrowed_to_a_prefecture_without_script(synth_site: Path) -> None:
    """for/<slug>/<盟市>/ holds exactly that list's open courses filed in the 盟市 or its 旗县, and
    every list links to all twelve, so a 盟市's own WeChat menu can point at its part."""
    from skillmap.site.model import GROUP_SLUGS, SCHEDULE_SLUGS

    regions = {r["code"]: r for r in _table(synth_site, "regions")}
    prefectures = [code for code, r in regions.items() if r["level"] == "prefecture"]
    rows = [r for r in _table(synth_site, "projects") if expected_status(r) != "ended"]

    def prefecture_of(code: str) -> str:
        return code if regions[code]["level"] == "prefecture" else regions[code]["parent_code"]

    lists = [(slug, lambda r, g=group: g in r["groups"].split("|")) for group, slug in GROUP_SLUGS.items()]
    lists += [(slug, lambda r, s=schedule: r["schedule"] == s) for schedule, slug in SCHEDULE_SLUGS.items()]
    checked = 0
    for slug, belongs in lists:
        whole = _html(synth_site, f"for/{slug}")
        for code in prefectures:
            assert f'href="../../for/{slug}/{code}/"' in whole, (slug, code)
            part = _html(synth_site, f"for/{slug}/{code}")
            expected = {r["id"] for r in rows if belongs(r) and prefecture_of(r["region"]) == code}
            shown = {pid for pid, _ in _cards(part)}
            if len(expected) <= 50:
                assert shown == expected, (slug, code)
                checked += 1
            else:
                assert shown <= expected
            if not expected:
                assert "眼下没有这类项目" in part
    assert checked > 50


def test_a_closed_page_offers_open_courses_of_its_occupation_near_first(synth_site: Path) -> None:
    regions = {r["code"]: r for r in _table(synth_site, "regions")}
    rows = {r["id"]: r for r in _table(synth_site, "projects")}

    def prefecture_of(code: str) -> str:
        return code if regions[code]["level"] == "prefecture" else regions[code]["parent_code"]

    checked = 0
    for pid, row in rows.items():
        if expected_status(row) == "enrolling":
            continue
        html = _html(synth_site, f"projects/{pid}")
        if 'id="similar"' not in html:
            continue
        offered = _cards(html.split('id="similar"', 1)[1].split("<h2", 1)[0])
        assert offered, pid
        places = []
        for other, hook in offered:
            assert hook == "enrolling" and expected_status(rows[other]) == "enrolling", (pid, other)
            assert rows[other]["occupation"] == row["occupation"], (pid, other)
            assert rows[other]["institution"] != row["institution"], (pid, other)
            places.append(0 if prefecture_of(rows[other]["region"]) == prefecture_of(row["region"]) else 1)
        assert places == sorted(places), pid  # the same 盟市 first
        checked += 1
    assert checked >= 5
