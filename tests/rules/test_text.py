"""Normalisation: what folds, what must not fold, and mapping matches back to the OCR line."""

from __future__ import annotations

import pytest

from app.rules.text import has_cjk, normalize, normalize_with_map


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("全 网 最 低 价", "全网最低价"),  # spaces inside a term
        ("全\u3000网\t最低价", "全网最低价"),  # ideographic space, tab
        ("广\u200b告\ufeff", "广告"),  # zero-width space, BOM
        ("ＡＩ生成", "ai生成"),  # full-width Latin
        ("￥５９．９", "¥59.9"),  # full-width yen and digits
        ("经营者：某某", "经营者:某某"),  # full-width colon
        ("【广告】", "[广告]"),
        ("“最佳”", '"最佳"'),
        ("59。9元", "59.9元"),
        ("廣告 價格", "广告价格"),  # traditional forms
        ("AD广告", "ad广告"),
        ("Al生成", "ai生成"),  # Tesseract: capital I read as l
        ("A1 合成", "ai合成"),  # RapidOCR: I read as 1
        ("AⅠ主播", "ai主播"),  # roman numeral one
        ("1oo元", "100元"),  # o inside a number
        ("5o%", "50%"),
        ("1l9元", "119元"),  # l between digits
        ("①¥69", "¥69"),  # the ⓘ icon before a label, read as ①: not a digit of the price
        ("①券后价", "券后价"),
        ("ⓘ 此为广告", "此为广告"),
        ("①)秒杀价¥129.9", "秒杀价¥129.9"),  # the icon's rim read as a bracket
    ],
)
def test_normalize_folds(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("deal", "deal"),  # al inside a word is not AI
        ("salt", "salt"),
        ("Alpha", "alpha"),
        ("A10", "a10"),  # a product code stays
        ("Y59", "y59"),  # ¥ confusions are context-dependent: left to the pack's patterns
        ("人看过", "人看过"),  # 看 is not folded to 者 everywhere
        ("hello world", "helloworld"),
        ("第①名", "第1名"),  # a circled digit inside the line is a digit
    ],
)
def test_normalize_leaves_alone(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["全 网 最 低 价！", "ＡＩ 生成", "经营者：杭州某某有限公司", "￥ 59.9 到手", "Al 生成", "",
     "1oo元 立减", "e\u0301 AI", "广\u200b告", "①)秒杀价¥129.9", " ⓘ 广告"],
)
def test_map_agrees_with_normalize(raw: str) -> None:
    mapped = normalize_with_map(raw)
    assert mapped.text == normalize(raw)
    assert len(mapped.index) == len(mapped.text)
    assert all(0 <= i < max(1, len(raw)) for i in mapped.index)


def test_span_maps_back_to_original() -> None:
    raw = "今天 全 网 最 低 价 哦"
    mapped = normalize_with_map(raw)
    start = mapped.text.index("全网最低价")
    s, e = mapped.original_span(start, start + 5)
    assert raw[s:e] == "全 网 最 低 价"


def test_has_cjk() -> None:
    assert has_cjk("ai生")
    assert not has_cjk("ad")
