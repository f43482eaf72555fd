"""Whose text is it: the room's overlay or a viewer's line, by its words alone."""

from __future__ import annotations

import cv2
import numpy as np
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
        "奶不加理385经营者信息看不到",  # a complaint, its name and colon garbled by OCR
        "价格看不清",
        "是数字人吗：",  # its ？ read as a colon
        "主播是AI生成的吗.",
        "最低价鸣",  # its 吗 read as 鸣
        "全网最低价：！",  # its ？？ read as a colon and an exclamation mark
    ],
)
def test_a_question_is_a_viewers_even_without_its_mark(text: str) -> None:
    assert is_viewer_text(text, load_rule_pack())


@pytest.mark.parametrize(
    "text",
    ["商家信息", "查看商家资质", "到手价 ¥69", "全网最低价 还等什么", "主播为虚拟形象 AI生成",
     "商家信息：", "经营者：", "限时秒杀！"],
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


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a 弹幕 scrolling past the label, read into its line: two lines, each judged as itself
        ("经营者信息 到手价多少", [("经营者信息", None), ("到手价多少", "danmaku")]),
        ("到手价多少 商家信息", [("到手价多少 商家信息", None)]),  # the room's line as a whole
        ("醋Lily 这是广告吗", [("醋Lily 这是广告吗", "danmaku")]),  # a 弹幕 naming a label
        ("Tony_233： ¥50邮吗", [("Tony_233： ¥50邮吗", "chat")]),  # chat keeps its price
    ],
)
def test_a_label_and_a_danmaku_read_as_one_line_are_split(
    text: str, parts: list[tuple[str, str | None]]
) -> None:
    from app.checker.elements import classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine

    box = Box(159, 161, 371, 47)
    infos = classify_lines([OcrLine(text, box, 0.97)], load_rule_pack())
    assert [(i.line.text, i.viewer) for i in infos] == parts
    if len(infos) == 2:
        label, danmaku = (i.line.box for i in infos)
        assert box.x == label.x and label.x2 < danmaku.x and danmaku.x2 == box.x2
        assert infos[0].matches["merchant_info"].full


def test_a_label_with_a_danmaku_read_into_its_line_is_judged_on_its_own_part() -> None:
    """经营者信息 on a plate at the top left, a viewer's 到手价多少 scrolling past on its row;
    OCR returns one line for both. Taken whole it is a viewer's question and the label would
    be missing; its label part is the room's label, legible and uncovered."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=5)
    x, y, w, h = draw_label(img, (120, 110), "经营者信息", 28, (255, 255, 255), (30, 30, 30))
    dx, _dy, dw, _dh = draw_label(img, (x + w + 40, 110), "到手价多少", 28, (250, 250, 250))
    line = OcrLine("经营者信息 到手价多少", Box(x - 12, y - 12, dx + dw - x + 24, h + 24), 0.97)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "merchant_info", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == "ok", f.reason
    assert f.box is not None and f.box.x2 < dx


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a sticker's word read into the line of a whole label beside it: two lines
        ("抢人工智能生成内容", ["抢", "人工智能生成内容"]),
        ("限时 本直播间主播为AI数字人", ["限时", "本直播间主播为AI数字人"]),
        ("AI生成NEW", ["NEW", "AI生成"]),
        ("秒杀¥19.9", ["秒杀¥19.9"]),  # a price's word is the tag's own
        ("热卖人直播", ["热卖人直播"]),  # beside part of a label, it is over the rest
        ("抢广告位啦", ["抢广告位啦"]),  # no whole label beside it
    ],
)
def test_a_sticker_word_read_into_a_whole_label_s_line_is_split_off(
    text: str, parts: list[str]
) -> None:
    from app.checker.elements import classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine

    box = Box(1096, 402, 234, 36)
    infos = classify_lines([OcrLine(text, box, 0.99)], load_rule_pack())
    assert [i.line.text for i in infos] == parts
    if len(infos) == 2:
        sticker, label = infos
        assert not sticker.matches and sticker.viewer is None
        assert box.x <= label.line.box.x and label.line.box.x2 <= box.x2
        assert sticker.line.box.x2 <= label.line.box.x or label.line.box.x2 <= sticker.line.box.x


def test_a_sticker_word_beside_a_clean_label_does_not_cover_it() -> None:
    """A red 抢 disc beside a clean 人工智能生成内容 on a photo (framegen n751 f0055,
    1920x1080), read as one line: in the whole line's box the disc stood where the label's
    first glyphs would, 25 % of it covered."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("抢人工智能生成内容", Box(1096, 402, 234, 36), 1.0)]
    finding = _judge_on_crop(
        "ai_disclosure", "sticker_word_read_into_a_clean_label.png", (312, 970), (1920, 1080),
        lines,
    )
    assert finding.status == "ok", finding.reason


def test_a_garbled_label_is_still_a_damaged_copy() -> None:
    from app.checker.elements import classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine

    (info,) = classify_lines([OcrLine("营亚执照", Box(0, 0, 90, 30), 0.9)], load_rule_pack())
    assert info.degraded == ("merchant_info",)


def test_the_phrase_not_the_whole_detected_line_must_sit_in_the_corner() -> None:
    """The detector joined a count left of the corner with the label ("700 广告内容"): the line
    starts outside the top-right corner, the label itself stands inside it."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines, phrase_box
    from app.checker.result import Status
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, font, studio_background, to_bgr

    w, h = 1280, 720
    img = studio_background(w, h, seed=2)
    ImageDraw.Draw(img).text((862, 30), "700", font=font(30), fill=(255, 255, 255))
    x, y, lw, lh = draw_label(img, (940, 28), "广告内容", 30, (255, 255, 255), (200, 30, 30))
    line = OcrLine("700 广告内容", Box(858, y - 6, x + lw + 6 - 858, lh + 12), 0.95)
    pack = load_rule_pack()
    span = classify_lines([line], pack)[0].matches["ad_label"].span
    where = phrase_box(line.text, line.box, span)
    corner_starts = (1 - 0.3 * 1.05) * w  # the all-required profile's right corner
    assert line.box.x < corner_starts < where.x <= x
    assert where.x2 == line.box.x2
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status is Status.OK, (f.reason, f.box)


@pytest.mark.parametrize(("label_x", "scrolls"), [(-12, True), (40, False)])
def test_only_glyphs_cut_by_the_frame_edge_make_a_line_scroll(label_x: int, scrolls: bool) -> None:
    """A sticker the frame's edge cuts, beside a corner label, takes the line's ink to the
    edge; the label's own glyphs stand well clear of it, so it is the room's. A line whose
    first glyph the edge cuts is text in motion across the frame (弹幕)."""
    from PIL import ImageDraw

    from app.checker.elements import _ink_at_edge
    from app.checker.vision import TextMeasure
    from app.geometry import Box
    from tests.checker.conftest import font, studio_background, to_bgr

    img = studio_background(1280, 720, seed=5)
    d = ImageDraw.Draw(img)
    d.ellipse((-14, 20, 10, 64), fill=(250, 140, 20), outline=(255, 255, 255), width=3)
    d.text((label_x, 24), "广告内容", font=font(32), fill=(255, 255, 255))
    # The strokes as measure_text finds them, from the frame's edge to the label's end.
    ink = Box(0, 28, label_x + 4 * 32, 36)
    m = TextMeasure(32.0, 9.0, ink, 1, (255, 255, 255), (92, 74, 64), 9.0)
    assert _ink_at_edge(to_bgr(img), m) is scrolls


@pytest.mark.parametrize(("text", "scrolls"), [("加V", True), ("广告", False)])
def test_a_banned_question_whose_last_glyph_the_edge_cuts_scrolls(text: str, scrolls: bool):
    """加V吗 scrolling in at the right edge of a generated 1080x1920 frame: OCR reads 加V and
    drops the 口 of 吗 that the edge cuts, a fifth of a glyph from it. A line with a banned
    term and nothing of a label that stands so close is taken for 弹幕; the same strokes read as
    a label's words keep the benefit of the doubt (a room may set its label that close)."""
    from pathlib import Path

    from app.checker.elements import classify_lines, mark_scrolling
    from app.geometry import Box
    from app.ocr.base import OcrLine

    name = "danmaku_question_cut_by_right_edge.png"
    crop = cv2.imread(str(Path(__file__).parent / "data" / name))
    pack = load_rule_pack()
    lines = classify_lines([OcrLine(text, Box(150, 40, 81, 57), 0.99)], pack)
    mark_scrolling(lines, crop, pack)
    assert (lines[0].viewer == "danmaku") is scrolls


@pytest.mark.parametrize(("right", "scrolls"), [(241, True), (230, False)])
def test_a_banned_line_whose_box_reaches_the_frame_s_side_scrolls(right: int, scrolls: bool):
    """历史最低价 scrolling out at the right edge of a 1080x1920 frame (framegen n711 f0059),
    white with a dark outline: the measure takes the outline for the strokes and drops what
    touches the box's border, so its ink stops 0.64 glyph short of the edge; but the
    detector's box runs to the frame's last pixels, where 价 is cut. A box that stops short of
    the side is judged by its ink as before."""
    from pathlib import Path

    from app.checker.elements import classify_lines, mark_scrolling
    from app.geometry import Box
    from app.ocr.base import OcrLine

    name = "danmaku_cut_by_the_right_edge_unmeasured.png"
    crop = cv2.imread(str(Path(__file__).parent / "data" / name))
    assert crop.shape[1] == 1080 - 606  # the crop ends at the frame's side
    pack = load_rule_pack()
    lines = classify_lines([OcrLine("历史最低价", Box(231, 165, right, 66), 0.99)], pack)
    mark_scrolling(lines, crop, pack)
    assert (lines[0].viewer == "danmaku") is scrolls


