"""Opening: paths from platformdirs with overrides, readable errors for bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import paths
from app.store import Store, StoreError, verify
from app.store.schema import APPLICATION_ID, SCHEMA_VERSION


def test_paths_follow_the_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIVECOMPLY_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("LIVECOMPLY_CONFIG_DIR", str(tmp_path / "c"))
    assert paths.data_dir() == tmp_path / "d"
    assert paths.config_dir() == tmp_path / "c"
    assert paths.default_db_path() == tmp_path / "d" / "livecomply.db"
    assert paths.snapshots_dir(tmp_path / "x" / "y.db") == tmp_path / "x" / "snapshots"


def test_paths_default_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIVECOMPLY_DATA_DIR")
    monkeypatch.delenv("LIVECOMPLY_CONFIG_DIR")
    assert paths.data_dir().name == "LiveComply"
    assert paths.config_dir().name == "LiveComply"


def test_default_path_is_created_in_the_data_dir(_isolated_data_dir: Path) -> None:
    with Store.open() as store:
        assert store.path == _isolated_data_dir / "livecomply.db"
        store.start_session("demo", "p", {})
    conn = sqlite3.connect(_isolated_data_dir / "livecomply.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_writer_uses_wal_and_full_sync(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        conn = store._write_conn()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_not_a_sqlite_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据库 " * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="is not a SQLite database"):
        Store.open(bad)
    with pytest.raises(StoreError, match="is not a SQLite database"):
        verify(bad)
    assert bad.read_text(encoding="utf-8").startswith("这不是数据库")  # untouched


def test_foreign_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a LiveComply database"):
        Store.open(other)
    with pytest.raises(StoreError, match="not a LiveComply database"):
        verify(other)
    conn = sqlite3.connect(other)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_empty_sqlite_file_is_initialised_but_not_verified(tmp_path: Path) -> None:
    """A first open killed before the schema committed leaves a header and no tables."""
    empty = tmp_path / "empty.db"
    conn = sqlite3.connect(empty)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE x (a)")
    conn.execute("DROP TABLE x")
    conn.close()
    assert empty.stat().st_size > 0
    with pytest.raises(StoreError, match="empty SQLite file"):
        verify(empty)
    with Store.open(empty) as store:
        assert store.sessions() == []
    assert verify(empty).ok
    zero = tmp_path / "zero.db"
    zero.write_bytes(b"")
    with Store.open(zero) as store:
        assert store.sessions() == []


def test_missing_directory_and_readonly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store.open(tmp_path / "nope.db", readonly=True)
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store.open(blocker / "sub" / "a.db")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer LiveComply"):
        Store.open(path)


def test_locked_database_gives_a_readable_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.db"
    Store.open(path).close()
    monkeypatch.setattr("app.store.schema.BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another program"):
            Store.open(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
