"""The search documents and index files: what is searchable, in which order, and stable bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillmap.search.documents import BLOCKS, Documents
from skillmap.search.index import fnv1a, index_for
from skillmap.site.model import SiteModel
from skillmap.validate import check_project

from ..conftest import ROOT, TODAY


@pytest.fixture
def model_and_layout(tree: Path) -> tuple[SiteModel, object]:
    result = check_project(tree, TODAY)
    assert result.ok
    return SiteModel(result.catalog, TODAY, {}), result.layout


def test_paused_institutions_are_not_searchable_and_blocks_follow_the_ranking(model_and_layout) -> None:  # type: ignore[no-untyped-def]
    model, _ = model_and_layout
    docs = Documents(model).all()
    ids = {(d.type, d.id) for d in docs}
    assert ("institution", "qingcheng-school") in ids
    assert ("institution", "baotou-paused") not in ids  # 暂停: its page stays, search does not list it
    order = [BLOCKS.index((d.type, d.status)) for d in docs]
    assert order == sorted(order)
    assert docs[-1].status == "ended"  # ended projects come last


def test_facets_take_in_what_the_spec_says(model_and_layout) -> None:  # type: ignore[no-untyped-def]
    model, _ = model_and_layout
    by_id = {d.id: d for d in Documents(model).all() if d.type == "project"}
    online = by_id["online-dianshang"]
    project = model.project_by_id["online-dianshang"]
    if project.mode == "线上线下结合":
        assert {"@m:线上", "@m:线下"} <= set(online.facets)
    level = project.level
    assert f"@l:{level}" in online.facets
    for half in level.split("/"):
        assert f"@l:{half}" in online.facets
    assert f"@r:{project.region}" in online.facets


def test_the_index_is_the_same_bytes_for_the_same_data(model_and_layout) -> None:  # type: ignore[no-untyped-def]
    model, layout = model_and_layout
    first, second = index_for(model, layout), index_for(model, layout)  # type: ignore[arg-type]
    assert first.folder == second.folder and first.files == second.files
    shards = first.manifest["shards"]
    for name, content in first.files.items():
        if name.startswith("p"):
            for token in json.loads(content):
                assert f"p{fnv1a(token) % shards}.json" == name


def test_fnv1a_reads_utf16_code_units_as_javascript_does() -> None:
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C  # the published FNV-1a test vector
    assert fnv1a("电工") != fnv1a("工电")


def test_the_menus_search_links_are_prepared_searches() -> None:
    """Each search link of the shipped WeChat menu opens with one file: the build wrote its answer."""
    from urllib.parse import parse_qsl, urlsplit

    from skillmap.search.prepared import file_name, key

    result = check_project(ROOT, TODAY)
    assert result.ok
    index = index_for(SiteModel(result.catalog, TODAY, {}), result.layout)
    menu = result.layout.mkdocs_config()["extra"]["wechat_menu"]
    urls = [leaf["url"] for item in menu for leaf in item.get("sub_button", [item])]
    searches = [u for u in urls if u.startswith("search/?")]
    assert searches
    for url in searches:
        state = dict(parse_qsl(urlsplit(url).query))
        answers = json.loads(index.files[file_name(key(state), fnv1a)])
        assert key(state) in answers, url
        assert answers[key(state)]["n"] > 0, url  # the demo has such courses