@pytest.mark.parametrize(
    ("element", "drawn", "read", "sticker", "status"),
    [
        # 此 of 此为广告, a sticker over 为广告: 此 starts only the ad label's phrases.
        ("ad_label", "此为广告", "此", True, "occluded"),
        ("ad_label", "此", "此", False, "missing"),
        # 秒 of 秒杀 ¥19.9, a sticker over 杀 ¥19.9: the first glyph of a price word.
        ("price", "秒杀 ¥19.9", "秒", True, "occluded"),
        ("price", "秒", "秒", False, "missing"),
        # 照 of 营业执照 and 执 cut by the sticker's edge into 丸, the sticker over 营业.
        ("merchant_info", "营业丸照", "丸照", True, "occluded"),
        ("merchant_info", "丸照", "丸照", False, "missing"),
        # 件 of ¥79/件, a sticker over ¥79/: the unit of a per-unit price.
        ("price", "￥79/件", "件", True, "occluded"),
        ("price", "件", "件", False, "missing"),
        # ￥ of ￥48, a sticker over 48: a sign standing alone, which the recogniser reads as 夫.
        ("price", "￥48", "夫", True, "occluded"),
        ("price", "￥", "夫", False, "missing"),
    ],
)
def test_what_ocr_reads_beside_the_cover_of_the_rest_is_occluded(
    element: str, drawn: str, read: str, sticker: bool, status: str
):
    """All OCR reads of a covered label is an end glyph of it (此, 秒, a price's unit 件 or its
    sign, read 夫), or one with the neighbour the cover's edge cut (丸照): too little to go on
    by its reading, but where the rest would stand is a sticker, not the plate. The same glyphs
    alone on their plate are no evidence of a label."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, font, studio_background, to_bgr

    img = studio_background(1280, 720, seed=4)
    glyph = 40
    x, y, _, h = draw_label(img, (500, 300), drawn, glyph, (255, 255, 255), (40, 40, 50))
    at = drawn.index(read) if read in drawn else 0  # else a misreading of the first glyph
    rx = x + round(font(glyph).getlength(drawn[:at]))
    rw = round(font(glyph).getlength(drawn[at : at + len(read)]))
    if sticker and at > 0:  # the rest stands before what is read
        cover = (rx - 4 - 3 * glyph, y - 26, rx - 4, y + h + 26)
    else:  # after it
        cover = (rx + rw + 4, y - 26, rx + rw + 4 + 3 * glyph, y + h + 26)
    if sticker:
        ImageDraw.Draw(img).ellipse(cover, fill=(240, 200, 40))
    line = OcrLine(read, Box(rx - 6, y - 6, rw + 12, h + 12), 0.95)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        element, to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(("sticker", "status"), [(True, "occluded"), (False, "missing")])
def test_a_lone_outlined_last_glyph_beside_a_cover_is_occluded(sticker: bool, status: str):
    """成 of AI生成, white in a dark outline on a warm picture, a disc over AI生. The ground the
    measure finds is the outline's colour, which neither side shows: what stands beside the
    glyph is judged against the picture on its other side. The same 成 alone on the picture is
    no evidence of a label."""
    from PIL import Image, ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import font, to_bgr

    w, h = 1280, 720
    xx = np.mgrid[0:h, 0:w][1].astype(np.float32) / w
    base = np.stack([40 + 30 * xx, 90 + 40 * xx, 200 + 40 * xx], -1)
    img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8)[..., ::-1].copy())
    d = ImageDraw.Draw(img)
    glyph = 50
    x, y = 700, 300
    d.text((x, y), "成", font=font(glyph), fill=(255, 250, 240), stroke_width=3,
           stroke_fill=(120, 40, 30))
    x1, y1, x2, y2 = d.textbbox((x, y), "成", font=font(glyph), stroke_width=3)
    if sticker:
        d.ellipse((x1 - 2 * glyph - 6, y1 - 20, x1 - 4, y2 + 20), fill=(200, 80, 140))
    line = OcrLine("成", Box(x1 - 6, y1 - 6, x2 - x1 + 12, y2 - y1 + 12), 0.98)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ai_disclosure", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(("cover", "status"), [(True, "occluded"), (False, "ok")])
def test_a_price_after_the_lone_last_glyph_of_its_word_beside_a_cover(cover: bool, status: str):
    """直播价 79元 on a white plate with a photo tile over 直播: OCR reads 价 and 79元 apart, and
    79元 is a whole price. Nobody writes a one-glyph price word, and before 价 stands what is
    not the plate. With 直播 in plain sight but not read, what stands there is strokes on the
    plate: nothing is hidden."""
    from PIL import Image

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=5)
    glyph = 40
    x, y, w, h = draw_label(img, (400, 300), "直播价 79元", glyph, (30, 60, 160), (245, 245, 245))
    if cover:
        rng = np.random.default_rng(1)
        tile = rng.integers(0, 255, (h + 16, 2 * glyph + 4, 3), np.uint8)
        img.paste(Image.fromarray(tile), (x - 6, y - 8))
    tail_x = x + 2 * glyph
    lines = [
        OcrLine("价", Box(tail_x - 4, y - 6, glyph + 8, h + 12), 0.99),
        OcrLine("79元", Box(tail_x + 3 * glyph // 2 - 6, y - 6, x + w - tail_x - 3 * glyph // 2
                            + 12, h + 12), 0.99),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status == status, f.reason


_BOX = tuple[int, int, int, int]


@pytest.mark.parametrize(
    ("element", "crop", "at", "size", "read"),
    [
        # 直播价 79元, stroked yellow on an orange photo, a rimmed disc over 直播: the rim
        # leaves a gap before 价, and the stroke is what 价 measures against, so only the disc
        # as a sticker tells.
        pytest.param(
            "price", "rimmed_disc_before_lone_price_glyph.png", (395, 230), (1280, 720),
            [("价", (345, 442, 56, 53), 1.0), ("79元", (403, 439, 110, 60), 1.0)],
            id="lone 价 before a whole price, a disc before it",
        ),
        # 到手价 ¥39, shadowed white on a slate wall, a rimmed disc over 手价: 到's box runs
        # on over the disc to ¥39's, but their inks stand three glyphs apart.
        pytest.param(
            "price", "disc_read_into_the_box_of_a_price_head.png", (1100, 180), (1080, 1920),
            [("到", (234, 1144, 201, 102), 1.0), ("¥39", (412, 1159, 94, 77), 0.87)],
            id="a head whose box holds the disc beside it",
        ),
        # ¥ 299 on a dark pill, a rimmed disc over ¥ 2: the rim leaves a gap before the 9s.
        pytest.param(
            "price", "disc_over_sign_and_first_digit.png", (390, 520), (1280, 720),
            [("99", (675, 446, 55, 46), 1.0)],
            id="a sure number, a disc a gap before it",
        ),
        # ¥ 299 stroked yellow on a green photo, a rimmed disc over ¥, read as a letter O.
        pytest.param(
            "price", "disc_read_as_o_before_a_number.png", (1100, 120), (1080, 1920),
            [("O99", (205, 1153, 131, 67), 0.86)],
            id="the disc read as O before the number",
        ),
        # 秒杀 ¥19.9 on a glass plate, a photo tile over 杀 ¥19: the last 9's box is two
        # thirds of 秒's height, as digits stand.
        pytest.param(
            "price", "glass_tag_split_to_head_and_last_digit.png", (640, 100), (1920, 1080),
            [("秒", (159, 684, 42, 42), 1.0), ("9", (331, 694, 20, 28), 1.0)],
            id="a head and a last digit lower than it",
        ),
        # AI生成 in white outlined dark red on an orange picture, a heart over AI生: OCR reads
        # 成 alone, and the ground measured round it is its outline's colour (n581 f0054).
        pytest.param(
            "ai_disclosure", "heart_before_outlined_lone_glyph.png", (150, 150), (1920, 1080),
            [("成", (387, 217, 61, 77), 0.98)],
            id="a heart before an outlined lone last glyph",
        ),
        # 营业执照 in white outlined black on a red picture, a photo tile over 营业 and the left
        # of 执: OCR reads 丸照, the last glyph and its cut neighbour (alt52 f0044).
        pytest.param(
            "merchant_info", "tile_over_start_of_merchant_entry.png", (820, 150), (1080, 1920),
            [("丸照", (313, 882, 80, 58), 0.87)],
            id="a tile before an end glyph and its cut neighbour",
        ),
        # 营业执照 in white on a red pill over a grey photo, a gift box over 营业 and half of 执:
        # OCR reads 丸照 near the pill's rounded end, past which the photo shows. The pill is
        # the ground; the far side only partly is (n301 f0002).
        pytest.param(
            "merchant_info", "gift_before_the_end_of_a_pill_entry.png", (360, 620), (1080, 1920),
            [("丸照", (849, 438, 114, 74), 0.99)],
            id="a gift box before an end glyph near its pill's end",
        ),
        # AI数字人直播 in lilac on a dark pill, a star over 直 and 播's remnant past it by the
        # pill's rounded end. The ink stops before 人, whose thin strokes leave its columns
        # mostly plate: no padding. Past the star, 播 shows the plate above and below it.
        pytest.param(
            "ai_disclosure", "star_over_the_end_of_a_pill_label.png", (20, 1000), (1920, 1080),
            [("AI数字人", (1083, 63, 93, 43), 0.83)],
            id="a star over a pill label's end past a thin glyph",
        ),
        # 券后价¥129.9 on a dark card, a clover sticker twice the glyphs' height over 9.9 and
        # the card's end: OCR reads 券后价¥12 (blind set n681 f0005).
        pytest.param(
            "price", "clover_over_the_end_of_a_card_price.png", (938, 166), (1080, 1920),
            [("券后价¥12", (226, 1008, 224, 66), 0.99)],
            id="a sticker over a card price's end",
        ),
    ],
)
def test_a_label_whose_cover_leaves_a_whole_reading_is_covered(
    element: str, crop: str, at: tuple[int, int], size: tuple[int, int],
    read: list[tuple[str, _BOX, float]],
) -> None:
    """Crops of generated frames (blind sets among them) where what OCR reads of a covered
    label or price tag is whole by itself (79元, ¥39, a bare 299, AI数字人): only the cover
    beside it says part is hidden."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine(text, Box(*box), conf) for text, box, conf in read]
    finding = _judge_on_crop(element, crop, at, size, lines)
    assert finding.status == "occluded", finding.reason


