"""Glyph height and WCAG contrast measured from pixels match what was drawn."""

from __future__ import annotations

import numpy as np
import pytest

from app.checker.vision import contrast_ratio, measure_text, relative_luminance_bgr
from app.geometry import Box
from tests.checker.conftest import draw_label, generated_frame, studio_background, to_bgr


def test_wcag_luminance_and_ratio_of_reference_colours() -> None:
    white = relative_luminance_bgr(np.array([255, 255, 255], np.uint8))
    black = relative_luminance_bgr(np.array([0, 0, 0], np.uint8))
    assert white == pytest.approx(1.0) and black == pytest.approx(0.0)
    assert contrast_ratio(float(white), float(black)) == pytest.approx(21.0)
    # #777777 on white is the textbook 4.48:1.
    grey = relative_luminance_bgr(np.array([0x77, 0x77, 0x77], np.uint8))
    assert contrast_ratio(float(grey), 1.0) == pytest.approx(4.48, abs=0.02)


@pytest.mark.parametrize(
    ("size", "fg", "plate", "contrast"),
    [
        (40, (255, 255, 255), (220, 40, 40), 4.8),  # white on red pill
        (28, (30, 30, 30), (240, 220, 60), 12.9),  # dark on yellow pill
        (22, (90, 90, 90), (120, 120, 120), 1.56),  # faint: grey on grey
    ],
)
def test_measure_text_on_a_plate(size: int, fg: tuple, plate: tuple, contrast: float) -> None:
    img = studio_background(600, 200)
    x, y, w, h = draw_label(img, (60, 60), "广告内容", size, fg, plate)
    m = measure_text(to_bgr(img), Box(x - 12, y - 12, w + 24, h + 24))
    assert m is not None
    # Ink height of the line's tallest CJK glyphs is close to the drawn glyph box height.
    assert m.glyph_px == pytest.approx(h, abs=max(2, 0.1 * h))
    assert m.contrast == pytest.approx(contrast, rel=0.15)


def test_measure_text_on_a_photo_like_background_without_plate() -> None:
    img = studio_background(700, 200, seed=3)
    x, y, w, h = draw_label(img, (40, 70), "到手价 ¥69.9", 36, (255, 240, 0))
    m = measure_text(to_bgr(img), Box(x - 10, y - 10, w + 20, h + 20))
    assert m is not None
    assert m.glyph_px == pytest.approx(h, abs=4)
    assert m.contrast > 3.0


def test_no_strokes_in_a_flat_box() -> None:
    img = studio_background(300, 200)
    assert measure_text(to_bgr(img), Box(10, 10, 80, 40)) is None


@pytest.mark.parametrize("outline", [True, False])
def test_an_outline_is_what_outlined_text_stands_out_from(outline: bool) -> None:
    """Light text on a light-grey wall: with a dark outline it reads (the fill against the
    outline), without one it is faint (the fill against the wall)."""
    from PIL import Image, ImageDraw

    from tests.checker.conftest import font

    img = Image.new("RGB", (600, 200), (170, 170, 170))
    d = ImageDraw.Draw(img)
    kw = {"stroke_width": 2, "stroke_fill": (20, 20, 20)} if outline else {}
    d.text((60, 60), "直播价 93元", font=font(44), fill=(235, 235, 235), **kw)
    x0, y0, x1, y1 = d.textbbox((60, 60), "直播价 93元", font=font(44), stroke_width=2)
    m = measure_text(to_bgr(img), Box(x0 - 10, y0 - 10, x1 - x0 + 20, y1 - y0 + 20))
    assert m is not None
    if outline:  # (235,235,235) against the (20,20,20) outline: 15.4:1
        assert m.contrast == pytest.approx(15.4, rel=0.15)
    else:  # against the (170,170,170) wall: 1.95:1
        assert m.contrast == pytest.approx(1.95, rel=0.15)


def _contrast_as_streamed(text: str, font, fg: tuple, plate: tuple, width: int) -> float:
    """Contrast measured of ``text`` drawn on a ``plate``-coloured strip, scaled down and up
    and JPEG-compressed as a stream frame is."""
    import cv2
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, 120), plate)
    d = ImageDraw.Draw(img)
    d.text((30, 30), text, font=font, fill=fg)
    x0, y0, x1, y1 = d.textbbox((30, 30), text, font=font)
    bgr = to_bgr(img)
    small = cv2.resize(bgr, None, fx=0.6, fy=0.6, interpolation=cv2.INTER_AREA)
    bgr = cv2.resize(small, (width, 120), interpolation=cv2.INTER_LINEAR)
    _, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 60])
    m = measure_text(
        cv2.imdecode(buf, cv2.IMREAD_COLOR), Box(x0 - 8, y0 - 8, x1 - x0 + 16, y1 - y0 + 16)
    )
    assert m is not None
    return m.contrast


