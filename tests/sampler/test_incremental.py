"""The incremental reader re-reads only what changed, on real demo frames with the real engine."""

from __future__ import annotations

import pytest

from app.capture.demo import demo_frame_at
from app.ocr.rapid import RapidOcrEngine
from app.sampler.incremental import IncrementalReader


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


def texts(lines) -> str:
    return " ".join(ln.text for ln in lines)


def has_label(lines) -> bool:
    """The room's own 广告 label (chat lines mentioning 广告 do not count)."""
    return any(ln.text.strip() == "广告" for ln in lines)


def test_unchanged_frame_costs_no_ocr(engine) -> None:
    reader = IncrementalReader(engine, full_every_s=1000)
    frame = demo_frame_at(5.0)
    lines, stats = reader.read(frame, 0.0)
    assert stats.mode == "full" and has_label(lines)
    again, stats = reader.read(frame.copy(), 1.0)
    assert stats.mode == "cached" and stats.recognized == 0 and stats.detected_regions == 0
    assert texts(again) == texts(lines)


def test_a_label_that_vanishes_is_re_read_in_its_box(engine) -> None:
    reader = IncrementalReader(engine, full_every_s=1000)
    reader.read(demo_frame_at(9.0), 0.0)
    lines, stats = reader.read(demo_frame_at(11.0), 1.0)  # 10–20 s: label removed
    assert stats.mode == "partial" and stats.recognized >= 1
    assert not has_label(lines)


def test_a_new_overlay_is_detected_once_it_settles(engine) -> None:
    reader = IncrementalReader(engine, full_every_s=1000)
    reader.read(demo_frame_at(46.0), 0.0)
    reader.read(demo_frame_at(47.5), 1.0)  # banner appears (47–53 s)
    reader.read(demo_frame_at(48.5), 2.0)
    lines, _ = reader.read(demo_frame_at(49.5), 3.0)  # settled two samples: detected in a crop
    assert "全网最低价" in texts(lines)


def test_periodic_and_forced_full_passes(engine) -> None:
    reader = IncrementalReader(engine, full_every_s=5.0)
    frame = demo_frame_at(2.0)
    assert reader.read(frame, 0.0)[1].mode == "full"
    assert reader.read(frame, 1.0)[1].mode == "cached"
    assert reader.read(frame, 6.0)[1].mode == "full"
    assert reader.read(frame, 7.0, force_full=True)[1].mode == "full"
