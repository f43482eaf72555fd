"""What counts as a plate under a label, and what is drawn over it."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from app.checker.elements import COVERAGE_NOISE
from app.checker.occlusion import pitch_px, plate_coverage, squashed, sticker_on_line
from app.checker.result import Status
from app.checker.vision import measure_text
from app.geometry import Box
from tests.checker.conftest import card_over_top, draw_label, font, studio_background, to_bgr


def test_a_sticker_over_a_label_plate_is_measured() -> None:
    img = studio_background(600, 200, seed=2)
    x, y, w, h = draw_label(img, (60, 60), "经营者信息公示", 40, (255, 255, 255), (200, 40, 40))
    # A round sticker over the middle glyphs, larger than the plate is tall.
    ImageDraw.Draw(img).ellipse(
        (x + w // 3, y - 20, x + w // 3 + 110, y + h + 20), fill=(40, 200, 90)
    )
    bgr = to_bgr(img)
    m = measure_text(bgr, Box(x - 12, y - 12, w + 24, h + 24))
    assert m is not None
    cover = plate_coverage(bgr, m)
    assert cover is not None and cover.fraction > 0.3


def test_an_outline_round_text_on_a_picture_is_not_a_plate() -> None:
    """Outlined text on a photo: the outline is one colour around every stroke, but the
    picture beside the glyphs is not a plate with something drawn over it (this clean label
    once read as 43 % covered)."""
    img = studio_background(400, 160, seed=5)
    d = ImageDraw.Draw(img)
    d.text(
        (60, 50),
        "广告",
        font=font(32),
        fill=(255, 255, 255),
        stroke_width=3,
        stroke_fill=(20, 20, 20),
    )
    x0, y0, x1, y1 = d.textbbox((60, 50), "广告", font=font(32), stroke_width=3)
    bgr = to_bgr(img)
    m = measure_text(bgr, Box(x0 - 10, y0 - 10, x1 - x0 + 20, y1 - y0 + 20))
    assert m is not None
    assert plate_coverage(bgr, m) is None


def test_a_clean_plate_has_nothing_over_it() -> None:
    img = Image.new("RGB", (600, 200), (30, 60, 90))
    x, y, w, h = draw_label(img, (60, 60), "经营者信息", 36, (20, 20, 20), (240, 220, 60))
    bgr = to_bgr(img)
    m = measure_text(bgr, Box(x - 6, y - 6, w + 12, h + 12))  # inside the plate, as OCR's
    assert m is not None
    cover = plate_coverage(bgr, m)
    assert cover is not None and cover.fraction < 0.1 and cover.cut is None


def test_a_card_over_the_bottom_of_a_label_cuts_it() -> None:
    """A product card's straight top edge across the lower third of 到手价 ¥69.9: the pill runs
    on above the glyphs and not at all below them."""
    img = studio_background(700, 260, seed=8)
    x, y, w, h = draw_label(img, (80, 60), "到手价 ¥69.9", 44, (30, 30, 30), (245, 245, 245))
    ImageDraw.Draw(img).rectangle(
        (x - 40, y + int(h * 0.65), x + w + 60, y + h + 90), fill=(90, 160, 230)
    )
    bgr = to_bgr(img)
    m = measure_text(bgr, Box(x - 14, y - 14, w + 28, int(h * 0.65) + 20))
    assert m is not None
    cover = plate_coverage(bgr, m)
    assert cover is not None and cover.cut == "bottom"


@pytest.mark.parametrize(
    ("crop", "box"),
    [
        # 该主播为人工智能生成 in white, set high on a dark glass pill over a grey-blue picture
        # (alt59 f0048): the fill from between the strokes stops short of the pill's lower
        # padding, which is still the pill's colour.
        ("white_text_high_on_a_dark_glass_pill.png", (52, 55, 189, 26)),
        # ¥9.9 on a dark pill drawn tight round it, the ¥'s top a pixel or two from the pill's
        # edge (n651 f0016).
        ("price_high_on_a_tight_dark_pill.png", (59, 67, 77, 33)),
    ],
)
def test_text_set_off_centre_on_its_plate_is_not_cut(crop: str, box: tuple) -> None:
    """Where the plate's padding is thin on one side, what lies past the text there is still
    the plate's colour: no cover cuts the text."""
    from pathlib import Path

    bgr = cv2.imread(str(Path(__file__).parent / "data" / crop))
    m = measure_text(bgr, Box(*box))
    assert m is not None
    cover = plate_coverage(bgr, m)
    assert cover is not None and cover.cut is None


