"""RapidOCR engine: whole frames detected at 720 p scale read the same as at full size."""

from __future__ import annotations

import pytest

from app.capture.demo import demo_frame_at
from app.ocr.base import OcrLine
from app.ocr.rapid import RapidOcrEngine


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


def test_a_1080p_frame_reads_the_same_detected_at_720p_scale(engine, monkeypatch) -> None:
    frame = demo_frame_at(2.0, (1920, 1080))
    scaled = engine.read(frame)
    monkeypatch.setattr(engine, "_det_short_side", 0)  # detect at the frame's own size
    native = engine.read(frame)
    assert "广告" in {ln.text for ln in scaled}
    assert any("商家信息" in ln.text for ln in scaled)
    same = {ln.text for ln in scaled} & {ln.text for ln in native}
    assert len(same) >= 0.9 * len(native)
    # Boxes are scaled back to frame pixels, within a few pixels of the full-size detection.
    ad = next(ln.box for ln in scaled if ln.text == "广告")
    ad_native = next(ln.box for ln in native if ln.text == "广告")
    assert abs(ad.cx - ad_native.cx) < 6 and abs(ad.cy - ad_native.cy) < 6


def test_reused_lines_are_kept_as_given(engine) -> None:
    frame = demo_frame_at(2.0)
    first = engine.read(frame)
    by_centre = {(round(ln.box.cx / 8), round(ln.box.cy / 8)): ln for ln in first}

    def reuse(box):
        old = by_centre.get((round(box.cx / 8), round(box.cy / 8)))
        return OcrLine("reused:" + old.text, box, old.confidence) if old else None

    again = engine.read(frame, reuse=reuse)
    reused = [ln for ln in again if ln.text.startswith("reused:")]
    assert len(reused) >= 0.8 * len(first)
    assert {ln.text.removeprefix("reused:") for ln in again} == {ln.text for ln in first}


def small_label_frame(width: int = 1920, height: int = 1080):
    """A 10 px 广告 in grey on a dark grey plate, top right, through JPEG at quality 50: at
    720p scale the detector passes over it; at the frame's own size it finds it."""
    import cv2

    from tests.checker.conftest import draw_label, studio_background, to_bgr

    img = studio_background(width, height, seed=3)
    x, y, w, h = draw_label(img, (width - 240, 140), "广告", 10, (180, 180, 180), (90, 90, 90))
    draw_label(img, (300, height - 180), "关注主播每晚有福利", 48, (255, 255, 255))
    _, jpeg = cv2.imencode(".jpg", to_bgr(img), [cv2.IMWRITE_JPEG_QUALITY, 50])
    return cv2.imdecode(jpeg, cv2.IMREAD_COLOR), (x, y, w, h)


def test_a_look_at_full_resolution_finds_what_720p_detection_passes_over(engine) -> None:
    frame, (x, y, w, h) = small_label_frame()
    coarse = engine.read(frame)
    assert "广告" not in "".join(ln.text for ln in coarse)
    fine = engine.read_fine(frame, [ln.box for ln in coarse])
    assert fine is not None
    (label,) = [ln for ln in fine if "广告" in ln.text]
    assert label.box.x <= x + w and x <= label.box.x2 and label.box.y <= y + h
    # What the first read holds is not read again.
    assert not {ln.text for ln in fine} & {ln.text for ln in coarse}


def test_a_720p_frame_has_nothing_finer_to_look_at(engine) -> None:
    frame, _ = small_label_frame(1280, 720)
    assert engine.read_fine(frame, []) is None
