"""The demand side's pages (SPEC §8): /jobs/ lists exactly the open postings, each under its 盟市;
a posting's page links the training that prepares for it; a project page shows the postings near it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT, TODAY, run

JOB = re.compile(r'<li class="sm-card sm-job" data-job="([^"]+)" data-region="(\d+)"')


def _postings(root: Path) -> dict[str, dict[str, object]]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "catalog" / "jobs").glob("*.yaml"))
    }


def _regions() -> dict[str, str]:
    """code → its 盟市 code."""
    out = {}
    for line in (ROOT / "catalog/reference/regions.csv").read_text(encoding="utf-8").splitlines()[1:]:
        code, _, level, parent = line.split(",")
        out[code] = code if level == "prefecture" else parent
    return out


def test_the_list_holds_exactly_the_open_postings_each_under_its_prefecture(demo_site: Path) -> None:
    postings = _postings(ROOT)
    regions = _regions()
    html = (demo_site / "jobs" / "index.html").read_text(encoding="utf-8")
    listed = JOB.findall(html)
    expected = {pid for pid, p in postings.items() if dt.date.fromisoformat(str(p["valid_until"])) >= TODAY}
    assert expected and len(expected) < len(postings)  # the demo has expired postings too
    assert [pid for pid, _ in listed] and {pid for pid, _ in listed} == expected
    assert len(listed) == len(expected) == html.count("data-job=")
    for pid, prefecture in listed:
        assert regions[str(postings[pid]["region"])] == prefecture, pid
    # West to east, as the map: the sections follow the 盟市 order of the region pages.
    order = [m for m in re.findall(r'<h2 id="p(\d+)"', html)]
    assert len(order) == 12
    seen = [prefecture for _, prefecture in listed]
    assert seen == sorted(seen, key=order.index)


def test_a_posting_page_links_its_training_and_an_expired_one_says_it_closed(demo_site: Path) -> None:
    postings = _postings(ROOT)
    regions = _regions()
    projects = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / "catalog" / "projects").rglob("*.yaml")
    }

    def enrolling(pid: str) -> bool:
        p = projects[pid]
        return (
            dt.date.fromisoformat(str(p["enroll_until"])) >= TODAY
            and dt.date.fromisoformat(str(p["ends"])) >= TODAY
        )

    named = 0
    for pid, posting in postings.items():
        html = (demo_site / "jobs" / pid / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'data-prepares="([^"]+)"', html)
        own = list(posting.get("projects") or [])
        assert links[: len(own)] == own, pid  # its own training first
        rest = links[len(own) :]
        for other in rest:
            assert enrolling(other) and projects[other]["occupation"] == posting["occupation"], (pid, other)
        home = regions[str(posting["region"])]
        near = [regions[str(projects[o]["region"])] == home for o in rest]
        assert near == sorted(near, reverse=True), pid  # the same 盟市 first
        named += bool(own)
        ld = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
        assert ld["@type"] == "JobPosting" and ld["totalJobOpenings"] == posting["openings"]
        assert 'href="tel:' in html
        closed = dt.date.fromisoformat(str(posting["valid_until"])) < TODAY
        assert ("这个岗位的招聘已结束" in html) == closed, pid
    assert named >= 3


def test_a_project_page_shows_the_open_postings_of_its_occupation_in_its_prefecture(demo_site: Path) -> None:
    postings = _postings(ROOT)
    regions = _regions()
    shown_somewhere = 0
    for page in sorted((demo_site / "projects").glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        project = yaml.safe_load(
            next((ROOT / "catalog" / "projects").rglob(f"{page.parent.name}.yaml")).read_text(
                encoding="utf-8"
            )
        )
        expected = {
            pid
            for pid, p in postings.items()
            if p["occupation"] == project["occupation"]
            and regions[str(p["region"])] == regions[str(project["region"])]
            and dt.date.fromisoformat(str(p["valid_until"])) >= TODAY
        }
        shown = {pid for pid, _ in JOB.findall(text)}
        assert shown <= expected and (len(shown) == min(5, len(expected))), page.parent.name
        shown_somewhere += bool(shown)
    assert shown_somewhere >= 5


@pytest.mark.parametrize("when", ["2026-11-27"])
def test_the_fixture_posting_and_its_expired_neighbour(tmp_path: Path, when: str) -> None:
    from ..conftest import make_tree

    root = make_tree(tmp_path / "tree")
    assert run("build", "--root", str(root), "--today", when)[0] == 0
    site = root / "site"
    listed = [pid for pid, _ in JOB.findall((site / "jobs" / "index.html").read_text(encoding="utf-8"))]
    assert listed == ["hhht-hangong-qingcheng"]
    closed = (site / "jobs" / "baotou-dianqi-expired" / "index.html").read_text(encoding="utf-8")
    assert "这个岗位的招聘已结束" in closed and "当时招 3 人" in closed


def test_the_open_data_carries_postings_and_wishes_without_small_counts(demo_site: Path) -> None:
    import csv

    [path] = (demo_site / "data").glob("wishes.*.csv")
    with path.open(encoding="utf-8") as f:
        published = list(csv.DictReader(f))
    raw = []
    for source in sorted((ROOT / "catalog" / "wishes").glob("*.csv")):
        with source.open(encoding="utf-8") as f:
            raw += list(csv.DictReader(f))
    assert len(published) == len(raw)
    small = 0
    for row, original in zip(published, raw, strict=True):
        for column, title in (("want_training", "想参加培训人数"), ("want_job", "想找工作人数")):
            count = int(original[title])
            if 0 < count < 5:
                assert row[column] == "", row
                small += 1
            else:
                assert int(row[column]) == count
    assert small >= 3  # the demo has small cells, and none is published
    [jobs] = (demo_site / "data").glob("jobs.*.csv")
    with jobs.open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == len(_postings(ROOT))


def test_match_rows_equal_the_sums_from_the_records(demo_site: Path) -> None:
    """/match/ against sums computed here from the YAML and CSV files themselves."""
    import csv

    regions = _regions()
    key = lambda code, occupation: f"{regions[str(code)]}:{occupation}"  # noqa: E731
    openings: dict[str, int] = {}
    seats: dict[str, int] = {}
    present: set[str] = set()
    for posting in _postings(ROOT).values():
        if dt.date.fromisoformat(str(posting["valid_until"])) >= TODAY:
            k = key(posting["region"], posting["occupation"])
            openings[k] = openings.get(k, 0) + int(posting["openings"])
            present.add(k)
    for path in (ROOT / "catalog" / "projects").rglob("*.yaml"):
        p = yaml.safe_load(path.read_text(encoding="utf-8"))
        starts, ends, until = (dt.date.fromisoformat(str(p[f])) for f in ("starts", "ends", "enroll_until"))
        if ends < TODAY:
            continue
        for d in p.get("demand") or []:
            k = key(d["region"], p["occupation"])
            openings[k] = openings.get(k, 0) + int(d["openings"])
        home = key(p["region"], p["occupation"])
        if until >= TODAY:
            seats[home] = seats.get(home, 0) + int(p["capacity"])
        if until >= TODAY or starts <= TODAY:
            present.add(home)
    cycles = sorted((ROOT / "catalog" / "wishes").glob("*.csv"))
    want: dict[str, int] = {}
    with cycles[-1].open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            k = key(row["地区"], row["职业（工种）"])
            want[k] = want.get(k, 0) + int(row["想参加培训人数"])
            present.add(k)
    html = (demo_site / "match" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr data-match="([^"]+)" data-openings="(\d+)" data-seats="(\d+)" data-want-training="(\d*)">', html
    )
    assert {r[0] for r in rows} == present and len(rows) == len(present)
    suppressed = 0
    for k, o, s, w in rows:
        assert (int(o), int(s)) == (openings.get(k, 0), seats.get(k, 0)), k
        wanted = want.get(k, 0)
        if 0 < wanted < 5:
            assert w == ""
            suppressed += 1
        else:
            assert w == str(wanted), k
    assert "<svg" in html and "有岗位，没有正在招生的培训" in html


def test_the_report_s_match_equals_the_page(demo_site: Path, tmp_path: Path) -> None:
    import openpyxl

    code, out, _ = run("report", "--root", str(ROOT), "--today", TODAY.isoformat(), "--format", "json")
    assert code == 0
    report = json.loads(out)["match"]
    html = (demo_site / "match" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr data-match="([^"]+)" data-openings="(\d+)" data-seats="(\d+)" data-want-training="(\d*)">', html
    )
    as_report = [
        (
            f"{r['prefecture']}:{r['occupation']}",
            str(r["openings"]),
            str(r["seats"]),
            "" if r["want_training"] is None else str(r["want_training"]),
        )
        for r in report
    ]
    assert sorted(as_report) == sorted(rows) and len(rows) > 20
    book = tmp_path / "report.xlsx"
    assert (
        run(
            "report",
            "--root",
            str(ROOT),
            "--today",
            TODAY.isoformat(),
            "--format",
            "xlsx",
            "--out",
            str(book),
        )[0]
        == 0
    )
    sheet = openpyxl.load_workbook(book)["人岗匹配"]
    assert sheet.max_row - 1 == len(rows)


def test_region_pages_and_the_map_show_open_postings(demo_site: Path) -> None:
    postings = _postings(ROOT)
    regions = _regions()
    open_ = {pid: p for pid, p in postings.items() if dt.date.fromisoformat(str(p["valid_until"])) >= TODAY}
    map_html = (demo_site / "map" / "index.html").read_text(encoding="utf-8")
    for prefecture in sorted(set(regions.values())):
        mine = {pid for pid, p in open_.items() if regions[str(p["region"])] == prefecture}
        page = (demo_site / "regions" / prefecture / "index.html").read_text(encoding="utf-8")
        shown = {pid for pid, _ in JOB.findall(page)}
        assert shown <= mine and len(shown) == min(5, len(mine)), prefecture
        openings = sum(int(open_[pid]["openings"]) for pid in mine)
        tile = map_html.split(f'data-region="{prefecture}"', 1)[1].split("</li>", 1)[0]
        assert (f"岗位 {openings} 人" in tile) == bool(openings), prefecture


def test_updates_and_the_feed_list_added_changed_and_removed_postings(tmp_path: Path) -> None:
    from ..conftest import make_tree

    root = make_tree(tmp_path / "tree")
    first = tmp_path / "first"
    assert run("build", "--root", str(root), "--today", "2026-11-27", "--out", str(first))[0] == 0
    jobs = root / "catalog" / "jobs"
    path = jobs / "hhht-hangong-qingcheng.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("openings: 8", "openings: 12"), encoding="utf-8")
    (jobs / "baotou-dianqi-expired.yaml").rename(jobs / "baotou-dianqi-2612.yaml")
    moved = jobs / "baotou-dianqi-2612.yaml"
    moved.write_text(
        moved.read_text(encoding="utf-8").replace("id: baotou-dianqi-expired", "id: baotou-dianqi-2612"),
        encoding="utf-8",
    )
    second = tmp_path / "second"
    code, out, err = run(
        "build",
        "--root",
        str(root),
        "--today",
        "2026-11-28",
        "--out",
        str(second),
        "--previous",
        str(first / "data" / "datapackage.json"),
    )
    assert code == 0, out + err
    page = (second / "updates" / "index.html").read_text(encoding="utf-8")
    found = dict(re.findall(r'<li data-change="(\w+)" data-record="(job:[^"]+)"', page)[::1])
    assert {v: k for k, v in found.items()} == {
        "job:hhht-hangong-qingcheng": "changed",
        "job:baotou-dianqi-2612": "added",
        "job:baotou-dianqi-expired": "removed",
    }
    feed = (second / "updates" / "feed.xml").read_text(encoding="utf-8")
    assert "jobs/hhht-hangong-qingcheng/" in feed and "jobs/baotou-dianqi-2612/" in feed
