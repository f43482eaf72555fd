"""Schema, connections and ordered migrations of the evidence database.

Design: one append-only ``records`` table holds everything (sessions, source events, findings,
samples, teleprompter records) as ``(seq, session_id, kind, t, payload JSON, snapshot,
prev_hash, hash)``. Why one table rather than a table per kind:

* one hash chain covers every record in write order, so deleting a whole session, a single
  violation or a teleprompter correction all break the same chain;
* the teleprompter's records (R1–R3, reminders, ad segments) fit without a schema change — a new
  kind is a registry entry, not a migration that must touch evidence kept for three years;
* sessions are *derived* (``sessions_v`` from ``session_start``/``session_end`` records) instead
  of a mutable ``sessions`` table, because ending a session would otherwise need an UPDATE — the
  one thing the store forbids. A crashed session simply has no ``session_end``.

Query speed comes from indexes on ``(session_id)`` and ``(kind, session_id)`` (both carry
``seq`` implicitly) and views with the common payload fields extracted by ``json_extract``.

Migrations: ``MIGRATIONS[i]`` takes the database from version ``i`` to ``i + 1``
(``PRAGMA user_version``); each runs in its own transaction. Before migrating a database that
already holds data, a consistent copy is made with SQLite's backup API as
``<name>.bak-v{old}-{UTC timestamp}`` beside it. A migration must never change existing record
rows (that would break their hashes): add tables, columns with defaults, indexes and views.
Snapshot files are content-addressed and never touched by migrations, so they are not copied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from app import __version__
from app.store.errors import StoreError

# PRAGMA application_id marks a file as ours ("LCMP"), so ``verify`` can tell "not a LiveComply
# database" from "a LiveComply database that was tampered with".
APPLICATION_ID = 0x4C434D50
BUSY_TIMEOUT_MS = 5000

Migration = Callable[[sqlite_utils.Database], None]


def _v1_initial(db: sqlite_utils.Database) -> None:
    """Version 1: the records table, its append-only triggers, indexes and query views."""
    # AUTOINCREMENT keeps the highest seq ever issued in sqlite_sequence, so the next append
    # continues after it even if the newest rows were deleted: truncating the tail leaves a
    # permanent, detectable gap instead of being papered over by re-used numbers.
    db.execute(
        """
        CREATE TABLE records (
            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL,
            kind       TEXT NOT NULL,
            t          TEXT NOT NULL,
            payload    TEXT NOT NULL CHECK (json_valid(payload)),
            snapshot   TEXT,
            prev_hash  TEXT NOT NULL,
            hash       TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE schema_migrations (
            version     INTEGER PRIMARY KEY,
            applied_at  TEXT NOT NULL,
            app_version TEXT NOT NULL
        )
        """
    )
    # The purge command (later) is the only code allowed to delete: it drops
    # records_no_delete, deletes, appends a ``purge`` record and re-creates the trigger, all in
    # one transaction. Nothing may ever UPDATE a record.
    db.execute(
        """
        CREATE TRIGGER records_no_update BEFORE UPDATE ON records
        BEGIN SELECT RAISE(ABORT, 'records are append-only: UPDATE is not allowed'); END
        """
    )
    db.execute(
        """
        CREATE TRIGGER records_no_delete BEFORE DELETE ON records
        BEGIN SELECT RAISE(ABORT, 'records are append-only: DELETE only by the retention purge');
        END
        """
    )
    db["records"].create_index(["session_id"], index_name="records_session")
    db["records"].create_index(["kind", "session_id"], index_name="records_kind_session")
    db.execute(
        "CREATE INDEX records_snapshot ON records(snapshot) WHERE snapshot IS NOT NULL"
    )
    db.create_view(
        "sessions_v",
        """
        SELECT s.session_id AS id,
               s.seq AS start_seq,
               s.t AS start,
               (SELECT e.t FROM records e
                 WHERE e.kind = 'session_end' AND e.session_id = s.session_id
                 ORDER BY e.seq LIMIT 1) AS "end",
               json_extract(s.payload, '$.source') AS source,
               json_extract(s.payload, '$.profile') AS profile,
               (SELECT count(*) FROM records v
                 WHERE v.kind = 'violation_start' AND v.session_id = s.session_id) AS violations,
               (SELECT l.t FROM records l WHERE l.session_id = s.session_id
                 ORDER BY l.seq DESC LIMIT 1) AS last_t
          FROM records s
         WHERE s.kind = 'session_start'
        """,
    )
    db.create_view(
        "violations_v",
        """
        SELECT seq, session_id, t,
               json_extract(payload, '$.element') AS element,
               json_extract(payload, '$.requirement') AS requirement,
               json_extract(payload, '$.rule') AS rule,
               json_extract(payload, '$.article') AS article,
               json_extract(payload, '$.status') AS status,
               json_extract(payload, '$.confidence') AS confidence,
               snapshot
          FROM records WHERE kind = 'violation_start'
        """,
    )
    db.create_view(
        "source_events_v",
        """
        SELECT seq, session_id, t, kind,
               json_extract(payload, '$.detail') AS detail,
               coalesce(json_extract(payload, '$.gap_s'),
                        json_extract(payload, '$.data.gap_s')) AS gap_s
          FROM records
         WHERE kind IN ('connected', 'disconnected', 'reconnected', 'scene_changed',
                        'source_error')
        """,
    )
    db.create_view(
        "samples_v",
        """
        SELECT seq, session_id, t,
               json_extract(payload, '$.s') AS statuses,
               json_extract(payload, '$.banned') AS banned,
               json_extract(payload, '$.elapsed_ms') AS elapsed_ms
          FROM records WHERE kind = 'sample'
        """,
    )


# Ordered: index i migrates version i -> i + 1. Never edit a released entry; append a new one.
MIGRATIONS: list[Migration] = [_v1_initial]
SCHEMA_VERSION = len(MIGRATIONS)


def friendly_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """Turn SQLite's terse messages into one line the user can act on."""
    msg = str(exc)
    low = msg.lower()
    if "not a database" in low or "malformed" in low:
        return StoreError(f"{path} is not a SQLite database (wrong file, or damaged)")
    if "locked" in low or "busy" in low:
        return StoreError(f"{path} is locked by another program; close it and try again")
    if "unable to open" in low or "readonly" in low or "read-only" in low:
        return StoreError(
            f"cannot open {path} for writing: check the folder exists and is writable"
        )
    return StoreError(f"{path}: {msg}")


def connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN/COMMIT ourselves).

    The writer gets WAL and ``synchronous=FULL``: with WAL, NORMAL may lose the last committed
    transactions on a power cut (not corrupt, but lost), and losing committed evidence is what
    this store exists to prevent. FULL costs one fsync per commit; at about one sample a
    second that is negligible. Readers open the file read-only (``mode=ro``) so the UI, reports
    and ``verify`` can never modify evidence by accident.
    """
    try:
        if readonly:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA query_only = 1")
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Touch the header now so "not a database" surfaces here, not on the first query.
        conn.execute("PRAGMA application_id").fetchone()
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{path}: could not switch to WAL journal mode (got {mode})")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        raise friendly_error(path, exc) from exc
    return conn


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def check_ours(conn: sqlite3.Connection, path: Path, *, allow_empty: bool = False) -> int:
    """Return the schema version if ``conn`` is a LiveComply database, else raise StoreError.

    ``allow_empty``: a SQLite file with no tables at all (e.g. a first open that crashed before
    the schema was committed) may be initialised — there is nothing in it to lose.
    """
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = _has_tables(conn)
    except sqlite3.Error as exc:
        raise friendly_error(path, exc) from exc
    if app_id != APPLICATION_ID:
        if app_id == 0 and version == 0 and not has_tables:
            if allow_empty:
                return 0
            raise StoreError(f"{path} is an empty SQLite file, not a LiveComply database")
        raise StoreError(f"{path} is a SQLite database but not a LiveComply database")
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{path} was written by a newer LiveComply (schema v{version}; this version "
            f"understands up to v{len(MIGRATIONS)}); update LiveComply to open it"
        )
    return int(version)


def backup_path(path: Path, old_version: int) -> Path:
    """``livecomply.db.bak-v1-20261123T154501Z`` beside the database."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.bak-v{old_version}-{stamp}")
    n = 1
    while candidate.exists():  # two migrations in the same second (tests): keep both copies
        candidate = path.with_name(f"{path.name}.bak-v{old_version}-{stamp}-{n}")
        n += 1
    return candidate


