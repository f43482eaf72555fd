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