def test_thin_strokes_blurred_by_scaling_keep_their_colour() -> None:
    """Dark-green 20 px text on a lime pill (4.2:1), scaled down and up and JPEG-compressed as a
    stream frame is: the stroke cores fade towards the pill, and the median of them read 2.9:1
    (illegible); their darkest quarter is still the text's colour."""
    from tests.checker.conftest import font

    contrast = _contrast_as_streamed(
        "经营者信息公示", font(20), (40, 110, 20), (160, 230, 40), width=500
    )
    assert 3.0 < contrast < 4.2 * 1.15  # legible, and not more contrast than was drawn


def _thin_white_on(plate: tuple[int, int, int], size: int) -> float:
    """Contrast measured of white Regular text on ``plate``, as streamed."""
    from pathlib import Path

    from PIL import ImageFont

    regular = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not regular.exists():  # pragma: no cover - the set-up script installs fonts-noto-cjk
        pytest.skip("fonts-noto-cjk is not installed")
    f = ImageFont.truetype(str(regular), size)
    return _contrast_as_streamed("该主播为人工智能生成", f, (255, 255, 255), plate, width=520)


@pytest.mark.parametrize(
    ("plate", "size", "drawn"),
    [
        # No core keeps the white: the brightest tenth of them read 2.91:1.
        ((60, 130, 200), 19, 4.0),
        # The strokes lighten the pill beside them: against the ring's median 2.97:1.
        ((40, 150, 90), 17, 3.75),
    ],
)
def test_thin_white_strokes_on_a_pill_measure_legible(plate, size: int, drawn: float) -> None:
    """Thin white strokes on a coloured pill, drawn legible: their colour is read from their
    brightest cores, and the pill's from the darker part of the ring round them."""
    assert 3.0 < _thin_white_on(plate, size) < drawn * 1.15


@pytest.mark.parametrize("pad", [6, 10])
@pytest.mark.parametrize("size", [30, 42])
def test_a_small_plate_inside_the_box_is_not_the_text(size: int, pad: int) -> None:
    """Dark 广告 on a pill padded less than the detector's margin: the pill lies wholly inside
    the box, and between the glyphs it looks like bright strokes. Its height is not the text's
    (before: 43 px measured for 30 px glyphs, and the pill's contrast with the picture)."""
    import cv2
    from PIL import ImageDraw

    from tests.checker.conftest import font

    img = studio_background(300, 160, seed=size)
    d = ImageDraw.Draw(img)
    bb = d.textbbox((60, 50), "广告", font=font(size))
    d.rounded_rectangle(
        (bb[0] - pad, bb[1] - pad, bb[2] + pad, bb[3] + pad), radius=pad, fill=(230, 150, 120)
    )
    d.text((60, 50), "广告", font=font(size), fill=(10, 10, 10))
    _, buf = cv2.imencode(".jpg", to_bgr(img), [cv2.IMWRITE_JPEG_QUALITY, 70])
    h = bb[3] - bb[1]
    box = Box(
        bb[0] - int(0.35 * h), bb[1] - int(0.3 * h), bb[2] - bb[0] + int(0.7 * h), int(1.6 * h)
    )
    m = measure_text(cv2.imdecode(buf, cv2.IMREAD_COLOR), box)
    assert m is not None and m.polarity == -1
    assert m.glyph_px == pytest.approx(h, abs=max(2, 0.1 * h))
    assert m.contrast == pytest.approx(8.7, rel=0.15)  # black on the pill, not pill on picture


def test_the_ground_inside_glyphs_is_not_the_text() -> None:
    """The counters of 口 and the gaps of 告 are bright against the dark strokes around them
    by as much as the strokes are dark against their pill; what spans the other is the text."""
    from app.checker.vision import TextMeasure, _encloses

    def measured(glyph: float, box: Box, contrast: float) -> TextMeasure:
        return TextMeasure(glyph, contrast, box, 1, (0, 0, 0), (255, 255, 255), contrast)

    line = Box(0, 0, 111, 67)
    strokes = measured(42, Box(15, 13, 85, 42), 5.9)
    counters = measured(15, Box(55, 23, 42, 15), 6.2)
    assert _encloses(strokes, counters, line)
    assert not _encloses(counters, strokes, line)
    # A plate filling the detector's box to its edges encloses strokes as well, but is ground.
    plate = measured(62, Box(2, 2, 107, 62), 6.0)
    assert not _encloses(plate, strokes, line)
    # Nor does a far fainter layer win: contrast still decides between unequal candidates.
    assert not _encloses(measured(42, Box(15, 13, 85, 42), 2.0), counters, line)


