"""Personal data detectors: ID numbers, bank cards and masked names."""

from __future__ import annotations

import pytest

from skillmap.checks.privacy import is_masked, sensitive_number


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("身份证 11010519491231002X", "id-number"),
        ("身份证 110105 19491231 002X", "id-number"),
        ("身份证 110105-19491231-002x", "id-number"),
        ("卡号 6222021234567890128", "bank-card"),
        ("卡号 6222 0212 3456 7890 128", "bank-card"),
        ("卡号 4111-1111-1111-1111", "bank-card"),
    ],
)
def test_sensitive_numbers_are_found(text: str, code: str) -> None:
    found = sensitive_number(text)
    assert found is not None and found[0] == code


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002Y",  # wrong check digit
        "110105194912310021",  # wrong check digit
        "6222021234567890127",  # fails Luhn
        "2026-03-01 至 2026-05-30",  # dates joined would be 16 digits
        "电话 0471-6601234，手机 13812345678",
        "统一社会信用代码 52150102MA0K123451",
        "培训 80 课时，补贴 1600 元",
    ],
)
def test_ordinary_numbers_are_not_flagged(text: str) -> None:
    assert sensitive_number(text) is None


@pytest.mark.parametrize(
    "person",
    [
        "王某某",
        "王某",
        "小李",
        "老张",
        "阿强",
        "张女士",
        "李先生",
        "赵师傅",
        "刘同学",
        "巴特尔（化名）",
        "其木格(化名)",
    ],
)
def test_masked_names_pass(person: str) -> None:
    assert is_masked(person)


@pytest.mark.parametrize("person", ["王小明", "张伟", "欧阳某某", "李", "Zhang Wei", "小李子"])
def test_full_names_fail(person: str) -> None:
    assert not is_masked(person)
