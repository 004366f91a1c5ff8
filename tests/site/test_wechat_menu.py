"""`skillmap wechat-menu`: the menu body keeps the API's limits and every link opens a page of the site."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from skillmap.paths import Layout

from ..conftest import ROOT, run

SITE_URL = "https://example.gov.cn/zt/pxdht/"


def menu(*args: str) -> tuple[int, str, str]:
    return run("wechat-menu", *args)


def set_menu(tree: Path, items: object) -> None:
    path = tree / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["extra"]["wechat_menu"] = items
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def test_the_shipped_menu_keeps_the_limits_and_opens_pages_of_the_built_site(demo_site: Path) -> None:
    code, out, err = menu("--root", str(ROOT), "--site", str(demo_site))
    assert code == 0, err
    body = json.loads(out)
    buttons = body["button"]
    assert 1 <= len(buttons) <= 3
    leaves = []
    for button in buttons:
        assert 0 < len(button["name"].encode()) <= 16
        subs = button.get("sub_button")
        if subs is not None:
            assert 1 <= len(subs) <= 5 and "url" not in button
            for sub in subs:
                assert 0 < len(sub["name"].encode()) <= 60
            leaves += subs
        else:
            leaves.append(button)
    for leaf in leaves:
        assert leaf["type"] == "view" and len(leaf["url"].encode()) <= 1024
        assert leaf["url"].startswith(SITE_URL)
        path = unquote(urlsplit(leaf["url"]).path)[len(urlsplit(SITE_URL).path) :]
        assert (demo_site / path / "index.html").is_file(), leaf["url"]
    assert "\\u" not in out  # the API wants UTF-8 names, not escapes


def test_the_menu_is_written_once_in_mkdocs_yml(tree: Path) -> None:
    """mkdocs.yml ships the menu (SPEC §7) and nothing else holds a copy: without it, the command
    says where it belongs instead of printing a menu from elsewhere."""
    assert Layout(ROOT).mkdocs_config()["extra"]["wechat_menu"]
    path = tree / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    del config["extra"]["wechat_menu"]
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    code, out, err = menu("--root", str(tree))
    assert code == 1 and out == "" and "wechat_menu" in err and "mkdocs.yml" in err


def test_a_menu_link_to_a_page_that_is_gone_stops_the_build(tree: Path, tmp_path: Path) -> None:
    """A list renamed (for/yexiao/ → for/ye/) breaks the build, not the official account's menu."""
    set_menu(
        tree,
        [{"name": "夜校", "type": "view", "url": "for/ye/"}, {"name": "地图", "type": "view", "url": "map/"}],
    )
    out = tmp_path / "site"
    code, _, err = run("build", "--root", str(tree), "--today", "2026-11-27", "--out", str(out))
    assert code != 0 and "“夜校”→ for/ye/" in err and "“地图”" not in err and "Traceback" not in err
    assert not out.exists()  # nothing published


def test_a_menu_that_breaks_a_limit_is_refused_in_chinese(tree: Path) -> None:
    set_menu(
        tree,
        [
            {"name": "找家门口的培训课程", "type": "view", "url": "map/"},  # 27 bytes
            {
                "name": "夜校",
                "sub_button": [{"name": f"第{i}项", "type": "view", "url": "map/"} for i in range(6)],
            },
            {"name": "外链", "type": "view", "url": "https://other.example.com/"},
            {"name": "点击", "type": "click", "key": "K1"},
        ],
    )
    code, out, err = menu("--root", str(tree))
    assert code == 1 and out == ""
    for words in ("最多 3 个", "27 字节", "6 个子菜单", "应相对于 site_url", "只用 view"):
        assert words in err, words
    assert "Traceback" not in err


def test_links_are_checked_against_the_built_site_and_deep_links_are_encoded(
    tree: Path, demo_site: Path, tmp_path: Path
) -> None:
    set_menu(tree, [{"name": "夜校", "type": "view", "url": "search/?schedule=技能夜校"}])
    code, out, _ = menu("--root", str(tree), "--site", str(demo_site))
    assert code == 0
    url = json.loads(out)["button"][0]["url"]
    assert url == SITE_URL + "search/?schedule=%E6%8A%80%E8%83%BD%E5%A4%9C%E6%A0%A1"
    set_menu(tree, [{"name": "旧页", "type": "view", "url": "no-such-page/"}])
    code, _, err = menu("--root", str(tree), "--site", str(demo_site))
    assert code == 1 and "没有对应的页面" in err
    set_menu(tree, [{"name": "长", "type": "view", "url": "search/?q=" + "很" * 400}])
    code, _, err = menu("--root", str(tree))
    assert code == 1 and "1024 字节" in err
    set_menu(tree, [{"name": "地图", "type": "view", "url": "map/"}])
    target = tmp_path / "menu.json"
    code, out, _ = menu("--root", str(tree), "--out", str(target))
    assert (
        code == 0
        and out == ""
        and json.loads(target.read_text(encoding="utf-8"))["button"][0]["name"] == "地图"
    )


def test_site_must_be_a_built_site(tree: Path, tmp_path: Path) -> None:
    code, _, err = menu("--root", str(tree), "--site", str(tmp_path))
    assert code == 2 and "skillmap build" in err