@pytest.mark.parametrize(
    ("element", "read", "status"),
    [
        # 商业推广 广告 with a card over 商业: more than 广告, all of it the longer label's.
        ("ad_label", "推广广告", "occluded"),
        ("ad_label", "广告", "ok"),
        ("ad_label", "此为广告", "ok"),  # a label of its own, whole
        # 主播为虚拟形象 with 主播 hidden.
        ("ai_disclosure", "为虚拟形象", "occluded"),
        ("ai_disclosure", "数字人直播", "ok"),
    ],
)
def test_a_whole_phrase_with_more_of_a_longer_label_is_that_label_cut(
    element: str, read: str, status: str
) -> None:
    """What shows of a label whose start is hidden may hold a shorter label whole (广告 of
    商业推广 广告); the glyphs read beyond it, the longer label's own, say the rest is there,
    hidden. A reading that is a label by itself says nothing is."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=7)
    x, y, w, h = draw_label(img, (60, 40), read, 40, (255, 255, 255), (200, 40, 40))
    line = OcrLine(read, Box(x - 6, y - 6, w + 12, h + 12), 0.99)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        element, to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


def test_a_bare_price_with_a_glyph_sized_icon_before_it_is_ok() -> None:
    """¥39 on a plate with a flat round icon before it, no taller than its glyphs: an icon
    stands first in a line, it hides nothing."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=6)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((420, 290, 590, 370), radius=12, fill=(40, 40, 60))
    x, y, w, h = draw_label(img, (500, 310), "¥39", 40, (255, 255, 255))
    d.ellipse((x - 50, y + 2, x - 16, y + 36), fill=(240, 80, 60))
    line = OcrLine("¥39", Box(x - 6, y - 6, w + 12, h + 12), 0.99)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == "ok", f.reason


@pytest.mark.parametrize("tile", [True, False])
def test_a_bare_number_with_a_photo_tile_over_its_sign_is_a_covered_price(tile: bool) -> None:
    """¥ 299 in outlined white on a blurred green picture (an altgen 1080x1920 frame), a photo
    tile over ¥ and the 2's left: OCR reads 299, sure of it. The tile is no flat sticker, but
    it is far busier than the picture round the number. With the tile and what it left of ¥
    painted over by the picture above them, 299 is a number and nothing more."""
    from pathlib import Path

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile

    crop = cv2.imread(str(Path(__file__).parent / "data" / "photo_tile_over_a_price_sign.png"))
    if not tile:
        crop[50:120, 45:112] = crop[0:10, 45:112].mean(axis=(0, 1)).astype(np.uint8)
    frame = np.zeros((1920, 1080, 3), np.uint8)
    frame[1190 : 1190 + crop.shape[0], 40 : 40 + crop.shape[1]] = crop
    pack = load_rule_pack()
    lines = [OcrLine("299", Box(117, 1242, 117, 66), 1.0)]
    finding = ElementJudge(load_profile("all-required"), pack).judge(
        "price", frame, classify_lines(lines, pack)
    )
    assert (finding.status == "occluded") is tile, finding.reason


@pytest.mark.parametrize(("read", "status"), [("广O", "occluded"), ("O广", "missing")])
def test_a_disc_read_as_a_letter_beside_a_labels_first_glyph_is_occluded(read: str, status: str):
    """广告 with a disc over 告 reads 广O: OCR read the disc as a letter where the rest of the
    label would stand. The same letter before 广, where no label goes on, says nothing."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=4)
    x, y, w, h = draw_label(img, (60, 40), "广告", 34, (255, 255, 255), (200, 30, 30))
    ImageDraw.Draw(img).ellipse((x + 36, y - 10, x + 36 + h + 20, y + h + 10), fill=(40, 90, 220))
    line = OcrLine(read, Box(x - 6, y - 6, w + 30, h + 12), 0.8)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


def _star(d, cx: int, cy: int, r: int, fill: tuple[int, int, int]) -> None:
    import math

    points = [
        (
            cx + (r if i % 2 == 0 else 0.45 * r) * math.sin(i * math.pi / 5),
            cy - (r if i % 2 == 0 else 0.45 * r) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    d.polygon(points, fill=fill)


@pytest.mark.parametrize(("covered", "status"), [(True, "occluded"), (False, "missing")])
def test_a_lone_glyph_read_with_the_star_over_the_rest_is_occluded(covered: bool, status: str):
    """广告 with a star over 广: OCR reads the star as a symbol, ★告. 告 ends only the ad
    label's phrases (此为广告, 商业广告), and the symbol stands where the rest would: the
    reading itself says something is drawn there, whatever the pixels round the glyph show
    (the star's points leave 广's strokes beside 告). A symbol after 告 stands where no part of
    the label would."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=6)
    size = 36
    x, y, w, h = draw_label(img, (1020, 40), "广告" if covered else "告", size, (255, 255, 255),
                            (210, 20, 30))
    if covered:
        _star(ImageDraw.Draw(img), x + size // 2, y + h // 2, round(0.75 * size), (40, 200, 60))
        line = OcrLine("★告", Box(x - 8, y - 12, w + 16, h + 24), 0.84)
    else:
        line = OcrLine("告★", Box(x - 6, y - 6, w + 12, h + 12), 0.95)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(("covered", "status"), [(True, "occluded"), (False, "ok")])
def test_a_star_over_a_price_word_beside_the_number_is_a_cover(covered: bool, status: str):
    """到手价 ¥39 on a pill with a star over 价: OCR reads 到手 (its box grown by the star's
    points, half as tall again as the number's) and ¥39, a whole price by itself. The word
    space keeps the star off the number, so only the word's side of the gap touches it; both
    pieces are on one plate, so it is one line with its middle hidden. The same pill reading
    到手 ¥39 with its plate between them hides nothing."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, font, studio_background, to_bgr

    img = studio_background(1080, 1920, seed=7)
    size = 48
    text = "到手价  ¥39" if covered else "到手     ¥39"
    x, y, w, h = draw_label(img, (300, 1200), text, size, (255, 255, 255), (20, 120, 240))
    d = ImageDraw.Draw(img)
    num = d.textbbox((0, 0), "¥39", font=font(size))
    num_w = num[2] - num[0]
    if covered:
        _star(d, x + round(2.6 * size), y + h // 2, round(1.25 * size), (20, 200, 60))
        word = Box(x - 10, y - round(0.6 * size), 2 * size + 30, h + round(1.2 * size))
    else:
        word = Box(x - 10, y - 10, 2 * size + 20, h + 20)
    lines = [
        OcrLine("到于", word, 0.79),
        OcrLine("¥39", Box(x + w - num_w - 12, y - 10, num_w + 24, h + 20), 0.95),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(
    ("read", "status"),
    [
        ("介¥29.9", "occluded"),
        ("介29.9元", "occluded"),  # 到手价 29.9元, its cover's edge through 价
        ("个¥39.9", "occluded"),  # 券后价¥39.9, the cover deeper into 价
        ("¥98/11", "occluded"),
        ("杀¥19.9", "occluded"),
        ("手¥39", "occluded"),
        ("¥98/件", "ok"),
        ("¥29.9", "ok"),
        ("到手¥39", "ok"),
        ("¥1", "occluded"),  # ￥129.9, a card over 29.9
        ("¥12", "ok"),
        ("和杀¥19.9", "occluded"),  # 秒杀 ¥19.9, 秒 cut into 和
        ("4价¥19.9", "occluded"),  # 券后价¥19.9, 后 cut into 4
        ("秒杀¥19.9", "ok"),
        ("到手¥1", "occluded"),  # 到手¥129.9, a card over 29.9
        ("¥2%", "occluded"),  # ¥ 299, a sticker over 99 read as %
        ("¥29)", "occluded"),
        ("¥59*3", "occluded"),  # ¥59.9, a disc over .9
        ("(¥29)", "ok"),
    ],
)
def test_a_price_whose_cover_cuts_through_a_glyph_is_occluded(read: str, status: str) -> None:
    """A cover's edge down the middle of 价 leaves 介, down the middle of 件 leaves its 亻 (read
    1 or 11): what shows is still a price, but part of the tag is under the cover. A price word
    that starts with its second glyph (杀 of 秒杀, 手 of 到手) lost its first under one, and so
    did one whose first reads as a stray digit or a glyph that makes no word with the second
    (4价, 和杀). A sign and one digit, alone or after the word, is a price cut short: a tag that
    low writes its decimals (¥9.9). So is an amount with a mark glued to it that no tag writes
    there (%, an unopened bracket, *): the cover, read as a symbol."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=6)
    x, y, w, h = draw_label(img, (500, 400), read, 40, (255, 255, 255), (200, 30, 30))
    line = OcrLine(read, Box(x - 8, y - 8, w + 16, h + 16), 0.95)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(("read", "status"), [("到手¥1", "illegible"), ("¥2%", "illegible")])
