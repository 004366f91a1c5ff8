"""The successor engine (docs/engine.md): Zensical builds the same site as MkDocs, page by page.

The comparison itself is tested on small sites first, so a comparison that sees nothing cannot
pass for an engine that changes nothing. The demo's comparison needs the optional `engine`
install (`pip install -e '.[engine]'`); it is marked `engine` so a machine that cannot reach the
package registry can deselect it (`-m "not engine"`), and it fails rather than skips under CI=true.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from pathlib import Path

import pytest
import yaml

from skillmap.dev.engine_compare import compare_sites, page_facts
from skillmap.site.engines import EngineError, run_engine, zensical_config

from ..conftest import ROOT, TODAY, run

PAGE = """<!doctype html><html><head><title>{title}</title>
<script>__md_scope=new URL("{root}",location)</script><script>var status = "{script}";</script></head>
<body><a class="md-skip" href="{skip}">跳到正文</a><nav><a href="{home}">首页</a></nav>
<article><h1>{title}</h1><p data-status="{status}">招生中 <a href="{link}">报名</a></p>{extra}</article>
<link rel="stylesheet" href="{root}assets/stylesheets/{theme}.css"></body></html>"""

BASE = {
    "title": "焊工",
    "root": "../../",
    "script": "ok",
    "skip": "#_1",
    "home": "../..",
    "status": "enrolling",
    "link": "../../institutions/a/",
    "extra": "",
    "theme": "main.1",
}


def _site(folder: Path, **changes: str) -> Path:
    page = folder / "projects" / "p1" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE.format(**(BASE | changes)), encoding="utf-8")
    (folder / "data").mkdir()
    (folder / "data" / "projects.csv").write_text("id\np1\n", encoding="utf-8")
    (folder / "sitemap.xml").write_text(
        "<urlset><url><loc>https://x/p1/</loc></url></urlset>", encoding="utf-8"
    )
    return folder


def test_the_comparison_sees_what_a_reader_or_a_check_would_see(tmp_path: Path) -> None:
    base = _site(tmp_path / "base")
    # What each engine may do its own way: the theme's files, skip target and storage script,
    # a link spelt `./../../index.html` for `../..`, the sitemap's dates and layout.
    same = _site(tmp_path / "same", skip="#__skip", home="./../../index.html", theme="classic/main.2")
    (same / "sitemap.xml").write_text(
        "<urlset>\n <url>\n  <loc> https://x/p1/ </loc><lastmod>2026-11-27</lastmod></url></urlset>",
        encoding="utf-8",
    )
    assert compare_sites(base, same).same
    for field, value, word in (
        ("status", "closed", "钩子"),
        ("link", "../../institutions/b/", "链接"),
        ("title", "电焊", "标题"),
        ("extra", "<p>免费</p>", "正文"),
        ("script", "changed", "内嵌脚本"),
    ):
        other = _site(tmp_path / field, **{field: value})
        differences = compare_sites(base, other).differences
        assert any(word in d for d in differences), (field, differences)
    extra = _site(tmp_path / "more-files")
    (extra / "data" / "projects.csv").write_text("id\np2\n", encoding="utf-8")
    (extra / "search.json").write_text("{}", encoding="utf-8")
    assert sorted(compare_sites(base, extra).differences) == [
        "data/projects.csv: 内容不同",
        "search.json: 只在 第二个网站中",
    ]


def test_links_are_compared_as_the_addresses_they_open() -> None:
    facts = page_facts('<a href="./../index.html#x">a</a><a href="tel:12333">b</a><img src="a.png">', "map/")
    assert facts.links == ["a@href=#x", "a@href=tel:12333", "img@src=map/a.png"]


def test_zensical_gets_one_flat_config_with_its_paths_inside_the_work_folder(tmp_path: Path) -> None:
    parent = tmp_path / "mkdocs.yml"
    overrides = tmp_path / "overrides-src"
    overrides.mkdir()
    (overrides / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    parent.write_text(
        "site_name: 导航图\ntheme: {name: material, language: zh, font: false}\n"
        "extra: {cycle_start: 2026-11-01, site_code: '', police: null, host: 人社厅}\n",
        encoding="utf-8",
    )
    work = tmp_path / "work"
    (work / "docs").mkdir(parents=True)
    generated = {
        "INHERIT": str(parent),
        "docs_dir": str(work / "docs"),
        "site_dir": str(tmp_path / "staging"),
        "theme": {"name": "material", "custom_dir": str(overrides)},
        "hooks": ["/somewhere/mkdocs_hooks.py"],
        "plugins": [],
        "extra": {"build_date": "2026-11-27", "contact_tel": None},
    }
    config = zensical_config(generated, work)
    # MkDocs' INHERIT: mappings merged key by key, so the repository's theme settings stay.
    assert config["theme"]["language"] == "zh" and config["theme"]["font"] is False
    assert config["theme"]["variant"] == "classic"
    assert config["extra"] == {
        "cycle_start": "2026-11-01",
        "site_code": "",
        "host": "人社厅",
        "build_date": "2026-11-27",
    }
    assert "hooks" not in config and "INHERIT" not in config
    assert config["docs_dir"] == "docs" and not Path(config["site_dir"]).is_absolute()
    assert (work / config["theme"]["custom_dir"] / "main.html").is_file()
    assert config["plugins"] == [{"search": {"enabled": False}}]


def test_an_unknown_engine_is_refused_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="不认识的构建引擎"):
        run_engine("hugo", tmp_path / "mkdocs.yml", TODAY)


def _require_zensical() -> None:
    if importlib.util.find_spec("zensical") is None:
        message = "没有安装 Zensical（pip install -e '.[engine]'）"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "：CI 中引擎比较不能跳过。")
        pytest.skip(message)


@pytest.mark.engine
def test_the_demo_built_by_zensical_matches_the_mkdocs_build_page_by_page(
    demo_site: Path, tmp_path: Path
) -> None:
    _require_zensical()
    out = tmp_path / "zensical-site"
    code, stdout, stderr = run(
        "build", "--root", str(ROOT), "--today", TODAY.isoformat(), "--out", str(out), "--engine", "zensical"
    )
    assert code == 0, stdout + stderr
    assert 'content="zensical-' in (out / "index.html").read_text(encoding="utf-8")  # really built by it
    result = compare_sites(demo_site, out)
    assert result.same, "\n".join(result.differences)
    assert result.pages > 300 and result.files > 1000
    # Dated by SOURCE_DATE_EPOCH, as MkDocs' is: the sitemap's archive carries the build's noon.
    stamp = int.from_bytes((out / "sitemap.xml.gz").read_bytes()[4:8], "little")  # the gzip header's MTIME
    noon = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert stamp == int(noon.timestamp())
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"  # MkDocs stays the default engine
