"""The debounced state machine over scripted sample sequences (1 Hz unless stated)."""

from __future__ import annotations

from app.monitor.debounce import Debouncer, Phase


def run(seq: str, **kw: float) -> list[tuple[str, float, float]]:
    """``seq``: one char per second, 'x' bad, '.' good. Returns (kind, t, since)."""
    d = Debouncer("k", **kw)
    out = []
    for t, c in enumerate(seq):
        tr = d.update(float(t), c == "x", {"status": "missing"} if c == "x" else None)
        if tr:
            out.append((tr.kind, tr.t, tr.since))
    return out


def test_short_flicker_is_not_an_event() -> None:
    assert run("..x..x.x...", grace_s=2.0) == []


def test_one_start_one_end_per_event() -> None:
    events = run("..xxxxxx.....", grace_s=2.0, recover_s=2.0)
    assert events == [("start", 4.0, 2.0), ("end", 10.0, 2.0)]


def test_flicker_back_during_violation_does_not_end_it() -> None:
    events = run("xxxxx.xxxx....", grace_s=2.0, recover_s=2.0)
    assert [e[0] for e in events] == ["start", "end"]


def test_open_violation_is_reannounced() -> None:
    events = run("x" * 12, grace_s=2.0, reannounce_s=4.0)
    assert [e[0] for e in events] == ["start", "reminder", "reminder"]
    assert [e[1] for e in events] == [2.0, 6.0, 10.0]


def test_end_carries_duration_from_first_bad_to_first_good() -> None:
    d = Debouncer("k", grace_s=1.0, recover_s=1.0)
    for t, bad in enumerate([True, True, True, False, False]):
        tr = d.update(float(t), bad, {"status": "occluded"})
    assert tr is not None and tr.kind == "end" and tr.detail["duration_s"] == 3.0
    assert tr.detail["status"] == "occluded"


def test_close_ends_an_open_violation_and_nothing_else() -> None:
    d = Debouncer("k", grace_s=0.0)
    assert d.close(0.0) is None
    d.update(0.0, True, {})
    assert d.phase is Phase.VIOLATION
    tr = d.close(5.0)
    assert tr is not None and tr.kind == "end" and tr.detail["closed"] is True
    assert d.phase is Phase.OK


def test_zero_grace_fires_on_first_bad_sample() -> None:
    assert run(".x..", grace_s=0.0, recover_s=0.0)[0] == ("start", 1.0, 1.0)
