"""Ordered migrations with a backup first; one fixture database per past schema version."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from app.store import Store, schema, verify

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_copy(version: int, tmp_path: Path) -> Path:
    """Copy a frozen fixture (never open it in place: opening writes -wal/-shm files)."""
    dest = tmp_path / f"v{version}"
    shutil.copytree(FIXTURES / f"v{version}", dest)
    return dest / "livecomply.db"


def version_of(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION + 1))
def test_every_past_version_fixture_opens_and_verifies(version: int, tmp_path: Path) -> None:
    path = fixture_copy(version, tmp_path)
    assert verify(path).ok
    with Store.open(path) as store:
        sessions = store.sessions()
        assert len(sessions) == 1 and sessions[0].violations == 1
        # appending after migration continues the same chain
        sid = store.start_session("demo", "p", {})
        store.end_session(sid)
        expected_backup = version < schema.SCHEMA_VERSION
        assert (store.backup_made is not None) == expected_backup
    assert version_of(path) == schema.SCHEMA_VERSION
    result = verify(path)
    assert result.ok and result.checked == 11


def test_current_version_opens_without_backup(tmp_path: Path) -> None:
    path = fixture_copy(schema.SCHEMA_VERSION, tmp_path)
    with Store.open(path) as store:
        assert store.backup_made is None
    assert list(path.parent.glob("*.bak-*")) == []


def _v2_add_notes(db: sqlite_utils.Database) -> None:
    """A stand-in future migration: a new table and a view, no change to record rows."""
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.create_view("corrections_v", "SELECT seq, t FROM records WHERE kind = 'correction'")


def test_simulated_v1_to_v2_backs_up_then_migrates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixture_copy(1, tmp_path)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:1], _v2_add_notes])
    with Store.open(path) as store:
        backup = store.backup_made
        sid = store.start_session("demo", "p", {})
        store.end_session(sid)
    assert version_of(path) == 2
    assert backup is not None and backup.name.startswith("livecomply.db.bak-v1-")
    assert backup.parent == path.parent
    # the backup is the untouched v1 database, complete and verifiable
    assert version_of(backup) == 1
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == 9
    conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall() == [
        (1,), (2,)]
    assert conn.execute("SELECT count(*) FROM corrections_v").fetchone()[0] == 1
    conn.close()
    assert verify(path).ok
    # opening again is a no-op: no second backup
    with Store.open(path) as store:
        assert store.backup_made is None
    assert len(list(path.parent.glob("*.bak-*"))) == 1


def test_simulated_fresh_v0_runs_every_step_without_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:1], _v2_add_notes])
    path = tmp_path / "fresh.db"
    with Store.open(path) as store:
        assert store.backup_made is None
    assert version_of(path) == 2
    assert list(tmp_path.glob("*.bak-*")) == []


def test_failed_migration_rolls_back_and_keeps_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    path = fixture_copy(1, tmp_path)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:1], broken])
    with pytest.raises(RuntimeError, match="migration bug"):
        Store.open(path)
    assert version_of(path) == 1
    conn = sqlite3.connect(path)
    assert "half_done" not in sqlite_utils.Database(conn).table_names()
    conn.close()
    assert len(list(path.parent.glob("*.bak-v1-*"))) == 1
    monkeypatch.undo()
    assert verify(path).ok
