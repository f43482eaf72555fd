"""The evidence store: an append-only, hash-chained SQLite file per studio.

Threading: the monitor appends from its worker thread while the UI reads. All writes go
through one writer connection guarded by a lock; each thread that reads gets its own read-only
connection (WAL lets readers see the last commit without blocking the writer). Several
processes may also write the same file: every append re-reads the chain's tail inside
``BEGIN IMMEDIATE``, so the chain stays linear.

Durability: each append is its own transaction with ``synchronous=FULL``; when ``append``
returns, the record survives a kill -9 or a power cut. A crash loses at most the record being
appended at that moment, and the database opens clean afterwards (SQLite's WAL recovery).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from app import __version__
from app.paths import default_db_path
from app.store import schema
from app.store.errors import StoreError
from app.store.kinds import KINDS, RESERVED_KINDS, VIOLATION_KIND
from app.store.records import (
    GENESIS,
    Record,
    SessionInfo,
    canonical_json,
    format_t,
    now_utc,
    parse_t,
    record_hash,
)
from app.store.snapshots import SHA256_RE, snapshot_path, write_snapshot

_COLUMNS = "seq, session_id, kind, t, payload, snapshot, prev_hash, hash"
#: Records are kept at least this many calendar years (REQUIREMENTS D; 001 第三十五条 etc.).
RETENTION_YEARS = 3
#: ``session_id`` of ``purge`` records (no session_start: it never lists as a session).
PURGE_SESSION = "purge"


def retention_cutoff(now: datetime) -> datetime:
    """The newest ``before`` a purge accepts: ``now`` minus 3 calendar years (29 Feb → 28)."""
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


def _row_to_record(row: tuple[Any, ...]) -> Record:
    seq, session_id, kind, t, payload, snapshot, prev_hash, hash_ = row
    return Record(seq, session_id, kind, parse_t(t), json.loads(payload), snapshot, prev_hash,
                  hash_)


def new_session_id(t: datetime) -> str:
    """Sortable id: UTC start time plus 4 random hex digits, e.g. ``20261123-154501-3fa2``.

    UTC so ids sort in start order across DST changes and PCs in different time zones.
    """
    return f"{t.astimezone(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


class Store:
    """Append and read evidence records. Open with ``Store.open``; close (or use ``with``)."""

    def __init__(self, path: Path, writer: sqlite3.Connection | None) -> None:
        """Use ``Store.open``; this only wires up an already checked connection."""
        self.path = path
        self._writer = writer
        self._lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._ended: dict[str, bool] = {}  # session id -> has ended (cache of the writer)
        self.backup_made: Path | None = None
        self._closed = False

    # ------------------------------------------------------------------ opening / closing

    @classmethod
    def open(cls, path: Path | str | None = None, *, readonly: bool = False) -> Store:
        """Open (creating and migrating if needed) the database at ``path``.

        ``readonly=True`` never creates or migrates anything: for listings, reports and tools
        that must not touch evidence. Raises ``StoreError`` with a readable message for a
        missing file (read-only), a directory, a non-SQLite or foreign SQLite file, a database
        from a newer version, a locked or unwritable path.
        """
        p = Path(path).expanduser() if path is not None else default_db_path()
        if p.is_dir():
            raise StoreError(f"{p} is a directory; give the path of a .db file")
        if readonly:
            if not p.exists():
                raise StoreError(f"no database at {p}")
            conn = schema.connect(p, readonly=True)
            try:
                version = schema.check_ours(conn, p)
                if version != schema.SCHEMA_VERSION:
                    raise StoreError(
                        f"{p} is schema v{version}; open it once with LiveComply (not read-only) "
                        f"to migrate it to v{schema.SCHEMA_VERSION}"
                    )
            finally:
                conn.close()
            return cls(p, None)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {p}: {exc.strerror}") from exc
        if p.exists() and p.stat().st_size > 0:
            # Check before connect() switches the journal mode: never write to a foreign file.
            probe = schema.connect(p, readonly=True)
            try:
                schema.check_ours(probe, p, allow_empty=True)
            finally:
                probe.close()
        conn = schema.connect(p, readonly=False)
        try:
            made = schema.migrate(conn, p)
        except BaseException:
            conn.close()
            raise
        store = cls(p, conn)
        store.backup_made = made
        return store

    def close(self) -> None:
        """Close every connection this store opened (reader connections of all threads too)."""
        if self._closed:
            return
        self._closed = True
        # Readers first: the last connection to close checkpoints the WAL into the main file
        # and removes it, and only the writer can do that (readers are read-only).
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None

    def __enter__(self) -> Self:
        """Use as ``with Store.open(path) as store:``."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close on leaving the block."""
        self.close()

    def _reader(self) -> sqlite3.Connection:
        """This thread's own read-only connection (sqlite3 connections are not shareable)."""
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = schema.connect(self.path, readonly=True)
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    # ------------------------------------------------------------------ writing

    def _write_conn(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        if self._writer is None:
            raise StoreError(f"{self.path} was opened read-only")
        return self._writer

    def _append_locked(
        self,
        session_id: str,
        kind: str,
        payload_text: str,
        t_text: str,
        snapshot: str | None,
        *,
        new_session: bool = False,
    ) -> Record:
        """Insert one record in its own transaction; the caller holds ``self._lock``."""
        conn = self._write_conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if new_session:
                    if self._session_state(conn, session_id) is not None:
                        raise StoreError(f"session {session_id} already exists")
                else:
                    ended = self._session_state(conn, session_id)
                    if ended is None:
                        raise StoreError(f"unknown session {session_id!r}; start_session first")
                    if ended:
                        raise StoreError(f"session {session_id} has ended; start a new one")
                row = conn.execute(
                    "SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1"
                ).fetchone()
                prev_hash = row[1] if row else GENESIS
                issued = conn.execute(
                    "SELECT seq FROM sqlite_sequence WHERE name = 'records'"
                ).fetchone()
                seq = max(issued[0] if issued else 0, row[0] if row else 0) + 1
                digest = record_hash(seq, session_id, kind, t_text, payload_text, snapshot,
                                     prev_hash)
                conn.execute(
                    f"INSERT INTO records ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (seq, session_id, kind, t_text, payload_text, snapshot, prev_hash, digest),
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # a failed COMMIT may already have rolled back
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise schema.friendly_error(self.path, exc) from exc
        if kind == "session_start":
            self._ended[session_id] = False
        elif kind == "session_end":
            self._ended[session_id] = True
        return Record(seq, session_id, kind, parse_t(t_text), json.loads(payload_text), snapshot,
                      prev_hash, digest)

    def _session_state(self, conn: sqlite3.Connection, session_id: str) -> bool | None:
        """None: no such session; False: open; True: ended. Cached once seen open."""
        cached = self._ended.get(session_id)
        if cached is not None:
            return cached
        kinds = {
            k for (k,) in conn.execute(
                "SELECT kind FROM records WHERE session_id = ? AND kind IN "
                "('session_start', 'session_end')",
                (session_id,),
            )
        }
        if "session_start" not in kinds:
            return None
        ended = "session_end" in kinds
        self._ended[session_id] = ended
        return ended

    def _snapshot_ref(self, snapshot: bytes | str | None) -> str | None:
        if snapshot is None:
            return None
        if isinstance(snapshot, str):
            if not SHA256_RE.fullmatch(snapshot):
                raise ValueError(f"snapshot must be JPEG bytes or a SHA-256 hex, not {snapshot!r}")
            if not snapshot_path(self.path, snapshot).exists():
                raise ValueError(f"snapshot {snapshot} is not in this store; use add_snapshot")
            return snapshot
        return self.add_snapshot(snapshot)

    def start_session(
        self, source: str, profile: str, meta: dict[str, Any] | None = None,
        t: datetime | None = None,
    ) -> str:
        """Begin a session and return its id (``20261123-154501-3fa2``)."""
        when = t or now_utc()
        t_text = format_t(when)
        payload = canonical_json(
            {"source": source, "profile": profile, "meta": meta or {}, "app_version": __version__}
        )
        with self._lock:
            for _ in range(10):
                sid = new_session_id(when)
                try:
                    self._append_locked(sid, "session_start", payload, t_text, None,
                                        new_session=True)
                except StoreError as exc:
                    if "already exists" in str(exc):
                        continue
                    raise
                return sid
        raise StoreError("could not allocate a unique session id")  # pragma: no cover

    def end_session(
        self, session_id: str, summary: dict[str, Any] | None = None, t: datetime | None = None
    ) -> Record:
        """End a session; no record can be appended to it afterwards."""
        payload = canonical_json({"summary": summary or {}})
        with self._lock:
            return self._append_locked(session_id, "session_end", payload,
                                       format_t(t or now_utc()), None)

    def append(
        self,
        session_id: str,
        kind: str,
        payload: dict[str, Any] | None = None,
        t: datetime | None = None,
        snapshot: bytes | str | None = None,
    ) -> Record:
        """Append one record (own transaction, durable on return) and return it.

        ``kind`` must be in ``KINDS`` (session and purge kinds have their own methods);
        ``payload`` a JSON-serialisable dict; ``t`` a timezone-aware time (default: now);
        ``snapshot`` JPEG bytes (stored first) or the hex returned by ``add_snapshot``.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown record kind {kind!r}; register it in app.store.kinds")
        if kind in RESERVED_KINDS:
            raise ValueError(f"{kind!r} records are written by the Store's own methods")
        if payload is None:
            payload = {}
        if not isinstance(payload, dict):
            raise TypeError(f"payload must be a dict, not {type(payload).__name__}")
        payload_text = canonical_json(payload)
        t_text = format_t(t or now_utc())
        self._write_conn()
        sha = self._snapshot_ref(snapshot)  # file durable before the record that names it
        with self._lock:
            return self._append_locked(session_id, kind, payload_text, t_text, sha)

    def add_snapshot(self, jpeg: bytes) -> str:
        """Store a JPEG beside the database; return its SHA-256 hex. Idempotent."""
        self._write_conn()
        try:
            return write_snapshot(self.path, jpeg)
        except OSError as exc:
            raise StoreError(f"cannot write snapshot beside {self.path}: {exc.strerror}") from exc

    # Typed helpers: one place that spells each payload, so monitor and reports agree.

    def violation_start(
        self, session_id: str, *, element: str, requirement: str, rule: str, article: str,
        status: str, confidence: float, snapshot: bytes | str | None = None,
        t: datetime | None = None, **extra: Any,
    ) -> Record:
        """An element became non-compliant; ``snapshot`` is the frame that shows it."""
        payload = {"element": element, "requirement": requirement, "rule": rule,
                   "article": article, "status": status, "confidence": round(float(confidence), 3),
                   **extra}
        return self.append(session_id, "violation_start", payload, t, snapshot)

    def violation_end(
        self, session_id: str, *, element: str, requirement: str, duration_s: float,
        t: datetime | None = None, **extra: Any,
    ) -> Record:
        """The element became compliant again after ``duration_s`` seconds."""
        payload = {"element": element, "requirement": requirement,
                   "duration_s": round(float(duration_s), 3), **extra}
        return self.append(session_id, "violation_end", payload, t)

    def sample(
        self, session_id: str, *, statuses: str | dict[str, str], banned: int, elapsed_ms: int,
        t: datetime | None = None, **extra: Any,
    ) -> Record:
        """The compact summary of one sampled frame (never one row per OCR box)."""
        payload = {"s": statuses, "banned": banned, "elapsed_ms": elapsed_ms, **extra}
        return self.append(session_id, "sample", payload, t)

    def source_event(
        self, session_id: str, kind: str, *, detail: str = "",
        data: dict[str, Any] | None = None, t: datetime | None = None, **extra: Any,
    ) -> Record:
        """connected / disconnected (gap start) / reconnected (gap end) / scene_changed / …"""
        payload = {"detail": detail, "data": data or {}, **extra}
        return self.append(session_id, kind, payload, t)

    def purge_expired(self, before: datetime, *, operator: str, reason: str) -> int:
        """Delete the oldest sessions once the retention period allows; return records deleted.

        The only way records leave the store (REQUIREMENTS D: kept at least 3 years, then
        purged only by an explicit action). Contract:

        * ``before`` must lie at least ``RETENTION_YEARS`` (3 calendar years) in the past, else
          ``StoreError`` and nothing happens; ``operator`` and ``reason`` must be given.
        * Only whole sessions whose end (``session_end``; for a crashed session its last record)
          is before ``before`` go, and only as a prefix of the chain: records ``seq <= N`` where
          every record up to N belongs to such a session and no such session continues past N.
          The first younger record stops the purge, so the rest of the chain stays verifiable.
        * In ONE transaction: drop ``records_no_delete``, delete ``seq <= N``, re-create the
          trigger from its own stored SQL (so it is exactly what the schema made), and append a
          ``purge`` record ``{through_seq: N, last_hash, before, reason, operator, deleted,
          sessions, previous_purges}`` that vouches for the chain starting at N + 1
          (``verify`` checks that). Earlier ``purge`` records inside the prefix are carried
          forward in ``previous_purges``, so the history of purges is never lost. A run that
          finds nothing to delete is recorded as well (``deleted: 0``).
        * Afterwards, snapshot files referenced only by deleted records are removed.
        """
        operator, reason = operator.strip(), reason.strip()
        if not operator or not reason:
            raise ValueError("a purge needs the operator's name and a reason")
        now = now_utc()
        cutoff = retention_cutoff(now)
        if before.tzinfo is None or before.utcoffset() is None:
            raise ValueError("before must be timezone-aware")
        if before > cutoff:
            raise StoreError(
                f"refused: records are kept at least {RETENTION_YEARS} years; --before must be "
                f"on or before {format_t(cutoff)[:10]} (asked for {format_t(before)[:10]})"
            )
        before_text = format_t(before)
        deleted_shas: set[str] = set()
        with self._lock:
            conn = self._write_conn()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    n, sessions, previous = self._purge_prefix(conn, before)
                    if not sessions:  # only earlier purge records: nothing to delete
                        n, previous = 0, []
                    row = conn.execute(
                        "SELECT seq, prev_hash FROM records ORDER BY seq LIMIT 1").fetchone()
                    if n:
                        last_hash = conn.execute(
                            "SELECT hash FROM records WHERE seq = ?", (n,)).fetchone()[0]
                    elif row is not None:  # nothing to delete: vouch for the current start
                        n, last_hash = row[0] - 1, row[1]
                    else:
                        last_hash = GENESIS
                    deleted = 0
                    if sessions:
                        deleted_shas = {
                            sha for (sha,) in conn.execute(
                                "SELECT DISTINCT snapshot FROM records "
                                "WHERE seq <= ? AND snapshot IS NOT NULL", (n,))
                        }
                        trigger_sql = conn.execute(
                            "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                            "AND name = 'records_no_delete'").fetchone()
                        if trigger_sql is None:
                            raise StoreError(
                                f"{self.path}: the append-only trigger records_no_delete is "
                                "missing (removed outside LiveComply); run verify")
                        conn.execute("DROP TRIGGER records_no_delete")
                        deleted = conn.execute(
                            "DELETE FROM records WHERE seq <= ?", (n,)).rowcount
                        conn.execute(trigger_sql[0])
                    payload = canonical_json({
                        "through_seq": n, "last_hash": last_hash, "before": before_text,
                        "reason": reason, "operator": operator, "deleted": deleted,
                        "sessions": sessions, "previous_purges": previous,
                        "app_version": __version__,
                    })
                    tail = conn.execute(
                        "SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
                    issued = conn.execute(
                        "SELECT seq FROM sqlite_sequence WHERE name = 'records'").fetchone()
                    # After deleting everything the tail is the last deleted record's hash.
                    prev_hash = tail[1] if tail else last_hash
                    seq = max(issued[0] if issued else 0, tail[0] if tail else 0) + 1
                    t_text = format_t(now)
                    digest = record_hash(seq, PURGE_SESSION, "purge", t_text, payload, None,
                                         prev_hash)
                    conn.execute(
                        f"INSERT INTO records ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (seq, PURGE_SESSION, "purge", t_text, payload, None, prev_hash, digest),
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise schema.friendly_error(self.path, exc) from exc
            for sid in sessions:
                self._ended.pop(sid, None)
        self._remove_unreferenced(deleted_shas)
        return deleted

    def purge_preview(self, before: datetime) -> tuple[int, list[str]]:
        """What ``purge_expired(before)`` would delete now: (through seq, session ids); no write."""
        n, sessions, _previous = self._purge_prefix(self._reader(), before)
        return (n, sessions) if sessions else (0, [])

    @staticmethod
    def _purge_prefix(
        conn: sqlite3.Connection, before: datetime
    ) -> tuple[int, list[str], list[dict[str, Any]]]:
        """The longest purgeable chain prefix: (N, its session ids, earlier purge payloads)."""
        ends: dict[str, tuple[str | None, str, int]] = {}  # sid -> (end t, last t, last seq)
        for sid, end_t, last_t, last_seq in conn.execute(
            "SELECT session_id, max(CASE WHEN kind = 'session_end' THEN t END), max(t), "
            "max(seq) FROM records GROUP BY session_id"
        ):
            ends[sid] = (end_t, last_t, last_seq)
        before_text = format_t(before)
        n = 0
        need = 0
        seen: list[str] = []
        chosen: list[str] = []
        previous: list[dict[str, Any]] = []
        pending_purges: list[dict[str, Any]] = []
        for seq, sid, kind, payload in conn.execute(
            "SELECT seq, session_id, kind, payload FROM records ORDER BY seq"
        ):
            if kind == "purge":
                pending_purges.append(json.loads(payload))
            else:
                end_t, last_t, last_seq = ends[sid]
                # ISO-8601 UTC text with fixed width compares like the times it spells.
                if (end_t or last_t) >= before_text:
                    break
                if sid not in seen:
                    seen.append(sid)
                need = max(need, last_seq)
            if seq >= need:  # every session met so far is complete up to here
                n = seq
                chosen = list(seen)
                previous.extend(pending_purges)
                pending_purges = []
        return n, chosen, previous

    def _remove_unreferenced(self, shas: set[str]) -> None:
        """Delete snapshot files of purged records that no remaining record references."""
        if not shas:
            return
        conn = self._reader()
        for sha in sorted(shas):
            if conn.execute("SELECT 1 FROM records WHERE snapshot = ? LIMIT 1",
                            (sha,)).fetchone() is None:
                # A locked file (a viewer on Windows) stays; nothing references it any more.
                with contextlib.suppress(OSError):
                    snapshot_path(self.path, sha).unlink(missing_ok=True)

    # ------------------------------------------------------------------ reading

    def sessions(self) -> list[SessionInfo]:
        """All sessions, oldest first, with their violation counts."""
        rows = self._reader().execute(
            'SELECT id, start, "end", source, profile, violations, last_t '
            "FROM sessions_v ORDER BY start_seq"
        ).fetchall()
        return [
            SessionInfo(r[0], parse_t(r[1]), parse_t(r[2]) if r[2] else None, r[3] or "",
                        r[4] or "", int(r[5]), parse_t(r[6]))
            for r in rows
        ]

    def records(self, session_id: str, kinds: Iterable[str] | None = None) -> Iterator[Record]:
        """A session's records in write order, optionally only some kinds.

        Consume the iterator promptly: an open read keeps WAL checkpoints from finishing.
        """
        conn = self._reader()
        if kinds is None:
            cur = conn.execute(
                f"SELECT {_COLUMNS} FROM records WHERE session_id = ? ORDER BY seq",
                (session_id,),
            )
        else:
            wanted = list(dict.fromkeys(kinds))
            unknown = [k for k in wanted if k not in KINDS]
            if unknown:
                raise ValueError(f"unknown record kind(s): {', '.join(unknown)}")
            if not wanted:
                return
            marks = ", ".join("?" * len(wanted))
            cur = conn.execute(
                f"SELECT {_COLUMNS} FROM records WHERE session_id = ? AND kind IN ({marks}) "
                "ORDER BY seq",
                (session_id, *wanted),
            )
        for row in cur:
            yield _row_to_record(row)

    def latest_session_id(self) -> str | None:
        """The most recently started session, or None for an empty store."""
        row = self._reader().execute(
            "SELECT session_id FROM records WHERE kind = 'session_start' "
            "ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def count(self, session_id: str | None = None, kind: str | None = None) -> int:
        """How many records (optionally of one session and/or kind) — cheap, index-backed."""
        sql, args = "SELECT count(*) FROM records WHERE 1", []
        if session_id is not None:
            sql, args = sql + " AND session_id = ?", [*args, session_id]
        if kind is not None:
            sql, args = sql + " AND kind = ?", [*args, kind]
        return int(self._reader().execute(sql, args).fetchone()[0])

    def violations_count(self, session_id: str) -> int:
        """Violations (``violation_start`` records) in a session."""
        return self.count(session_id, VIOLATION_KIND)
