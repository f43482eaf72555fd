"""DeviceSource without hardware: the not-found error, and the capture thread's recovery logic
driven by a real video file standing in for the device (there is no /dev/video* here and the
container cannot load v4l2loopback)."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import cv2
import pytest

from app.capture.base import SourceError, SourceEvent
from app.capture.device import DeviceSource


def test_missing_device_is_a_clear_error() -> None:
    t0 = time.monotonic()
    with pytest.raises(SourceError) as info:
        DeviceSource(7).start()
    assert time.monotonic() - t0 < 5
    assert "采集设备 7 不存在" in str(info.value)
    assert "capture device 7 not found" in str(info.value)


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg")
def test_lost_device_emits_disconnected_then_reconnects(tmp_path: Path) -> None:
    clip = tmp_path / "card.mp4"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
         "testsrc2=size=320x240:rate=25", "-t", "1", "-c:v", "libx264", "-preset", "ultrafast",
         str(clip)],
        check=True,
    )
    opens = []

    def opener() -> cv2.VideoCapture:
        opens.append(time.monotonic())
        return cv2.VideoCapture(str(clip))  # delivers 25 frames, then read() fails: "unplugged"

    events: list[SourceEvent] = []
    got = threading.Event()

    def on_event(ev: SourceEvent) -> None:
        events.append(ev)
        if ev.kind == "connected" and len(opens) > 1:
            got.set()

    src = DeviceSource(0, opener=opener, stall_timeout=0.2)
    src.start(on_event)
    try:
        deadline = time.monotonic() + 3
        frame = None
        while frame is None and time.monotonic() < deadline:
            frame = src.grab()
        assert frame is not None and frame.image.shape == (240, 320, 3)
        assert got.wait(5), [e.kind for e in events]
        kinds = [e.kind for e in events]
        assert kinds[:4] == ["connected", "disconnected", "reconnecting", "connected"]
        assert events[3].data["gap_s"] is not None
    finally:
        src.stop()