def _plate_with(disc_at: str) -> float:
    """Coverage of 数字人直播 on a pink plate with a dark disc inside the plate's bounds, either
    over 直 (glyphs on both sides of it) or as an icon before the text."""
    img = studio_background(700, 200, seed=4)
    d = ImageDraw.Draw(img)
    f = font(40)
    text_x = 140
    x0, y0, x1, y1 = d.textbbox((text_x, 70), "数字人直播", font=f)
    d.rounded_rectangle((60, y0 - 16, x1 + 24, y1 + 16), radius=12, fill=(230, 190, 210))
    d.text((text_x, 70), "数字人直播", font=f, fill=(30, 30, 30))
    glyph = (x1 - x0) // 5
    cx = x0 + 3 * glyph + glyph // 2 if disc_at == "middle" else 95
    r = (y1 - y0) // 2 + 4
    cy = (y0 + y1) // 2
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(40, 80, 150))
    bgr = to_bgr(img)
    pad = (y1 - y0) // 2  # the detector's box runs on past the ink, into the plate's margin
    m = measure_text(bgr, Box(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad))
    assert m is not None and m.polarity == -1
    cover = plate_coverage(bgr, m)
    assert cover is not None
    return cover.fraction


def test_a_sticker_inside_the_plate_between_glyphs_is_measured() -> None:
    """A disc over 直 of 数字人直播, no larger than the plate: 播 still shows to its right, so
    it hides part of the line (this was taken for an icon printed on the plate)."""
    assert _plate_with("middle") > 0.15


def test_an_icon_before_the_text_on_its_plate_is_part_of_the_label() -> None:
    assert _plate_with("start") < 0.05


