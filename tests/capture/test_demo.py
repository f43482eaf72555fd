"""The demo source: its timeline, its frames read by the real OCR and QR decoder, its thread.

The monitor's end-to-end tests trust the demo to show exactly what ``demo_expected_at`` says,
so the faults are checked here with the engines the app really uses (RapidOCR, zxing-cpp), not
with a mock that would agree with anything.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import zxingcpp

from app import fonts
from app.capture.base import Frame, Source, SourceError, SourceEvent
from app.capture.demo import (
    DemoSource,
    _parse_timeline,
    demo_expected_at,
    demo_frame_at,
    demo_scene,
    load_timeline,
)
from app.checker.vision import contrast_ratio, relative_luminance_bgr
from app.ocr.base import OcrLine

LANDSCAPE = (1280, 720)
PORTRAIT = (1080, 1920)
QUIET, REMOVED, COVERED, BANNED, QR = 5.0, 15.0, 34.0, 50.0, 64.0  # seconds into the loop


@pytest.fixture(autouse=True)
def _no_thread_left() -> Iterator[None]:
    """Fail any test that leaves a demo render thread running (napari's rule for workers)."""
    yield
    alive = [t for t in threading.enumerate() if t.name == "demo-source" and t.is_alive()]
    assert not alive, "a DemoSource thread was left running"


# ---------------------------------------------------------------------------- timeline


def test_timeline_has_each_fault_once_with_quiet_between() -> None:
    tl = load_timeline()
    assert 60 <= tl.loop_seconds <= 72
    by_kind = {}
    for seg in tl.segments:
        kind = seg.ad_label if seg.ad_label != "ok" else "banned" if seg.banned_text else "qr"
        by_kind[kind] = seg
    lengths = {k: s.end - s.start for k, s in by_kind.items()}
    assert 9 <= lengths["missing"] <= 11
    assert 7 <= lengths["occluded"] <= 9
    assert 5 <= lengths["banned"] <= 7
    assert 4 <= lengths["qr"] <= 6
    assert by_kind["qr"].qr and by_kind["qr"].qr.startswith("https://u.wechat.com/")
    # ≥ 8 s of compliance between faults, also across the loop, and a quiet start.
    segs = tl.segments
    gaps = [b.start - a.end for a, b in itertools.pairwise(segs)]
    gaps.append(tl.loop_seconds - segs[-1].end + segs[0].start)
    assert min(gaps) >= 8
    assert segs[0].start >= 8
    # A 75 s monitor run sees every fault begin and end (2 s grace/recover), and not the next lap.
    assert segs[-1].end + 2 + 2 < 75
    assert tl.loop_seconds + segs[0].start >= 75 + 2


def test_expected_at_follows_the_timeline_and_loops() -> None:
    loop = load_timeline().loop_seconds
    assert demo_expected_at(QUIET)["ad_label"] == "ok"
    assert demo_expected_at(REMOVED)["ad_label"] == "missing"
    assert demo_expected_at(COVERED)["ad_label"] == "occluded"
    banned = demo_expected_at(BANNED)
    assert banned["banned_term"] == "全网最低价" and "全网最低价" in banned["banned_text"]
    assert demo_expected_at(QR)["qr"] == "https://u.wechat.com/demo-private-account"
    for t in (QUIET, REMOVED, BANNED):
        assert demo_expected_at(t + 2 * loop)["segment"] == demo_expected_at(t)["segment"]
    quiet = demo_expected_at(QUIET)
    assert quiet["segment"] == "quiet" and quiet["banned_term"] is None and quiet["qr"] is None
    assert quiet["ai_label"] is False  # the demo host is a human
    assert quiet["next_segment"] == "ad_label_removed" and quiet["next_in"] == pytest.approx(5)


def test_timeline_file_errors_are_refused(tmp_path: Path) -> None:
    overlap = {"loop_seconds": 30, "segment": [
        {"name": "a", "start": 1, "end": 10, "ad_label": "missing"},
        {"name": "b", "start": 5, "end": 12, "qr": "x"},
    ]}
    with pytest.raises(ValueError, match="overlap"):
        _parse_timeline(overlap, "t.toml")
    with pytest.raises(ValueError, match="unknown keys"):
        _parse_timeline({"loop_seconds": 30, "segment": [
            {"name": "a", "start": 1, "end": 2, "adlabel": "missing"}]}, "t.toml")
    with pytest.raises(ValueError, match="ad_label"):
        _parse_timeline({"loop_seconds": 30, "segment": [
            {"name": "a", "start": 1, "end": 2, "ad_label": "gone"}]}, "t.toml")
    with pytest.raises(SourceError, match="timeline"):
        load_timeline(tmp_path / "nope.toml")


# ---------------------------------------------------------------------------- frames


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_frames_are_deterministic_and_the_camera_area_moves(size: tuple[int, int]) -> None:
    a, b = demo_frame_at(QUIET, size), demo_frame_at(QUIET, size)
    assert a.shape == (size[1], size[0], 3) and a.dtype == np.uint8
    assert np.array_equal(a, b)
    later = demo_frame_at(QUIET + 0.5, size)
    w, h = size
    host = (slice(int(0.2 * h), int(0.5 * h)), slice(int(0.35 * w), int(0.65 * w)))
    assert np.abs(a[host].astype(int) - later[host]).mean() > 1.0
    for name in ("ad_label", "merchant_info", "price"):
        box = demo_scene(size).boxes[name]
        region = (slice(box.y, box.y2), slice(box.x, box.x2))
        assert np.array_equal(a[region], later[region]), name


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_ad_label_is_large_and_high_contrast(size: tuple[int, int]) -> None:
    image = demo_frame_at(QUIET, size)
    box = demo_scene(size).boxes["ad_label"]
    pill = image[box.y : box.y2, box.x : box.x2]
    white = (pill > 235).all(axis=2)
    rows = np.nonzero(white.any(axis=1))[0]
    ink_h = rows[-1] - rows[0] + 1
    assert ink_h >= 0.03 * size[1], f"glyph ink {ink_h}px < 3 % of {size[1]}"
    lum = relative_luminance_bgr(pill)
    text, ground = float(lum[white].mean()), float(np.median(lum[~white]))
    assert contrast_ratio(text, ground) >= 4.5
    # Top-right corner: right edge within 3 % of the frame, top within 5 %.
    assert box.x2 >= 0.97 * size[0] and box.y <= 0.05 * size[1]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_sticker_hides_about_half_of_the_label(size: tuple[int, int]) -> None:
    """Half the label's width: enough to be a plain violation, little enough for OCR to read 告."""
    box = demo_scene(size).boxes["ad_label"]
    region = (slice(box.y, box.y2), slice(box.x, box.x2))
    ink = (demo_frame_at(QUIET, size)[region] > 235).all(axis=2)
    still = ink & (demo_frame_at(COVERED, size)[region] > 235).all(axis=2)
    hidden_width = 1.0 - still.any(axis=0).sum() / ink.any(axis=0).sum()
    assert 0.4 <= hidden_width <= 0.65
    assert demo_scene(size).boxes["sticker"].overlap_fraction(box) > 0.3


def test_rendering_reuses_cached_layers() -> None:
    """The static layers are built once per size and shared (building them costs ~0.3 s)."""
    scene, tl = demo_scene(LANDSCAPE), load_timeline()
    assert demo_scene(LANDSCAPE) is scene
    a = scene.render(1.0, tl.state_at(1.0))
    b = scene.render(1.0, tl.state_at(1.0))
    assert np.array_equal(a, b)


# ---------------------------------------------------------------------------- OCR and QR


class _Reads(dict):
    """Whole-frame OCR of ``(t, size)``, read on first use and reused (each costs 1–3 s)."""

    def __init__(self, engine: object) -> None:
        super().__init__()
        self.engine = engine

    def __missing__(self, key: tuple[float, tuple[int, int]]) -> list[OcrLine]:
        lines = self.engine.read(demo_frame_at(*key))  # type: ignore[attr-defined]
        self[key] = lines
        return lines


@pytest.fixture(scope="module")
def ocr_reads() -> _Reads:
    from app.ocr.rapid import RapidOcrEngine

    return _Reads(RapidOcrEngine())


def _top_right(lines: list[OcrLine], size: tuple[int, int]) -> list[str]:
    w, h = size
    return [ln.text for ln in lines if ln.box.cx > 0.7 * w and ln.box.cy < 0.2 * h]


@pytest.mark.slow
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_ocr_reads_ad_label_top_right_when_quiet(ocr_reads: _Reads, size: tuple[int, int]) -> None:
    lines = ocr_reads[(QUIET, size)]
    assert "广告" in _top_right(lines, size)
    assert not any("全网最低价" in ln.text for ln in lines)


@pytest.mark.slow
def test_ocr_finds_no_ad_label_when_removed(ocr_reads: _Reads) -> None:
    lines = ocr_reads[(REMOVED, LANDSCAPE)]
    assert not any("广" in t or "告" in t for t in _top_right(lines, LANDSCAPE))
    # Viewers still say 广告 in the chat; those lines are in the chat panel, not a corner.
    chat = demo_scene(LANDSCAPE).boxes["chat"]
    for ln in lines:
        if "广告" in ln.text:
            assert "：" in ln.text or ":" in ln.text, ln.text
            assert ln.box.overlap_fraction(chat) > 0.5


@pytest.mark.slow
def test_ocr_reads_only_a_fragment_when_covered(ocr_reads: _Reads) -> None:
    corner = _top_right(ocr_reads[(COVERED, LANDSCAPE)], LANDSCAPE)
    assert "广告" not in corner
    assert any(t in ("告", "广") for t in corner), corner  # the checker's "occluded" evidence


@pytest.mark.slow
def test_ocr_reads_banned_term_during_its_segment(ocr_reads: _Reads) -> None:
    assert any("全网最低价" in ln.text for ln in ocr_reads[(BANNED, LANDSCAPE)])
    assert "广告" in _top_right(ocr_reads[(BANNED, LANDSCAPE)], LANDSCAPE)


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_qr_decodes_only_during_its_segment(size: tuple[int, int]) -> None:
    payload = demo_expected_at(QR)["qr"]
    seg = next(s for s in load_timeline().segments if s.qr)
    for t in (seg.start, QR, seg.end - 0.5):
        found = [r.text for r in zxingcpp.read_barcodes(demo_frame_at(t, size))]
        assert found == [payload], t
    for t in (QUIET, REMOVED, COVERED, BANNED, seg.start - 0.5, seg.end):
        assert not zxingcpp.read_barcodes(demo_frame_at(t, size)), t


# ---------------------------------------------------------------------------- the source


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _wait_grab(src: DemoSource, timeout: float = 3.0) -> Frame | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = src.grab()
        if frame is not None:
            return frame
        time.sleep(0.002)
    return None


def test_source_delivers_frames_at_the_requested_rate() -> None:
    events: list[SourceEvent] = []
    src = DemoSource(fps=2.0, speed=10.0)  # 20 frames per real second
    assert isinstance(src, Source) and src.name == "demo"
    src.start(events.append)
    frames: list[Frame] = []
    start = time.monotonic()
    try:
        # Until a dozen frames came, however slowly a loaded machine runs this loop: the
        # clock decides which frames there are (newest wins), not how many we see.
        while len(frames) < 12 and time.monotonic() - start < 30:
            frame = src.grab()
            if frame is not None:
                frames.append(frame)
            time.sleep(0.002)
    finally:
        src.stop()
    elapsed = time.monotonic() - start
    assert [e.kind for e in events] == ["connected"]
    assert events[0].data["fps"] == 2.0
    ts = [f.t for f in frames]
    assert len(frames) == 12, ts
    # Scene time runs at 10× the clock: no frame is from the scene's future.
    assert ts[-1] <= 10.0 * elapsed + 0.5, (ts, elapsed)
    assert all(b > a for a, b in itertools.pairwise(ts))
    assert all((t * 2) == int(t * 2) for t in ts)  # frame n is at n / fps
    assert all(b.seq > a.seq for a, b in itertools.pairwise(frames))
    f = frames[0]
    assert f.scene == "demo" and f.wall.tzinfo is not None and f.image.shape == (720, 1280, 3)
    assert not src.finished


def test_injected_clock_paces_frames_and_grab_hands_out_only_the_newest() -> None:
    clock = FakeClock()
    src = DemoSource(fps=2.0, clock=clock)
    src.start()
    try:
        first = _wait_grab(src)
        assert first is not None and (first.t, first.seq) == (0.0, 0)
        assert src.grab() is None  # never the same frame twice
        clock.advance(0.5)
        second = _wait_grab(src)
        assert second is not None and (second.t, second.seq) == (0.5, 1)
        clock.advance(3.0)  # the caller was busy: frames 1.0 … 3.0 are skipped
        newest = _wait_grab(src)
        assert newest is not None and (newest.t, newest.seq) == (3.5, 2)
        clock.advance(0.2)
        assert _wait_grab(src, timeout=0.1) is None
        assert np.array_equal(newest.image, demo_frame_at(3.5))
    finally:
        src.stop()


def test_finite_source_finishes_after_its_last_frame_is_taken() -> None:
    clock = FakeClock()
    src = DemoSource(fps=2.0, loop=False, clock=clock)
    src.start()
    try:
        clock.advance(1000.0)  # far past the end of the lap
        deadline = time.monotonic() + 3
        while src._thread is not None and src._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not src.finished  # the last frame is still waiting to be grabbed
        last = src.grab()
        assert last is not None and last.t == load_timeline().loop_seconds - 0.5
        assert src.finished
    finally:
        src.stop()


def test_duration_ends_a_looping_source() -> None:
    src = DemoSource(fps=2.0, speed=40.0, duration=10.0)
    src.start()
    try:
        last = None
        deadline = time.monotonic() + 5
        while not src.finished and time.monotonic() < deadline:
            last = src.grab() or last
            time.sleep(0.005)
        assert src.finished and last is not None and last.t == 9.5
    finally:
        src.stop()


def test_stop_is_clean_and_idempotent() -> None:
    DemoSource().stop()  # never started
    src = DemoSource(speed=5.0)
    src.start()
    assert _wait_grab(src) is not None
    thread = src._thread
    src.stop()
    src.stop()
    assert thread is not None and not thread.is_alive()
    with pytest.raises(RuntimeError):
        src.start()


def test_missing_font_is_a_source_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_font(size: tuple[int, int]) -> None:
        raise fonts.FontNotFoundError("未找到中文字体 (install fonts-noto-cjk)")

    monkeypatch.setattr("app.capture.demo.demo_scene", no_font)
    with pytest.raises(SourceError, match="fonts-noto-cjk"):
        DemoSource().start()


# ---------------------------------------------------------------------------- fonts


@pytest.fixture
def fresh_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)
    fonts.clear_cache()
    yield monkeypatch
    fonts.clear_cache()


