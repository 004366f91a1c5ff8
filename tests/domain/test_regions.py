"""The region tree: 盟市 west to east, their 旗县, and where a record is shown."""

from __future__ import annotations

import csv

from skillmap.domain.regions import WEST_TO_EAST, RegionTree

from ..conftest import ROOT


def tree() -> RegionTree:
    with (ROOT / "catalog/reference/regions.csv").open(encoding="utf-8") as f:
        return RegionTree(csv.DictReader(f))


def test_twelve_prefectures_west_to_east() -> None:
    regions = tree()
    assert [r.code for r in regions.prefectures] == list(WEST_TO_EAST)
    assert regions.prefectures[0].short == "阿拉善" and regions.prefectures[-1].short == "呼伦贝尔"


def test_labels_and_prefectures() -> None:
    regions = tree()
    assert regions.label("150102") == "新城区（呼和浩特市）"
    assert regions.label("150100") == "呼和浩特市"
    assert regions.label("999999") == "999999"
    # 满洲里 and 二连浩特 count with their 盟市
    assert regions.prefecture_of("150781").name == "呼伦贝尔市"  # type: ignore[union-attr]
    assert regions.prefecture_of("152501").name == "锡林郭勒盟"  # type: ignore[union-attr]


def test_where_a_record_is_shown() -> None:
    regions = tree()
    # filed under a county: its page and its 盟市's
    assert regions.shown_in("150102") == ["150102", "150100"]
    # filed under a 盟市: its page and every county's (城市-wide enrolment)
    shown = regions.shown_in("150100")
    assert shown[0] == "150100" and "150105" in shown and "150202" not in shown
    assert regions.covers("150100", "150102") and regions.covers("150105", "150100")
    assert not regions.covers("150105", "150102")
    assert regions.shown_in("nonsense") == []