@pytest.mark.parametrize(("overlap", "status"), [(0.45, Status.OCCLUDED), (-0.4, Status.OK)])
def test_a_card_across_the_lower_part_of_plain_text_is_a_cover(overlap: float, status) -> None:
    """A product card slid over the lower half of a caption on the picture: the glyphs end on
    the card's straight edge, which runs on beside the text on the same row, and what shows
    still reads as the whole phrase. The same card a little below the caption hides nothing."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.ocr.base import OcrLine
    from app.rules.pack import load_rule_pack
    from app.rules.profile import load_profile

    img = studio_background(1280, 720, seed=8)
    x, y, w, h = draw_label(img, (300, 300), "数字人直播", 40, (255, 255, 255))
    top = y + round(h * (1 - overlap)) if overlap > 0 else y + h - round(h * overlap)
    card = (x - 30, top, x + w + 40, top + 90)
    ImageDraw.Draw(img).rounded_rectangle(card, 8, fill=(250, 250, 250))
    frame = to_bgr(img)
    line = OcrLine("数字人直播", Box(x - 8, y - 8, w + 16, h + 16), 0.98)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ai_disclosure", frame, classify_lines([line], pack)
    )
    assert f.status is status, f.reason
    if status is Status.OCCLUDED:
        assert f.reason and "bottom is cut off" in f.reason


def test_a_damaged_reading_cut_short_by_a_card_is_covered_not_too_small() -> None:
    """A card across the upper half of a 20 px 商家信息 on a 720p frame: what shows is under the
    size limit (10.8 px) and OCR garbles it, but the glyphs are short because the card's edge
    cuts them, not because the label is small."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.ocr.base import OcrLine
    from app.rules.pack import load_rule_pack
    from app.rules.profile import load_profile

    img = studio_background(1280, 720, seed=8)
    x, y, w, h = draw_label(img, (300, 300), "商家信息", 20, (255, 255, 255))
    ImageDraw.Draw(img).rounded_rectangle((x - 30, y - 80, x + w + 40, y + h // 2), 6,
                                          fill=(250, 250, 250))
    line = OcrLine("商家信总", Box(x - 6, y + h // 2 - 4, w + 12, h // 2 + 10), 0.7)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "merchant_info", to_bgr(img), classify_lines([line], pack)
    )
    assert f.status is Status.OCCLUDED, f.reason
    assert f.reason and "top is cut off" in f.reason



def test_a_line_with_its_top_hidden_is_squashed_and_a_whole_one_is_not(rapid) -> None:
    """What the detector finds of 虚拟主播 with a card over the top 60 % of its glyphs is a strip
    wider per glyph than it is tall; the whole label and ordinary text are not."""
    covered, ink = card_over_top("虚拟主播", 0.6)
    (strip,) = [ln for ln in rapid.read(covered) if ln.box.overlap_fraction(ink) > 0.3]
    assert squashed(strip.text, strip.box)
    assert pitch_px(strip.text, strip.box) > 0.8 * ink.h  # the glyphs' size, not the strip's

    img = studio_background(1280, 720, seed=8)
    draw_label(img, (420, 60), "虚拟主播", 44, (255, 255, 255), (30, 30, 30))
    draw_label(img, (300, 400), "关注主播每晚有福利 ¥199 AD", 36, (255, 255, 255))
    whole = to_bgr(img)
    lines = rapid.read(whole)
    assert len(lines) >= 2
    assert not any(squashed(ln.text, ln.box) for ln in lines), [(ln.text, ln.box) for ln in lines]


def test_squashed_counts_the_glyphs_read() -> None:
    assert squashed("应以工猫", Box(0, 0, 200, 40))  # 50 px per glyph in a 40 px line
    assert not squashed("虚拟主播", Box(0, 0, 200, 60))
    assert not squashed("", Box(0, 0, 200, 10))


def _star(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill) -> None:
    points = []
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.45
        points.append((cx + rr * math.cos(a), cy - rr * math.sin(a)))
    d.polygon(points, fill=fill)


def _plain_caption(cover: str) -> tuple[np.ndarray, Box]:
    """White 商家信息 with a black outline on the studio picture (no plate), JPEG-compressed,
    with ``cover`` drawn on it: a star over 家, a disc half a glyph before the text (an icon
    beside it), or nothing."""
    img = studio_background(1280, 720, seed=3)
    d = ImageDraw.Draw(img)
    f = font(44)
    d.text((400, 300), "商家信息", font=f, fill=(255, 255, 255), stroke_width=4,
           stroke_fill=(0, 0, 0))
    x0, y0, x1, y1 = d.textbbox((400, 300), "商家信息", font=f, stroke_width=4)
    g, cy = y1 - y0, (y0 + y1) / 2
    if cover == "star":
        _star(d, x0 + 1.5 * (x1 - x0) / 4, cy, 0.75 * g, (250, 200, 40))
    elif cover == "icon":
        r = round(0.6 * g)
        d.ellipse((x0 - round(0.5 * g) - 2 * r, cy - r, x0 - round(0.5 * g), cy + r),
                  fill=(40, 120, 220))
    ok, buf = cv2.imencode(".jpg", to_bgr(img), [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_COLOR), Box(x0, y0, x1 - x0, y1 - y0)


@pytest.mark.parametrize(
    ("cover", "status"),
    [("star", Status.OCCLUDED), ("icon", Status.OK), ("none", Status.OK)],
)
def test_a_sticker_across_plain_text_is_a_cover(cover: str, status: Status) -> None:
    """A star over one glyph of a caption on the picture leaves every glyph readable, and
    there is no plate to measure; but the star is one flat object straddling the line. A disc
    half a glyph before the text is an icon beside it, and the outline round the strokes is
    the caption's own design."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.ocr.base import OcrLine
    from app.rules.pack import load_rule_pack
    from app.rules.profile import load_profile

    frame, ink = _plain_caption(cover)
    line = OcrLine("商家信息", Box(ink.x - 10, ink.y - 10, ink.w + 20, ink.h + 20), 0.97)
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "merchant_info", frame, classify_lines([line], pack)
    )
    assert f.status is status, f.reason
    if status is Status.OCCLUDED:
        assert f.reason and "sticker" in f.reason


@pytest.mark.parametrize(
    ("name", "box", "sticker"),
    [
        # 广告 in white with a black outline on a plain picture (an altgen 1080x1920 frame), a
        # star over 广: the outline runs round the strokes the star cuts, so half the star lies
        # within a stroke's reach of them, as an outline does; but the star is solid.
        ("star_over_outlined_ad_label.png", Box(137, 95, 165, 98), True),
        # ⓘ 广告 AD outlined on a photo (a framegen 1920x1080 frame), the icon read into the
        # line: as solid and as close to the strokes, but the i on it is a mark of its own.
        ("info_icon_before_outlined_ad_label.png", Box(92, 72, 336, 83), False),
        # 广告 in yellow with a black outline on a dark green picture (altgen 72 f0047,
        # 1080x1920), a pale grey star over 告: its flat core is nearer the text's colour
        # than the stars measured before, and far from the ground the outline makes.
        ("light_star_over_an_outlined_glyph.png", Box(60, 48, 129, 81), True),
    ],
)
def test_a_solid_sticker_against_outlined_strokes_is_a_cover(
    name: str, box: Box, sticker: bool
) -> None:
    assert _sticker_on_crop(name, box) is sticker


def _sticker_on_crop(name: str, box: Box, at_end: bool = False) -> bool:
    """sticker_on_line on a crop of a generated frame (tests/checker/data/NAME), for the line
    OCR read in ``box``."""
    from pathlib import Path

    from app.checker.occlusion import sticker_on_line

    image = cv2.imread(str(Path(__file__).parent / "data" / name))
    measure = measure_text(image, box)
    assert measure is not None
    return sticker_on_line(image, measure, at_end=at_end)


@pytest.mark.parametrize(
    ("name", "box", "sticker"),
    [
        # 券后价¥129.9 on a dark card, a green clover sticker twice the glyphs' height over
        # 9.9 and the end of the card (blind set n681 f0005): OCR reads 券后价¥12, a whole
        # price by itself, and the card's padding is hidden with the digits.
        ("clover_over_the_end_of_a_card_price.png", Box(60, 70, 224, 66), True),
        # 到手价 9.9元 on a yellow pill, a white collar in the picture past the pill's end
        # (n461 f0026): as tall and as flat, but the pill's padding shows between them.
        ("picture_past_the_end_of_a_pill_price.png", Box(40, 90, 359, 65), False),
    ],
)
def test_a_sticker_over_the_end_of_a_label_on_a_plate_stands_out_past_it(
    name: str, box: Box, sticker: bool
) -> None:
    """On a plate, an icon at either end of the text is the plate's own, so an object beside
    the text counts only when it starts right where the ink stops and stands far taller than
    the glyphs, past the plate: a sticker over the label's end."""
    assert _sticker_on_crop(name, box, at_end=True) is sticker


def test_the_flat_core_of_a_star_no_bigger_than_a_glyph_is_a_cover() -> None:
    """A magenta star over 广 of 广告 in yellow with a dark outline (an altgen 1080x1920
    frame), no bigger than the glyph: its points and its anti-aliased rim step too much to be
    flat, so what is flat is its core, 0.7 of a glyph tall, where the test once required a
    region as tall as the glyphs."""
    assert _sticker_on_crop("core_star_over_outlined_ad_label.png", Box(36, 75, 92, 63))


def test_the_core_of_a_small_star_is_measured_against_the_outlined_glyphs() -> None:
    """A blue star over 为广 of a 20 px 此为广告 in yellow with a dark outline, 720p (altgen 73
    f0052): OCR reads 此头广告. The glyph height is measured with the outline, 24 px, and the
    star's flat core is 14 px of it: still a cover, not a glyph's counter."""
    assert _sticker_on_crop("small_star_over_outlined_corner_label.png", Box(161, 31, 104, 46))


@pytest.mark.parametrize(
    ("name", "box", "sticker"),
    [
        # A purple star two glyphs wide over the start of 券后价¥128 (an altgen 1080x1920
        # frame): it reaches past a crop of one and a half glyphs beside the ink, where it
        # looked like the picture running on, not an object on it.
        ("big_star_over_start_of_price.png", Box(152, 114, 161, 63), True),
        # 秒杀价¥89 on a photo of a dark pan (a framegen frame): the wider crop holds the pan's
        # flat dark side whole, as closed as a sticker, but it shades into more dark picture.
        ("dark_photo_patch_beside_price.png", Box(100, 75, 129, 41), False),
    ],
)
def test_an_object_larger_than_the_near_crop_must_stand_out(
    name: str, box: Box, sticker: bool
) -> None:
    assert _sticker_on_crop(name, box) is sticker


def _pill_with_disc(text: str, shown: str, disc_x: str) -> tuple[np.ndarray, Box]:
    """``text`` on a pill, a disc taller than the pill over the glyphs after ``shown`` (or,
    for ``disc_x == "beyond"``, past the pill's end); returns the frame and the detector's box
    round ``shown``, the part OCR reads."""
    img = studio_background(700, 220, seed=4)
    d = ImageDraw.Draw(img)
    f = font(40)
    x, y = 120, 80
    x0, y0, x1, y1 = d.textbbox((x, y), text, font=f)
    pad = (y1 - y0) // 2
    d.rounded_rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad), radius=pad, fill=(230, 60, 50))
    d.text((x, y), text, font=f, fill=(255, 255, 255))
    sx1 = d.textbbox((x, y), shown, font=f)[2]
    r = (y1 - y0) // 2 + pad + 6
    cx = sx1 + r + 1 if disc_x == "over" else x1 + pad + r + 8
    cy = (y0 + y1) // 2
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255))
    d.ellipse((cx - r + 5, cy - r + 5, cx + r - 5, cy + r - 5), fill=(30, 60, 150))
    m = (y1 - y0) // 3
    return to_bgr(img), Box(x0 - m, y0 - m, sx1 - x0 + 2 * m, y1 - y0 + 2 * m)


