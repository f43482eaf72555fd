"""The incremental reader re-reads only what changed, on real demo frames with the real engine."""

from __future__ import annotations

import pytest

from app.capture.demo import demo_frame_at
from app.checker.frame_checker import FrameChecker
from app.ocr.rapid import RapidOcrEngine
from app.rules.profile import load_profile
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


class CountingEngine(RapidOcrEngine):
    """The real engine, noting which lines it had to recognise."""

    def __init__(self) -> None:
        super().__init__()
        self.recognized: list[str] = []

    def recognize(self, image, boxes):
        out = super().recognize(image, boxes)
        self.recognized.extend(ln.text for ln in out)
        return out


@pytest.fixture(scope="module")
def counting() -> CountingEngine:
    return CountingEngine()


def test_a_full_pass_recognises_only_lines_whose_pixels_changed(counting) -> None:
    reader = IncrementalReader(counting, full_every_s=1.0)
    first, _ = reader.read(demo_frame_at(2.0), 0.0)
    counting.recognized.clear()
    same, stats = reader.read(demo_frame_at(2.0), 5.0)
    assert stats.mode == "full" and texts(same) == texts(first)
    assert counting.recognized == []  # detection ran; every line was reused
    # 2.5 s later the chat has scrolled and the host moved: those lines are read again, and the
    # result is what a fresh whole-frame read says.
    counting.recognized.clear()
    later, stats = reader.read(demo_frame_at(4.6), 10.0)
    assert stats.mode == "full"
    fresh = counting.read(demo_frame_at(4.6))
    assert sorted(ln.text for ln in later) == sorted(ln.text for ln in fresh)
    assert 0 < len(counting.recognized) - len(fresh) < len(fresh)


def test_audience_lines_that_change_wait_for_the_full_pass(counting) -> None:
    checker = FrameChecker(load_profile("default"), counting)
    reader = IncrementalReader(counting, full_every_s=1000, is_viewer=checker.is_viewer_line)
    first, _ = reader.read(demo_frame_at(2.0), 0.0)
    chat = {ln.text for ln in first if checker.is_viewer_line(ln) and "：" in ln.text}
    assert len(chat) >= 3
    counting.recognized.clear()
    later, _ = reader.read(demo_frame_at(4.6), 1.0)  # the chat scrolled by one line
    assert not any("：" in t for t in counting.recognized)  # no chat line was read again
    assert not chat & {ln.text for ln in later}  # and the stale readings are gone
    assert has_label(later)  # the room's own text is still known