def test_thin_serif_glyphs_measure_whole_after_compression() -> None:
    """Our generator's seed 157, frame 18: a 23 px 广告 in AR PL UMing (1 px verticals) on a
    plate, through H.264. Three rows between its strokes are crossed by nothing but those
    verticals; unbridged, the glyphs measured 10 px and the label was called too small."""
    frame, rec = generated_frame(157, 17)
    truth = rec["elements"]["ad_label"]
    assert truth["font"].startswith("AR PL UMing") and truth["glyph_px"] == 23
    # The detector's box on this frame.
    m = measure_text(frame, Box(202, 30, 54, 34))
    assert m is not None and 20 <= m.glyph_px <= 25


def test_only_a_band_of_glyph_joins_across_a_wide_gap() -> None:
    """Rows crossed by 1 px verticals alone (below the floor) split a thin serif glyph in two;
    its lower half joins across them. A single row beyond such a gap (an outline's rim, the
    outlined ¥89 of seed 163 frame 1) does not."""
    from app.checker.vision import _largest_run

    serif = np.array([0, 8, 30, 4, 20, 1, 1, 1, 14, 3, 4, 13, 0], np.float32)
    assert _largest_run(serif, floor=1.0, max_gap=2) == (1, 4)
    assert _largest_run(serif, floor=1.0, max_gap=2, wide_gap=3) == (1, 11)
    rimmed = np.array([0, 12, 1, 1, 13, 14, 15, 17, 13, 1, 1, 11, 0], np.float32)
    assert _largest_run(rimmed, floor=1.0, max_gap=1, wide_gap=3) == (4, 8)


def test_faint_text_on_a_pill_that_fills_the_box_is_measured_not_the_pill() -> None:
    """Faint 营业执照 (2:1) on a light pill in a dark frame, the detector's box round the pill.
    The pill's corners against the dark set the stroke threshold above the faint strokes; the
    pill between the glyphs then measured as the text (56 px at 6.6:1, a legible label)."""
    import cv2
    from PIL import Image, ImageDraw

    from tests.checker.conftest import font

    plate, fg = (190, 137, 113), (140, 90, 70)  # RGB; fg on plate is 1.9:1
    img = Image.new("RGB", (400, 160), (20, 17, 1))
    d = ImageDraw.Draw(img)
    bb = d.textbbox((80, 50), "营业执照", font=font(38))
    px, py = 19, 11
    d.rounded_rectangle(
        (bb[0] - px, bb[1] - py, bb[2] + px, bb[3] + py), radius=12, fill=plate
    )
    d.text((80, 50), "营业执照", font=font(38), fill=fg)
    _, buf = cv2.imencode(".jpg", to_bgr(img), [cv2.IMWRITE_JPEG_QUALITY, 85])
    h = bb[3] - bb[1]
    box = Box(bb[0] - 16, bb[1] - 15, bb[2] - bb[0] + 32, bb[3] - bb[1] + 30)
    m = measure_text(cv2.imdecode(buf, cv2.IMREAD_COLOR), box)
    assert m is not None and m.polarity == -1
    assert m.glyph_px == pytest.approx(h, abs=max(2, 0.1 * h))
    assert m.contrast < 3.0