@pytest.mark.parametrize(
    ("text", "disc_x", "covered"),
    [("数字人直播", "over", True), ("数字人", "beyond", False)],
    ids=["over the rest of the line", "past the pill's end"],
)
def test_a_cover_against_the_end_of_the_text_with_the_plate_beyond_hides_it(
    text: str, disc_x: str, covered: bool
) -> None:
    """数字人 | disc | the pill's end, of 数字人直播: the flood that finds the plate stops at
    the disc, so the plate seemed to end where 人 does and nothing covered the text. The disc
    starts at the ink, and past it the plate shows again: it stands where 直播 would. A disc
    past the end of a pill of 数字人 alone has the pill's padding before it."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.ocr.base import OcrLine
    from app.rules.pack import load_rule_pack
    from app.rules.profile import load_profile

    frame, box = _pill_with_disc(text, "数字人", disc_x)
    pack = load_rule_pack()
    finding = ElementJudge(load_profile("all-required"), pack).judge(
        "ai_disclosure", frame, classify_lines([OcrLine("数字人", box, 0.99)], pack)
    )
    assert (finding.status == Status.OCCLUDED) == covered, finding.reason


def test_a_rimmed_disc_over_the_start_of_a_plated_price_stands_against_it() -> None:
    """秒杀 ¥19.9 on a dark pill, a green disc with a white rim over 秒杀 (altgen 59 f0016): the
    disc's flat inside stops a rim short of ¥, and the rim has the text's colour; measured
    past the rim, the disc stands right against the ink, twice the glyphs' height."""
    assert _sticker_on_crop(
        "rimmed_disc_over_the_start_of_a_pill_price.png", Box(157, 112, 88, 45), at_end=True
    )


