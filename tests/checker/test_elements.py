"""Whose text is it: the room's overlay or a viewer's line, by its words alone."""

from __future__ import annotations

import pytest

from app.checker.elements import is_viewer_text
from app.rules.pack import load_rule_pack


@pytest.mark.parametrize(
    "text",
    [
        "商家信息在哪看",  # a viewer asking, without a question mark
        "到手价多少",
        "营业执照在哪里",
        "这个是不是广告",
        "有没有AI生成的标",
        "到手价是69元吗",
    ],
)
def test_a_question_is_a_viewers_even_without_its_mark(text: str) -> None:
    assert is_viewer_text(text, load_rule_pack())


@pytest.mark.parametrize(
    "text",
    ["商家信息", "查看商家资质", "到手价 ¥69", "全网最低价 还等什么", "主播为虚拟形象 AI生成"],
)
def test_overlay_statements_are_the_rooms(text: str) -> None:
    assert not is_viewer_text(text, load_rule_pack())


@pytest.mark.parametrize(
    ("text", "element"),
    [("成内容", "ai_disclosure"), ("生成内容", "ai_disclosure"), ("告内容", "ad_label")],
)
def test_the_end_of_one_label_is_not_a_damaged_copy_of_another(text: str, element: str) -> None:
    """成内容 is what a sticker leaves of 人工智能生成内容; it shares 内容 with 广告内容, but a
    line that reads as part of one label is not taken for a garbled other."""
    from app.checker.elements import classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine

    (info,) = classify_lines([OcrLine(text, Box(0, 0, 90, 30), 0.9)], load_rule_pack())
    assert info.matches[element].fragment
    assert info.degraded == ()


def test_a_garbled_label_is_still_a_damaged_copy() -> None:
    from app.checker.elements import classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine

    (info,) = classify_lines([OcrLine("营亚执照", Box(0, 0, 90, 30), 0.9)], load_rule_pack())
    assert info.degraded == ("merchant_info",)