def test_font_found_and_draws_chinese(fresh_fonts: pytest.MonkeyPatch) -> None:
    found = fonts.find_cjk_font(bold=True)
    assert found.path.is_file()
    assert fonts.cjk_font(32, True).getmask("广告").getbbox() is not None


def test_font_env_override(fresh_fonts: pytest.MonkeyPatch, tmp_path: Path) -> None:
    wqy = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    if not wqy.is_file():
        pytest.skip("fonts-wqy-zenhei not installed")
    fresh_fonts.setenv(fonts.ENV_FONT, f"{wqy}#1")
    assert fonts.find_cjk_font() == fonts.FontFile(wqy, 1)
    fonts.clear_cache()
    fresh_fonts.setenv(fonts.ENV_FONT, str(tmp_path / "missing.ttf"))
    with pytest.raises(fonts.FontNotFoundError, match="no such font file"):
        fonts.find_cjk_font()
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if latin.is_file():
        fonts.clear_cache()
        fresh_fonts.setenv(fonts.ENV_FONT, str(latin))
        with pytest.raises(fonts.FontNotFoundError, match="cannot draw Chinese"):
            fonts.find_cjk_font()


def test_no_font_anywhere_names_the_package(fresh_fonts: pytest.MonkeyPatch) -> None:
    for name in ("_linux_candidates", "_windows_candidates", "_mac_candidates"):
        fresh_fonts.setattr(fonts, name, lambda bold: [])
    fresh_fonts.setattr(fonts, "_fontconfig_candidates", lambda: [])
    with pytest.raises(fonts.FontNotFoundError) as info:
        fonts.find_cjk_font()
    message = str(info.value)
    assert fonts.ENV_FONT in message
    assert "fonts-noto-cjk" in message or "YaHei" in message or "PingFang" in message