@pytest.mark.parametrize(
    ("name", "box", "sticker"),
    [
        # 广告 AD in yellow outlined black, a purple disc with a white rim over AD (altgen 60
        # f0053, 1080x1920): OCR reads 广告, a label by itself. The rim and the outline stand
        # between the disc's flat inside and 告: 0.19 of a glyph.
        ("rimmed_disc_against_the_end_of_an_outlined_label.png", Box(67, 105, 158, 107), True),
        # 广告内容, a gold star twice the glyphs' height a word space after it (framegen n701
        # f0029): 0.34 of a glyph of the picture between them.
        ("star_a_word_space_after_a_label.png", Box(97, 170, 201, 68), False),
    ],
)
def test_a_tall_object_stands_against_the_text_past_its_rim(
    name: str, box: Box, sticker: bool
) -> None:
    """An object twice the glyphs' height beside plain text is a sticker over the rest of
    the line when no more than its rim and the text's outline lie between them; a word
    space of the picture is a room's decoration beside its label."""
    assert _sticker_on_crop(name, box) is sticker


@pytest.mark.parametrize(
    ("name", "box", "runs_on"),
    [
        # 此为广告 on a dark plate, a disc with a white rim over 此为 (altgen 53 f0043): OCR
        # reads 广告, and the right of 为 stands between 广 and the disc.
        ("disc_over_first_glyphs_leaves_a_remnant.png", Box(133, 84, 122, 84), True),
        # 查看商家资质 on a black pill, a house icon in the text's colour before 查 (framegen
        # n701 f0016): past the pill, the grey-blue picture is as near the text's pink.
        ("emoji_beside_house_icon_off_the_plate.png", Box(140, 100, 212, 40), False),
    ],
)
def test_the_ink_runs_on_over_what_ocr_left_out_on_the_plate_only(
    name: str, box: Box, runs_on: bool
) -> None:
    """What a cover's edge leaves of the glyph it hides is strokes of the text's colour on the
    text's plate, a letter space from the glyphs OCR read; the carried ink ends right where
    the cover begins."""
    from pathlib import Path

    from app.checker.occlusion import sticker_on_line, with_unread_ink

    image = cv2.imread(str(Path(__file__).parent / "data" / name))
    measure = measure_text(image, box)
    assert measure is not None and measure.ink_box is not None
    carried = with_unread_ink(image, measure)
    assert (carried is not None) is runs_on
    if carried is not None:
        assert carried.ink_box is not None
        assert carried.ink_box.x < measure.ink_box.x - 0.2 * measure.ink_box.h
        assert carried.ink_box.x2 == measure.ink_box.x2
        # The disc is no taller than the plate: against the ink OCR read it is an icon.
        assert not sticker_on_line(image, measure, at_end=True)
        assert sticker_on_line(image, carried, at_end=True, overhang=1.0)


