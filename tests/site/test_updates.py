"""`/updates/` and its feed: a simulated next cycle lists exactly its edits (SPEC §7)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ..conftest import ROOT, TODAY, make_tree, run

ATOM = "{http://www.w3.org/2005/Atom}"
FIRST_DAY = dt.date(2026, 11, 27)
NEXT_DAY = FIRST_DAY + dt.timedelta(days=31)
SITE_URL = "https://example.gov.cn/zt/pxdht/"


def build(root: Path, out: Path, today: dt.date, *extra: str) -> None:
    code, stdout, stderr = run(
        "build", "--root", str(root), "--today", today.isoformat(), "--out", str(out), *extra
    )
    assert code == 0, stdout + stderr


def hooks(page: str) -> set[tuple[str, str]]:
    return set(re.findall(r'data-change="([a-z]+)" data-record="([^"]+)"', page))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_updated(path: Path, day: dt.date) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^updated: .*$", f"updated: {day.isoformat()}", text), encoding="utf-8")


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture catalogue published once, then edited and published 31 days later."""
    base = tmp_path_factory.mktemp("cycle")
    tree = make_tree(base / "tree")
    build(tree, base / "first", FIRST_DAY)
    projects = tree / "catalog" / "projects"
    edited = projects / "online-dianshang.yaml"
    edit(edited, "capacity: 100", "capacity: 120")
    set_updated(edited, NEXT_DAY)
    confirmed = tree / "catalog" / "institutions" / "qingcheng-school.yaml"
    set_updated(confirmed, NEXT_DAY)  # only re-confirmed: counted, not listed
    removed = projects / "baotou-ended.yaml"
    removed.unlink()
    added = projects / "hhht" / "second-welding.yaml"
    source = next((projects / "hhht").glob("*.yaml"))
    shutil.copy2(source, added)
    edit(added, f"id: {source.stem}", "id: second-welding")
    set_updated(added, NEXT_DAY)
    build(tree, base / "next", NEXT_DAY, "--previous", str(base / "first" / "data" / "datapackage.json"))
    return {"first": base / "first", "next": base / "next", "edited": edited}


def test_the_first_release_says_so_and_lists_nothing(cycle: dict[str, Path]) -> None:
    page = (cycle["first"] / "updates" / "index.html").read_text(encoding="utf-8")
    assert "第一次发布" in page
    assert "data-change" not in page and "data-confirmed" not in page
    feed = ET.parse(cycle["first"] / "updates" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed" and feed.findall(f"{ATOM}entry") == []
    home = (cycle["first"] / "index.html").read_text(encoding="utf-8")
    assert "第一次发布" in home and 'href="updates/"' in home


def test_the_next_cycle_lists_exactly_its_edits(cycle: dict[str, Path]) -> None:
    page = (cycle["next"] / "updates" / "index.html").read_text(encoding="utf-8")
    assert hooks(page) == {
        ("changed", "project:online-dianshang"),
        ("added", "project:second-welding"),
        ("removed", "project:baotou-ended"),
    }
    assert page.count("data-change=") == 3
    assert re.findall(r'data-confirmed="(\d+)"', page) == ["1"]
    assert "招生人数：100 → 120" in page  # which field, in Chinese, before and after
    assert "核实日期" not in page  # `updated` alone is a confirmation, never a listed change
    # Grouped under their 盟市: the removed project was filed under 包头市.
    before = page[: page.index('data-record="project:baotou-ended"')]
    heading = re.findall(r"<h2[^>]*>([^<]+)</h2>", before)[-1]
    assert heading == "包头市"
    home = (cycle["next"] / "index.html").read_text(encoding="utf-8")
    assert "新增 1 个培训项目，1 个项目有变动" in home


def test_the_feed_is_atom_with_absolute_links_for_added_and_changed_projects(cycle: dict[str, Path]) -> None:
    feed = ET.parse(cycle["next"] / "updates" / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == SITE_URL + "updates/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    links = {e.find(f"{ATOM}link").get("href") for e in entries}  # type: ignore[union-attr]
    assert links == {SITE_URL + "projects/online-dianshang/", SITE_URL + "projects/second-welding/"}
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}updated") == f"{NEXT_DAY.isoformat()}T12:00:00+08:00"
        assert entry.findtext(f"{ATOM}title")
    page = (cycle["next"] / "updates" / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in page


def test_a_missing_previous_publication_stops_the_build_with_a_chinese_message(
    tree: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    code, _, stderr = run(
        "build",
        "--root",
        str(tree),
        "--today",
        "2026-11-27",
        "--out",
        str(out),
        "--previous",
        str(tmp_path / "no.json"),
    )
    assert code == 2 and "找不到上次发布的数据包" in stderr and "Traceback" not in stderr
    assert not out.exists()


def test_the_previous_publication_must_bring_its_tables(
    tree: Path, tmp_path: Path, cycle: dict[str, Path]
) -> None:
    lonely = tmp_path / "prev"
    lonely.mkdir()
    shutil.copy2(cycle["first"] / "data" / "datapackage.json", lonely / "datapackage.json")
    code, _, stderr = run(
        "build",
        "--root",
        str(tree),
        "--today",
        "2026-11-27",
        "--out",
        str(tmp_path / "s"),
        "--previous",
        str(lonely / "datapackage.json"),
    )
    assert code == 2 and "放在同一文件夹" in stderr


def test_the_repository_itself_builds_against_its_own_previous_release(
    tmp_path: Path, demo_site: Path
) -> None:
    """Against itself, nothing changed: no entry, no confirmations, and the page says so."""
    assert FIRST_DAY == TODAY  # the demo site is the repository built on FIRST_DAY
    build(ROOT, tmp_path / "again", FIRST_DAY, "--previous", str(demo_site / "data" / "datapackage.json"))
    page = (tmp_path / "again" / "updates" / "index.html").read_text(encoding="utf-8")
    assert "data-change" not in page and re.findall(r'data-confirmed="(\d+)"', page) == ["0"]
    assert "本期没有新增、修改或删除的记录" in page


def test_values_written_differently_by_an_older_release_are_no_change() -> None:
    import csv as _csv

    from skillmap.domain.regions import RegionTree
    from skillmap.paths import Layout
    from skillmap.updates import compare

    layout = Layout(ROOT)
    with (ROOT / "catalog/reference/regions.csv").open(encoding="utf-8") as fh:
        regions = RegionTree(list(_csv.DictReader(fh)))
    row = {
        "id": "p1",
        "title": "电工",
        "region": "150102",
        "fee": "1008",
        "free": "false",
        "updated": "2026-11-01",
    }
    older = {**row, "fee": "1008.0", "free": "False"}
    same = compare(layout, regions, {"projects": [older]}, {"projects": [row]}, "2026-11-01")
    assert same.changes == [] and same.confirmed == 0
    moved = compare(
        layout, regions, {"projects": [older]}, {"projects": [{**row, "fee": "1200"}]}, "2026-11-01"
    )
    assert [(c.change, [f.name for f in c.fields]) for c in moved.changes] == [("changed", ["fee"])]
