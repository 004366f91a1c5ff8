"""What the site works out from a record: status on the build date, subsidy, amounts, policy text."""

from __future__ import annotations

import datetime as dt

import pytest

from skillmap.records import Catalog, Record
from skillmap.site.model import SiteModel, tel_href
from skillmap.site.pages import money
from skillmap.site.policy import repair

TODAY = dt.date(2026, 11, 27)


def project(**values: object) -> Record:
    base = {
        "id": "p",
        "starts": dt.date(2026, 12, 1),
        "ends": dt.date(2027, 1, 31),
        "enroll_until": dt.date(2026, 12, 10),
    }
    return Record("projects", "p.yaml", 1, {**base, **values})


def model(*records: Record) -> SiteModel:
    return SiteModel(Catalog(records={"projects": list(records)}, reference={"regions": []}), TODAY)


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ({}, "招生中"),
        ({"enroll_until": TODAY}, "招生中"),  # the deadline day itself still counts
        ({"starts": dt.date(2026, 11, 1), "enroll_until": dt.date(2026, 11, 20)}, "开班中"),
        ({"enroll_until": dt.date(2026, 11, 20)}, "报名已截止"),
        (
            {
                "starts": dt.date(2026, 9, 1),
                "ends": dt.date(2026, 11, 26),
                "enroll_until": dt.date(2026, 9, 1),
            },
            "已结束",
        ),
        ({"starts": dt.date(2026, 9, 1), "ends": TODAY, "enroll_until": dt.date(2026, 9, 1)}, "开班中"),
    ],
)
def test_status_on_the_build_date(values: dict[str, object], status: str) -> None:
    p = project(**values)
    assert model(p).status(p) == status


def test_subsidy_is_hours_times_standard_and_half_again_with_a_contract() -> None:
    p = project(hours=64, subsidy_per_hour=22.5)
    assert model(p).subsidy(p) == (1440.0, 2160.0)


@pytest.mark.parametrize(
    ("value", "shown"), [(1600, "1,600"), (1600.0, "1,600"), (1600.5, "1,600.50"), (0, "0")]
)
def test_money(value: float, shown: str) -> None:
    assert str(money(value)) == shown


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