@pytest.mark.parametrize(
    ("name", "box", "sticker"),
    [
        # A heart-eyes emoji over 查看 of 查看商家资质 on a dark pill (framegen n591 f0026): its
        # face is shaded, 28 levels of lightness across, but its outline is crisp.
        ("shaded_emoji_over_plated_label.png", Box(224, 160, 211, 64), True),
        # 内容由AI生成 in white on a blurred face (framegen n731 f0043): the cheek beside 生成 is
        # as flat and as closed, but 62 levels of lightness across and shades into the face.
        ("blurred_cheek_beside_plain_label.png", Box(154, 110, 235, 44), False),
    ],
)
def test_a_shaded_flat_region_is_an_object_only_with_a_crisp_outline(
    name: str, box: Box, sticker: bool
) -> None:
    assert _sticker_on_crop(name, box) is sticker


@pytest.mark.parametrize(
    ("name", "box", "plated"),
    [
        # 查看商家资质 in yellow with a black outline on a green photo, a red petal with a dark
        # shadow just above it (altgen 73 f0038): the outline's flood ran into the shadow, and
        # the green in the gap after every glyph was read as 24 % of the text covered.
        ("outline_flood_into_dark_photo_above.png", Box(164, 117, 189, 47), False),
        # 广告·推广 in a thin face on a plate shaded from dark green to purple (framegen n611
        # f0041): the flood stops short of the purple, in runs between the glyphs too, but the
        # plate shows above and below the text.
        ("thin_text_on_plate_shaded_green_to_purple.png", Box(108, 77, 109, 31), True),
    ],
)
def test_the_picture_between_outlined_glyphs_is_no_plate(
    name: str, box: Box, plated: bool
) -> None:
    """Something over a label hides one run of it; the picture round outlined text shows
    between every pair of glyphs. Where the plate's flood also reached only one side of the
    text, it was an outline's, and there is no plate to measure coverage on."""
    from pathlib import Path

    image = cv2.imread(str(Path(__file__).parent / "data" / name))
    measure = measure_text(image, box)
    assert measure is not None
    assert (plate_coverage(image, measure) is not None) is plated


@pytest.mark.parametrize(
    ("name", "box", "sticker"),
    [
        # 店铺主体信息 in white, outlined, a pink star emoji half a glyph after it (framegen
        # n791 f0053): OCR reads 店铺主体信息⭐ and the measure takes the star into the ink.
        ("emoji_apart_after_outlined_label.png", Box(238, 170, 390, 68), False),
        # 查看商家资质 outlined on a green photo, a pink star over 查看 (altgen 68 f0019): what
        # is left of 查 stands in the columns of the star's left points.
        ("star_over_first_glyph_of_outlined_label.png", Box(168, 120, 149, 48), True),
    ],
)
def test_an_object_the_ink_holds_apart_from_the_glyphs_is_beside_them(
    name: str, box: Box, sticker: bool
) -> None:
    assert _sticker_on_crop(name, box) is sticker


def test_a_small_label_on_a_tight_plate_is_not_cut() -> None:
    """查看商家资质, 15 px on a plate shaded orange to blue with 3 px of padding over and under
    it (framegen n791 f0019, 720p): H.264 blurs the padding under it into the picture, so the
    plate shows above the glyphs only. Too little shows there to say a cover took the rest."""
    from pathlib import Path

    name = "small_label_on_tight_shaded_plate.png"
    image = cv2.imread(str(Path(__file__).parent / "data" / name))
    measure = measure_text(image, Box(87, 62, 109, 25))
    assert measure is not None
    cover = plate_coverage(image, measure)
    assert cover is not None and cover.cut is None


def _coverage_on_crop(name: str, box: Box) -> float:
    """plate_coverage's fraction on a crop of a generated frame, for the line OCR read in
    ``box``."""
    from pathlib import Path

    image = cv2.imread(str(Path(__file__).parent / "data" / name))
    measure = measure_text(image, box)
    assert measure is not None
    cover = plate_coverage(image, measure)
    return cover.fraction if cover is not None else 0.0