def test_chroma_bleed_beside_white_strokes_on_red_is_no_outline() -> None:
    """White 经营者信息 on a deep-red pill (4.8:1) after H.264: 4:2:0 chroma turns the red
    beside each stroke grey at the red's own luma, far darker in WCAG luminance. Taken for a
    dark outline, it reported 8:1."""
    import cv2
    from PIL import Image, ImageDraw

    from tests.checker.conftest import font
    from tools.framegen.encode import h264_roundtrip

    img = Image.new("RGB", (420, 140), (90, 110, 70))
    d = ImageDraw.Draw(img)
    bb = d.textbbox((40, 50), "经营者信息", font=font(30))
    pill = (bb[0] - 15, bb[1] - 7, bb[2] + 15, bb[3] + 7)
    d.rounded_rectangle(pill, radius=15, fill=(230, 0, 18))
    d.text((40, 50), "经营者信息", font=font(30), fill=(255, 255, 255))
    bgr = cv2.cvtColor(np.asarray(h264_roundtrip(img, 23)), cv2.COLOR_RGB2BGR)
    h = bb[3] - bb[1]
    box = Box(bb[0] - h // 3, bb[1] - h // 3, bb[2] - bb[0] + 2 * (h // 3), int(1.6 * h))
    m = measure_text(bgr, box)
    assert m is not None
    assert m.contrast == pytest.approx(4.8, rel=0.15)


def test_a_box_tighter_than_its_glyphs_is_measured_in_a_grown_one() -> None:
    """A clean 22 px 广告 in a thin serif, white on a dark pill, after H.264 (a crop of a frame
    of our second generator). The detector's box starts on 广's left stroke and its top and
    bottom rows are the light wall beyond the pill: the wall set the stroke threshold, the
    strokes left above it touched the box's edge, and the label had 'no readable strokes'."""
    from pathlib import Path

    import cv2

    crop = cv2.imread(str(Path(__file__).parent / "data" / "tight_box_thin_serif_ad_label.png"))
    m = measure_text(crop, Box(40, 30, 47, 36))
    assert m is not None and m.polarity == 1
    assert m.glyph_px == pytest.approx(22, abs=2)
    assert m.contrast > 7


def test_specks_of_a_thin_dark_outline_are_not_the_text() -> None:
    """A clean 35 px 查看商家资质 in a brush face, light glyphs in a one-pixel dark outline on a
    green photo (a crop of a blind framegen frame). The dark polarity finds a 7 × 5 px speck
    of outline that stands out more than the glyphs do; measured on it, the label was 5 px
    high and reported illegible."""
    from pathlib import Path

    import cv2

    name = "thin_dark_outline_round_light_glyphs.png"
    crop = cv2.imread(str(Path(__file__).parent / "data" / name))
    m = measure_text(crop, Box(49, 28, 264, 55))
    assert m is not None and m.ink_box is not None
    assert m.glyph_px == pytest.approx(35, abs=3)
    assert m.ink_box.w > 200


@pytest.mark.parametrize("icon_after", [False, True])
def test_an_icon_beside_a_small_label_is_not_its_glyph_height(icon_after: bool) -> None:
    """An ⓘ drawn in the text's colour beside a 12 px 此为广告, twice its glyphs' height, on a
    dark plate. The icon is not text: measured with it, the label's glyphs were the icon's
    height, and a label too small to read passed as legible."""
    from PIL import ImageDraw

    img = studio_background(400, 120)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((40, 30, 180, 80), radius=8, fill=(30, 30, 30))
    at = (78 if not icon_after else 52, 48)
    x, _y, w, h = draw_label(img, at, "此为广告", 12, (240, 240, 240))
    cx = 58 if not icon_after else x + w + 18
    d.ellipse((cx - 11, 43, cx + 11, 65), outline=(240, 240, 240), width=2)
    d.line((cx, 48, cx, 60), fill=(240, 240, 240), width=2)
    frame = to_bgr(img)
    left, right = min(cx - 11, x), max(cx + 11, x + w)
    m = measure_text(frame, Box(left - 5, 39, right - left + 10, 31))
    assert m is not None and m.ink_box is not None
    assert m.glyph_px == pytest.approx(h, abs=2)
    # The ink box is the label's, not the icon's.
    assert m.ink_box.x >= x - 2 and m.ink_box.x2 <= x + w + 2


def test_a_tag_icon_on_a_tight_pill_is_not_a_small_label_s_height() -> None:
    """广告 AD at 12 px on a pale pill, after a tag outline 17 px tall drawn in the text's
    colour (framegen n841 f0044, 1920x1080, where 16 px is the legible size), in the
    detector's box. The pill is tight, so the icon is only 1.4x the glyphs: measured with it,
    the label passed as 17 px, legible."""
    from pathlib import Path

    import cv2

    crop = cv2.imread(str(Path(__file__).parent / "data" / "small_label_after_a_tag_icon.png"))
    m = measure_text(crop, Box(22, 18, 76, 29))
    assert m is not None and m.ink_box is not None
    assert m.glyph_px <= 13
    assert m.ink_box.x >= 40  # the icon ends at x 38; the label starts after it


def test_a_glyph_beside_taller_digits_is_kept() -> None:
    """件 after ¥39.9/ is about 1.3x the digits' height: a glyph of the line, not an icon."""
    img = studio_background(400, 120)
    x, y, w, h = draw_label(img, (60, 40), "¥39.9/件", 24, (255, 255, 255), (200, 40, 40))
    m = measure_text(to_bgr(img), Box(x - 8, y - 8, w + 16, h + 16))
    assert m is not None and m.ink_box is not None
    assert m.glyph_px == pytest.approx(h, abs=2) and m.ink_box.w >= w - 3


@pytest.mark.parametrize(
    ("index", "box", "glyph_px"),
    [
        (18, Box(948, 42, 52, 22), 8),  # ⓘ 广告 AD, 8 px: ⓘ is 15 px
        (52, Box(987, 303, 87, 31), 11),  # a robot's head before 此为广告, 11 px: the head is 22
    ],
)
def test_icons_before_generated_labels_are_not_measured(
    index: int, box: Box, glyph_px: int
) -> None:
    """Two outlined labels of our generator's seed 291 with an icon before them, through
    H.264; the detector's boxes on those frames."""
    frame, rec = generated_frame(291, index)
    assert rec["elements"]["ad_label"]["glyph_px"] == glyph_px
    m = measure_text(frame, box)
    assert m is not None and m.glyph_px <= glyph_px + 1


@pytest.mark.parametrize("text", ["广告 AD", ".9", "¥59 ·"])
def test_a_glyph_taller_than_the_rest_of_a_short_line_is_no_icon(text: str) -> None:
    """广告 is as square as an icon and half as tall again as AD after it; a 9 is five times
    its decimal point; a dot after a price is a speck. What is left without them is no line
    of its own, so they are the line's glyphs and its height is theirs."""
    img = studio_background(400, 120)
    x, y, w, h = draw_label(img, (60, 40), text, 16, (250, 250, 250), (30, 30, 30))
    m = measure_text(to_bgr(img), Box(x - 6, y - 6, w + 12, h + 12))
    assert m is not None and m.ink_box is not None
    assert m.glyph_px == pytest.approx(h, abs=2)


def test_a_label_beside_latin_letters_keeps_its_height_on_a_generated_frame() -> None:
    """Seed 291 frame 23: 广告AD at 13 px, 广告 one group of ink beside a shorter AD."""
    frame, rec = generated_frame(291, 22)
    assert rec["elements"]["ad_label"]["glyph_px"] >= 12
    m = measure_text(frame, Box(1143, 70, 51, 22))
    assert m is not None and m.glyph_px >= 12


def test_the_dark_counter_of_an_outlined_glyph_is_not_the_text() -> None:
    """广告 in pale pink, thinly outlined in dark, beside a tag icon on a blue-grey picture (a
    framegen 1920x1080 frame, 47 px glyphs): inside 告 the outline and the dark picture in its
    口 make a dark band 10 px high that stands out more than the strokes do. The line is the
    pink glyphs, not that band, which measured as a label with its top cut off."""
    from pathlib import Path

    import cv2

    crop = cv2.imread(str(Path(__file__).parent / "data" / "outlined_ad_label_beside_tag_icon.png"))
    m = measure_text(crop, Box(60, 30, 138, 71))
    assert m is not None and m.polarity == 1
    assert m.glyph_px >= 40


def test_a_plate_the_detector_s_box_holds_whole_is_not_the_text() -> None:
    """AD 广告, 9 px and pale, on a magenta box 17 px high on a pale green picture (framegen
    n761 f0020, 1080x1920), in a detector box with a margin round the box. The box stands out
    from the picture more than the glyphs from the box: measured as the text, it made a label
    too small to read 17 px high, legible."""
    from pathlib import Path

    import cv2

    name = "small_label_on_a_box_the_detector_holds_whole.png"
    crop = cv2.imread(str(Path(__file__).parent / "data" / name))
    m = measure_text(crop, Box(29, 15, 44, 23))
    assert m is not None and m.ink_box is not None
    assert m.glyph_px <= 10
    assert m.ink_box.w < 30


@pytest.mark.parametrize("size", [9, 12])
def test_small_text_on_a_plate_is_measured_on_the_plate(size: int) -> None:
    """Light text on a dark plate a little taller than it, the plate on a light picture: the
    glyphs are the text, whatever the box holds of the picture round the plate."""
    from PIL import ImageDraw

    img = studio_background(400, 120, seed=3)
    ImageDraw.Draw(img).rectangle((0, 0, 400, 120), fill=(200, 215, 190))
    x, y, w, h = draw_label(img, (120, 50), "商家信息", size, (250, 230, 240), (150, 20, 110))
    m = measure_text(to_bgr(img), Box(x - 10, y - 9, w + 20, h + 18))
    assert m is not None and m.ink_box is not None
    assert m.glyph_px == pytest.approx(h, abs=2)
