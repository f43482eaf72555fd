"""ObsSource against a real headless OBS 29 (obs-websocket 5.1): frames, events, failures.

The kill/restart test runs last in this module because it replaces the OBS process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import numpy as np
import pytest

from app.capture.base import Frame, SourceEvent
from app.capture.obs import ObsError, ObsSource, probe_obs
from tests.obs_harness import MemoryKeyring, ObsStudio, free_port, memory_keyring, obs_studio

__all__ = ["memory_keyring", "obs_studio"]  # fixtures used by name below

pytestmark = [pytest.mark.obs, pytest.mark.slow]


class Recorder:
    """Collects source events (from the source's thread) with their arrival time."""

    def __init__(self) -> None:
        self.events: list[tuple[float, SourceEvent]] = []
        self._cond = threading.Condition()

    def __call__(self, event: SourceEvent) -> None:
        with self._cond:
            self.events.append((time.monotonic(), event))
            self._cond.notify_all()

    def wait_for(self, kind: str, timeout: float, after: float = 0.0) -> tuple[float, SourceEvent]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for at, ev in self.events:
                    if ev.kind == kind and at >= after:
                        return at, ev
                left = deadline - time.monotonic()
                if left <= 0:
                    kinds = [e.kind for _, e in self.events]
                    raise AssertionError(f"no {kind!r} event within {timeout} s; got {kinds}")
                self._cond.wait(left)


def next_frame(
    source: ObsSource, timeout: float = 5.0, ok: Callable[[Frame], bool] = lambda f: True
) -> Frame:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = source.grab()
        if frame is not None and ok(frame):
            return frame
        time.sleep(0.02)
    raise AssertionError(f"no matching frame within {timeout} s")


def region(frame: Frame, rect: tuple[int, int, int, int]) -> np.ndarray:
    x, y, w, h = rect
    return frame.image[y : y + h, x : x + w]


def near(pixel: np.ndarray, bgr: tuple[int, int, int], tol: int = 24) -> bool:
    return bool(np.all(np.abs(pixel.astype(int) - np.array(bgr)) <= tol))


def white_pixels(frame: Frame) -> int:
    """Text pixels on the plate: the 广告 glyphs are the only white there."""
    plate = region(frame, ObsStudio.PLATE_RECT)
    return int(np.count_nonzero(plate.min(axis=2) > 200))


@pytest.fixture
def source(obs_studio: ObsStudio) -> Iterator[tuple[ObsSource, Recorder]]:
    rec = Recorder()
    src = ObsSource(obs_studio.host, obs_studio.port, obs_studio.password, interval=0.1)
    src.start(rec)
    try:
        yield src, rec
    finally:
        src.stop()


def test_grabs_real_program_frame_with_plate_in_top_right(
    source: tuple[ObsSource, Recorder],
) -> None:
    src, rec = source
    rec.wait_for("connected", 1)
    frame = next_frame(src)
    assert frame.image.shape == (ObsStudio.HEIGHT, ObsStudio.WIDTH, 3)
    assert frame.scene == ObsStudio.SCENE_MAIN
    px, py, pw, ph = ObsStudio.PLATE_RECT
    assert near(frame.image[py + 4, px + 4], ObsStudio.PLATE_BGR)  # plate corner, no glyph
    assert near(frame.image[py + ph - 4, px + pw - 4], ObsStudio.PLATE_BGR)
    assert near(frame.image[ObsStudio.HEIGHT - 10, 10], ObsStudio.BG_BGR)
    assert white_pixels(frame) > 1500  # 广告 at 72 px bold
    # grab() hands each frame out once.
    again = src.grab()
    assert again is None or again.seq > frame.seq


def test_hiding_the_text_item_changes_the_next_screenshots(
    obs_studio: ObsStudio, source: tuple[ObsSource, Recorder]
) -> None:
    src, _ = source
    assert white_pixels(next_frame(src)) > 1500
    obs_studio.set_item_enabled(ObsStudio.TEXT_ITEM, False)
    try:
        hidden_at = time.monotonic()
        frame = next_frame(src, ok=lambda f: f.t >= hidden_at)
        assert white_pixels(frame) == 0
        assert near(region(frame, ObsStudio.PLATE_RECT)[60, 120], ObsStudio.PLATE_BGR)
    finally:
        obs_studio.set_item_enabled(ObsStudio.TEXT_ITEM, True)
    shown_at = time.monotonic()
    assert white_pixels(next_frame(src, ok=lambda f: f.t >= shown_at)) > 1500


def test_program_scene_change_emits_scene_changed(
    obs_studio: ObsStudio, source: tuple[ObsSource, Recorder]
) -> None:
    src, rec = source
    next_frame(src)
    obs_studio.set_program_scene(ObsStudio.SCENE_ALT)
    try:
        _, ev = rec.wait_for("scene_changed", 2)
        assert ev.data["scene"] == ObsStudio.SCENE_ALT
        assert ev.data["previous"] == ObsStudio.SCENE_MAIN
        changed_at = time.monotonic()
        frame = next_frame(src, ok=lambda f: f.t >= changed_at)
        assert frame.scene == ObsStudio.SCENE_ALT
        assert near(frame.image[30, 1030], ObsStudio.ALT_BGR)
    finally:
        obs_studio.set_program_scene(ObsStudio.SCENE_MAIN)


def test_studio_mode_follows_program_not_preview(
    obs_studio: ObsStudio, source: tuple[ObsSource, Recorder]
) -> None:
    src, rec = source
    obs_studio.call("SetStudioModeEnabled", {"studioModeEnabled": True})
    try:
        obs_studio.call("SetCurrentPreviewScene", {"sceneName": ObsStudio.SCENE_ALT})
        after = time.monotonic()
        frame = next_frame(src, ok=lambda f: f.t >= after + 0.3)
        assert frame.scene == ObsStudio.SCENE_MAIN
        assert near(frame.image[30, 1030], ObsStudio.PLATE_BGR)
        assert not [e for _, e in rec.events if e.kind == "scene_changed"]
    finally:
        obs_studio.call("SetStudioModeEnabled", {"studioModeEnabled": False})


def test_password_from_keyring(obs_studio: ObsStudio, memory_keyring: MemoryKeyring) -> None:
    from app.secrets import set_obs_password

    set_obs_password(obs_studio.host, obs_studio.port, obs_studio.password)
    src = ObsSource(obs_studio.host, obs_studio.port)  # password=None: read the keyring
    src.start()
    try:
        assert next_frame(src).scene == ObsStudio.SCENE_MAIN
    finally:
        src.stop()


def test_wrong_password_is_a_clear_error_fast(obs_studio: ObsStudio) -> None:
    t0 = time.monotonic()
    with pytest.raises(ObsError) as info:
        ObsSource(obs_studio.host, obs_studio.port, "not-the-password").start()
    elapsed = time.monotonic() - t0
    print(f"wrong password detected in {elapsed * 1000:.0f} ms")
    assert elapsed < 3
    assert "密码错误" in str(info.value) and "wrong OBS WebSocket password" in str(info.value)
    assert "not-the-password" not in str(info.value)
    assert info.value.retryable is False


def test_missing_password_says_how_to_store_one(
    obs_studio: ObsStudio, memory_keyring: MemoryKeyring
) -> None:
    with pytest.raises(ObsError, match="set-password"):
        ObsSource(obs_studio.host, obs_studio.port).start()


def test_obs_not_running_is_a_clear_error() -> None:
    port = free_port()
    t0 = time.monotonic()
    with pytest.raises(ObsError) as info:
        ObsSource("127.0.0.1", port, "x").start()
    assert time.monotonic() - t0 < 3
    assert "OBS 未运行或 WebSocket 未开启" in str(info.value)
    assert "WebSocket Server Settings" in str(info.value)


def test_probe_reports_version_scene_and_timing(obs_studio: ObsStudio) -> None:
    for fmt in ("jpg", "png"):
        probe = probe_obs(obs_studio.host, obs_studio.port, obs_studio.password,
                          samples=10, image_format=fmt)
        assert probe.obs_version.startswith(("28.", "29.", "30.", "31."))
        assert probe.program_scene == ObsStudio.SCENE_MAIN
        assert probe.screenshot_size == (1280, 720)
        ms = sorted(probe.screenshot_ms)
        print(f"{fmt} 1280x720: median {probe.median_ms:.0f} ms, max {ms[-1]:.0f} ms")


def test_frozen_obs_times_out_then_recovers(obs_studio: ObsStudio) -> None:
    """A hung screenshot never blocks grab(); after ~4 s the connection is dropped and redone."""
    rec = Recorder()
    src = ObsSource(obs_studio.host, obs_studio.port, obs_studio.password, interval=0.1,
                    request_timeout=2.0)
    src.start(rec)
    try:
        next_frame(src)
        frozen_at = time.monotonic()
        obs_studio.pause()
        try:
            t0 = time.perf_counter()
            for _ in range(20):
                src.grab()
            # grab() never waits for OBS: a liveness bound, far above its cost, not a benchmark.
            assert time.perf_counter() - t0 < 1.0
            at, ev = rec.wait_for("disconnected", 6, after=frozen_at)
            print(f"frozen OBS dropped after {at - frozen_at:.2f} s: {ev.detail}")
            assert "stopped answering" in ev.detail
        finally:
            obs_studio.resume()
        at, _ = rec.wait_for("connected", 10, after=frozen_at)
        next_frame(src, ok=lambda f: f.t >= at)
    finally:
        src.stop()


def test_kill_mid_capture_disconnects_at_once_and_reconnects(obs_studio: ObsStudio) -> None:
    rec = Recorder()
    src = ObsSource(obs_studio.host, obs_studio.port, obs_studio.password, interval=0.1)
    src.start(rec)
    try:
        next_frame(src)
        killed_at = time.monotonic()
        obs_studio.kill()
        at, ev = rec.wait_for("disconnected", 2, after=killed_at)
        print(f"disconnected {1000 * (at - killed_at):.0f} ms after kill: {ev.detail}")
        assert at - killed_at < 2
        _, rc = rec.wait_for("reconnecting", 3, after=killed_at)
        assert float(rc.data["delay"]) > 0  # type: ignore[arg-type]
        while src.grab() is not None:  # drain what was captured before the kill
            pass
        assert src.grab() is None

        started_at = time.monotonic()
        obs_studio.start()
        up_at = time.monotonic()
        at, ev = rec.wait_for("connected", 10, after=killed_at)
        print(
            f"OBS start took {up_at - started_at:.2f} s; source connected "
            f"{at - up_at:.2f} s after the port opened; gap {ev.data['gap_s']} s"
        )
        assert isinstance(ev.data["gap_s"], float)
        frame = next_frame(src, timeout=5, ok=lambda f: f.t >= at)
        assert white_pixels(frame) > 1500
        delays = [float(e.data["delay"]) for _, e in rec.events  # type: ignore[arg-type]
                  if e.kind == "reconnecting"]
        assert max(delays) <= 5.0
    finally:
        src.stop()
        if not obs_studio.running:
            obs_studio.start()