@pytest.mark.parametrize(
    ("name", "box", "covered"),
    [
        # 秒杀 ¥19.9 on a red pill, a grey disc with a white rim and a white glint over 秒 and
        # most of 杀 (altgen 80 f0059): OCR reads ¥19.9. What is left of 杀 and a word space
        # stand between ¥ and the disc, and the glint splits the disc in two.
        ("disc_with_a_glint_over_a_price_word_on_a_pill.png", Box(287, 123, 123, 41), True),
        # 秒杀 ¥19.9 on a dark glass plate, a disc three glyphs wide over 秒杀 (altgen 72
        # f0052): the measure leaves ¥ out of the ink, and the disc ran past the four glyphs
        # the look past the text's end reached.
        ("wide_disc_over_the_start_of_a_glass_price.png", Box(238, 102, 78, 34), True),
        # 券后价¥128 on a glass plate over an orange picture (altgen 70 f0029): the picture
        # beyond the plate's ends is no cover, though a patch of it far off has the plate's
        # colour.
        ("picture_past_both_ends_of_a_glass_price.png", Box(295, 210, 339, 70), False),
        # ¥32.9 on a white product card (framegen n821 f0057): past the card's edge, the
        # picture runs on to a patch of white, and the card's edges match there.
        ("picture_past_a_card_price_s_plate.png", Box(431, 222, 234, 74), False),
        # ⓘAI生成, pink outlined, on a grey photo the flood takes for a plate (framegen n871
        # f0057): past the text the photo is as grey above and below the "plate" as beside
        # it, and then as grey again.
        ("picture_past_outlined_text_on_a_grey_photo.png", Box(529, 138, 279, 87), False),
    ],
)
def test_what_stands_past_the_text_on_its_plate_is_a_sticker_or_the_picture(
    name: str, box: Box, covered: bool
) -> None:
    """A sticker over the word before a price (秒杀 of 秒杀 ¥19.9) leaves a whole price, a
    word space of plate before it, and the plate running on past the sticker: the text
    stands off its plate's centre by the word it hid. What the text meets past a plate's end
    and round it is the picture, however it runs on (the check's noise is 8 % of the
    width)."""
    assert (_coverage_on_crop(name, box) > 0.1 + COVERAGE_NOISE) is covered


