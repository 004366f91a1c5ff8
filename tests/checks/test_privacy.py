"""Personal data detectors: ID numbers, bank cards and masked names."""

from __future__ import annotations

import pytest

from skillmap.checks.privacy import is_masked, personal_contact, sensitive_number


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("身份证 11010519491231002X", "id-number"),
        ("身份证 110105 19491231 002X", "id-number"),
        ("身份证 110105-19491231-002x", "id-number"),
        ("卡号 6222021234567890128", "bank-card"),
        ("卡号 6222 0212 3456 7890 128", "bank-card"),
        ("卡号 4111-1111-1111-1111", "bank-card"),
        # Forms a person reads as the same number (issue 18): glued to letters, full-width, spaced oddly.
        ("ID150102199003071237", "id-number"),
        ("身份证号１５０１０２１９９００３０７１２３７", "id-number"),
        ("身份证 15 0102 1990 0307 1237", "id-number"),
        ("身份证 150102.19900307.1237", "id-number"),
        ("身份证 1501021990\u200b03071237", "id-number"),
        ("旧身份证 150102900307123", "id-number"),
        ("卡号 ６２２２ ０２１２ ３４５６ ７８９０ １２８", "bank-card"),
        # Exactly the fewest digits, in forms a per-character count must still see as digits.
        ("旧身份证 １５０１０２９００３０７１２３", "id-number"),
        ("身份证 一五〇一〇二一九九〇〇三〇七一二三七", "id-number"),
        ("身份证 ①⑤⓪①⓪②⑨⓪⓪③⓪⑦①②③", "id-number"),
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
        "每周一至五 19:00-21:00，共 2026 年 12 月 13 日开班",
        "区划 150000 150100 150200",
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


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("联系我 13812345678", "手机号码"),
        ("手机１３８１２３４５６７８", "手机号码"),
        ("电话 138.1234.5678", "手机号码"),
        ("电话 138 1234 5678", "手机号码"),
        ("+86-138-1234-5678", "手机号码"),
        ("1381234\u200b5678", "手机号码"),
        ("一三八一二三四五六七八", "手机号码"),
        ("邮箱 wang@example.cn", "电子邮箱"),
        ("邮箱 wang＠example．cn", "电子邮箱"),
        ("wang(at)example(dot)cn", "电子邮箱"),
        ("加我QQ：12345678", "QQ 号"),
        ("微信号：wxid_abc123", "微信号"),
    ],
)
def test_contacts_in_a_case_are_found_in_every_spelling(text: str, what: str) -> None:
    found = personal_contact(text)
    assert found is not None and found[0] == what


@pytest.mark.parametrize(
    "text",
    [
        "月收入从 3000 元涨到 5500 元",
        "2026 年 3 月 13 日结业，13 人取证",
        "拨打 12333 咨询",
        "每周一至五 19:00-21:00",
    ],
)
def test_ordinary_case_text_has_no_contact(text: str) -> None:
    assert personal_contact(text) is None
