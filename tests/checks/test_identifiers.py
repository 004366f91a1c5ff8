"""Credit codes and coordinates."""

from __future__ import annotations

import pytest

from skillmap.checks.identifiers import _inside, _uscc_valid


@pytest.mark.parametrize(
    "code",
    [
        "52150102MA0K123451",
        "12150200MB0A56785Y",
        "N2150102MA0K12345F",  # 农民专业合作社 codes start with a letter
        "91110000600037341L",
        "5215 0102 MA0K 1234 51",  # written in groups
    ],
)
def test_valid_credit_codes(code: str) -> None:
    assert _uscc_valid(code)


@pytest.mark.parametrize("code", ["52150102MA0K123452", "52150102MA0K12345", "N2150102MA0K12345G", ""])
def test_invalid_credit_codes(code: str) -> None:
    assert not _uscc_valid(code)


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (40.84, 111.75, True),  # 呼和浩特
        (49.59, 117.38, True),  # 满洲里
        (43.65, 112.0, True),  # 二连浩特
        (111.75, 40.84, False),  # latitude and longitude swapped
        (31.23, 121.47, False),  # 上海
    ],
)
def test_inner_mongolia_box(lat: float, lon: float, inside: bool) -> None:
    assert _inside(lat, lon) is inside
