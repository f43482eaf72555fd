"""``verify``: re-compute the hash chain and snapshot hashes of an evidence database.

It opens the file read-only and walks ``records`` in ``seq`` order, stopping at the first
problem, which it names by seq, kind and reason:

* a gap in ``seq`` (a deleted row — or, at the end, deleted newest rows, detected through
  ``sqlite_sequence`` which remembers the highest seq ever issued);
* a row whose contents no longer match its own hash (an edited row);
* a row whose ``prev_hash`` is not the previous row's hash (a row rewritten *with* a new hash,
  or one inserted);
* a referenced snapshot file that is missing or whose content hash differs from its name.

Limits, stated plainly: the chain has no secret key, so someone who rewrites every hash from
the edit onwards and also edits ``sqlite_sequence`` is not caught by the file alone. The
defence is an anchor outside the file: ``VerifyResult.head_hash`` — print it in reports and
exports, and a later ``verify`` showing the same record with a different hash proves a rewrite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.store import schema
from app.store.errors import StoreError
from app.store.records import GENESIS, record_hash
from app.store.snapshots import file_sha256, snapshot_path

APPEND_ONLY_TRIGGERS = ("records_no_update", "records_no_delete")


@dataclass(frozen=True, slots=True)
class BadRecord:
    """The first broken record: ``kind`` is None when the row itself is gone."""

    seq: int
    kind: str | None
    reason: str

    def __str__(self) -> str:
        """``seq 5 (violation_start): edited row: …``."""
        return f"seq {self.seq} ({self.kind or 'deleted'}): {self.reason}"


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """``ok`` when every record and snapshot checks out; else ``first_bad`` says where not."""

    ok: bool
    checked: int  # records verified intact (before the first bad one)
    first_bad: BadRecord | None
    snapshots: int = 0  # distinct snapshot files verified
    head_seq: int | None = None  # newest record checked (the anchor to print in reports)
    head_hash: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """For ``livecomply verify --json``."""
        bad = self.first_bad
        return {
            "ok": self.ok,
            "checked": self.checked,
            "snapshots": self.snapshots,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "first_bad": None if bad is None else {
                "seq": bad.seq, "kind": bad.kind, "reason": bad.reason
            },
            "warnings": self.warnings,
        }


def _gap(first_missing: int, last_missing: int, why: str) -> str:
    span = (f"record {first_missing}" if first_missing == last_missing
            else f"records {first_missing}..{last_missing}")
    return f"{span} missing ({why})"


def verify(
    path: Path | str, on_progress: Callable[[int, int], None] | None = None
) -> VerifyResult:
    """Check the database at ``path``; raise ``StoreError`` if it is not a LiveComply database.

    ``on_progress(done, total)`` is called every 10 000 records so a UI can show progress on a
    three-year database.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise StoreError(f"no database at {p}")
    if p.is_dir():
        raise StoreError(f"{p} is a directory; give the path of a .db file")
    conn = schema.connect(p, readonly=True)
    try:
        schema.check_ours(conn, p)
        try:
            return _walk(conn, p, on_progress)
        except sqlite3.DatabaseError as exc:
            return VerifyResult(False, 0, BadRecord(0, None, f"database file damaged: {exc}"))
    finally:
        conn.close()


def _walk(
    conn: sqlite3.Connection, db_path: Path, on_progress: Callable[[int, int], None] | None
) -> VerifyResult:
    warnings = [
        f"append-only trigger {name} is missing: it was removed outside LiveComply"
        for name in APPEND_ONLY_TRIGGERS
        if conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone() is None
    ]
    total = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    issued_row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'records'").fetchone()
    issued = int(issued_row[0]) if issued_row else 0
    # Purge records vouch for a chain that starts after a retention purge: through_seq -> hash.
    anchors: dict[int, str] = {
        int(n): str(h)
        for n, h in conn.execute(
            "SELECT json_extract(payload, '$.through_seq'), json_extract(payload, '$.last_hash') "
            "FROM records WHERE kind = 'purge'"
        )
        if n is not None and h is not None
    }
    good_snapshots: set[str] = set()
    checked = 0
    prev_seq: int | None = None
    prev_hash = GENESIS

    def result(bad: BadRecord | None) -> VerifyResult:
        return VerifyResult(bad is None, checked, bad, len(good_snapshots), prev_seq,
                            prev_hash if prev_seq is not None else None, warnings)

    rows = conn.execute(
        "SELECT seq, session_id, kind, t, payload, snapshot, prev_hash, hash "
        "FROM records ORDER BY seq"
    )
    for seq, session_id, kind, t, payload, snapshot, stored_prev, stored_hash in rows:
        if prev_seq is None:
            if seq != 1:
                if anchors.get(seq - 1) != stored_prev:
                    return result(BadRecord(1, None, _gap(
                        1, seq - 1, f"deleted rows before the first record, seq {seq}")))
                prev_hash = stored_prev  # a purge record vouches for this starting point
        elif seq != prev_seq + 1:
            return result(BadRecord(prev_seq + 1, None, _gap(
                prev_seq + 1, seq - 1, f"deleted row; seq jumps from {prev_seq} to {seq}")))
        if stored_prev != prev_hash:
            what = (f"does not link to record {prev_seq}: that record was rewritten with a new "
                    "hash, or this row's prev_hash was edited") if prev_seq is not None else \
                "first record does not start the chain (prev_hash is not the genesis value)"
            return result(BadRecord(seq, kind, f"chain broken: {what}"))
        if record_hash(seq, session_id, kind, t, payload, snapshot, stored_prev) != stored_hash:
            return result(BadRecord(seq, kind,
                                    "edited row: its stored contents do not match its hash"))
        if snapshot is not None and snapshot not in good_snapshots:
            try:
                file = snapshot_path(db_path, snapshot)
            except ValueError:
                return result(BadRecord(seq, kind, f"bad snapshot reference {snapshot!r}"))
            rel = file.relative_to(db_path.parent).as_posix()
            if not file.is_file():
                return result(BadRecord(seq, kind, f"snapshot file missing: {rel}"))
            actual = file_sha256(file)
            if actual != snapshot:
                return result(BadRecord(
                    seq, kind, f"snapshot file altered: {rel} now hashes to {actual[:12]}…"))
            good_snapshots.add(snapshot)
        checked += 1
        prev_seq, prev_hash = seq, stored_hash
        if on_progress is not None and checked % 10_000 == 0:
            on_progress(checked, total)
    last = prev_seq or 0
    if issued > last:
        return result(BadRecord(last + 1, None, _gap(
            last + 1, issued, f"newest rows deleted; seq {issued} was issued")))
    if on_progress is not None:
        on_progress(checked, total)
    return result(None)
