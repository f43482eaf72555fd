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
