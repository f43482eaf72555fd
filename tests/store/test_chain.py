"""The hash chain catches edits, deletions and snapshot tampering — on real SQLite files."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.store import Store, StoreError, verify
from app.store.records import GENESIS, record_hash
from app.store.snapshots import snapshot_path
from tests.store.factory import T0, build_db, tiny_jpeg


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "studio" / "livecomply.db"
    build_db(path)
    return path


def raw(path: Path) -> sqlite3.Connection:
    """What an attacker with the file would use: plain sqlite3, triggers dropped."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS records_no_update")
    conn.execute("DROP TRIGGER IF EXISTS records_no_delete")
    return conn


def test_intact_chain_verifies(db: Path) -> None:
    result = verify(db)
    assert result.ok, result.first_bad
    assert result.checked == 9
    assert result.snapshots == 1
    assert result.head_seq == 9 and result.head_hash and len(result.head_hash) == 64
    assert result.warnings == []


def test_records_link_and_hash_as_documented(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        sid = store.latest_session_id()
        assert sid is not None
        recs = list(store.records(sid))
    assert [r.seq for r in recs] == list(range(1, 10))
    assert recs[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(recs):
        assert after.prev_hash == before.hash
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT * FROM records WHERE seq = 3").fetchone()
    conn.close()
    seq, session_id, kind, t, payload, snapshot, prev_hash, digest = row
    assert record_hash(seq, session_id, kind, t, payload, snapshot, prev_hash) == digest
    assert t == "2026-11-23T12:00:01.000Z"


def test_triggers_refuse_update_and_delete(db: Path) -> None:
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE records SET payload = '{}' WHERE seq = 3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM records WHERE seq = 3")
    conn.close()
    assert verify(db).ok


def test_edited_row_is_reported_at_its_seq(db: Path) -> None:
    conn = raw(db)
    conn.execute(
        "UPDATE records SET payload = json_set(payload, '$.status', 'ok') WHERE seq = 3"
    )
    conn.commit()
    conn.close()
    result = verify(db)
    assert not result.ok and result.first_bad is not None
    assert (result.first_bad.seq, result.first_bad.kind) == (3, "violation_start")
    assert "edited row" in result.first_bad.reason
    assert result.checked == 2
    assert any("records_no_update" in w for w in result.warnings)


def test_edited_time_is_detected(db: Path) -> None:
    conn = raw(db)
    conn.execute("UPDATE records SET t = '2026-11-23T11:00:00.000Z' WHERE seq = 5")
    conn.commit()
    conn.close()
    bad = verify(db).first_bad
    assert bad is not None and (bad.seq, bad.kind) == (5, "disconnected")


def test_rewritten_row_with_recomputed_hash_breaks_the_next_link(db: Path) -> None:
    conn = raw(db)
    seq, sid, kind, t, _payload, snap, prev, _h = conn.execute(
        "SELECT * FROM records WHERE seq = 4").fetchone()
    forged = '{"banned":0,"elapsed_ms":1,"s":"o o o o"}'
    conn.execute("UPDATE records SET payload = ?, hash = ? WHERE seq = 4",
                 (forged, record_hash(seq, sid, kind, t, forged, snap, prev)))
    conn.commit()
    conn.close()
    bad = verify(db).first_bad
    assert bad is not None and bad.seq == 5
    assert "does not link to record 4" in bad.reason


def test_deleted_row_is_a_gap(db: Path) -> None:
    conn = raw(db)
    conn.execute("DELETE FROM records WHERE seq = 5")
    conn.commit()
    conn.close()
    result = verify(db)
    assert result.first_bad is not None
    assert result.first_bad.seq == 5 and result.first_bad.kind is None
    assert "record 5 missing" in result.first_bad.reason
    assert "seq jumps from 4 to 6" in result.first_bad.reason


def test_deleted_newest_rows_are_detected(db: Path) -> None:
    conn = raw(db)
    conn.execute("DELETE FROM records WHERE seq >= 8")
    conn.commit()
    conn.close()
    bad = verify(db).first_bad
    assert bad is not None and bad.seq == 8
    assert "records 8..9 missing" in bad.reason


def test_deleted_first_row_is_detected(db: Path) -> None:
    conn = raw(db)
    conn.execute("DELETE FROM records WHERE seq = 1")
    conn.commit()
    conn.close()
    bad = verify(db).first_bad
    assert bad is not None and bad.seq == 1 and "record 1 missing" in bad.reason


def test_append_after_tail_deletion_keeps_the_gap_visible(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    build_db(path, end=False)
    conn = raw(path)
    conn.execute("DELETE FROM records WHERE seq = 8")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        sid = store.latest_session_id()
        assert sid is not None
        rec = store.append(sid, "correction", {"said": "x", "corrected": "y"})
    assert rec.seq == 9  # seq 8 is never re-issued
    bad = verify(path).first_bad
    assert bad is not None and bad.seq == 8


def test_altered_snapshot_is_detected(db: Path) -> None:
    conn = sqlite3.connect(db)
    sha = conn.execute("SELECT snapshot FROM records WHERE seq = 3").fetchone()[0]
    conn.close()
    file = snapshot_path(db, sha)
    assert file.parent.parent == db.parent / "snapshots"
    file.write_bytes(tiny_jpeg(99))
    bad = verify(db).first_bad
    assert bad is not None and (bad.seq, bad.kind) == (3, "violation_start")
    assert "snapshot file altered" in bad.reason and sha[:2] in bad.reason


def test_missing_snapshot_is_detected(db: Path) -> None:
    for f in (db.parent / "snapshots").rglob("*.jpg"):
        f.unlink()
    bad = verify(db).first_bad
    assert bad is not None and bad.seq == 3 and "snapshot file missing" in bad.reason


def test_snapshot_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        jpeg = tiny_jpeg(5)
        sha = store.add_snapshot(jpeg)
        assert store.add_snapshot(jpeg) == sha
        assert snapshot_path(store.path, sha).read_bytes() == jpeg
        sid = store.start_session("demo", "p", {})
        rec = store.append(sid, "violation_start", {"element": "price"}, snapshot=sha)
        assert rec.snapshot == sha and rec.snapshot_path(store.path) == snapshot_path(
            store.path, sha)
        with pytest.raises(ValueError, match="not a JPEG"):
            store.add_snapshot(b"\x89PNG....")
        with pytest.raises(ValueError, match="not in this store"):
            store.append(sid, "violation_start", {}, snapshot="0" * 64)


def test_purge_anchor_lets_a_chain_start_later(tmp_path: Path) -> None:
    """Simulates the future purge command: prefix deleted, a purge record vouches for it."""
    path = tmp_path / "p.db"
    _sid, recs = build_db(path)
    with Store.open(path) as store:
        sid2 = store.start_session("demo", "p", {})
        store.end_session(sid2)
    conn = raw(path)
    conn.execute("DELETE FROM records WHERE seq <= 9")
    conn.commit()
    conn.close()
    bad = verify(path).first_bad
    assert bad is not None and "records 1..9 missing" in bad.reason
    # The real purge appends this record inside the same transaction (see Store.purge_expired).
    with Store.open(path) as store:
        conn = store._write_conn()
        payload = f'{{"last_hash":"{recs[-1].hash}","through_seq":9}}'
        prev_seq, prev_hash = conn.execute(
            "SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
        t = "2029-12-01T00:00:00.000Z"
        conn.execute(
            "INSERT INTO records VALUES (?, ?, 'purge', ?, ?, NULL, ?, ?)",
            (prev_seq + 1, "purge", t, payload, prev_hash,
             record_hash(prev_seq + 1, "purge", "purge", t, payload, None, prev_hash)),
        )
    assert verify(path).ok


def test_append_validates_kind_session_payload_and_time(tmp_path: Path) -> None:
    with Store.open(tmp_path / "v.db") as store:
        sid = store.start_session("demo", "p", {})
        with pytest.raises(ValueError, match="unknown record kind"):
            store.append(sid, "violaton_start", {})
        with pytest.raises(ValueError, match="Store's own methods"):
            store.append(sid, "session_end", {})
        with pytest.raises(TypeError):
            store.append(sid, "sample", ["not", "a", "dict"])  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            store.append(sid, "sample", {"x": float("nan")})
        with pytest.raises(ValueError, match="timezone-aware"):
            store.append(sid, "sample", {}, t=datetime(2026, 1, 1))
        with pytest.raises(StoreError, match="unknown session"):
            store.append("nope", "sample", {})
        store.end_session(sid, {"n": 0})
        with pytest.raises(StoreError, match="has ended"):
            store.append(sid, "sample", {})
        with pytest.raises(StoreError, match="has ended"):
            store.end_session(sid)
        with pytest.raises(ValueError, match="unknown record kind"):
            list(store.records(sid, ["nope"]))
    assert verify(tmp_path / "v.db").ok


def test_sessions_listing_and_queries(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    sid1, _ = build_db(path)
    with Store.open(path) as store:
        sid2 = store.start_session("obs", "kuaishou", {}, t=T0 + timedelta(hours=1))
        store.sample(sid2, statuses="o o o o", banned=1, elapsed_ms=90,
                     t=T0 + timedelta(hours=1, seconds=3))
        assert sid1 < sid2  # ids sort by start time
        assert sid2.startswith("20261123-130000-")
        infos = store.sessions()
        assert [s.id for s in infos] == [sid1, sid2]
        first, second = infos
        assert (first.source, first.profile, first.violations) == ("demo", "douyin-default", 1)
        assert first.end == T0 + timedelta(seconds=8)
        assert second.end is None and second.last_t == T0 + timedelta(hours=1, seconds=3)
        assert store.latest_session_id() == sid2
        kinds = [r.kind for r in store.records(sid1, ["disconnected", "reconnected"])]
        assert kinds == ["disconnected", "reconnected"]
        assert store.count(sid1) == 9 and store.violations_count(sid1) == 1
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT element, article FROM violations_v").fetchall() == [
            ("ad_label", "000 第十五条")]
        assert conn.execute(
            "SELECT kind, gap_s FROM source_events_v WHERE kind = 'reconnected'"
        ).fetchall() == [("reconnected", 3.0)]
        conn.close()


def test_readonly_store_refuses_writes(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.start_session("demo", "p", {})
        with pytest.raises(StoreError, match="read-only"):
            store.add_snapshot(tiny_jpeg())


def test_payload_accepts_numpy_and_datetime_values(tmp_path: Path) -> None:
    """What the monitor hands over (float32 confidences, wall times) must not crash a write."""
    import numpy as np

    path = tmp_path / "n.db"
    with Store.open(path) as store:
        sid = store.start_session("demo", "p", {})
        rec = store.violation_start(
            sid, element="price", requirement="P1", rule="r", article="a", status="missing",
            confidence=np.float32(0.8125), t=T0, box=np.array([1, 2, 3, 4]), since=T0,
        )
        assert rec.payload["confidence"] == 0.812
        assert rec.payload["box"] == [1, 2, 3, 4]
        assert rec.payload["since"] == "2026-11-23T12:00:00.000Z"
        with pytest.raises(TypeError, match="not JSON-serialisable"):
            store.append(sid, "sample", {"x": object()})
        store.source_event(sid, "reconnected", detail="obs", data={"gap_s": 4.5})
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT gap_s FROM source_events_v").fetchall() == [(4.5,)]
    conn.close()
    assert verify(path).ok