def _centred_pill_with_disc(text: str, disc_side: str) -> tuple[np.ndarray, Box]:
    """``text`` on a red pill, a rimmed grey disc with a glint, taller than the pill, a word
    space before it. ``disc_side`` "word": the disc hides 秒杀 there, and the pill pads the
    text's other end by its padding alone; "centred": nothing under the disc, and the pill
    reaches as far past the text's other end as past the disc."""
    img = studio_background(800, 240, seed=5)
    d = ImageDraw.Draw(img)
    f = font(40)
    x, y = 360, 90
    x0, y0, x1, y1 = d.textbbox((x, y), text, font=f)
    g = y1 - y0
    pad = g // 2
    space = 20
    word_w = round(d.textlength("秒杀", font=f))
    r = max(word_w // 2 + 4, (g + 2 * pad) // 2 + 5)
    cx, cy = x0 - space - r, (y0 + y1) // 2
    left = cx - r - round(0.6 * g)
    right = x1 + pad if disc_side == "word" else x1 + (x0 - left)
    d.rounded_rectangle((left, y0 - pad, right, y1 + pad), radius=pad, fill=(210, 30, 40))
    if disc_side == "word":
        d.text((x0 - space - word_w, y), "秒杀", font=f, fill=(255, 255, 255))
    d.text((x, y), text, font=f, fill=(255, 255, 255))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255))
    d.ellipse((cx - r + 4, cy - r + 4, cx + r - 4, cy + r - 4), fill=(150, 150, 150))
    d.ellipse((cx - r // 2, cy - r // 2, cx - r // 4, cy - r // 4), fill=(255, 255, 255))
    m = g // 3
    return to_bgr(img), Box(x0 - m, y0 - m, x1 - x0 + 2 * m, y1 - y0 + 2 * m)


@pytest.mark.parametrize(
    ("disc_side", "covered"),
    [("word", True), ("centred", False)],
    ids=["over the word before the price", "inside a pill the text is centred on"],
)
def test_a_sticker_a_word_space_off_the_text_hides_it_only_off_centre(
    disc_side: str, covered: bool
) -> None:
    """A disc a word space before ¥19.9 hides 秒杀 when the pill reaches past the disc and
    pads the price's other end by its padding alone; on a pill that pads both ends of the
    price alike, the same disc is the pill's decoration."""
    frame, box = _centred_pill_with_disc("¥19.9", disc_side)
    measure = measure_text(frame, box)
    assert measure is not None
    cover = plate_coverage(frame, measure)
    assert cover is not None
    assert (cover.fraction > 0.1) is covered


@pytest.mark.parametrize(
    ("name", "size", "at", "box", "covered"),
    [
        # 此为广告 on a pink pill over a blurred grey-purple photo, a purple sticker over 为
        # and the left of 广 (framegen n901 f0052): the pill pads 告 on the right.
        (
            "sticker_over_a_pill_flooded_with_the_picture.png",
            (1920, 1080), (60, 150), Box(333, 114, 117, 86), True,
        ),
        # 广告 AD on a pill shaded from purple through grey to yellow over a beige photo
        # (framegen n841 f0008): both of its ends differ from the grey round the text.
        (
            "shaded_pill_flooded_with_the_picture.png",
            (1280, 720), (0, 880), Box(955, 30, 69, 25), False,
        ),
    ],
)
def test_a_sticker_over_a_pill_the_flood_leaves_for_the_picture_still_covers(
    name: str, size: tuple[int, int], at: tuple[int, int], box: Box, covered: bool
) -> None:
    """The flood that finds a pill follows the soft edges H.264 leaves into a calm photo (and
    into a sticker) and takes in the whole window, as round text on a wall. The pill's colour
    past the text still shows a sticker against one end with the pill's padding at the
    other; a shaded pill's two ends both differ from its middle, and cover nothing."""
    from pathlib import Path

    crop = cv2.imread(str(Path(__file__).parent / "data" / name))
    frame = np.zeros((size[1], size[0], 3), np.uint8)
    frame[at[0] : at[0] + crop.shape[0], at[1] : at[1] + crop.shape[1]] = crop
    m = measure_text(frame, box)
    assert m is not None
    cover = plate_coverage(frame, m)
    fraction = cover.fraction if cover is not None else 0.0
    assert (fraction > 0.2) is covered, cover


@pytest.mark.parametrize(
    ("name", "box"),
    [
        # 直播价 79元 in yellow, outlined, over a photo of feathers; a grey disc with a white
        # rim, 3.4 glyphs across, over 直播价 (altgen 70 f0033). The word space before 79元
        # shows between the disc and the price.
        ("big_disc_a_word_space_before_a_price.png", Box(200, 90, 114, 60)),
        # 到手价 ¥39 in white over an orange photo; a rounded photo tile over 到手价 (altgen 76
        # f0030), a word space before ¥39.
        ("big_tile_a_word_space_before_a_price.png", Box(150, 70, 73, 45)),
    ],
)
def test_a_sticker_that_dwarfs_the_text_a_word_space_before_it_is_a_cover(
    name: str, box: Box
) -> None:
    assert _sticker_on_crop(name, box)


@pytest.mark.parametrize(
    ("across", "gap", "covered"),
    [(3.0, 0.6, True), (3.0, 1.6, False), (1.4, 0.6, False)],
    ids=["dwarfs the text, a word space off", "dwarfs it, far off", "icon-sized, a word space off"],
)
def test_how_big_and_how_near_a_disc_beside_plain_text_hides_more_of_it(
    across: float, gap: float, covered: bool
) -> None:
    """A white-rimmed disc before 79元 over a smooth studio picture: one three glyphs across,
    a word space before the price, stands where the price's word would; an icon-sized one
    there, or a big one far off, is the room's decoration."""
    g = 40
    img = studio_background(640, 320, seed=5)
    d = ImageDraw.Draw(img)
    x, y = 360, 140
    d.text((x, y), "79元", font=font(g), fill=(255, 240, 80), stroke_width=2, stroke_fill=(0,) * 3)
    ink = d.textbbox((x, y), "79元", font=font(g))
    r = round(across * g / 2)
    cx, cy = ink[0] - round(gap * g) - r, (ink[1] + ink[3]) // 2
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255))
    d.ellipse((cx - r + 5, cy - r + 5, cx + r - 5, cy + r - 5), fill=(225, 60, 70))
    frame = to_bgr(img)
    m = g // 3
    box = Box(ink[0] - m, ink[1] - m, ink[2] - ink[0] + 2 * m, ink[3] - ink[1] + 2 * m)
    measure = measure_text(frame, box)
    assert measure is not None
    assert sticker_on_line(frame, measure) is covered
