"""FrameChecker on frames drawn here with one known fault each, read by the real OCR engine."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from app.checker.frame_checker import FrameChecker
from app.checker.result import Status
from app.geometry import Box
from app.ocr.base import OcrLine
from app.rules.profile import load_profile
from tests.checker.conftest import (
    draw_label,
    font,
    generated_frame,
    studio_background,
    to_bgr,
)

W, H = 1280, 720
RED, WHITE, DARK = (215, 35, 45), (255, 255, 255), (30, 30, 40)


@pytest.fixture(scope="module")
def checker(rapid) -> FrameChecker:
    return FrameChecker(load_profile("all-required"), rapid)


def room(ad: str | None = "top-right", ad_fg=WHITE, ad_plate=RED, extra=None) -> Image.Image:
    """A landscape live room; ``ad`` places the ad label (or leaves it out)."""
    img = studio_background(W, H, seed=11)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((40, 520, 420, 690), 14, fill=(20, 20, 28))  # chat panel
    d.text((56, 536), "小王：主播好", font=font(24), fill=(230, 230, 230))
    d.text((56, 576), "阿May：链接在哪", font=font(24), fill=(230, 230, 230))
    draw_label(img, (60, 40), "数字人直播", 30, WHITE, (60, 60, 160))
    draw_label(img, (980, 600), "商家信息", 28, DARK, (250, 250, 250))
    draw_label(img, (860, 440), "到手价 ¥69.9", 40, (255, 240, 0), (200, 30, 30))
    positions = {"top-right": (1120, 36), "bottom-left": (520, 640), "top-left": (60, 110)}
    if ad:
        draw_label(img, positions[ad], "广告", 34, ad_fg, ad_plate)
    if extra:
        extra(img)
    return img


def check(checker: FrameChecker, img: Image.Image):
    return checker.check(to_bgr(img), "test")


def test_compliant_room_is_ok_everywhere(checker) -> None:
    r = check(checker, room())
    assert {k: f.status for k, f in r.elements.items()} == dict.fromkeys(r.elements, Status.OK)
    assert r.banned_terms == [] and r.qr_codes == [] and r.compliant
    ad = r.elements["ad_label"]
    assert ad.glyph_px and ad.glyph_px > 25 and ad.contrast and ad.contrast > 3
    assert ad.rule == "V1" and "第十条" in ad.article


def test_ad_label_outside_the_top_corners_is_misplaced(checker) -> None:
    assert check(checker, room("bottom-left")).elements["ad_label"].status is Status.MISPLACED


def test_ad_label_in_the_top_left_corner_is_ok(checker) -> None:
    assert check(checker, room("top-left")).elements["ad_label"].status is Status.OK


def test_faint_ad_label_is_illegible(checker) -> None:
    r = check(checker, room(ad_fg=(150, 150, 150), ad_plate=(120, 120, 120)))
    f = r.elements["ad_label"]
    assert f.status is Status.ILLEGIBLE and f.contrast is not None and f.contrast < 3


def test_viewer_writing_guanggao_in_chat_is_not_an_ad_label(checker) -> None:
    def chat(img: Image.Image) -> None:
        ImageDraw.Draw(img).text((56, 616), "小李：这是广告吗", font=font(24), fill=WHITE)

    r = check(checker, room(ad=None, extra=chat))
    assert r.elements["ad_label"].status is Status.MISSING


def test_half_covered_label_is_occluded_not_missing(checker) -> None:
    def sticker(img: Image.Image) -> None:
        ImageDraw.Draw(img).ellipse((1148, 22, 1205, 84), fill=(250, 200, 30))

    r = check(checker, room(extra=sticker))
    assert r.elements["ad_label"].status is Status.OCCLUDED


def test_banned_term_in_room_text_is_reported_and_in_chat_is_not(checker) -> None:
    def texts(img: Image.Image) -> None:
        draw_label(img, (500, 200), "今晚全网最低价 手慢无", 36, WHITE, (200, 40, 120))
        ImageDraw.Draw(img).text((56, 616), "小李：神药吗", font=font(24), fill=WHITE)

    r = check(checker, room(extra=texts))
    assert [(b.rule, b.term) for b in r.banned_terms] == [("B3", "全网最低价")]
    assert "全网最低价" in r.banned_terms[0].text and "第二十五条" in r.banned_terms[0].article
    assert not r.compliant


def test_qr_code_is_decoded_and_reported(checker) -> None:
    qr = cv2.QRCodeEncoder.create().encode("https://u.wechat.com/private-seller")
    qr = cv2.resize(qr, None, fx=6, fy=6, interpolation=cv2.INTER_NEAREST)

    def paste(img: Image.Image) -> None:
        tile = Image.fromarray(np.pad(qr, 24, constant_values=255)).convert("RGB")
        img.paste(tile, (560, 260))

    r = check(checker, room(extra=paste))
    assert [q.payload for q in r.qr_codes] == ["https://u.wechat.com/private-seller"]
    assert r.qr_codes[0].rule == "B5" and not r.compliant


def test_compared_price_without_the_reduction_is_incomplete(checker) -> None:
    def compare(img: Image.Image) -> None:
        draw_label(img, (860, 380), "原价¥199", 30, WHITE, (90, 90, 90))

    r = check(checker, room(extra=compare))
    assert len(r.price_comparison) == 1
    assert r.price_comparison[0].missing == ("discount",)


@pytest.mark.parametrize(
    ("status", "missing"),
    [
        ("ok", ()),
        ("not_required", ()),
        ("occluded", ("actual_price",)),
        ("illegible", ("actual_price",)),
        ("missing", ("actual_price",)),
    ],
)
def test_a_compared_price_needs_the_actual_price_shown_as_the_price_element_is(
    status: str, missing: tuple[str, ...]
) -> None:
    """OCR read 原价¥199, 到手¥99 and 立减100元; the actual price counts as shown only when
    the price element is shown (a tag under a sticker is read but not seen). A profile that
    does not require a price leaves what OCR read."""
    from app.checker.frame_checker import _comparison_missing
    from app.checker.result import ElementFinding, Status
    from app.rules.match import comparison_parts
    from app.rules.pack import load_rule_pack

    parts = comparison_parts(["原价¥199", "到手¥99", "立减100元"], load_rule_pack())
    price = ElementFinding("price", Status(status), "V5", "001 第二十七条")
    assert _comparison_missing(parts, price) == missing
    assert _comparison_missing(parts, None) == ()


def test_price_outside_the_zone_the_studio_drew_is_misplaced(rapid) -> None:
    """Zones are the studio's expectation: the price drawn at (860, 440) is outside a zone at
    the bottom left, inside one around it; the ad label's legal corner rule still applies."""
    base = load_profile("all-required")
    elsewhere = FrameChecker(replace(base, zones={"price": ((0.0, 0.8, 0.3, 0.2),)}), rapid)
    r = check(elsewhere, room())
    assert r.elements["price"].status is Status.MISPLACED
    assert r.elements["price"].reason == "outside its expected zone"
    assert r.elements["merchant_info"].status is Status.OK  # no zone drawn: anywhere will do
    around = FrameChecker(replace(base, zones={"price": ((0.6, 0.55, 0.4, 0.25),)}), rapid)
    assert check(around, room()).elements["price"].status is Status.OK


