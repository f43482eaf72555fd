"""统一社会信用代码 / 身份证 check digits and the tolerant price parser."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.showplan.model import Product
from app.showplan.prices import format_price, parse_price, price_matches
from app.showplan.uscc import is_valid_id_number, uscc_check_digit, uscc_problem


def test_gb32100_worked_example_is_valid() -> None:
    assert uscc_check_digit("91350100M000100Y4") == "3"
    assert uscc_problem("91350100M000100Y43") is None
    assert uscc_problem("91350100m000100y43") is None  # typed in lower case
    assert uscc_problem("9135 0100 M000 100Y 43") is None  # copied with spaces


def test_check_digit_zero_when_remainder_is_zero() -> None:
    # Find a 17-char prefix whose sum is a multiple of 31: the check digit must be 0, not 31.
    for tail in range(100):
        prefix = f"9135010000000{tail:04d}"
        if uscc_check_digit(prefix) == "0":
            assert uscc_problem(prefix + "0") is None
            return
    pytest.fail("no prefix with check digit 0 in range")  # pragma: no cover


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("91350100M000100Y44", "校验位"),
        ("91350100M000100Y4", "18位"),
        ("91350100M0001O0Y43", "不允许的字符"),
    ],
)
def test_bad_codes_say_what_is_wrong(code: str, words: str) -> None:
    problem = uscc_problem(code)
    assert problem is not None and words in problem


def test_individual_id_number_is_accepted() -> None:
    assert is_valid_id_number("11010519491231002X")
    assert uscc_problem("11010519491231002X") is None
    assert uscc_problem("110105194912310021") is not None


@pytest.mark.parametrize(
    ("text", "amount"),
    [("¥69", "69"), ("￥69", "69"), ("69.00", "69"), ("69元", "69"), (" 69 元", "69"),
     ("¥ 1,299", "1299"), ("６９", "69"), ("RMB 69.9", "69.9"), (69, "69"), (69.9, "69.9")],
)
def test_parse_price_accepts_what_people_type(text: object, amount: str) -> None:
    assert parse_price(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["面议", "69/99", "-5", "", "¥", "69元起", True])
def test_parse_price_rejects_the_rest(text: object) -> None:
    assert parse_price(text) is None


def test_format_price() -> None:
    assert format_price(Decimal("69.00")) == "69"
    assert format_price(Decimal("69.90")) == "69.9"
    assert format_price(Decimal("1299")) == "1299"


def _product(price: str) -> Product:
    return Product(row=2, name="蜂蜜", category="食品", spec="500g", price=Decimal(price),
                   merchant_name="x", uscc="91350100M000100Y43", seven_day_return=True)


@pytest.mark.parametrize(
    ("screen", "expected"),
    [
        ("直播价 ¥69", True),
        ("到手价：69.00元", True),
        ("￥ 69", True),
        ("原价¥99 直播价¥69 拍2件", True),
        ("直播价 ¥79", False),
        ("69.00", True),
        ("买2件送1件", None),  # no money amount on screen: cannot tell
        ("", None),
    ],
)
def test_price_matches(screen: str, expected: bool | None) -> None:
    assert price_matches(screen, _product("69")) is expected
