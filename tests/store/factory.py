"""Builders for evidence databases used by the store and CLI tests (real SQLite files)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import numpy as np

from app.store import Record, Store

T0 = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)


def tiny_jpeg(seed: int = 0) -> bytes:
    """A real 16×16 JPEG whose content depends on ``seed`` (so hashes differ)."""
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 255, (16, 16, 3), dtype=np.uint8)
    ok, buf = cv2.imencode(".jpg", img)
    assert ok
    return buf.tobytes()


def build_db(path: Path, *, end: bool = True) -> tuple[str, list[Record]]:
    """A session with one of each common kind; returns the id and every record written.

    seq 1 session_start, 2 connected, 3 violation_start (snapshot), 4 sample, 5 disconnected,
    6 reconnected, 7 violation_end, 8 correction, 9 session_end (if ``end``).
    """
    with Store.open(path) as store:
        sid = store.start_session("demo", "douyin-default", {"studio": "A"}, t=T0)
        out = list(store.records(sid))
        out.append(store.source_event(sid, "connected", detail="obs", t=T0))
        out.append(store.violation_start(
            sid, element="ad_label", requirement="A1", rule="ad_label.present",
            article="000 第十五条", status="missing", confidence=0.91,
            snapshot=tiny_jpeg(1), t=T0 + timedelta(seconds=1)))
        out.append(store.sample(sid, statuses="m o o -", banned=0, elapsed_ms=240,
                                t=T0 + timedelta(seconds=1)))
        out.append(store.source_event(sid, "disconnected", detail="obs closed",
                                      t=T0 + timedelta(seconds=2)))
        out.append(store.source_event(sid, "reconnected", gap_s=3.0,
                                      t=T0 + timedelta(seconds=5)))
        out.append(store.violation_end(sid, element="ad_label", requirement="A1",
                                       duration_s=5.0, t=T0 + timedelta(seconds=6)))
        out.append(store.append(sid, "correction", {"said": "最低价", "corrected": "优惠价"},
                                t=T0 + timedelta(seconds=7)))
        if end:
            out.append(store.end_session(sid, {"violations": 1}, t=T0 + timedelta(seconds=8)))
    return sid, out
