"""Amounts are exact: read as Decimal, the subsidy worked out in fen, one formatter everywhere."""

from __future__ import annotations

from decimal import Decimal

import pytest

from skillmap.domain.money import json_number, plain_number, subsidy, yuan
from skillmap.schema import Field, cast


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (1600, "1,600"),
        (Decimal("1600.0"), "1,600"),
        (Decimal("1280.5"), "1,280.50"),
        (Decimal("0"), "0"),
        (Decimal("0.005"), "0.01"),  # half up, as a cashier rounds
        (None, ""),
    ],
)
def test_yuan(amount: Decimal | int | None, shown: str) -> None:
    assert yuan(amount) == shown


def test_the_subsidy_is_exact_in_fen() -> None:
    # 48 × 22.55 in binary floating point is 1082.3999…; the policy's sum is 1,082.40.
    s = subsidy(48, Decimal("22.55"))
    assert (s.base, s.raised) == (Decimal("1082.40"), Decimal("1623.60"))
    assert (yuan(s.base), yuan(s.raised)) == ("1,082.40", "1,623.60")
    assert subsidy(80, 20) == subsidy(80, Decimal("20.00"))


def test_numbers_are_read_from_the_data_as_decimal() -> None:
    number = Field(name="fee", type="number", title="培训费", description="")
    assert cast(number, "22.55") == Decimal("22.55")
    assert isinstance(cast(number, "1600"), Decimal)


@pytest.mark.parametrize(
    ("amount", "text", "json"), [(Decimal("1600.00"), "1600", 1600), (Decimal("22.50"), "22.5", 22.5)]
)
def test_amounts_as_data_and_json_write_them(amount: Decimal, text: str, json: float) -> None:
    assert plain_number(amount) == text
    assert json_number(amount) == json