def test_a_small_price_cut_short_is_illegible(read: str, status: str) -> None:
    """OCR drops the last digits of a 7 px price as a cover hides them; what shows keeps its
    glyphs' height, and that height is what a viewer sees."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=6)
    x, y, w, h = draw_label(img, (500, 400), read, 8, (255, 255, 255), (200, 30, 30))
    line = OcrLine(read, Box(x - 3, y - 3, w + 6, h + 6), 0.95)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(
    ("read", "size", "card", "status"),
    [
        ("券后位￥128", 40, False, "ok"),
        ("到于价65元", 40, False, "ok"),
        ("券后价￥128", 40, False, "ok"),
        ("直接价79元", 9, False, "illegible"),
        ("直接价79元", 9, True, "illegible"),
    ],
)
def test_a_price_word_with_a_glyph_misread_is_a_damaged_tag(
    read: str, size: int, card: bool, status: str
) -> None:
    """券后位 for 券后价: glyphs too small to read, a cover's edge through 价, or a glyph of a
    clean tag misread. Tiny glyphs stay illegible even where a card's straight edge runs along
    them: at 8 px their width tells their size, an edge says nothing. A whole tag with nothing
    drawn over it is a price a viewer reads, whatever glyph OCR got wrong in its word."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=6)
    plate = None if card else (200, 30, 30)
    x, y, w, h = draw_label(img, (500, 400), read, size, (255, 255, 255), plate)
    if card:  # across the glyphs' last rows
        ImageDraw.Draw(img).rectangle((x - 30, y + h - 2, x + w + 30, y + h + 40), (20, 20, 20))
    pad = max(2, h // 4)
    line = OcrLine(read, Box(x - pad, y - pad, w + 2 * pad, h + 2 * pad), 0.95)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


def test_with_no_compliant_copy_a_whole_label_outranks_a_fragment() -> None:
    """广告 drawn whole at the bottom of the frame, and a stray 广 read in the top corner: the
    label is there and misplaced; the fragment, even in the corner, says less about it."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=7)
    x, y, w, h = draw_label(img, (600, 600), "广告", 34, (255, 255, 255), (200, 30, 30))
    fx, fy, fw, fh = draw_label(img, (1150, 40), "广", 34, (255, 255, 255), (40, 90, 160))
    lines = [
        OcrLine("广告", Box(x - 8, y - 8, w + 16, h + 16), 0.99),
        OcrLine("广", Box(fx - 8, fy - 8, fw + 16, fh + 16), 0.9),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status == "misplaced" and f.text == "广告", (f.status, f.reason)


def test_a_promotion_word_in_place_of_the_ad_label_is_named_as_not_accepted() -> None:
    """推广 in the top corner is not the 广告 the article asks for: the label is missing, and
    the finding says what is shown instead, where, so the operator knows what to change."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=7)
    x, y, w, h = draw_label(img, (1100, 40), "商业推广", 30, (255, 255, 255), (40, 90, 160))
    box = Box(x - 8, y - 8, w + 16, h + 16)
    pack = load_rule_pack()
    judge = ElementJudge(load_profile("all-required"), pack)
    f = judge.judge("ad_label", to_bgr(img), classify_lines([OcrLine("商业推广", box, 0.99)], pack))
    assert (f.status, f.text, f.box) == ("missing", "商业推广", box)
    assert "商业推广" in f.reason and "V1" in f.reason
    # With nothing of the kind on screen, nothing is named.
    f = judge.judge("ad_label", to_bgr(img), [])
    assert (f.status, f.text, f.box, f.reason) == ("missing", "", None, "not on screen")


@pytest.mark.parametrize(
    ("text", "span", "sticker"),
    [
        ("口广告❤广", (1, 3), True),  # 广告·推广 with a heart sticker over ·推
        ("推❤广告", (2, 4), True),
        ("●广告", (1, 3), False),  # the label's own icon, before it
        ("广告❤", (0, 2), False),  # nothing of the label beyond the symbol
        ("广告·推广", (0, 2), False),
    ],
)
def test_a_pictograph_inside_a_label_line_is_a_sticker_over_it(text, span, sticker) -> None:
    from app.checker.elements import _sticker_beside

    assert _sticker_beside(text, span) is sticker


def test_a_heart_sticker_over_the_middle_of_a_label_is_a_cover(rapid) -> None:
    """Our generator's seed 167, frame 56: a heart sticker over ·推 of 广告·推广 reads
    口广告❤广. 广告 is whole, but the line goes on past the heart: the label is covered."""
    from app.checker.frame_checker import FrameChecker
    from app.checker.result import Status
    from app.rules.profile import load_profile
    from tests.checker.conftest import generated_frame

    frame, rec = generated_frame(167, 55)
    assert rec["elements"]["ad_label"]["status"] == "occluded"
    finding = FrameChecker(load_profile("all-required"), rapid).check(frame).elements["ad_label"]
    assert finding.status is Status.OCCLUDED, (finding.text, finding.reason)


@pytest.mark.parametrize(("size", "status"), [(40, "occluded"), (10, "illegible")])
def test_a_label_missing_a_glyph_inside_is_covered_unless_too_small(size: int, status: str) -> None:
    """此广告 is 此为广告 with a sticker over 为: covered. Both its ends show, so its glyphs are
    the label's own; at 10 px on a 720p frame OCR drops glyphs of a clean label as well, and
    the size is what a viewer sees."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=8)
    x, y, w, h = draw_label(img, (60, 40), "此广告", size, (255, 255, 255), (30, 30, 30))
    line = OcrLine("此广告", Box(x - 6, y - 6, w + 12, h + 12), 0.95)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(("covered", "status"), [(True, "occluded"), (False, "missing")])
def test_a_price_split_by_a_disc_over_its_middle_is_occluded(covered: bool, status: str) -> None:
    """券后价￥128 with a disc over 后价￥: OCR reads 券 and 128, neither a price by itself. On
    one row, alike in colour, with the disc between them, they are one tag with its middle
    hidden. The same two pieces with their plain ground between them are no tag."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, font, studio_background, to_bgr

    img = studio_background(1280, 720, seed=9)
    size = 40
    if covered:
        x, y, w, h = draw_label(img, (400, 300), "券后价￥128", size, (255, 255, 255))
        d = ImageDraw.Draw(img)
        cx, r = x + round(2.6 * size), round(1.5 * size)
        d.ellipse((cx - r, y + h // 2 - r, cx + r, y + h // 2 + r), fill=(255, 255, 255))
        r -= 6
        d.ellipse((cx - r, y + h // 2 - r, cx + r, y + h // 2 + r), fill=(220, 0, 110))
    else:
        x, y, w, h = draw_label(img, (400, 300), "券", size, (255, 255, 255))
        draw_label(img, (400 + 4 * size, 300), "128", size, (255, 255, 255))
    num = ImageDraw.Draw(img).textbbox((0, 0), "128", font=font(size))
    num_w = num[2] - num[0]
    x2 = x + w if covered else 400 + 4 * size + num_w
    lines = [
        OcrLine("券", Box(x - 6, y - 8, size + 4, h + 16), 0.99),
        OcrLine("128", Box(x2 - num_w - 6, y - 6, num_w + 12, h + 12), 0.95),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize("hesitant", [False, True])
@pytest.mark.parametrize(("covered", "status"), [(True, "occluded"), (False, "ok")])
def test_a_price_whose_word_a_photo_hides_is_occluded(
    covered: bool, status: str, hesitant: bool, request: pytest.FixtureRequest
) -> None:
    """直播价 79元 with a photo over 播价7: OCR reads 直 and 9元, and 9元 is a valid price by
    itself. The price word's first glyph on the same row, alike in colour, with a busy picture
    between them says the tag's middle is hidden. The same two pieces with their plate's empty
    middle between them are a badge and a price. The glyph the photo's edge cuts into may
    read as another glyph, too hesitantly to believe (直 as 真 at 0.4): it still counts."""
    from PIL import Image, ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.checker.frame_checker import FrameChecker
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, font, studio_background, to_bgr

    img = studio_background(1280, 720, seed=11)
    size = 40
    plate = (35, 60, 30)
    if covered:
        x, y, w, h = draw_label(img, (400, 300), "直播价 79元", size, (240, 240, 230), plate)
        # A landscape photo: a sky fading down to a dark shore with bright streaks.
        ph, pw = 2 * size, round(2.8 * size)
        t = np.linspace(0, 1, ph)[:, None, None]
        photo = (1 - t) * np.array([215, 190, 160]) + t * np.array([70, 55, 45])
        photo = np.repeat(photo, pw, axis=1)
        for row in range(ph * 2 // 3, ph, 5):
            photo[row : row + 2] = (150, 140, 130)
        photo = cv2.GaussianBlur(photo.astype(np.uint8), (0, 0), 1.2)
        img.paste(Image.fromarray(photo[..., ::-1].copy()), (x + round(0.95 * size), y - size // 2))
    else:
        # One plate, its middle empty: a badge and a price side by side.
        x, y, w, h = draw_label(img, (400, 300), "直　　　9元", size, (240, 240, 230), plate)
    d = ImageDraw.Draw(img)
    tail = d.textbbox((0, 0), "9元", font=font(size))
    tail_w = tail[2] - tail[0]
    x2 = x + w
    head_box = Box(x - 6, y - 8, size + 4, h + 16)
    head = OcrLine("真", head_box, 0.4) if hesitant else OcrLine("直", head_box, 0.99)
    lines = [OcrLine("9元", Box(x2 - tail_w - 6, y - 6, tail_w + 12, h + 12), 0.95)]
    if hesitant:
        # Through the checker, which alone knows what its engine believes.
        checker = FrameChecker(load_profile("all-required"), request.getfixturevalue("rapid"))
        f = checker.evaluate(to_bgr(img), [head, *lines]).result.elements["price"]
    else:
        pack = load_rule_pack()
        f = ElementJudge(load_profile("all-required"), pack).judge(
            "price", to_bgr(img), classify_lines([head, *lines], pack)
        )
    assert f.status == status, f.reason


@pytest.mark.parametrize(
    ("value", "limit", "places", "shown"),
    [(2.96, 3.0, 1, "2.96"), (2.4, 3.0, 1, "2.4"), (11.6, 12.0, 0, "11.6"), (9.0, 12.0, 0, "9")],
)
def test_a_reason_never_shows_a_measure_equal_to_its_limit(
    value: float, limit: float, places: int, shown: str
) -> None:
    """"contrast 3.0:1 < 3.0:1" tells an operator nothing: the measure gets the decimals it
    takes to read below its limit, and no more."""
    from app.checker.elements import _below

    assert _below(value, limit, places) == shown


@pytest.mark.parametrize(
    ("text", "ink_w", "ink_h", "strip"),
    [
        ("商家信息", 150, 36, False),  # whole square glyphs, a little tracking
        ("商 家 信 息", 200, 36, False),  # widely tracked: 1.4 glyph heights per glyph
        ("商家信息", 150, 18, True),  # the same line's upper half
        ("¥299", 90, 26, False),  # digits: their widths vary too much to tell by
        # Latin letters beside the CJK glyphs count at half an em (framegen n771 f0044: a card
        # over the lower half of a 46 px AI数字人直播, its upper half read AT数字人古)
        ("AT数字人古", 242, 19, True),
        ("AI数字人直播", 250, 44, False),
        ("广告AD", 125, 36, False),
        ("AI生成", 110, 36, False),
        ("到手价49元", 190, 30, False),
    ],
)
def test_a_strip_of_cjk_glyphs_is_their_top_or_bottom(
    text: str, ink_w: int, ink_h: int, strip: bool
) -> None:
    from app.checker.elements import _glyph_strip
    from app.checker.vision import TextMeasure
    from app.geometry import Box

    m = TextMeasure(float(ink_h), 8.0, Box(100, 100, ink_w, ink_h), 1, (255, 255, 255),
                    (30, 30, 30), 8.0)
    assert _glyph_strip(text, m) is strip


@pytest.mark.parametrize(
    ("tail_at", "disc", "status"),
    [
        (2.0, True, "occluded"),  # 营 | 照 two glyphs apart: 业执 under the disc
        (2.0, False, "occluded"),  # what hides them need not show: they would have been read
        (4.5, False, "missing"),  # too far apart for the two glyphs between
    ],
)
def test_the_first_and_last_glyphs_of_a_label_spaced_for_its_middle_are_it(
    tail_at: float, disc: bool, status: str
) -> None:
    """营业执照 with a disc over 业执: OCR reads 营 and 照 apart. A lone glyph is little to go
    on, but its phrase's last glyph on the row, as far off as the two glyphs between need, is
    the label with its middle hidden."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=11)
    size = 44
    x, y, _w, h = draw_label(img, (300, 300), "营", size, (255, 255, 255))
    tx = x + round((1 + tail_at) * size)
    draw_label(img, (tx, 300), "照", size, (255, 255, 255))
    if disc:
        d = ImageDraw.Draw(img)
        cx, r = (x + size + tx) // 2, round(0.45 * tail_at * size)
        d.ellipse((cx - r, y + h // 2 - r, cx + r, y + h // 2 + r), fill=(240, 150, 190))
    lines = [
        OcrLine("营", Box(x - 6, y - 8, size + 8, h + 16), 0.99),
        OcrLine("照", Box(tx - 6, y - 8, size + 8, h + 16), 0.99),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "merchant_info", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(("cover", "status"), [("disc", "occluded"), ("photo", "ok")])
def test_a_rimmed_disc_between_two_pieces_of_a_line_is_one_cover(cover: str, status: str):
    """本场主 | 数字人 of 本场主播为AI数字人, a disc with a white rim and a highlight over 播为AI.
    Rim and highlight spread its lightness as a busy picture's is spread, but half the gap is
    the disc's body. Two captions on a busy picture, with more of it between them, are two
    overlays: 数字人 stands as a label of its own. (A busy tile between them where the ground
    round them is calm is drawn over the line: see the photo tile test below.)"""
    from PIL import Image, ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, font, studio_background, to_bgr

    img = studio_background(1280, 720, seed=5)
    size = 40
    if cover == "photo":
        rng = np.random.default_rng(3)
        busy = rng.integers(0, 110, (80, 200, 3), dtype=np.uint8)
        img.paste(Image.fromarray(cv2.resize(busy, (600, 240))), (140, 240))
    x, y, w, h = draw_label(img, (200, 300), "本场主播为AI数字人", size, (255, 255, 255))
    d = ImageDraw.Draw(img)
    head = d.textbbox((200, 300), "本场主", font=font(size))
    tail_x = d.textbbox((200, 300), "本场主播为AI", font=font(size))[2] + 2
    tail_w = x + w - tail_x
    x1, x2 = head[2] + 2, tail_x - 2
    if cover == "disc":
        cx, r = (x1 + x2) // 2, (x2 - x1) // 2 - 2
        cy = y + h // 2
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255))
        d.ellipse((cx - r + 7, cy - r + 7, cx + r - 7, cy + r - 7), fill=(150, 20, 40))
        d.ellipse((cx - r // 2 - 6, cy - r // 2 - 6, cx - r // 2 + 6, cy - r // 2 + 6),
                  fill=(250, 250, 250))
    else:
        # The picture where 播为AI stood: the two captions' words, with more picture between.
        img.paste(img.crop((x1, y + h + 25, x2, y + 2 * h + 65)), (x1, y - 20))
    lines = [
        OcrLine("本场主", Box(x - 8, y - 8, head[2] - x + 16, h + 16), 0.99),
        OcrLine("数字人", Box(tail_x - 8, y - 8, tail_w + 16, h + 16), 0.99),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ai_disclosure", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status == status, f.reason


def test_a_star_against_a_captions_glyph_still_leaves_the_gap_covered() -> None:
    """到手价 ¥39, a shadowed caption on a photo (a generated 1080x1920 frame, H.264), a star
    over 价 whose point touches 手. The star and 手's strokes are one shape running to the
    edge of 到手's box, which the measure drops as ground: 到手 measured as 到 alone, the gap
    to ¥39 started inside 手, and its strokes made the star look like busy picture."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("到手", Box(321, 434, 98, 61), 0.9997),
             OcrLine("¥39", Box(449, 441, 82, 49), 0.99)]
    finding = _judge_price_on_crop("star_against_caption_price.png", (404, 291), lines)
    assert finding.status == "occluded", finding.reason


def test_a_star_that_grows_both_pieces_boxes_toward_it_still_splits_the_price() -> None:
    """到手价 ¥39, a shadowed caption on a photo (an altgen 1080x1920 frame), a star over 价.
    Its points grow both pieces' boxes toward each other until they stand under half a box
    height apart, the width of a word space, and 到手 ¥39 is a whole price as written. Their
    inks are over a glyph apart: that is no word space."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("到手", Box(223, 1195, 149, 99), 0.97),
             OcrLine("¥39", Box(408, 1209, 124, 73), 0.89)]
    finding = _judge_price_on_crop("star_between_price_pieces.png", (1150, 180), lines)
    assert finding.status == "occluded", finding.reason


def _judge_price_on_crop(name: str, at: tuple[int, int], lines: list):
    """The price judged on a crop of a real frame (tests/checker/data/NAME) put back where it
    was in a black 1080x1920 frame, with the OCR lines read there."""
    return _judge_on_crop("price", name, at, (1080, 1920), lines)


def _judge_on_crop(
    element: str, name: str, at: tuple[int, int], size: tuple[int, int], lines: list
):
    """``element`` judged on a crop of a real frame (tests/checker/data/NAME) put back at
    ``at`` (row, column) in a black frame of ``size`` (width, height), with the OCR lines read
    there."""
    from pathlib import Path

    import cv2

    from app.checker.elements import ElementJudge, classify_lines
    from app.rules.profile import load_profile

    crop = cv2.imread(str(Path(__file__).parent / "data" / name))
    frame = np.zeros((size[1], size[0], 3), np.uint8)
    y, x = at
    frame[y : y + crop.shape[0], x : x + crop.shape[1]] = crop
    pack = load_rule_pack()
    return ElementJudge(load_profile("all-required"), pack).judge(
        element, frame, classify_lines(lines, pack)
    )


def test_a_word_the_pack_keeps_from_fragments_is_no_end_glyph_pair() -> None:
    """广告内容 in a box, a sticker over 广告 (n481 f0049, 1280x720): OCR reads 内容, which starts
    内容由AI生成 too, but the pack does not take 内容 for part of that label (a word everywhere),
    and no AI disclosure is on the frame."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("内容", Box(209, 95, 79, 42), 1.0)]
    finding = _judge_on_crop(
        "ai_disclosure", "content_word_of_covered_ad_label.png", (50, 80), (1280, 720), lines
    )
    assert finding.status == "missing", finding.reason


def test_end_glyphs_with_what_a_card_left_of_their_neighbours_are_the_label() -> None:
    """查看商家资质 in shadowed white on a photo (an altgen 1920x1080 frame), a photo card over
    看商家资. OCR reads 查 and 质; the card's edges leave the left of 看 and the right of 资,
    which measure as their ink, so the two stand 2.9 glyphs apart for four hidden glyphs."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("查", Box(219, 517, 90, 67), 1.0), OcrLine("质", Box(415, 520, 74, 65), 1.0)]
    finding = _judge_on_crop(
        "merchant_info", "card_over_middle_of_shadowed_label.png", (440, 130), (1920, 1080), lines
    )
    assert finding.status == "occluded", finding.reason


def test_end_glyphs_measured_one_by_its_shadow_are_still_one_label() -> None:
    """店铺主体信息 > in shadowed white on a photo (an altgen 1080x1920 frame), a photo card over
    铺主体信. 店 with the cut left of 铺 measures as its dark shadow on the red, 息 as white on
    its shadow: the colours cannot be compared, and the pair is still the label."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("店", Box(589, 921, 79, 61), 1.0), OcrLine("息", Box(819, 928, 36, 50), 0.96)]
    finding = _judge_on_crop(
        "merchant_info", "card_over_shadowed_label_measured_both_ways.png", (840, 500),
        (1080, 1920), lines,
    )
    assert finding.status == "occluded", finding.reason


def test_two_outlined_captions_apart_on_a_row_stay_two() -> None:
    """到手 and ¥39 outlined on the picture, nothing between them but the picture: carrying a
    piece's ink to its box's edge must not make their gap a cover."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import font, studio_background, to_bgr

    img = studio_background(1080, 1920, seed=9)
    d = ImageDraw.Draw(img)
    size, x, y = 40, 320, 440
    f = font(size)
    text = "到手    ¥39"
    d.text((x, y), text, font=f, fill=(255, 255, 255), stroke_width=3, stroke_fill=(0, 0, 0))
    word = d.textbbox((x, y), "到手", font=f, stroke_width=3)
    whole = d.textbbox((x, y), text, font=f, stroke_width=3)
    num = d.textbbox((x, y), text[: text.index("¥")], font=f, stroke_width=3)[2]
    lines = [
        OcrLine("到手", Box(word[0] - 10, word[1] - 10, word[2] - word[0] + 24,
                           word[3] - word[1] + 20), 0.99),
        OcrLine("¥39", Box(num - 4, whole[1] - 8, whole[2] - num + 12, whole[3] - whole[1] + 16),
                0.99),
    ]
    pack = load_rule_pack()
    finding = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines(lines, pack)
    )
    assert finding.status == "ok", finding.reason


@pytest.mark.parametrize(("left", "status"), [(90, "ok"), (260, "misplaced")])
def test_a_corner_label_may_run_a_little_past_the_zone_but_not_across_its_centre(
    left: int, status: str
) -> None:
    """此为广告 on a plate 8 % in from a portrait frame's left side reaches past the 30 % line
    (324 px of 1080): placed from the corner, it is in the corner. Moved right until its centre
    is past the line, it stands in the middle of the top."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1080, 1920, seed=3)
    x, y, w, h = draw_label(img, (left, 140), "此为广告", 66, (255, 255, 255), (215, 35, 45))
    assert x + w > 0.3 * 1080 * 1.05  # past the zone's edge with the old 5 % slack
    line = OcrLine("此为广告", Box(x - 12, y - 12, w + 24, h + 24), 0.99)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, (f.reason, f.box)


@pytest.mark.parametrize(
    ("element", "name", "at", "size", "text", "box", "status"),
    [
        # 商家信息 on a dark glass plate with a star over 家信 (an altgen 1080x1920 frame): its
        # points leave the columns it covers under the coverage limit.
        ("merchant_info", "star_over_middle_of_plated_label.png", (814, 253), (1080, 1920),
         "商家信息", (345, 906, 121, 46), "occluded"),
        # 商业推广 广告 on a plate with the room's own icons at its ends (a framegen 1280x720
        # frame): nothing stands between its glyphs.
        ("ad_label", "plated_label_with_end_icons.png", (16, 903), (1280, 720),
         "商业推广广告", (979, 92, 226, 38), "ok"),
    ],
)
def test_a_flat_object_between_the_glyphs_of_a_plated_label_covers_it(
    element: str, name: str, at: tuple[int, int], size: tuple[int, int], text: str,
    box: tuple[int, int, int, int], status: str,
) -> None:
    from app.geometry import Box
    from app.ocr.base import OcrLine

    finding = _judge_on_crop(element, name, at, size, [OcrLine(text, Box(*box), 0.95)])
    assert finding.status == status, finding.reason


@pytest.mark.parametrize(("sticker", "status"), [(True, "occluded"), (False, "missing")])
def test_a_bare_number_with_a_sticker_over_its_sign_is_a_covered_price(sticker: bool, status: str):
    """¥ 299 with a disc over ¥ reads 299: a number alone is any count, but one with a
    sticker drawn against it, on a frame that shows no price, is a tag whose sign is hidden.
    The same number with nothing over it is no price."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=6)
    x, y, w, h = draw_label(img, (500, 400), "¥ 299", 48, (255, 255, 255))
    if sticker:
        ImageDraw.Draw(img).ellipse((x - 12, y - 14, x + h + 16, y + h + 14), fill=(40, 90, 220))
    digits = x + round(0.45 * w)
    line = OcrLine("299", Box(digits - 8, y - 8, x + w - digits + 16, h + 16), 0.99)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


@pytest.mark.parametrize(("covered", "status"), [(True, "occluded"), (False, "ok")])
def test_a_star_beside_a_wide_word_space_still_splits_the_price(covered: bool, status: str):
    """到手价    ¥39 with a star over 价 only: the wide word space before ¥ is plate, and
    over the whole gap the star fills too little of it; over its own span it is solid, and
    it reaches the word's end. With nothing over 价, the pieces are one clean tag."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, font, studio_background, to_bgr

    img = studio_background(1080, 1920, seed=11)
    size = 48
    x, y, w, h = draw_label(img, (300, 1200), "到手价    ¥39", size, (255, 255, 255), (30, 60, 40))
    d = ImageDraw.Draw(img)
    num = d.textbbox((0, 0), "¥39", font=font(size))
    num_w = num[2] - num[0]
    word = Box(x - 10, y - 10, 2 * size + 20, h + 20)
    lines = [OcrLine("到手", word, 0.99)]
    if covered:
        _star(d, x + round(2.5 * size), y + h // 2, round(0.8 * size), (120, 200, 60))
    else:
        lines = [OcrLine("到手价", Box(x - 10, y - 10, 3 * size + 20, h + 20), 0.99)]
    lines.append(OcrLine("¥39", Box(x + w - num_w - 12, y - 10, num_w + 24, h + 20), 0.95))
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status == status, f.reason


def _photo_tile(w: int, h: int, seed: int):
    """A square of busy picture (grass, a leaf), as rooms stick product photos over a tag."""
    from PIL import Image

    rng = np.random.default_rng(seed)
    noise = rng.integers(0, 255, (h // 3 + 1, w // 3 + 1, 3), dtype=np.uint8)
    tile = cv2.resize(noise, (w, h), interpolation=cv2.INTER_LINEAR)
    tile[..., 1] = np.clip(tile[..., 1].astype(int) + 60, 0, 255)
    return Image.fromarray(tile)


@pytest.mark.parametrize(("covered", "status"), [(True, "occluded"), (False, "ok")])
def test_a_photo_tile_over_the_middle_of_a_plated_price_splits_it(covered: bool, status: str):
    """直播价 79元 on one plate with a photo of grass over 价 7: OCR reads 直播 and 9元, a whole
    price by itself. The tile is no flat sticker, but the same plate on both sides makes the
    pieces one line, and the tile reaches the word's ink. Two tags on plates of their own
    with a busy picture between them are two overlays."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, font, studio_background, to_bgr

    img = studio_background(1920, 1080, seed=12)
    size = 48
    plate = (40, 30, 20)
    if covered:
        x, y, w, h = draw_label(img, (1100, 680), "直播价 79元", size, (255, 255, 255), plate)
        img.paste(_photo_tile(round(2.3 * size), round(1.9 * size), 3),
                  (x + 2 * size + 2, y - round(0.45 * size)))
        right = x + w
    else:
        x, y, w, h = draw_label(img, (1100, 680), "直播", size, (255, 255, 255), plate)
        img.paste(_photo_tile(round(1.6 * size), round(1.9 * size), 3),
                  (x + w + round(0.6 * size), y - round(0.45 * size)))
        _, _, w2, _ = draw_label(img, (x + w + round(2.8 * size), 680), "9元", size,
                                 (255, 255, 255), plate)
        right = x + w + round(2.8 * size) + w2
    num = font(size).getbbox("9元")
    num_w = num[2] - num[0]
    lines = [
        OcrLine("直播", Box(x - 10, y - 10, 2 * size + 20, h + 20), 0.99),
        OcrLine("9元", Box(right - num_w - 12, y - 10, num_w + 24, h + 20), 0.99),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status == status, f.reason


def test_a_lone_first_glyph_beside_a_star_over_the_rest_is_the_label() -> None:
    """此为广告 on a gradient pill (blind set n681 f0035, 1080x1920), a star two glyphs wide
    over 为广 and a point of it beside 此: OCR reads 此 alone. The strip where 为 stood is
    half star and half what is left of 为, which is not the pill either."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("此", Box(84, 243, 87, 67), 1.0)]
    finding = _judge_on_crop(
        "ad_label", "star_after_lone_first_glyph.png", (200, 30), (1080, 1920), lines
    )
    assert finding.status == "occluded", finding.reason


def test_a_sticker_over_a_plated_price_counts_with_the_columns_it_covers() -> None:
    """¥ 299 on a dark pill, a grey star over ¥ (blind set alt64 f0027, 1280x720): OCR still
    reads ¥299. The star covers 16 % of the plate's columns on the text's rows, under the
    coverage limit with its noise margin, and it has ink on its left, so it is not against
    either end; but a flat object drawn across the line and a coverage past the limit, both
    at once, are one sticker over the label."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("¥299", Box(679, 468, 140, 62), 0.86)]
    finding = _judge_on_crop(
        "price", "star_over_the_sign_of_a_plated_price.png", (313, 462), (1280, 720), lines
    )
    assert finding.status == "occluded", finding.reason


@pytest.mark.parametrize(
    ("element", "name", "at", "size", "text", "box", "status"),
    [
        # AI虚拟主播 in white on a blue pill drawn at 3.09:1, 16 px glyphs (altgen 62 f0049):
        # H.264's half-size colour blues the 2 px strokes, which measure 2.87:1.
        ("ai_disclosure", "thin_white_on_blue_pill_near_the_limit.png", (50, 17), (1280, 720),
         "AI虚拟主播", (111, 117, 92, 27), "ok"),
        # 广告 in grey on a dark pill drawn at 2.35:1, 44 px glyphs (framegen n641 f0044): it
        # measures 2.87:1 too, but strokes this wide keep their colour.
        ("ad_label", "large_faint_label_on_dark_pill.png", (73, 609), (1080, 1920),
         "广告", (868, 258, 116, 74), "illegible"),
    ],
)
def test_thin_strokes_get_the_benefit_of_what_compression_takes_from_their_contrast(
    element: str, name: str, at: tuple[int, int], size: tuple[int, int], text: str,
    box: tuple[int, int, int, int], status: str,
) -> None:
    from app.geometry import Box
    from app.ocr.base import OcrLine

    finding = _judge_on_crop(element, name, at, size, [OcrLine(text, Box(*box), 0.99)])
    assert finding.status == status, finding.reason


@pytest.mark.parametrize(("size", "status"), [(44, "occluded"), (16, "ok")])
def test_a_price_sign_read_as_v_at_twice_the_legible_size_is_cut(size: int, status: str) -> None:
    """RapidOCR reads a whole ¥ as V in a 15 px serif face, so V before a number is a price
    sign; at twice the legible size it reads a whole ¥ as ¥, and V is what shows of one whose
    bars and stem a sticker or a card hides (¥19.9/件 under a sticker, read V199/件: framegen
    n621 f0020, below). The reading is then a damaged copy of the tag."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1280, 720, seed=5)
    x, y, w, h = draw_label(img, (300, 300), "¥39", size, (255, 255, 255), (200, 30, 40))
    line = OcrLine("V39", Box(x - 8, y - 8, w + 16, h + 16), 0.9)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason

    if status == "occluded":
        lines = [OcrLine("V199/件", Box(487, 393, 207, 40), 0.89)]
        finding = _judge_on_crop(
            "price", "sign_read_as_v_under_a_sticker.png", (293, 347), (1280, 720), lines
        )
        assert finding.status == "occluded", finding.reason


@pytest.mark.parametrize(
    ("element", "name", "at", "size", "text", "box", "status"),
    [
        # 此为广告 on a dark plate, a disc with a white rim over 此为 (altgen 53 f0043): OCR
        # reads 广告, a label by itself, and the right of 为 stands between it and the disc.
        ("ad_label", "disc_over_first_glyphs_leaves_a_remnant.png", (0, 0), (1080, 1920),
         "广告", (133, 84, 122, 84), "occluded"),
        # 查看商家资质 on a black pill with a house icon before 查, a thumbs-up on the picture
        # past the pill's end (framegen n701 f0016): the icon is no remnant of a glyph.
        ("merchant_info", "emoji_beside_house_icon_off_the_plate.png", (152, 323),
         (1080, 1920), "查看商家资质", (463, 252, 212, 40), "ok"),
    ],
)
def test_a_cover_beyond_the_remnant_of_a_glyph_hides_the_label_s_end(
    element: str, name: str, at: tuple[int, int], size: tuple[int, int], text: str,
    box: tuple[int, int, int, int], status: str,
) -> None:
    """A disc no taller than the label's plate, over its first glyphs: what it leaves of the
    glyph at its edge, which OCR does not read, stands between it and the glyphs OCR did. So
    the disc is a letter space from the line, as an icon printed on the plate is; past that
    remnant, it stands right against the text."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    finding = _judge_on_crop(element, name, at, size, [OcrLine(text, Box(*box), 0.99)])
    assert finding.status == status, finding.reason


def test_a_card_over_the_lower_half_of_a_label_with_latin_letters_is_seen() -> None:
    """AI数字人直播, white in a dark outline on a photo, a card over its lower half (framegen
    n771 f0044, 1080x1920): OCR reads the upper half as AT数字人古, a whole AI数字人 by its
    text. Its glyphs show 19 px high across 48 px per glyph: a strip, not the label."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("AT数字人古", Box(66, 477, 312, 43), 0.83)]
    finding = _judge_on_crop(
        "ai_disclosure", "card_over_the_lower_half_of_a_latin_and_cjk_label.png", (370, 0),
        (1080, 1920), lines,
    )
    assert finding.status == "occluded", finding.reason


@pytest.mark.parametrize(
    ("element", "name", "at", "text", "box"),
    [
        # 广告 on a pill shaded from lavender to magenta, the picture dark beyond its light end
        # (framegen n761 f0029): the plate's flood runs from the pale end into the pale
        # picture, and took the dark picture past it, half a glyph off 广, for a cover.
        ("ad_label", "gradient_pill_leaking_into_the_picture.png", (118, 649), "广告",
         (834, 250, 81, 53)),
        # AI生成 on a dark grey pill over a dark grey picture (framegen n771 f0005): the flood
        # runs out of both ends, and the picture a third of a glyph past them looked drawn
        # over 32 % of the label.
        ("ai_disclosure", "pill_close_to_a_dark_picture.png", (115, 0), "AI生成",
         (55, 262, 147, 59)),
    ],
)
def test_the_picture_past_a_plate_s_padding_is_not_over_the_label(
    element: str, name: str, at: tuple[int, int], text: str, box: tuple[int, int, int, int]
) -> None:
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine(text, Box(*box), 0.99)]
    finding = _judge_on_crop(element, name, at, (1080, 1920), lines)
    assert finding.status == "ok", finding.reason


def test_a_counter_or_a_patch_of_a_shaded_plate_is_not_a_cover() -> None:
    """广告 after a tag icon on a pill shaded from pink to purple (framegen n771 f0027, OCR
    reading the icon as 日): the plate's flood, seeded from its pink, stops inside the icon
    and inside 口 of 告 on the purple end. Both stand between glyphs, where a badge over the
    middle of a line would; one is walled in by strokes, the other of the plate's colour."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("日广告", Box(52, 207, 158, 65), 0.78)]
    finding = _judge_on_crop(
        "ad_label", "tag_icon_and_a_shaded_counter_on_a_pill.png", (45, 0), (1080, 1920), lines
    )
    assert finding.status == "ok", finding.reason


def test_a_cover_over_a_label_by_the_frame_s_top_edge_is_seen() -> None:
    """此为广告 on a green box 69 px below the frame's top, a star over 此为 (framegen n711
    f0060, 1920x1080): OCR reads 广告. The window the cover test looks in reached a glyph and a
    half above the text, past the frame's edge, and the test gave up there."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("广告", Box(247, 69, 245, 115), 0.99)]
    finding = _judge_on_crop(
        "ad_label", "star_over_a_plated_label_at_the_frame_top.png", (0, 0), (1920, 1080), lines
    )
    assert finding.status == "occluded", finding.reason


@pytest.mark.parametrize(
    ("element", "name", "at", "size", "lines", "status"),
    [
        # 券后价¥79 on a black pill, a pink 限时 badge over 券后价 (framegen n641 f0052): ¥79
        # starts where the badge's fill stops.
        ("price", "badge_over_the_start_of_a_pill_price.png", (392, 1160), (1920, 1080),
         [("¥79", (1377, 547, 95, 62)), ("限时", (1222, 534, 152, 86))], "occluded"),
        # 广告 on a teal pill, a red 热卖 badge beside the pill (framegen n631 f0042): the pill's
        # padding and its end, and the picture, stand between them.
        ("ad_label", "badge_beside_a_pill_label.png", (164, 0), (1080, 1920),
         [("广告", (115, 246, 73, 33)), ("热卖", (40, 240, 74, 45))], "ok"),
        # Outlined 内容由AI生成 on a blurred photo, a shield icon before it read as 0 and a red
        # 爆款 badge past 成 (framegen n761 f0027): text on a photo has no padding to tell a
        # badge beside it from one over it, so only plated labels are asked.
        ("ai_disclosure", "badge_beside_outlined_text_on_a_photo.png", (11, 153), (1280, 720),
         [("内容由AI生成", (331, 138, 247, 51)), ("爆款", (594, 135, 98, 57)),
          ("0", (308, 151, 30, 27))], "ok"),
        # 本直播间主播为AI数字人 on a grey pill, a NEW badge as tall as the pill over 本直播
        # (framegen n761 f0011): OCR reads 主播为AI数字人, a label by itself, and leaves out
        # the right of 间 between the badge and 主.
        ("ai_disclosure", "badge_over_a_cut_glyph_as_tall_as_the_plate.png", (0, 1022),
         (1920, 1080), [("主播为AI数字人", (1144, 64, 174, 35)), ("NEW", (1075, 66, 68, 32))],
         "occluded"),
    ],
)
def test_a_badge_read_apart_is_over_the_label_only_where_the_glyphs_stop(
    element: str, name: str, at: tuple[int, int], size: tuple[int, int],
    lines: list[tuple[str, tuple[int, int, int, int]]], status: str,
) -> None:
    """A badge with words of its own (限时, 福利, 上新) is read as a line apart, and what is
    left of the label beside it may be a label by itself (¥79 of 券后价¥79). Over the label,
    its fill starts where the ink stops; a room's own badge beside its label leaves the
    label's plate between them."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    ocr = [OcrLine(text, Box(*box), 0.99) for text, box in lines]
    finding = _judge_on_crop(element, name, at, size, ocr)
    assert finding.status == status, finding.reason


@pytest.mark.parametrize(
    ("name", "at", "size", "text", "box", "status"),
    [
        # 【广告】 on a red pill, a purple star over 【 (altgen 56 f0016): OCR reads 广告】.
        ("star_over_the_opening_bracket.png", (0, 616), (1080, 1920), "广告】",
         (840, 102, 169, 64), "occluded"),
        # A clean 【广告】 whose thin 【 OCR reads as [ (altgen 60 f0058).
        ("thin_bracket_read_as_square.png", (0, 0), (1920, 1080), "[广告】",
         (69, 52, 89, 46), "ok"),
    ],
)
def test_a_label_with_one_of_its_brackets_lost_its_other_end(
    name: str, at: tuple[int, int], size: tuple[int, int], text: str,
    box: tuple[int, int, int, int], status: str,
) -> None:
    """A room that sets its label in brackets writes both; 广告】 is a label whose start
    something hides, though 广告 alone is a label."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    finding = _judge_on_crop("ad_label", name, at, size, [OcrLine(text, Box(*box), 0.99)])
    assert finding.status == status, finding.reason


def test_a_word_the_article_does_not_accept_beside_a_sticker_is_a_covered_label() -> None:
    """广告·推广 in a thin outlined face, a star over 广告 (framegen n791 f0040, 1280x720): OCR
    reads 推广, which V1 does not accept, and the dot a word space wide parts the star from
    it. The label is on screen, covered, not missing."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("推广", Box(1000, 66, 71, 43), 0.98)]
    finding = _judge_on_crop(
        "ad_label", "sticker_over_ad_word_before_tuiguang.png", (0, 850), (1280, 720), lines
    )
    assert finding.status == "occluded", finding.reason


@pytest.mark.parametrize(("drawn", "status"), [("广告·推广", "occluded"), ("推广", "missing")])
def test_a_word_the_article_does_not_accept_alone_is_no_label(drawn: str, status: str):
    """推广 in a top corner, as a room may write it instead of 广告: the label V1 asks for is
    missing, and the operator is told why. A disc over 广告 of 广告·推广, what it leaves of 广
    and 告 in its columns, says the label is there, covered."""
    from PIL import ImageDraw

    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import font, studio_background, to_bgr

    img = studio_background(1280, 720, seed=6)
    d = ImageDraw.Draw(img)
    glyph, x, y = 40, 1000, 60
    d.text((x, y), drawn, font=font(glyph), fill=(255, 255, 255), stroke_width=2,
           stroke_fill=(20, 20, 20))
    _, y0, x1, y1 = d.textbbox((x, y), drawn, font=font(glyph), stroke_width=2)
    x0 = x + round(font(glyph).getlength(drawn[: drawn.index("推广")]))
    if drawn != "推广":
        d.ellipse((x + 6, y0 - 16, x + 2 * glyph - 6, y1 + 16), fill=(230, 80, 200))
    line = OcrLine("推广", Box(x0 - 6, y0 - 6, x1 - x0 + 12, y1 - y0 + 12), 0.99)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == status, f.reason


def test_a_key_and_a_company_a_star_apart_are_one_covered_label() -> None:
    """经营者：杭州云拓电子商务有限公司 on a black pill, a blue star over 者：杭州 (altgen 60
    f0012, 1080x1920): OCR reads 经营 and 云拓电子商务有限公司, and a company's name passes for
    the merchant's line by itself. 经营's box holds the pill's end and the star's edge, and
    measured as dark ink on the white picture; measured a half line away from the star, as
    the company's line is, it is white text on the pill, and the star between says the line is
    one label, covered."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [
        OcrLine("经营", Box(232, 934, 124, 86), 0.78),
        OcrLine("云拓电子商务有限公司", Box(541, 949, 452, 56), 1.0),
    ]
    finding = _judge_on_crop(
        "merchant_info", "star_between_merchant_key_and_company.png", (850, 150), (1080, 1920),
        lines,
    )
    assert finding.status == "occluded", finding.reason


def test_a_price_whose_lower_third_a_card_hides_is_covered_not_small() -> None:
    """到手¥69 at 23 px on a black pill, a white card over its lower third (framegen n841
    f0033, 1080x1920, where 16 px is the legible size). What shows measures 14 px: the card
    shortened it, and its straight edge across the glyphs is what a viewer sees, not a price
    too small to read."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("到手￥69", Box(331, 1210, 95, 22), 0.9)]
    finding = _judge_price_on_crop("price_with_a_card_over_its_lower_third.png", (1170, 250), lines)
    assert finding.status == "occluded", finding.reason
    assert "cut off" in (finding.reason or "")


def test_a_small_price_whole_on_its_pill_is_still_too_small() -> None:
    """The same price drawn 12 px on a dark pill with nothing over it: small, not cut."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile
    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(1080, 1920, seed=3)
    x, y, w, h = draw_label(img, (330, 1210), "到手¥69", 12, (255, 255, 255), (20, 20, 20))
    line = OcrLine("到手￥69", Box(x - 3, y - 3, w + 6, h + 6), 0.9)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "price", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status == "illegible", f.reason


def test_a_star_a_word_space_after_a_whole_label_is_beside_it() -> None:
    """广告 in white outlined in black on a red picture, a cyan star half a glyph after it
    (framegen n791 f0057, 1080x1920): 广告 starts longer labels (广告 AD), but nothing of a
    glyph or a plate lies between it and the star. Carried a glyph on, the line took the
    star in, and the clean label was called covered."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("广告", Box(814, 210, 83, 52), 1.0)]
    name = "star_a_word_space_after_outlined_ad_label.png"
    f = _judge_on_crop("ad_label", name, (120, 640), (1080, 1920), lines)
    assert f.status == "ok", f.reason


def test_a_disc_over_the_start_of_a_longer_label_covers_it() -> None:
    """店铺主体信息 > in yellow with a dark shadow on a green photo, a grey disc with a white
    rim over 店铺 and the left of 主 (altgen 78 f0044, 1280x720). OCR reads the disc's
    highlight and the rest, • 主体信息, which is a whole merchant label by itself; the disc a
    glyph before it, where 店铺 would stand, is what hides the rest. (A disc half a glyph
    before a caption that starts no longer label, drawn as an icon, stays beside it:
    test_occlusion.test_a_sticker_across_plain_text_is_a_cover.)"""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [OcrLine("• 主体信息", Box(354, 343, 202, 60), 0.78)]
    name = "disc_over_the_start_of_a_shadowed_label.png"
    f = _judge_on_crop("merchant_info", name, (230, 60), (1280, 720), lines)
    assert f.status == "occluded", f.reason
    assert "start" in (f.reason or "")


def test_a_lone_price_word_glyph_boxed_into_the_number_still_tails_it() -> None:
    """直播价 79元 in white on a dark pill, a star over 播 (altgen 79 f0002, 1080x1920): OCR
    reads 价 and 79元 apart, and the detector's box round 价 runs 24 px (0.4 of its height)
    into 79元's. 79元 is a price by itself; the star before 价 is what says the word is
    hidden. (Without a cover, a lone 价 before the number is not one:
    test_a_price_after_the_lone_last_glyph_of_its_word_beside_a_cover.)"""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [
        OcrLine("79元", Box(303, 1236, 157, 70), 1.0),
        OcrLine("价", Box(259, 1243, 68, 59), 0.86),
    ]
    name = "star_over_a_price_word_before_its_last_glyph.png"
    finding = _judge_price_on_crop(name, (1150, 40), lines)
    assert finding.status == "occluded", finding.reason


def test_the_two_ends_of_one_label_a_disc_apart_are_one_covered_label() -> None:
    """本直播间主播为AI数字人 in dark text on a photo, a red disc with 抢 on it over 间主播为
    (framegen n901 f0019, 1080x1920). OCR reads 本直播, 抢 and AI数字人, a whole disclosure
    by itself; the photo round the two ends differs in colour, so nothing says they share a
    plate, but their words are the start and the end of one label with four glyphs' width
    between them: the line runs on under the disc."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [
        OcrLine("抢", Box(816, 292, 96, 94), 1.0),
        OcrLine("AI数字人", Box(916, 315, 128, 45), 1.0),
        OcrLine("本直播", Box(732, 316, 86, 44), 1.0),
    ]
    name = "disc_between_two_ends_of_a_label.png"
    f = _judge_on_crop("ai_disclosure", name, (270, 680), (1080, 1920), lines)
    assert f.status == "occluded", f.reason


@pytest.mark.parametrize(
    ("head", "tail", "gap", "split"),
    [
        ("本直播", "AI数字人", 98, True),  # 间主播为 hidden, about four glyphs wide
        ("本直播", "AI数字人", 20, False),  # a word space cannot hide four glyphs
        ("本直播", "AI数字人", 400, False),  # two overlays far apart on a row
        ("商家", "信息", 10, False),  # the whole phrase: nothing between the ends
        ("本", "AI数字人", 120, False),  # one glyph starts too many phrases
    ],
)
def test_the_ends_of_one_label_are_apart_by_what_hides_the_middle(
    head: str, tail: str, gap: int, split: bool
) -> None:
    from app.checker.elements import ElementJudge
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.profile import load_profile

    judge = ElementJudge(load_profile("all-required"), load_rule_pack())
    element = "merchant_info" if head == "商家" else "ai_disclosure"
    pitch = 25
    left = OcrLine(head, Box(100, 300, pitch * len(head), 40), 1.0)
    right = OcrLine(tail, Box(left.box.x2 + gap, 300, pitch * 4, 40), 1.0)
    assert judge._ends_of_one_label(element, right, left, False, gap) is split


@pytest.mark.parametrize(
    ("element", "name", "size", "at", "line", "status"),
    [
        # 虚拟主播 in a thin font on a plain pill, read 虚以主播 (framegen n801 f0030).
        (
            "ai_disclosure", "thin_label_read_with_one_glyph_wrong.png", (1280, 720),
            (100, 60), ("虚以主播", (134, 161, 88, 28), 0.85), "ok",
        ),
        # 券后价¥23.9 in a small font, read 券后阶¥23.9 (framegen n771 f0001).
        (
            "price", "price_word_read_with_one_glyph_wrong.png", (1280, 720),
            (350, 540), ("券后阶¥23.9", (612, 398, 111, 24), 0.91), "ok",
        ),
        # AI生成 in white with a shadow on a photo, a purple star over 成, read AI生歲
        # (altgen 84 f0028): the star is drawn over it.
        (
            "ai_disclosure", "star_over_the_last_glyph_of_a_shadowed_label.png", (1920, 1080),
            (130, 300), ("AI生歲", (379, 190, 193, 80), 0.86), "occluded",
        ),
        # 营业执照 on a glass plate, a star over 业执 whose points stand over and under the
        # plate, read 营业丸照 (altgen 78 f0032): the measure takes the star in, a line
        # taller than its glyphs and fewer of them wide.
        (
            "merchant_info", "star_taken_into_a_misread_label_s_measure.png", (1080, 1920),
            (820, 80), ("营业丸照", (138, 888, 240, 94), 0.87), "occluded",
        ),
    ],
)
def test_a_whole_label_read_with_one_glyph_wrong_is_judged_by_what_covers_it(
    element: str, name: str, size: tuple[int, int], at: tuple[int, int], line: tuple,
    status: str,
) -> None:
    """A label whose glyphs all stand there, legible and uncut, with one of them misread, is
    as often a clean label in a thin or small font as one with a sticker over a glyph: what
    is drawn over it decides, as for a clean reading."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    text, box, conf = line
    f = _judge_on_crop(element, name, at, size, [OcrLine(text, Box(*box), conf)])
    assert f.status == status, f.reason


@pytest.mark.parametrize(
    ("element", "text", "whole"),
    [
        ("ai_disclosure", "虚以主播", True),
        ("merchant_info", "经营券信息", True),
        ("merchant_info", "王体信息", False),  # 店铺 and half of 主 under a disc: its end glyph
        ("merchant_info", "经营者信君", False),  # the end glyph again
        ("ad_label", "广古", False),  # two glyphs: one right names nothing
        ("ai_disclosure", "虚以王播", False),  # two glyphs wrong
        ("price", "券后阶¥23.9", True),
        ("price", "直幢价：39.9元", True),
        ("price", "刻手价80元", False),  # its first glyph, by the tag's start
        ("price", "券后阶¥23.", False),  # the amount cut short
        ("price", "券后阶热卖", False),  # no amount
    ],
)
def test_a_misread_whole_label_has_one_glyph_wrong_between_two_read_right(
    element: str, text: str, whole: bool
) -> None:
    from app.checker.elements import ElementJudge
    from app.rules.profile import load_profile

    judge = ElementJudge(load_profile("all-required"), load_rule_pack())
    assert (judge._misread_whole(element, text) is not None) is whole


def test_a_danmaku_on_a_label_s_row_is_not_the_rest_of_it() -> None:
    """广告·推广 in white on a photo shading from green to tan, and a 弹幕 支持主播 passing
    on the same row five glyphs to the right (framegen n911 f0058, 1080x1920). The picture
    between them differs from the ground round the label, as a sticker would, but 支持主播
    holds no glyph of any ad label: it cannot be the label's hidden rest."""
    from app.geometry import Box
    from app.ocr.base import OcrLine

    lines = [
        OcrLine("广告·推广", Box(196, 109, 304, 79), 0.98),
        OcrLine("支持主播", Box(792, 93, 177, 63), 1.0),
    ]
    f = _judge_on_crop("ad_label", "danmaku_on_a_label_s_row.png", (60, 150), (1080, 1920), lines)
    assert f.status == "ok", f.reason


def test_a_label_whose_pill_pads_it_off_the_frame_s_edge_does_not_scroll() -> None:
    """广告·推广 on a green pill that starts a few pixels off the frame's left edge, over a
    photo of dark rocks (framegen n951 f0005, 1080x1920; the crop keeps the frame's left
    edge). The text stands 0.6 glyph from the edge, near enough for the edge to be looked at,
    and the rocks there are of the text's dark colour, as a glyph the edge cuts would be; but
    the pill's padding, a quarter glyph of its own colour, parts them from the text."""
    from pathlib import Path

    from app.checker.elements import classify_lines, mark_scrolling
    from app.geometry import Box
    from app.ocr.base import OcrLine

    name = "pill_label_a_padding_off_the_frame_edge.png"
    crop = cv2.imread(str(Path(__file__).parent / "data" / name))
    pack = load_rule_pack()
    lines = classify_lines([OcrLine("广告·推广", Box(3, 55, 287, 73), 0.99)], pack)
    mark_scrolling(lines, crop, pack)
    assert lines[0].viewer is None
