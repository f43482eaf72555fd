"""``livecomply sessions`` and ``livecomply verify``: output and exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.conftest import REPO
from tests.store.factory import build_db


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ev" / "livecomply.db"
    build_db(path)
    return path


def tamper(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER records_no_update")
    conn.execute("UPDATE records SET payload = json_set(payload, '$.status', 'ok') WHERE seq = 3")
    conn.commit()
    conn.close()


def test_verify_intact_exits_0(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK:") and "9 records and 1 snapshots intact" in out
    assert main(["verify", "--db", str(db)]) == 0


def test_verify_broken_exits_1_naming_the_record(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(db)
    assert main(["verify", str(db)]) == 1
    captured = capsys.readouterr()
    assert "BROKEN" in captured.out
    assert "seq 3 (violation_start): edited row" in captured.out
    assert "records_no_update is missing" in captured.err


def test_verify_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(db)
    assert main(["verify", str(db), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] is False
    assert doc["first_bad"]["seq"] == 3 and doc["first_bad"]["kind"] == "violation_start"


@pytest.mark.parametrize("content", [None, "not a database at all " * 50])
def test_verify_bad_input_exits_2_with_one_line(
    tmp_path: Path, content: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.db"
    if content is not None:
        target.write_text(content)
    assert main(["verify", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("livecomply: error:") and err.count("\n") == 1
    assert not (content is None and target.exists())  # verify never creates a file


def test_verify_two_different_paths_is_bad_input(db: Path, tmp_path: Path) -> None:
    assert main(["verify", str(db), "--db", str(tmp_path / "other.db")]) == 2


def test_verify_defaults_to_the_data_dir(_isolated_data_dir: Path) -> None:
    assert main(["verify"]) == 2  # nothing recorded yet
    build_db(_isolated_data_dir / "livecomply.db")
    assert main(["verify"]) == 0


def test_sessions_json_lines(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "--db", str(db), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert {"id", "start", "end", "source", "violations"} <= doc.keys()
    assert doc["source"] == "demo" and doc["violations"] == 1
    assert doc["start"] == "2026-11-23T12:00:00.000Z" and doc["end"] == "2026-11-23T12:00:08.000Z"


def test_sessions_table(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["sessions", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "demo" in out and "douyin-default" in out


def test_sessions_bad_db_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "--db", str(tmp_path / "missing.db")]) == 2
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()


def test_sessions_empty_default_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "--json"]) == 0
    assert capsys.readouterr().out == ""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args], cwd=REPO, capture_output=True,
        text=True, timeout=60,
    )


def test_subprocess_exit_codes_and_no_traceback(db: Path, tmp_path: Path) -> None:
    ok = run_cli("verify", str(db))
    assert ok.returncode == 0, ok.stderr
    notdb = tmp_path / "notes.txt"
    notdb.write_text("hello " * 100)
    bad_input = run_cli("verify", str(notdb))
    assert bad_input.returncode == 2
    assert "Traceback" not in bad_input.stderr
    assert bad_input.stderr.strip().count("\n") == 0
    tamper(db)
    broken = run_cli("verify", "--db", str(db))
    assert broken.returncode == 1 and "seq 3" in broken.stdout
    assert "Traceback" not in broken.stderr
    listing = run_cli("sessions", "--db", str(db), "--json")
    assert listing.returncode == 0 and json.loads(listing.stdout)["violations"] == 1
