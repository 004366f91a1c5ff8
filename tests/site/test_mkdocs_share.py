"""MkDocs in two processes (site/mkdocs_share.py) writes exactly the site one process writes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import yaml

from skillmap.site.beside import can_fork


def _project(root: Path, site: str) -> Path:
    docs = root / "docs"
    for name, title in [("index", "首页"), ("jobs", "岗位"), ("policy", "政策")]:
        (docs / name).mkdir(parents=True, exist_ok=True)
        (docs / name / "index.md").write_text(f"# {title}页\n\n正文 [岗位](../jobs/)\n", encoding="utf-8")
    for number in range(23):
        page = docs / "projects" / f"p{number:02d}"
        page.mkdir(parents=True)
        (page / "index.md").write_text(
            f'# 项目 {number}\n\n!!! note "提示"\n    第 {number} 期\n\n## 岗位需求 {{: #demand }}\n\n- 电工\n',
            encoding="utf-8",
        )
    (docs / "assets").mkdir()
    (docs / "assets" / "a.css").write_text("body{color:red}", encoding="utf-8")
    config = {
        "site_name": "测试",
        "site_url": "https://example.gov.cn/zt/",
        "docs_dir": str(docs),
        "site_dir": str(root / site),
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": [],
        "markdown_extensions": ["attr_list", "admonition", "toc"],
        "nav": [{"首页": "index/index.md"}, {"岗位": "jobs/index.md"}, {"政策": "policy/index.md"}],
        "not_in_nav": "/*",
        "validation": {"links": {"not_found": "ignore", "unrecognized_links": "ignore"}},
    }
    path = root / f"{site}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_processes_write_the_same_site_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from skillmap.site.mkdocs_share import build_in_two

    monkeypatch.delenv("SKILLMAP_SERIAL", raising=False)
    if not can_fork():
        if os.environ.get("CI") == "true":
            pytest.fail("CI 上必须能 fork：两个进程构建的网站要与一个进程的逐字节比较")
        pytest.skip("这台机器不能 fork")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764216000")
    build(load_config(config_file=str(_project(tmp_path, "one"))))
    two = load_config(config_file=str(_project(tmp_path / "b", "two")))
    (tmp_path / "b" / "two").mkdir()
    (tmp_path / "b" / "two" / "stale.html").write_text("上次构建留下的", encoding="utf-8")
    (tmp_path / "b" / "two" / ".skillmap-posters").mkdir()  # written beside the engine: kept
    build_in_two(two)

    one, both = _digest(tmp_path / "one"), _digest(tmp_path / "b" / "two")
    assert "stale.html" not in both
    assert (tmp_path / "b" / "two" / ".skillmap-posters").is_dir()
    assert len(one) > 30 and both.keys() == one.keys()
    assert both == one
    # Each page names every page of the navigation by its title, whichever process wrote it.
    for number in range(23):
        html = (tmp_path / "b" / "two" / "projects" / f"p{number:02d}" / "index.html").read_text(
            encoding="utf-8"
        )
        assert f"项目 {number}" in html and "岗位" in html and "政策" in html
