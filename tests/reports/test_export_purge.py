"""Export (what an inspector receives) and the retention purge (the only way to delete)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.reports import RenderError, drive
from app.reports.export import export_session
from app.store import Store, StoreError, verify
from app.store.records import now_utc, record_hash
from app.store.snapshots import file_sha256
from tests.reports.conftest import copy_store

JPEG = b"\xff\xd8\xff\xe0" + b"old evidence"


def test_export_folder_is_complete_and_self_checking(small_store: tuple[Path, str],
                                                     tmp_path: Path) -> None:
    db, sid = small_store
    out = tmp_path / "exp"
    result = drive(export_session(db, sid, out, pdf=False))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["session"] == sid and manifest["verify"]["ok"] and result.chain_ok
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert {"report.html", "records.csv", "records.jsonl"} <= set(listed)
    for rel, sha in listed.items():
        assert file_sha256(out / rel) == sha
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) == len(listed)
    with Store.open(db, readonly=True) as store:
        snaps = {r.snapshot for r in store.records(sid) if r.snapshot}
        n_records = store.count(sid)
    assert {f"snapshots/{s}.jpg" for s in snaps} <= set(listed)
    # The report links the copies beside it, not the studio PC's store.
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f'href="snapshots/{next(iter(snaps))}.jpg"' in html and "file://" not in html
    # Every record can be re-hashed from the export alone, with the documented rule.
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == n_records == manifest["records"]
    for line in lines:
        r = json.loads(line)
        assert record_hash(r["seq"], r["session_id"], r["kind"], r["t"], r["payload_text"],
                           r["snapshot"], r["prev_hash"]) == r["hash"]
    assert manifest["pdf"] is None


def test_export_zip_and_refusals(small_store: tuple[Path, str], tmp_path: Path) -> None:
    db, sid = small_store
    out = tmp_path / "handover.zip"
    drive(export_session(db, sid, out, lang="en", pdf=False))
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert f"{sid}/manifest.json" in names and f"{sid}/report.html" in names
        manifest = json.loads(zf.read(f"{sid}/manifest.json"))
        assert manifest["data_sha256"] and zf.testzip() is None
    with pytest.raises(RenderError, match="already exists"):
        drive(export_session(db, sid, out, pdf=False))
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "old.txt").write_text("x")
    with pytest.raises(RenderError, match="not an empty folder"):
        drive(export_session(db, sid, busy, pdf=False))


# ---------------------------------------------------------------------------------- purge

def _session(store: Store, start: datetime, minutes: int, snapshot: bytes | None) -> str:
    sid = store.start_session("demo", "default", t=start)
    store.violation_start(sid, element="ad_label", requirement="V1", rule="V1",
                          article="000 第十条5", status="missing", confidence=0.0,
                          snapshot=snapshot, t=start + timedelta(minutes=1))
    store.sample(sid, statuses="o-oo", banned=0, elapsed_ms=5,
                 t=start + timedelta(minutes=2))
    store.end_session(sid, t=start + timedelta(minutes=minutes))
    return sid


def years_ago(years: float) -> datetime:
    return now_utc() - timedelta(days=365.25 * years)


def make_store(db: Path) -> tuple[str, str, str]:
    with Store.open(db) as store:
        a = _session(store, years_ago(5), 30, JPEG + b"a")
        b = _session(store, years_ago(4), 30, JPEG + b"b")
        c = _session(store, years_ago(1), 30, JPEG + b"c")
    return a, b, c


def test_purge_deletes_old_sessions_records_it_and_keeps_the_chain_verifiable(
        tmp_path: Path) -> None:
    db = tmp_path / "lc.db"
    a, b, c = make_store(db)
    with Store.open(db) as store:
        old_snaps = {r.snapshot for s in (a, b) for r in store.records(s) if r.snapshot}
        young_snap = next(r.snapshot for r in store.records(c) if r.snapshot)
        assert store.purge_preview(years_ago(3.5))[1] == [a, b]
        deleted = store.purge_expired(years_ago(3.5), operator="王芳", reason="到期")
        assert deleted == 8
        assert [s.id for s in store.sessions()] == [c]
        purge = list(store.records("purge", ["purge"]))
    result = verify(db)
    assert result.ok, result.first_bad
    assert purge[0].payload["sessions"] == [a, b] and purge[0].payload["operator"] == "王芳"
    assert purge[0].payload["through_seq"] == 8
    for sha in old_snaps:
        assert not (tmp_path / "snapshots" / sha[:2] / f"{sha}.jpg").exists()
    assert (tmp_path / "snapshots" / young_snap[:2] / f"{young_snap}.jpg").exists()
    # The append-only trigger is back, exactly as before.
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM records WHERE seq = 9")
    conn.close()


def test_purge_refuses_anything_younger_than_three_years(tmp_path: Path) -> None:
    db = tmp_path / "lc.db"
    make_store(db)
    with Store.open(db) as store:
        before = store.count()
        with pytest.raises(StoreError, match="refused"):
            store.purge_expired(years_ago(2.9), operator="x", reason="y")
        with pytest.raises(ValueError, match="operator"):
            store.purge_expired(years_ago(4), operator=" ", reason="y")
        assert store.count() == before


def test_purge_stops_at_a_young_session_interleaved_with_an_old_one(tmp_path: Path) -> None:
    db = tmp_path / "lc.db"
    with Store.open(db) as store:
        old = store.start_session("demo", "default", t=years_ago(5))
        young = store.start_session("demo", "default", t=years_ago(5) + timedelta(minutes=1))
        store.end_session(old, t=years_ago(5) + timedelta(minutes=2))
        store.end_session(young, t=years_ago(1))  # ran for years: not expired
        assert store.purge_preview(years_ago(4)) == (0, [])
        assert store.purge_expired(years_ago(4), operator="x", reason="y") == 0
        assert {s.id for s in store.sessions()} == {old, young}
        # The run is still recorded.
        assert store.count("purge", "purge") == 1
    assert verify(db).ok


def test_second_purge_carries_the_first_forward(tmp_path: Path) -> None:
    db = tmp_path / "lc.db"
    with Store.open(db) as store:
        a = _session(store, years_ago(6), 10, None)
        b = _session(store, years_ago(3.2), 10, None)
        store.purge_expired(years_ago(5), operator="one", reason="first")
        c = _session(store, years_ago(0.1), 10, None)
        store.purge_expired(years_ago(3.1), operator="two", reason="second")
        assert [s.id for s in store.sessions()] == [c]
        purges = [r.payload for r in store.records("purge", ["purge"])]
    assert [p["operator"] for p in purges] == ["two"]
    assert purges[0]["previous_purges"][0]["sessions"] == [a]
    assert purges[0]["sessions"] == [b]
    assert verify(db).ok


def test_purged_store_still_reports(tmp_path: Path) -> None:
    db = tmp_path / "lc.db"
    _a, _b, c = make_store(db)
    with Store.open(db) as store:
        store.purge_expired(years_ago(3.5), operator="x", reason="y")
    from app.reports import load_report

    data = drive(load_report(db, "latest"))
    assert data.header.session_id == c and data.integrity.ok


def test_verify_rejects_a_prefix_deleted_without_a_purge_record(small_store: tuple[Path, str],
                                                                tmp_path: Path) -> None:
    db = copy_store(small_store[0], tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER records_no_delete")
    conn.execute("DELETE FROM records WHERE seq <= 3")
    conn.commit()
    conn.close()
    assert not verify(db).ok
