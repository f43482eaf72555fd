"""Damaged copies of a label: what OCR leaves of one that is covered, tiny or faint."""

from __future__ import annotations

import pytest

from app.checker.degraded import degraded_elements
from app.rules.pack import load_rule_pack


@pytest.mark.parametrize(
    ("text", "elements"),
    [
        ("营亚执照", ["merchant_info"]),  # 业 misread
        ("数学人直择", ["ai_disclosure"]),
        ("直播价", ["price"]),  # the word, its number hidden
        ("/件", ["price"]),  # the unit, its number hidden (¥38.9/件)
        ("/kg", ["price"]),
        ("9/件", ["price"]),  # its sign and first digits hidden (¥199/件)
        ("到手¥", ["price"]),  # the word and its sign, the number hidden
        ("秒杀￥", ["price"]),
        ("2件", []),  # a count, not a per-unit price
        ("件", []),  # one glyph: as often noise as a price's tail
        ("第2件", []),
        ("券后价到99", ["price"]),  # 券后价¥199: its ¥ read as 到, the 1 lost
        ("到手价约99", ["price"]),
        ("原价到99", []),  # a compared price is no selling price, damaged or not
        ("直播价格说明", []),  # the word, but no number after it
        ("立减¥20", []),  # a reduction, not a price
        ("今天天气真好", []),
        ("直播价：热卖", ["price"]),  # a 热卖 sticker over the number after the key
        ("到手价 热卖", ["price"]),  # the word alone is one already; a sticker's word after it
        ("秒杀价HOT", ["price"]),  # 秒杀价 ¥89 with a HOT badge over ¥89
        ("热卖", []),  # the sticker alone
        ("抢99/件", ["price"]),  # ¥299/件 with a 抢 badge over ¥2
        ("×22/件", ["price"]),  # a 9 px ¥129.9/件, its sign read as ×
        ("79/", ["price"]),  # an 11 px ¥79/件, its unit unread
        ("1/", []),  # one digit: a page or a count
        ("买2件", []),
        ("¥款9", ["price"]),  # ￥9.9 with a 爆款 badge over .9's start
        ("夫8", ["price"]),  # ￥89 with a card over 9: the bold ￥ read as 夫
        ("功夫8", []),
        ("息>", ["merchant_info"]),  # 商家信息 > with 商家信 under a sticker
        ("言息>", ["merchant_info"]),  # …信息 >, 信 read without its 亻
        ("息", []),  # one glyph, no chevron: anything
        ("秒杀19.9", ["price"]),  # 秒杀 ¥19.9 with its ¥ under a sticker
        ("秒杀1000件", []),  # a count of sales
        ("到299", ["price"]),  # 到手¥299 with 手¥ under a sticker
        ("到12点", []),
        ("X301/件", ["price"]),  # ¥301/件, a sticker's edge over ¥ read as X
        ("至6a/件", ["price"]),
        ("2件/组", []),
        # The glyph at a cover's edge misread, the rest of the label's end whole.
        ("上成内容", ["ai_disclosure"]),  # 人工智能生成内容, a heart over 人工智能 and part of 生
        ("店铺主位", ["merchant_info"]),  # 店铺主体信息, a sticker over 信息 and part of 体
        ("个人信息", []),  # no label ends in 人信息
    ],
)
def test_damaged_copies(text: str, elements: list[str]) -> None:
    assert degraded_elements(text, load_rule_pack()) == elements
