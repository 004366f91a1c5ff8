"""What the pages tell a worker: the 四位一体 card, subsidy sums, status, provenance, empty regions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..conftest import TODAY, make_tree, run


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_tree(tmp_path_factory.mktemp("tree") / "tree")
    path = root / "catalog/projects/online-dianshang.yaml"
    text = path.read_text(encoding="utf-8").replace("ends: 2026-11-15", "ends: 2026-12-15")
    path.write_text(text + "outcomes:\n  completed: 8\n  certified: 8\n", encoding="utf-8")
    out = root / "site"
    code, stdout, stderr = run("build", "--root", str(root), "--today", TODAY.isoformat())
    assert code == 0, stdout + stderr
    return out


def text_of(site: Path, rel: str) -> str:
    html = (site / rel / "index.html").read_text(encoding="utf-8")
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_project_card_has_the_four_parts_and_the_worked_subsidy(fixture_site: Path) -> None:
    text = text_of(fixture_site, "projects/hhht-hangong-yexiao")
    for heading in ("岗位需求", "技能培训", "技能评价", "就业服务"):
        assert heading in text
    assert "招生中" in text
    assert "80 课时 × 20 元 = 1,600 元" in text  # the record's own numbers
    assert "2,400 元" in text  # +50 % with a contract of a year or more and social insurance
    assert "青城重工装备有限公司" in text and "5,000–8,000" in text
    assert "往期结业 36 人" in text and "83%" in text
    assert "NM2026-150102-001" in text and "呼和浩特市人力资源和社会保障局" in text
    assert "12333" in text and "谨防诈骗" in text
    html = (fixture_site / "projects/hhht-hangong-yexiao/index.html").read_text(encoding="utf-8")
    assert 'href="tel:04716601234"' in html
    assert "https://uri.amap.com/marker?position=111.751,40.842" in html
    assert "data-copy-text" in html
    assert '"@type":"EducationalOccupationalProgram"' in html


def test_small_cohorts_are_suppressed(fixture_site: Path) -> None:
    text = text_of(fixture_site, "projects/online-dianshang")
    assert "数据不足" in text
    assert "往期结业 8 人" not in text


def test_ended_project_of_a_paused_host_and_the_paused_host(fixture_site: Path) -> None:
    project = text_of(fixture_site, "projects/baotou-ended")
    assert "已结束" in project and "存档" in project
    host = text_of(fixture_site, "institutions/baotou-paused")
    assert "不在培训机构目录中" in host and "暂停" in host
    assert "baotou-paused" not in (fixture_site / "institutions/index.html").read_text(encoding="utf-8")
    assert "baotou-paused" not in (fixture_site / "regions/150200/index.html").read_text(encoding="utf-8")


def test_a_region_without_projects_gets_a_helpful_page(fixture_site: Path) -> None:
    text = text_of(fixture_site, "regions/152921")  # 阿拉善左旗: nothing in the fixture
    assert "眼下没有正在开展的项目" in text
    assert "12333" in text and "阿拉善盟" in text


def test_county_page_shows_prefecture_wide_projects(fixture_site: Path) -> None:
    # online-dianshang is filed under 呼和浩特市 (150100) as a whole
    assert "online-dianshang" in (fixture_site / "regions/150105/index.html").read_text(encoding="utf-8")
    assert "online-dianshang" in (fixture_site / "regions/150100/index.html").read_text(encoding="utf-8")
    assert "online-dianshang" not in (fixture_site / "regions/150200/index.html").read_text(encoding="utf-8")


def test_records_are_linked_both_ways(fixture_site: Path) -> None:
    case = (fixture_site / "cases/from-herder-to-welder/index.html").read_text(encoding="utf-8")
    assert "../../projects/hhht-hangong-yexiao/" in case
    assert "../../institutions/qingcheng-school/" in case
    assert "../../brands/qingcheng-hangong-peixun/" in case
    project = (fixture_site / "projects/hhht-hangong-yexiao/index.html").read_text(encoding="utf-8")
    assert "../../cases/from-herder-to-welder/" in project
    assert "../../brands/qingcheng-hangong-peixun/" in project
    brand = (fixture_site / "brands/qingcheng-hangong-peixun/index.html").read_text(encoding="utf-8")
    assert "../../projects/hhht-hangong-yexiao/" in brand


def test_poster_has_a_qr_code_of_the_project_url(fixture_site: Path) -> None:
    poster = (fixture_site / "posters/hhht-hangong-yexiao.html").read_text(encoding="utf-8")
    assert "<svg" in poster and "扫码" in poster
    assert "https://example.gov.cn/zt/pxdht/projects/hhht-hangong-yexiao/" in poster
    assert "@page{size:A4" in poster


def test_policy_page_is_repaired(fixture_site: Path) -> None:
    text = text_of(fixture_site, "policy")
    assert "培训内容、培训时长" in text  # the PDF's page break inside 培训时长 is joined
    assert "点击查看政策解读" not in text  # the dead link is gone
    assert "四位一体" in text and "40万人次" in text


def test_qr_cache_falls_back_to_memory_when_the_tree_is_read_only(tmp_path: Path) -> None:
    from skillmap.site.posters import QrCache

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    cache = QrCache(blocked / "qr.sqlite")  # its folder cannot be made
    svg = cache.svg("https://example.gov.cn/zt/pxdht/projects/a/")
    assert svg.startswith("<svg") and cache.svg("https://example.gov.cn/zt/pxdht/projects/a/") == svg
    cache.close()


def test_amounts_with_fen_are_the_same_on_the_page_and_the_poster(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    path = root / "catalog/projects/hhht/hhht-hangong-yexiao.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("hours: 80", "hours: 48").replace("subsidy_per_hour: 20", "subsidy_per_hour: 22.55")
    path.write_text(text.replace("fee: 1600", "fee: 1280.5").replace("free: true", "free: false"), "utf-8")
    code, stdout, stderr = run("build", "--root", str(root), "--today", TODAY.isoformat())
    assert code == 0, stdout + stderr
    page = text_of(root / "site", "projects/hhht-hangong-yexiao")
    poster = re.sub(r"<[^>]+>", " ", (root / "site/posters/hhht-hangong-yexiao.html").read_text("utf-8"))
    for amount in ("1,280.50", "1,082.40"):
        assert amount in page and amount in poster, amount
    assert "48 课时 × 22.55 元 = 1,082.40 元" in page
    # The uplift of the standard (1,623.60) is shown as a rule; what the trainee can get stops at the fee.
    assert "1,623.60" in page and "本项目最多补贴 1,280.50 元" in page and "1,623.60" not in poster
    assert "1,082.39" not in page + poster and "1,624 " not in poster


def test_a_host_past_its_listing_keeps_its_page_with_a_notice_and_leaves_the_lists(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    path = root / "catalog/institutions/baotou-paused.yaml"
    text = path.read_text(encoding="utf-8").replace("status: 暂停", "status: 在册")
    path.write_text(text.replace("listed_until: 2027-06-30", "listed_until: 2026-11-26"), "utf-8")
    code, stdout, stderr = run("build", "--root", str(root), "--today", TODAY.isoformat())
    assert code == 0, stdout + stderr
    site = root / "site"
    host = text_of(site, "institutions/baotou-paused")
    assert "不在培训机构目录中" in host and "目录资格已于 2026-11-26 到期" in host
    assert "baotou-paused" not in (site / "institutions/index.html").read_text(encoding="utf-8")
    assert "baotou-paused" not in (site / "regions/150200/index.html").read_text(encoding="utf-8")
    # on its last day it is still listed
    path.write_text(text.replace("listed_until: 2027-06-30", f"listed_until: {TODAY}"), "utf-8")
    assert run("build", "--root", str(root), "--today", TODAY.isoformat())[0] == 0
    assert "baotou-paused" in (site / "institutions/index.html").read_text(encoding="utf-8")


def test_layout_glitches_stay_fixed(fixture_site: Path) -> None:
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert home.count('type="search"') == 1, "one search box on the home page's first screen"
    assert 'href="tel:04716960000"' in home  # the footer's 联系方式 is a tel: link
    project = (fixture_site / "projects/hhht-hangong-yexiao/index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", project.split('id="provenance"', 1)[1], re.DOTALL)
    assert any(i.startswith("承办机构：") for i in items) and any(i.startswith("备案部门：") for i in items)
    assert not any("备案" in i and i.startswith("承办机构") for i in items), "two list items merged"
    # Material's script bundle and palette stylesheet are not loaded
    assert "javascripts/bundle." not in project and "stylesheets/palette." not in project


def test_each_record_page_has_its_own_description_for_sharing(tmp_path: Path) -> None:
    """A shared course carries its place, start and price; markup in data stays text."""
    root = make_tree(tmp_path / "tree")
    path = root / "catalog/projects/hhht/hhht-hangong-yexiao.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: 焊工技能夜校（四级）", 'title: 焊工"夜校"A&B<1'), encoding="utf-8")
    assert run("build", "--root", str(root), "--today", TODAY.isoformat())[0] == 0
    site = root / "site"
    default = re.search(
        r'<meta name="description" content="([^"]*)"', (site / "index.html").read_text(encoding="utf-8")
    )
    seen, pages = set(), 0
    for page in [
        *site.glob("projects/*/index.html"),
        *site.glob("institutions/*/index.html"),
        *site.glob("cases/*/index.html"),
        *site.glob("brands/*/index.html"),
    ]:
        html_text = page.read_text(encoding="utf-8")
        found = re.findall(r'<meta name="description" content="([^"]*)"', html_text)
        assert len(found) == 1, page
        assert default and found[0] != default.group(1), page
        seen.add(found[0])
        pages += 1
    assert len(seen) == pages > 5  # one per record, not one for all
    hostile = (site / "projects/hhht-hangong-yexiao/index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)"', hostile)
    assert description and "焊工&#34;夜校&#34;A&amp;B&lt;1" in description.group(1).replace("&quot;", "&#34;")
    assert "新城区" in description.group(1) and "2026-12-01 开班" in description.group(1)
    assert "免费" in description.group(1) or "个人需付" in description.group(1)
