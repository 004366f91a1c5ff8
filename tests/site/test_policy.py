"""The policy page's text: the PDF's page-break joins repaired, titles kept apart, dead links gone."""

from __future__ import annotations

from skillmap.site.model import tel_href
from skillmap.site.policy import repair


def test_tel_href_dials_the_extension_after_a_pause() -> None:
    assert tel_href("0471-6601234") == "tel:04716601234"
    assert tel_href("0471-6601234转801") == "tel:04716601234,801"
    assert tel_href("400-123-4567") == "tel:4001234567"


def test_policy_repair_keeps_titles_apart() -> None:
    text = "内蒙古自治区人力资源和社会保障厅 财政厅关于印发《内蒙古自治区“技能照亮前程”培训行动实施方案》的通知\n\n各盟市人力资源和社会保障局："
    assert len(repair(text)) == 2


def test_policy_repair_joins_page_breaks_and_drops_dead_links() -> None:
    text = "结合本地区产业结构发展对技能人才的需求确定教学内容和课时，并向社会公布培训内容、培\n\n训时长写在一起。\n\n一、工作目标\n\n从2025年起。\n\n[点击查看政策解读](#)\n"
    assert repair(text) == [
        "结合本地区产业结构发展对技能人才的需求确定教学内容和课时，并向社会公布培训内容、培训时长写在一起。",
        "一、工作目标",
        "从2025年起。",
    ]