def backup(conn: sqlite3.Connection, path: Path, old_version: int) -> Path:
    """A consistent copy (WAL content included) via SQLite's online backup API."""
    dest = backup_path(path, old_version)
    target = sqlite3.connect(str(dest))
    try:
        conn.backup(target)
    finally:
        target.close()
    return dest


def migrate(conn: sqlite3.Connection, path: Path) -> Path | None:
    """Bring the writer connection's database to the current version; return the backup made.

    A brand-new (empty) file is initialised without a backup. Each step re-reads the version
    inside ``BEGIN IMMEDIATE``, so two processes opening an old database at once do not both
    apply a step.
    """
    target = len(MIGRATIONS)
    try:
        fresh = not _has_tables(conn) and conn.execute("PRAGMA user_version").fetchone()[0] == 0
        if fresh and conn.execute("PRAGMA application_id").fetchone()[0] == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.Error as exc:
        raise friendly_error(path, exc) from exc
    version = check_ours(conn, path, allow_empty=fresh)
    if version == target:
        return None
    made = None if fresh else backup(conn, path, version)
    db = sqlite_utils.Database(conn)
    try:
        while True:
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current >= target:
                    conn.execute("COMMIT")
                    break
                MIGRATIONS[current](db)
                conn.execute(f"PRAGMA user_version = {current + 1}")
                conn.execute(
                    "INSERT INTO schema_migrations (version, applied_at, app_version) "
                    "VALUES (?, ?, ?)",
                    (current + 1, datetime.now(UTC).isoformat(timespec="seconds"), __version__),
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # a failed COMMIT may already have rolled back
                    conn.execute("ROLLBACK")
                raise
    except sqlite3.Error as exc:
        raise friendly_error(path, exc) from exc
    return made