def test_zones_can_be_swapped_between_frames(rapid) -> None:
    checker = FrameChecker(load_profile("all-required"), rapid)
    frame = room()
    assert check(checker, frame).elements["ad_label"].status is Status.OK
    checker.use_profile(replace(checker.profile, zones={"ad_label": ((0.0, 0.0, 0.3, 0.2),)}))
    f = check(checker, frame).elements["ad_label"]  # label is top-right, zone top-left
    assert f.status is Status.MISPLACED and f.reason == "outside its expected zone"


def test_label_read_as_a_damaged_copy_is_occluded_not_missing(rapid) -> None:
    """A band over the lower part of 经营者信息公示: OCR reads 经营老信自公示, which is no label
    phrase, but a damaged copy of one whose strokes are big and clear: the rest is hidden."""
    checker = FrameChecker(load_profile("all-required"), rapid)
    img = studio_background(W, H, seed=3)
    x, y, w, h = draw_label(img, (300, 300), "经营者信息公示", 36, WHITE, (40, 90, 160))
    ImageDraw.Draw(img).rectangle(
        (x - 20, y + int(h * 0.6), x + w + 20, y + h + 30), fill=(240, 200, 40)
    )
    f = check(checker, img).elements["merchant_info"]
    assert f.status is Status.OCCLUDED
    assert f.text and "经营者信息公示" not in f.text


