"""FileSource on real H.264 recordings made by ffmpeg: fast audit sampling and realtime pacing."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from app.capture.base import SourceError, SourceEvent
from app.capture.file import FileSource

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg")


def make_video(path: Path, size: str, seconds: float, rate: int = 25, gop: int = 250) -> Path:
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc2=size={size}:rate={rate}", "-t", str(seconds),
         "-c:v", "libx264", "-preset", "ultrafast", "-g", str(gop), "-pix_fmt", "yuv420p",
         str(path)],
        check=True,
    )
    return path


@pytest.fixture(scope="module")
def hd_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10 s of 1920×1080 25 fps H.264 with x264's default 250-frame GOP."""
    return make_video(tmp_path_factory.mktemp("video") / "show.mp4", "1920x1080", 10)


@pytest.fixture(scope="module")
def small_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_video(tmp_path_factory.mktemp("video") / "small.mp4", "320x240", 3)


def drain(src: FileSource) -> list:  # type: ignore[type-arg]
    frames = []
    while not src.finished:
        frame = src.grab()
        if frame is not None:
            frames.append(frame)
    return frames


def test_fast_mode_samples_every_second_of_a_1080p_file(hd_video: Path) -> None:
    events: list[SourceEvent] = []
    src = FileSource(hd_video, "fast", interval=1.0)
    src.start(events.append)
    assert src.strategy == "grab"
    assert events[0].kind == "connected"
    assert src.duration == pytest.approx(10.0, abs=0.05)
    t0 = time.perf_counter()
    frames = drain(src)
    elapsed = time.perf_counter() - t0
    src.stop()
    print(f"fast mode 1080p, 1 sample/s: {len(frames) / elapsed:.1f} samples/s "
          f"({10 / elapsed:.0f}× real time)")
    assert [round(f.t, 2) for f in frames] == [float(i) for i in range(10)]
    assert [f.seq for f in frames] == list(range(10))
    assert frames[0].image.shape == (1080, 1920, 3)
    assert not np.array_equal(frames[0].image, frames[1].image)
    position, duration = src.progress()
    assert position == pytest.approx(duration, abs=0.05)
    assert src.grab() is None


def test_seek_strategy_gives_the_same_frames(hd_video: Path) -> None:
    grab = FileSource(hd_video, "fast", interval=3.0, strategy="grab")
    seek = FileSource(hd_video, "fast", interval=3.0, strategy="seek")
    grab.start()
    seek.start()
    a, b = drain(grab), drain(seek)
    assert [f.t for f in a] == [f.t for f in b] == pytest.approx([0.0, 3.0, 6.0, 9.0])
    for fa, fb in zip(a, b, strict=True):
        assert np.abs(fa.image.astype(int) - fb.image.astype(int)).max() <= 2


def test_auto_strategy_seeks_for_long_steps(small_video: Path) -> None:
    assert FileSource(small_video, "fast", interval=10).strategy == "seek"
    assert FileSource(small_video, "fast", interval=1).strategy == "grab"


@pytest.mark.parametrize("ext", ["mkv", "flv"])
def test_other_containers(small_video: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"rec.{ext}"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(small_video), "-c", "copy",
                    str(out)], check=True)
    src = FileSource(out, "fast", interval=1.0)
    src.start()
    assert [round(f.t, 2) for f in drain(src)] == [0.0, 1.0, 2.0]


def test_realtime_mode_is_paced_to_media_time(small_video: Path) -> None:
    src = FileSource(small_video, "realtime", interval=0.5)
    src.start()
    started = time.monotonic()
    frames = []
    try:
        while not src.finished and time.monotonic() - started < 10:
            frame = src.grab()
            if frame is not None:
                frames.append((time.monotonic() - started, frame))
                assert frame.t <= time.monotonic() - started + 0.1  # never ahead of the clock
            time.sleep(0.02)
    finally:
        src.stop()
    elapsed = time.monotonic() - started
    assert 2.7 < elapsed < 5.0
    # 0.5 s falls between two 25 fps frames (0.48, 0.52): the nearest frame is taken.
    assert [f.t for _, f in frames] == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0, 2.5], abs=0.021)
    assert src.progress()[0] == pytest.approx(2.96, abs=0.05)


def test_start_wall_gives_frames_real_times(small_video: Path) -> None:
    from datetime import UTC, datetime, timedelta

    began = datetime(2024, 6, 18, 20, 0, tzinfo=UTC)
    src = FileSource(small_video, "fast", interval=1.0, start_wall=began)
    src.start()
    assert [f.wall for f in drain(src)][-1] == began + timedelta(seconds=2)


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        FileSource(tmp_path / "nope.mp4").start()
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video" * 100)
    with pytest.raises(SourceError, match="cannot decode"):
        FileSource(junk).start()
    with pytest.raises(SourceError, match="mode"):
        FileSource(junk, "slow")


def test_a_stretch_of_the_recording_keeps_the_sampling_grid(hd_video: Path) -> None:
    """An audit worker reads [from_s, until_s) and gets the samples the serial pass would."""
    src = FileSource(hd_video, mode="fast", interval=1.0)
    src.start()
    whole = drain(src)
    part = FileSource(hd_video, mode="fast", interval=1.0, from_s=4.0, until_s=7.0)
    part.start()
    got = drain(part)
    assert [round(f.t, 2) for f in got] == [4.0, 5.0, 6.0]
    by_t = {round(f.t, 2): f.image for f in whole}
    assert all(np.array_equal(f.image, by_t[round(f.t, 2)]) for f in got)
    with pytest.raises(SourceError):
        FileSource(hd_video, from_s=5.0, until_s=5.0)
