"""Parallel audit: stretches in worker processes, one debounce and one hash chain in order.

A real H.264 recording of the demo room (rendered here, encoded by ffmpeg), real OCR in real
spawned worker processes, a real SQLite store. The demo removes the ad label from 10 to 20 s;
with stretches of 15 s that fault spans a cut, and must still be one start and one end.
"""

from __future__ import annotations

import itertools
import math
import shutil
import subprocess
from pathlib import Path

import pytest

from app.capture.demo import demo_frame_at
from app.cli._session import build_checker
from app.monitor import audit
from app.monitor.audit import ParallelAudit, stretches
from app.monitor.events import MonitorEvent
from app.monitor.runner import SampleUpdate
from app.store import Store
from app.store.verify import verify

SIZE = (960, 540)
FPS = 2
SECONDS = 40


def test_stretches_cover_the_recording_on_the_sampling_grid() -> None:
    cuts = stretches(7200.0, 1.0, 2)
    assert cuts[0][0] == 0.0 and math.isinf(cuts[-1][1])
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    lengths = {b - a for a, b in cuts[:-1]}
    assert lengths == {300.0}  # long shows: the longest stretch (each cut costs a full pass)
    assert stretches(100.0, 1.0, 2) == [(0.0, 60.0), (60.0, math.inf)]
    assert stretches(100.0, 1.0, 1) == [(0.0, math.inf)]
    assert all(a % 7.0 == 0 for a, _ in stretches(1000.0, 7.0, 4))


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("ffmpeg") is None:
        pytest.skip("needs ffmpeg")
    path = tmp_path_factory.mktemp("rec") / "demo.mp4"
    w, h = SIZE
    cmd = ["ffmpeg", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgr24",
           "-s", f"{w}x{h}", "-r", str(FPS), "-i", "-", "-c:v", "libx264", "-preset", "veryfast",
           "-g", str(2 * FPS), "-pix_fmt", "yuv420p", str(path)]
    with subprocess.Popen(cmd, stdin=subprocess.PIPE) as proc:
        assert proc.stdin is not None
        for i in range(SECONDS * FPS):
            proc.stdin.write(demo_frame_at(i / FPS, SIZE).tobytes())
        proc.stdin.close()
    assert proc.returncode == 0
    return path


def run_audit(rec: Path, db: Path, workers: int) -> tuple[list[MonitorEvent], str, dict]:
    store = Store.open(db)
    try:
        job = ParallelAudit(rec, build_checker("default", None), store, every=1.0,
                            workers=workers)
        events: list[MonitorEvent] = []
        job.subscribe(events.append)
        summary = job.run().to_json()
    finally:
        store.close()
    return events, job.session, summary


@pytest.mark.slow
def test_parallel_audit_records_what_the_serial_audit_does(
    recording: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "MIN_STRETCH_S", 15.0)  # 40 s → cuts at 15 and 30 s
    serial, _, s_sum = run_audit(recording, tmp_path / "serial.db", workers=1)
    par, session, p_sum = run_audit(recording, tmp_path / "parallel.db", workers=2)

    def violations(events: list[MonitorEvent]) -> list[tuple[str, str, str]]:
        return [(e.type, e.element, e.status) for e in events if e.type.startswith("violation")]

    assert s_sum["samples"] == p_sum["samples"] == SECONDS
    assert violations(par) == violations(serial)
    removed = [e for e in par if e.element == "ad_label" and e.type == "violation_start"]
    assert removed and removed[0].status == "missing" and 10 <= removed[0].t <= 15
    assert p_sum["modes"]["full"] >= 3  # every stretch began with a full pass

    db = tmp_path / "parallel.db"
    assert verify(db).ok
    with Store.open(db, readonly=True) as s:
        kinds = [r.kind for r in s.records(session)]
        starts = list(s.records(session, kinds=["violation_start"]))
        ts = [r.payload["media_t"] for r in s.records(session, kinds=["sample"])]
    assert kinds[0] == "session_start" and kinds[1] == "connected" and kinds[-1] == "session_end"
    assert ts == sorted(ts) and len(ts) == SECONDS
    assert starts and all(r.snapshot for r in starts)  # the workers sent the evidence


@pytest.mark.slow
def test_stopping_a_parallel_audit_keeps_what_was_read_and_stops_the_workers(
    recording: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What Ctrl-C does (cmd_audit turns it into the same early end): the samples read in order
    so far are on record, the session ends cleanly, and no worker process is left behind."""
    import multiprocessing

    monkeypatch.setattr(audit, "MIN_STRETCH_S", 10.0)
    db = tmp_path / "stopped.db"
    store = Store.open(db)
    try:
        job = ParallelAudit(recording, build_checker("default", None), store, every=1.0,
                            workers=2)
        seen: list[float] = []

        def on_sample(update: SampleUpdate) -> None:
            seen.append(update.t)
            if len(seen) == 15:  # into the second stretch
                job.stop()

        job.on_sample(on_sample)
        summary = job.run().to_json()
    finally:
        store.close()
    assert summary["samples"] == 15 and seen == [float(i) for i in range(15)]
    assert multiprocessing.active_children() == []
    assert verify(db).ok
    with Store.open(db, readonly=True) as s:
        assert [r.kind for r in s.records(job.session)][-1] == "session_end"
        assert s.count(job.session, "sample") == 15
