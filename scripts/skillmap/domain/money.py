"""Amounts in yuan as `Decimal`, the subsidy rule of policy item 16, and the one money formatter.

Amounts are read from the data as `Decimal`, so 48 课时 × 22.55 元 is 1,082.40 exactly and
every place that shows it (page, poster, JSON-LD, later the feed and Excel) shows the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
# Policy item 16: a labour contract of a year or more signed within 6 months after training,
# with social insurance paid, raises the hourly standard by 50 %.
CONTRACT_UPLIFT = Decimal("1.5")
UPLIFT_CONDITIONS = "培训后 6 个月内签订 1 年以上劳动合同并按规定缴纳社会保险"

Amount = Decimal | int


def to_fen(amount: Amount) -> Decimal:
    """An amount rounded to the fen, half up (as a cashier rounds)."""
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Subsidy:
    """What the subsidy pays for one trainee: the base and the amount with the contract uplift."""

    base: Decimal
    raised: Decimal


def subsidy(hours: int, per_hour: Amount) -> Subsidy:
    """Base = 课时 × 课时补贴标准; raised = base × 1.5 (both in fen)."""
    base = Decimal(hours) * Decimal(per_hour)
    return Subsidy(to_fen(base), to_fen(base * CONTRACT_UPLIFT))


def yuan(amount: Amount | None) -> str:
    """Yuan with thousands separators; fen only when there are any: 1,600 · 1,280.50 · 0."""
    if amount is None:
        return ""
    value = to_fen(amount)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def plain_number(amount: Amount) -> str:
    """An amount as data writes it: no separators, no trailing zeros (1600, 22.5)."""
    value = Decimal(amount)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def json_number(amount: Amount) -> int | float:
    """An amount for JSON output (JSON has no decimal type): an integer when it is whole."""
    value = to_fen(amount)
    return int(value) if value == value.to_integral_value() else float(value)
