"""`skillmap wechat-menu`: the official account's custom menu, from `extra.wechat_menu` in mkdocs.yml.

The menu is written in the API's own shape (`name`, `sub_button`, `type: view`, `url`) with each
url relative to `site_url`; the output is the body of the menu-create call with absolute urls.
The API's limits are checked here, before a bureau pastes the body into the platform: at most 3
buttons of at most 16 bytes, 5 sub-buttons each of at most 60 bytes, urls of at most 1024 bytes.
With a built site, every url must open one of its pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from .domain.urls import absolute

MAX_BUTTONS = 3
MAX_SUB_BUTTONS = 5
MAX_BUTTON_BYTES = 16
MAX_SUB_BUTTON_BYTES = 60
MAX_URL_BYTES = 1024


@dataclass
class MenuResult:
    body: dict[str, Any]
    problems: list[str]


def build_menu(config: dict[str, Any], site: Path | None) -> MenuResult:
    """The menu-create body and every broken limit or dead link (in Chinese)."""
    menu = configured_menu(config)
    site_url = str(config.get("site_url") or "")
    problems: list[str] = []
    if menu is None:
        return MenuResult(
            {"button": []},
            [
                "mkdocs.yml 的 extra: 中没有 wechat_menu（公众号菜单）：请从仓库自带的 mkdocs.yml 复制默认菜单后修改。"
            ],
        )
    if not site_url.startswith(("https://", "http://")):
        problems.append("mkdocs.yml 的 site_url 应为 https:// 开头的发布地址，菜单链接由它生成绝对地址。")
    if not isinstance(menu, list) or not menu:
        return MenuResult({"button": []}, [*problems, "extra.wechat_menu 应为按钮列表（至少 1 个）。"])
    if len(menu) > MAX_BUTTONS:
        problems.append(f"一级菜单有 {len(menu)} 个，公众号最多 {MAX_BUTTONS} 个。")
    buttons = []
    for i, item in enumerate(menu, start=1):
        where = f"第 {i} 个一级菜单"
        if not isinstance(item, dict):
            problems.append(f"{where} 应写成 name/type/url 或 name/sub_button。")
            continue
        button: dict[str, Any] = {"name": _name(item, where, MAX_BUTTON_BYTES, problems)}
        subs = item.get("sub_button")
        if subs is not None:
            if "url" in item or "type" in item:
                problems.append(f"{where}“{button['name']}”有子菜单，就不能再有 type 和 url。")
            if not isinstance(subs, list) or not subs:
                problems.append(f"{where}“{button['name']}”的 sub_button 应为子菜单列表（至少 1 个）。")
                subs = []
            if len(subs) > MAX_SUB_BUTTONS:
                problems.append(
                    f"{where}“{button['name']}”有 {len(subs)} 个子菜单，最多 {MAX_SUB_BUTTONS} 个。"
                )
            button["sub_button"] = [
                _view(
                    sub,
                    f"{where}“{button['name']}”的第 {j} 个子菜单",
                    MAX_SUB_BUTTON_BYTES,
                    site_url,
                    site,
                    problems,
                )
                for j, sub in enumerate(subs, start=1)
            ]
        else:
            button = _view(item, where, MAX_BUTTON_BYTES, site_url, site, problems)
        buttons.append(button)
    return MenuResult({"button": buttons}, problems)


def configured_menu(config: dict[str, Any]) -> Any:
    """`extra.wechat_menu` of mkdocs.yml: the one place the menu is written (None when absent)."""
    extra = config.get("extra") or {}
    return extra.get("wechat_menu") if isinstance(extra, dict) else None


def dead_links(config: dict[str, Any], site: Path) -> list[str]:
    """Menu links that open no page of the built site, in Chinese: `skillmap build` stops on them,
    so that a page renamed or removed breaks the build, not the official account's menu."""
    menu = configured_menu(config)
    out = []
    for item in menu if isinstance(menu, list) else []:
        subs = item.get("sub_button") if isinstance(item, dict) else None
        for leaf in subs if isinstance(subs, list) else [item]:
            url = str(leaf.get("url") or "").strip() if isinstance(leaf, dict) else ""
            if url and not urlsplit(url).scheme and not url.startswith("/") and not _page_exists(site, url):
                out.append(f"“{leaf.get('name')}”→ {url}")
    return out


def _name(item: dict[str, Any], where: str, limit: int, problems: list[str]) -> str:
    name = str(item.get("name") or "").strip()
    if not name:
        problems.append(f"{where}缺少名称（name）。")
    elif len(name.encode("utf-8")) > limit:
        size = len(name.encode("utf-8"))
        problems.append(
            f"{where}“{name}”有 {size} 字节，超过 {limit} 字节的上限（一个汉字 3 字节，即最多 {limit // 3} 个汉字）。"
        )
    return name


def _view(
    item: Any, where: str, limit: int, site_url: str, site: Path | None, problems: list[str]
) -> dict[str, Any]:
    if not isinstance(item, dict):
        problems.append(f"{where} 应写成 name/type/url。")
        return {}
    name = _name(item, where, limit, problems)
    kind = item.get("type", "view")
    if kind != "view":
        problems.append(f"{where}“{name}”的 type 是“{kind}”；本站菜单只用 view（打开网页）。")
    url = str(item.get("url") or "").strip()
    if not url:
        problems.append(f"{where}“{name}”缺少网址（url）。")
        return {"type": "view", "name": name, "url": ""}
    if urlsplit(url).scheme or url.startswith("/"):
        problems.append(
            f"{where}“{name}”的网址“{url}”应相对于 site_url 书写，如 map/ 或 search/?schedule=技能夜校。"
        )
    full = absolute(site_url, quote(url, safe="/?=&%#:+,"))
    if len(full.encode("utf-8")) > MAX_URL_BYTES:
        problems.append(
            f"{where}“{name}”的网址有 {len(full.encode())} 字节，超过 {MAX_URL_BYTES} 字节的上限。"
        )
    if site is not None and not _page_exists(site, url):
        problems.append(f"{where}“{name}”的网址“{url}”在构建好的网站 {site} 中没有对应的页面。")
    return {"type": "view", "name": name, "url": full}


def _page_exists(site: Path, url: str) -> bool:
    path = urlsplit(url).path
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    try:
        target.resolve().relative_to(site.resolve())
    except ValueError:
        return False
    return target.is_file()


def menu_json(result: MenuResult) -> str:
    # The menu API wants the Chinese names as UTF-8 text, not \\u escapes.
    return json.dumps(result.body, ensure_ascii=False, indent=2) + "\n"
