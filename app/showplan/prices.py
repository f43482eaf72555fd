"""Prices as operators type them and as OCR reads them off the screen.

The rundown is typed by people ("¥69", "69.00", "69元", "1,299"), and the on-screen check
(000 第二十七条5: 发布的商品内容与商品链接应当保持一致) compares OCR text against it, so both sides
go through the same tolerant parser and are compared as ``Decimal`` — never as floats, where
69.9 and 69.90 could disagree.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Protocol

_CURRENCY_PREFIX = ("¥", "￥", "RMB", "CNY", "人民币")
_NUMBER = r"\d+(?:\.\d+)?"
# A number tied to a currency marker: "¥69", "￥ 69.9", "69元", "69 元", "价:69".
_MARKED = re.compile(
    rf"(?:[¥￥]|RMB|CNY|人民币|价[:：]?)\s*(?P<a>{_NUMBER})|(?P<b>{_NUMBER})\s*元"
)


def _clean(text: str) -> str:
    """NFKC folds full-width digits and the full-width yen sign; thousands commas go."""
    text = unicodedata.normalize("NFKC", text).replace("\u00a5", "¥")
    return re.sub(r"(?<=\d)[,，](?=\d{3}\b)", "", text)


def parse_price(value: object) -> Decimal | None:
    """Read one price cell; None when it is not a single non-negative amount.

    Accepts numbers from openpyxl as they are, and text with an optional currency sign before or
    元 after. Anything else ("面议", "69/99", "-5") is rejected so the operator fixes the cell
    rather than the app guessing.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
        return amount if amount >= 0 else None
    text = _clean(str(value)).strip()
    for prefix in _CURRENCY_PREFIX:
        if text.upper().startswith(prefix):
            text = text[len(prefix):].strip()
            break
    if text.endswith("元"):
        text = text[:-1].strip()
    if not re.fullmatch(_NUMBER, text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex already guarantees a number
        return None


def format_price(amount: Decimal) -> str:
    """How the host says it: 69, 69.9, 1299 — no trailing zeros, no exponent."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f")


def prices_in_text(text: str) -> list[Decimal]:
    """Amounts that OCR text marks as money (¥/￥/元/价). Bare numbers are not prices: "3件"."""
    found: list[Decimal] = []
    for match in _MARKED.finditer(_clean(text)):
        found.append(Decimal(match.group("a") or match.group("b")))
    return found


class _Priced(Protocol):
    price: Decimal | None


def price_matches(on_screen_text: str, product: _Priced) -> bool | None:
    """Does the price on screen agree with the rundown (000 第二十七条5)?

    True when any money amount on screen equals the product's price, False when amounts are shown
    but none equals it, None when it cannot be told: no price in the rundown, or no amount in the
    text. A text that is nothing but a number ("69.00") is taken as an amount.
    """
    if product.price is None:
        return None
    amounts = prices_in_text(on_screen_text)
    if not amounts:
        bare = parse_price(on_screen_text)
        if bare is None:
            return None
        amounts = [bare]
    return any(a == product.price for a in amounts)