@pytest.mark.parametrize(
    ("fg", "plate", "status"),
    [(WHITE, (40, 90, 160), Status.OCCLUDED), ((150, 150, 150), (110, 110, 110), Status.ILLEGIBLE)],
)
def test_part_of_a_label_is_occluded_unless_what_shows_is_too_faint(rapid, fg, plate, status):
    """A disc over 虚 of 虚拟主播: OCR reads the fragment 拟主播. Clear strokes: the rest is
    hidden (occluded). Strokes at 1.7:1: a viewer cannot read even the visible part
    (illegible), whatever hides the rest."""
    checker = FrameChecker(load_profile("all-required"), rapid)
    img = studio_background(W, H, seed=3)
    x, y, w, h = draw_label(img, (300, 300), "虚拟主播", 32, fg, plate)
    ImageDraw.Draw(img).ellipse((x - 30, y - 20, x + w // 4 + 4, y + h + 20), fill=(240, 200, 40))
    f = check(checker, img).elements["ai_disclosure"]
    assert f.text == "拟主播" and f.status is status


def test_currency_sign_after_a_stray_glyph_is_a_damaged_price() -> None:
    from app.checker.degraded import degraded_elements
    from app.rules.pack import load_rule_pack

    pack = load_rule_pack()
    assert degraded_elements("7¥19.9", pack) == ["price"]  # 价 of 券后价¥19.9 misread
    assert degraded_elements("立减¥20", pack) == []  # a reduction, not a price


def test_a_sticker_over_the_middle_of_a_label_line_is_occluded(rapid) -> None:
    """A disc over 播为AI of 本直播间主播为AI数字人: OCR reads 本直播间主 | 数字人, and 数字人
    alone is a disclosure phrase; the line it ends runs on under the disc."""
    checker = FrameChecker(load_profile("all-required"), rapid)
    img = studio_background(W, H, seed=4)
    x, y, w, h = draw_label(img, (200, 300), "本直播间主播为AI数字人", 34, WHITE, (40, 140, 60))
    glyph = w / 11.2
    ImageDraw.Draw(img).ellipse(
        (x + 5.2 * glyph, y - 25, x + 8.2 * glyph, y + h + 25), fill=(60, 120, 220)
    )
    f = check(checker, img).elements["ai_disclosure"]
    assert f.status is Status.OCCLUDED, (f.text, f.reason)


def test_a_sticker_hiding_the_middle_of_a_label_is_a_cover_though_the_rest_joins_up() -> None:
    """A blob over 推广 of 商业推广 广告, read as two lines 商业 | 广告, which together spell
    商业广告, a label phrase of its own. A word space would be under a glyph wide; this gap is a
    sticker, so 广告 is what is left of a covered label, not a clean one."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.rules.pack import load_rule_pack

    img = studio_background(W, H, seed=4)
    x, y, w, h = draw_label(img, (1100, 60), "商业推广 广告", 34, WHITE, (30, 80, 170))
    glyph = w / 6.4
    left, right = x + 2.0 * glyph, x + 4.3 * glyph
    ImageDraw.Draw(img).ellipse((left, y - 40, right, y + h + 40), fill=(240, 150, 150))
    lines = [
        OcrLine("商业", Box(x - 10, y - 10, round(left - x) + 20, h + 20), 0.99),
        OcrLine("广告", Box(round(right) - 10, y - 10, round(x + w - right) + 20, h + 20), 0.99),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status is Status.OCCLUDED, (f.text, f.reason)


def test_a_label_read_apart_at_its_word_space_is_whole() -> None:
    """商业推广 广告 read as two lines at its word space: nothing is drawn between them."""
    from app.checker.elements import ElementJudge, classify_lines
    from app.geometry import Box
    from app.rules.pack import load_rule_pack

    img = studio_background(W, H, seed=4)
    x, y, w, h = draw_label(img, (1000, 60), "商业推广 广告", 34, WHITE, (30, 80, 170))
    split = round(x + 4.2 * w / 6.4)
    lines = [
        OcrLine("商业推广", Box(x - 10, y - 10, split - x + 6, h + 20), 0.99),
        OcrLine("广告", Box(split + 2, y - 10, x + w - split + 10, h + 20), 0.99),
    ]
    pack = load_rule_pack()
    f = ElementJudge(load_profile("all-required"), pack).judge(
        "ad_label", to_bgr(img), classify_lines(lines, pack)
    )
    assert f.status is Status.OK, (f.text, f.reason)


def test_a_label_beside_another_overlay_of_the_same_colour_is_ok(rapid) -> None:
    """数字人 with a separate 去购买 button on the same row, same colour: two overlays, nothing
    drawn over either."""
    checker = FrameChecker(load_profile("all-required"), rapid)
    img = studio_background(W, H, seed=4)
    x, _y, w, _h = draw_label(img, (200, 300), "数字人", 34, WHITE, (40, 140, 60))
    draw_label(img, (x + w + 80, 300), "去购买", 34, WHITE, (220, 60, 40))
    f = check(checker, img).elements["ai_disclosure"]
    assert f.status is Status.OK, (f.text, f.reason)


def test_a_price_whose_word_is_covered_up_to_its_colon_is_occluded(rapid) -> None:
    """A card over 直播价 of 直播价：202元: OCR reads ：202元, a price in itself, but the colon
    says its key is there under the card."""
    checker = FrameChecker(load_profile("all-required"), rapid)
    img = studio_background(W, H, seed=6)
    x, y, w, h = draw_label(img, (400, 300), "直播价：202元", 40, WHITE, (200, 30, 30))
    glyph = w / 7.2
    card = (x - 40, y - 30, x + 2.9 * glyph, y + h + 30)
    ImageDraw.Draw(img).rectangle(card, fill=(250, 250, 245))
    f = check(checker, img).elements["price"]
    assert f.status is Status.OCCLUDED, (f.text, f.reason)


def test_a_label_beside_another_overlay_across_a_busy_picture_is_ok(rapid) -> None:
    """Plain 数字人 text and a separate caption on the same row, a busy stretch of picture
    between them: the picture is not a sticker over the label."""
    checker = FrameChecker(load_profile("all-required"), rapid)
    img = studio_background(W, H, seed=9)
    rng = np.random.default_rng(0)
    x, y, w, h = draw_label(img, (200, 300), "数字人", 34, WHITE)
    busy = (rng.integers(0, 2, (h + 40, 110, 1)) * 230 + 10).repeat(3, axis=2).astype(np.uint8)
    img.paste(Image.fromarray(busy), (x + w + 8, y - 20))
    draw_label(img, (x + w + 126, 300), "支持七天无理由退货", 34, WHITE)
    f = check(checker, img).elements["ai_disclosure"]
    assert f.status is Status.OK, (f.text, f.reason)


def test_a_danmaku_running_off_the_frame_edge_is_the_viewers(checker) -> None:
    """ "最低价吗？" scrolling in from the right edge shows as 最低价: a viewer's question cut by
    the frame, not the room's claim. The same words drawn with a margin are the room's."""

    def outlined(text: str, x: int):
        def draw(img: Image.Image) -> None:
            ImageDraw.Draw(img).text(
                (x, 300), text, font=font(44), fill=WHITE, stroke_width=2, stroke_fill=DARK
            )

        return draw

    # 最低价 fits; 吗？ runs off the frame.
    assert check(checker, room(extra=outlined("最低价吗？", W - 150))).banned_terms == []
    # Only the ？ is beyond the frame: 价's strokes end three pixels short of the edge.
    end = W - 2 - round(font(44).getlength("最低价"))
    assert check(checker, room(extra=outlined("最低价？", end))).banned_terms == []
    r = check(checker, room(extra=outlined("最低价", W - 220)))
    assert [b.term for b in r.banned_terms] == ["最低价"]


def test_a_fragment_is_read_again_with_room_around_it(rapid) -> None:
    """The recogniser now and then drops a sparse first glyph (告内容 of a clean 广告内容, its
    box starting at 告). Read again a glyph wider, the clean label reads whole; with a sticker
    over 广, it is still the fragment."""
    from app.geometry import Box

    fc = FrameChecker(load_profile("all-required"), rapid)
    for covered in (False, True):
        img = studio_background(W, H, seed=3)
        x, y, w, h = draw_label(img, (900, 40), "广告内容", 40, WHITE, RED)
        if covered:
            ImageDraw.Draw(img).ellipse((x - 14, y - 14, x + h + 10, y + h + 14),
                                        fill=(250, 200, 40))
        glyph = w // 4
        dropped = OcrLine("告内容", Box(x + glyph, y - 6, w - glyph + 6, h + 12), 0.9)
        (line,) = fc._reread_fragments(to_bgr(img), [dropped])
        assert line.text == ("告内容" if covered else "广告内容")
        if covered:
            assert line.box == dropped.box
        else:
            # Grown over 广 to the left (the reading ended with what was read first), not right.
            assert line.box.x < x <= dropped.box.x
            assert 0 <= line.box.x2 - dropped.box.x2 < glyph // 2  # a margin, no glyph
            assert line.box.y == dropped.box.y and line.box.h == dropped.box.h


def test_a_line_that_starts_and_ends_inside_a_label_is_read_again(rapid) -> None:
    """告·推 of a clean 广告·推广: the detector dropped the sparse 广 at both ends. No part of
    the line is a label phrase by itself, but it starts with the end of 广告; read a glyph
    wider, it is the label. An ordinary caption next to nothing is left as it was read."""
    from app.geometry import Box

    fc = FrameChecker(load_profile("all-required"), rapid)
    img = studio_background(W, H, seed=3)
    x, y, w, h = draw_label(img, (900, 40), "广告·推广", 40, WHITE, RED)
    glyph = w // 5
    dropped = OcrLine("告·推", Box(x + glyph, y - 6, w - 2 * glyph, h + 12), 0.9)
    (line,) = fc._reread_fragments(to_bgr(img), [dropped])
    assert "广告" in line.text
    assert line.box.x < dropped.box.x and line.box.x2 > dropped.box.x2  # grown both ways
    assert fc._label_at_end("纯棉短袖") == []


class _CountingFineReads:
    """The real engine, counting the full-resolution looks the checker asks for."""

    def __init__(self, engine) -> None:
        self._engine = engine
        self.name = engine.name
        self.fine_reads = 0

    def read(self, image, reuse=None):
        return self._engine.read(image, reuse=reuse)

    def recognize(self, image, boxes):
        return self._engine.recognize(image, boxes)

    def phrase_scores(self, image, boxes, phrases):
        return self._engine.phrase_scores(image, boxes, phrases)

    def read_fine(self, image, known):
        self.fine_reads += 1
        return self._engine.read_fine(image, known)

    def text_extents(self, image, boxes):
        self.extents_asked = getattr(self, "extents_asked", 0) + len(boxes)
        return self._engine.text_extents(image, boxes)


def test_a_label_too_small_for_720p_detection_is_illegible_not_missing(rapid) -> None:
    """A 10 px 广告 on a 1080p frame: detection at 720p scale passes over it, so the ad label
    would be missing; the look at full resolution finds it, too small to read."""
    from tests.ocr.test_rapid import small_label_frame

    frame, _ = small_label_frame()
    engine = _CountingFineReads(rapid)
    checker = FrameChecker(load_profile("all-required"), engine)
    ad = checker.check(frame).elements["ad_label"]
    assert ad.status is Status.ILLEGIBLE and "广告" in ad.text, ad.reason
    assert engine.fine_reads == 1
    # The monitor's next full pass over the same screen: what the look found is used, not
    # looked for again.
    lines = checker.read_lines(frame)
    assert checker.evaluate(frame, lines).result.elements["ad_label"].status is Status.ILLEGIBLE
    assert engine.fine_reads == 1
    # check() takes each image alone (it may come from another room): it looks again.
    assert checker.check(frame).elements["ad_label"].status is Status.ILLEGIBLE
    assert engine.fine_reads == 2


def test_no_full_resolution_look_while_every_element_shows(rapid) -> None:
    big = cv2.resize(to_bgr(room()), (1920, 1080), interpolation=cv2.INTER_CUBIC)
    engine = _CountingFineReads(rapid)
    result = FrameChecker(load_profile("all-required"), engine).check(big)
    assert result.compliant, {e: f.reason for e, f in result.elements.items()}
    assert engine.fine_reads == 0


def test_two_whole_labels_on_one_row_are_neighbours_not_the_halves_of_one(rapid) -> None:
    """广告AD and 人工智能生成内容 side by side on tight plates, a flat backdrop between them:
    each is a whole label of its own, so neither is the visible half of a label a sticker
    splits (which the flat stretch between them would otherwise suggest)."""
    img = Image.fromarray(np.full((H, W, 3), (235, 180, 70), np.uint8))
    d = ImageDraw.Draw(img)

    def tight(xy: tuple[int, int], text: str, size: int, plate: tuple[int, int, int]) -> tuple:
        b = d.textbbox(xy, text, font=font(size))
        d.rectangle((b[0] - 3, b[1] - 10, b[2] + 3, b[3] + 10), fill=plate)
        d.text(xy, text, font=font(size), fill=WHITE)
        return b

    ad = tight((30, 40), "广告AD", 26, (200, 40, 80))
    tight((ad[2] + 120, 34), "人工智能生成内容", 40, (40, 120, 60))
    found = FrameChecker(load_profile("all-required"), rapid).check(to_bgr(img)).elements
    for element in ("ad_label", "ai_disclosure"):
        assert found[element].status is Status.OK, found[element].reason


def _label_beside_strokes() -> tuple[np.ndarray, Box, Box]:
    """广告 in the top-right corner with a bike's pale frame tubes running up to it, and the
    box a detector gives when it takes the tubes for text: from x=640, out of the corner."""
    img = studio_background(1280, 720, seed=3)
    d = ImageDraw.Draw(img)
    for x in range(640, 1000, 23):
        d.line((x, 40, x + 12, 140), fill=(20, 20, 20), width=7)
        d.line((x, 40, x + 12, 140), fill=(245, 245, 245), width=3)
    d.text((1040, 60), "广告", font=font(58), fill=(250, 250, 250), stroke_width=2,
           stroke_fill=(20, 20, 20))
    x0, y0, x1, y1 = d.textbbox((1040, 60), "广告", font=font(58), stroke_width=2)
    ink = Box(x0, y0, x1 - x0, y1 - y0)
    return to_bgr(img), ink, Box(640, y0 - 20, x1 + 16 - 640, y1 - y0 + 40)


def test_the_recogniser_says_where_in_an_over_wide_box_the_label_stands(rapid) -> None:
    frame, ink, wide = _label_beside_strokes()
    (found,) = rapid.text_extents(frame, [wide])
    assert found is not None and found.y == wide.y and found.h == wide.h
    # From about where the label starts (half a line of margin), not from the tubes at 640.
    assert ink.x - wide.h <= found.x <= ink.x and found.x2 >= ink.x2 - 4


def test_a_label_whose_box_ran_on_over_the_picture_is_judged_where_it_stands(rapid) -> None:
    """A portrait frame of our generator (seed 131, frame 24): 广告 in the top-right corner
    over a bike's frame, which the detector takes into the label's box (x 499–962 of 1080).
    Judged in that box it was out of its corner (misplaced); the recogniser's columns put it
    where it stands."""
    frame, rec = generated_frame(131, 23)
    truth = rec["elements"]["ad_label"]
    assert truth["status"] == "ok"
    checker = FrameChecker(load_profile("all-required"), rapid)
    lines = checker.read_lines(frame)
    finding = checker.evaluate(frame, lines).result.elements["ad_label"]
    assert finding.status is Status.OK, finding.reason
    x, y, w, h = truth["bbox"]
    assert finding.box is not None and finding.box.overlap_fraction(Box(x, y, w, h)) > 0.5


def test_an_over_wide_box_is_fitted_once_per_reading(rapid) -> None:
    """The monitor's periodic full pass finds the same over-wide box again: the recogniser is
    asked where its characters stand once."""
    frame, ink, wide = _label_beside_strokes()
    engine = _CountingFineReads(rapid)
    checker = FrameChecker(load_profile("all-required"), engine)
    (read,) = rapid.recognize(frame, [wide])
    first = checker._fit_wide_boxes(frame, [read])
    again = checker._fit_wide_boxes(frame, [read])
    assert engine.extents_asked == 1
    assert first == again and first[0].box.x >= ink.x - wide.h


def test_the_end_of_a_sentence_label_read_wider_is_still_the_end_of_it(rapid) -> None:
    """Seed 137, frame 37: a sticker over 本直播 of 本直播间主播为AI数字人 leaves 间主播为AI数字人,
    a fragment of the sentence. Read a glyph wider it is T间主播为AI数字人 (the sticker's edge as
    T): the fragment behind the glyph the sticker's edge cut, still covered."""
    frame, rec = generated_frame(137, 36)
    assert rec["elements"]["ai_disclosure"]["status"] == "occluded"
    finding = FrameChecker(load_profile("all-required"), rapid).check(frame)
    ai = finding.elements["ai_disclosure"]
    assert ai.status is Status.OCCLUDED, (ai.text, ai.reason)


@pytest.mark.parametrize(
    ("line", "wider", "holds"),
    [
        ("告内容", "广告内容", True),
        ("告·推", "广告·推广", True),  # its end 告 is the part of 广告 it holds
        ("为广告", "广告", False),  # the wider reading lost a glyph
        ("合厂", "白广告", True),  # one glyph (厂 for 广) is too little to hold to
    ],
)
def test_a_wider_reading_replaces_a_fragment_only_if_its_label_holds_it(
    line: str, wider: str, holds: bool
) -> None:
    from app.checker.frame_checker import _holds
    from app.rules.match import match_element
    from app.rules.pack import load_rule_pack

    pack = load_rule_pack()
    (element, m), = [(e, m) for e, m in match_element(wider, pack).items() if m.full]
    assert _holds(m, line, pack.elements[element].fragments) is holds


def test_a_hesitant_reading_is_never_a_label_or_a_banned_term(rapid) -> None:
    """Lines the engine read below its ``believe_from`` count for nothing but a damaged copy:
    a label read at 0.3 is on screen but not cleanly readable, and a banned term read at 0.3
    is not reported (a guess is no finding to stop a stream for)."""
    img = studio_background(W, H, seed=5)
    draw_label(img, (1120, 36), "广告", 34, WHITE, RED)
    draw_label(img, (400, 300), "全网最低价", 40, WHITE, DARK)
    frame = to_bgr(img)
    checker = FrameChecker(load_profile("all-required"), rapid)
    by_text = {ln.text: ln for ln in rapid.read(frame)}
    ad, term = by_text["广告"], by_text["全网最低价"]
    assert rapid.believe_from > 0.3

    def judged(conf: float):
        lines = [OcrLine(ad.text, ad.box, conf), OcrLine(term.text, term.box, conf)]
        return checker.evaluate(frame, lines).result

    sure = judged(0.95)
    assert sure.elements["ad_label"].status is Status.OK
    assert [b.term for b in sure.banned_terms] == ["全网最低价"]
    unsure = judged(0.3)
    assert unsure.elements["ad_label"].status not in (Status.OK, Status.MISSING)
    assert unsure.banned_terms == []


def test_a_tiny_label_read_hesitantly_is_illegible_not_missing(rapid) -> None:
    """Our generator's seed 149, frame 19 (720p): a 7 px 虚拟主播 with an outline reads
    虚标主要 at 0.36. Below the engine's belief, it was dropped and the AI disclosure called
    missing; the recogniser fits it to 虚拟主播 best, by far, so it is on screen, too small."""
    frame, rec = generated_frame(149, 18)
    assert rec["elements"]["ai_disclosure"]["status"] == "illegible"
    result = FrameChecker(load_profile("all-required"), rapid).check(frame)
    finding = result.elements["ai_disclosure"]
    assert finding.status is Status.ILLEGIBLE, finding.reason


def test_a_corner_label_beside_a_marquee_on_its_row_is_not_covered(rapid) -> None:
    """Frame 55 of our generator's set 261: a clean AD 广告 in the top-right corner, and a
    marquee on its own plate on the label's row, with a flat band between them that reaches
    the marquee only. Two overlays: the band must reach both pieces to be a cover over one
    line."""
    frame, rec = generated_frame(261, 54)
    assert rec["elements"]["ad_label"]["status"] == "ok"
    finding = FrameChecker(load_profile("all-required"), rapid).check(frame).elements["ad_label"]
    assert finding.status is Status.OK, (finding.text, finding.reason)


@pytest.mark.parametrize("index", [32, 34])
def test_a_label_whose_lower_half_a_card_hides_is_occluded(rapid, index: int) -> None:
    """Frames 33 and 35 of our generator's set 261: a photo card over the lower half of
    商业推广 广告. OCR reads the glyphs' upper halves as the whole label, and the card's
    edge beside the text is too faint to see; but the strip of ink is nearly twice as wide
    per glyph as it is tall, where CJK glyphs are square."""
    frame, rec = generated_frame(261, index)
    assert rec["elements"]["ad_label"]["status"] == "occluded"
    finding = FrameChecker(load_profile("all-required"), rapid).check(frame).elements["ad_label"]
    assert finding.status is Status.OCCLUDED, (finding.text, finding.reason)


@pytest.mark.parametrize(("seed", "index"), [(251, 46), (261, 47)])
def test_a_badge_read_into_a_labels_line_is_not_a_cover(rapid, seed: int, index: int) -> None:
    """Frames of our generator with a clean corner label and a 上新 badge beside it, which the
    detector reads into the label's line (上新广告内容, 上新AD广告). The badge is a flat region
    of one colour across the line's rows, as a sticker over the text would be; but it carries
    words of its own, and a sticker is one object."""
    frame, rec = generated_frame(seed, index)
    assert rec["elements"]["ad_label"]["status"] == "ok"
    finding = FrameChecker(load_profile("all-required"), rapid).check(frame).elements["ad_label"]
    assert finding.status is Status.OK, (finding.text, finding.reason)


@pytest.mark.parametrize(("shown", "reported"), [("历史最低价？", False), ("历史最低价", True)])
def test_a_banned_line_whose_box_left_out_its_question_mark_is_a_viewers(
    rapid, shown: str, reported: bool
) -> None:
    """A viewer's 弹幕 历史最低价？ asks; the room's 历史最低价 claims. The detector's box can
    stop short of the question mark, and then the line reads as the claim: read on past the
    box's end, the mark shows."""
    img = studio_background(1280, 720, seed=8)
    d = ImageDraw.Draw(img)
    f = font(40)
    d.text((300, 200), shown, font=f, fill=(255, 255, 255), stroke_width=2, stroke_fill=(0, 0, 0))
    x0, y0, x1, y1 = d.textbbox((300, 200), "历史最低价", font=f, stroke_width=2)
    line = OcrLine("历史最低价", Box(x0 - 6, y0 - 8, x1 - x0 + 10, y1 - y0 + 16), 0.99)
    result = FrameChecker(load_profile("all-required"), rapid).evaluate(to_bgr(img), [line])
    assert [h.canonical for h in result.result.banned_terms] == (["历史最低价"] if reported else [])


@pytest.mark.parametrize(
    ("name", "read", "box"),
    [
        ("question_mark_read_as_seven.png", "历史最低价7", (60, 40, 115, 33)),
        ("question_particle_misread.png", "最低价档", (60, 40, 73, 25)),
    ],
)
def test_a_banned_question_whose_last_glyph_is_misread_is_a_viewers(
    rapid, name: str, read: str, box: tuple[int, int, int, int]
) -> None:
    """历史最低价？ in a 20 px 弹幕 reads 历史最低价7, 最低价吗 reads 最低价档 (crops of generated
    1080x1920 frames); the recogniser finds the question nearly as likely there. A 7 that is
    written stays a 7: the room's line is reported."""
    from pathlib import Path

    import cv2

    crop = cv2.imread(str(Path(__file__).parent / "data" / name))
    checker = FrameChecker(load_profile("all-required"), rapid)
    assert checker.evaluate(crop, [OcrLine(read, Box(*box), 0.9)]).result.banned_terms == []

    img = studio_background(1280, 720, seed=8)
    d = ImageDraw.Draw(img)
    d.text((300, 200), "历史最低价7", font=font(40), fill=(255, 255, 255), stroke_width=2,
           stroke_fill=(0, 0, 0))
    x0, y0, x1, y1 = d.textbbox((300, 200), "历史最低价7", font=font(40), stroke_width=2)
    written = OcrLine("历史最低价7", Box(x0 - 6, y0 - 8, x1 - x0 + 12, y1 - y0 + 16), 0.99)
    result = checker.evaluate(to_bgr(img), [written])
    assert [h.canonical for h in result.result.banned_terms] == ["历史最低价"]


@pytest.mark.parametrize("marks", [True, False])
def test_a_banned_question_with_a_sticker_over_its_end_is_a_viewers(rapid, marks: bool) -> None:
    """全网最低价？？ scrolling as 弹幕 with a red sticker over 价 (blind set n711 f0040, a
    1080x1920 frame): OCR reads 全网最低, and its question marks stand past the sticker, farther
    than a detector's short box leaves them. Read on past the sticker as well, the line asks.
    With the marks painted out, it claims."""
    from pathlib import Path

    import cv2

    crop = cv2.imread(
        str(Path(__file__).parent / "data" / "danmaku_question_with_a_sticker_over_its_end.png")
    )
    if not marks:
        crop[:, 285:] = crop[:, 285:].reshape(-1, 3).mean(axis=0).astype(np.uint8)
    checker = FrameChecker(load_profile("all-required"), rapid)
    result = checker.evaluate(crop, [OcrLine("全网最低", Box(52, 47, 190, 61), 0.99)])
    assert [h.canonical for h in result.result.banned_terms] == ([] if marks else ["全网最低价"])


def test_a_fragment_read_again_into_a_chat_line_s_shape_stays_the_fragment(rapid) -> None:
    """经营者：杭州云拓电子商务有限公司 on a glass plate, a photo tile over 子商务有限公司
    (altgen 72 f0008): OCR reads the cut name, a covered merchant entry. Read again a glyph
    wider, the plate's rounded end reads as 4 before it, and 4经营者：… has a chat line's shape
    (a nickname, a colon, a message): the entry would be the viewers' and the element
    missing. The fragment read first is the room's text."""
    from pathlib import Path

    name = "tile_over_a_merchant_name_on_a_glass_plate.png"
    image = cv2.imread(str(Path(__file__).parent / "data" / name))
    fc = FrameChecker(load_profile("all-required"), rapid)
    cut = OcrLine("经营者：杭州云拓电", Box(192, 63, 519, 71), 1.0)
    (line,) = fc._reread_fragments(image, [cut])
    assert line == cut
    f = fc.evaluate(image, [line]).result.elements["merchant_info"]
    assert f.status is Status.OCCLUDED, f.reason


class _RecordingReads(_CountingFineReads):
    """The real engine, keeping the size of every image it is asked to read."""

    def __init__(self, engine) -> None:
        super().__init__(engine)
        self.read_shapes: list[tuple[int, ...]] = []

    def read(self, image, reuse=None):
        self.read_shapes.append(image.shape)
        return super().read(image, reuse=reuse)


def test_a_thin_ad_label_the_whole_frame_pass_misses_is_found_in_its_corner(rapid) -> None:
    """Frame 52 of our generator's set 941 (720p): a 44 px 广告 in a light font, white with a
    hairline outline, on a pale wall. The whole-frame pass finds no text there at all; the
    same detector finds it in the top-left corner alone, with its dark strokes thickened."""
    frame, rec = generated_frame(941, 51)
    assert rec["elements"]["ad_label"]["status"] == "ok"
    label = Box(*rec["elements"]["ad_label"]["bbox"])
    assert not any(ln.box.intersection(label) for ln in rapid.read(frame))
    finding = FrameChecker(load_profile("all-required"), rapid).check(frame).elements["ad_label"]
    assert finding.status is Status.OK, (finding.text, finding.reason)
    assert finding.text == "广告"


@pytest.mark.parametrize(("seed", "index", "part"), [(901, 59, "广"), (901, 24, "AD")])
def test_what_a_sticker_leaves_of_an_ad_label_is_found_in_its_corner(
    rapid, seed: int, index: int, part: str
) -> None:
    """Frames of our generator with a sticker over part of an ad label in a top corner (set
    901, frames 60 and 25: a disc over 告 of 广告, a card over 广告 of 广告 AD). The
    whole-frame pass reads nothing there, and the label was called missing. Read in the
    corner alone, what shows of it is found: covered, not missing."""
    frame, rec = generated_frame(seed, index)
    assert rec["elements"]["ad_label"]["status"] == "occluded"
    finding = FrameChecker(load_profile("all-required"), rapid).check(frame).elements["ad_label"]
    assert finding.status is Status.OCCLUDED, (finding.text, finding.reason)
    assert finding.text == part


def test_the_corners_are_looked_at_only_while_the_ad_label_shows_no_trace(rapid) -> None:
    engine = _RecordingReads(rapid)
    checker = FrameChecker(load_profile("all-required"), engine)
    assert checker.check(to_bgr(room())).elements["ad_label"].status is Status.OK
    assert engine.read_shapes == [(H, W, 3)]

    frame = to_bgr(room(ad=None))
    engine.read_shapes.clear()
    assert checker.check(frame).elements["ad_label"].status is Status.MISSING
    corners = [s for s in engine.read_shapes if s != (H, W, 3)]
    assert corners and all(s[0] <= 2 * 0.2 * H and s[1] <= 2 * 0.3 * W for s in corners)
    # The monitor's next full pass over the same screen does not look again.
    engine.read_shapes.clear()
    checker.evaluate(frame, checker.read_lines(frame))
    assert engine.read_shapes == [(H, W, 3)]


def test_a_part_of_a_tiny_label_is_illegible_not_covered(rapid) -> None:
    """Frame 16 of our generator's set 821 (1080x1920): 广告·推广 at 12 px, under the 16 px a
    portrait frame needs, and nothing over it. OCR reads only 告·, and a part of a label was
    taken for a label something hides; but its glyphs stand well under the legible size, and
    a viewer could not read the label whether the rest showed or not."""
    frame, rec = generated_frame(821, 15)
    assert rec["elements"]["ad_label"]["status"] == "illegible"
    finding = FrameChecker(load_profile("all-required"), rapid).check(frame).elements["ad_label"]
    assert finding.status is Status.ILLEGIBLE, (finding.text, finding.reason)
