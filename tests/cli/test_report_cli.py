"""``livecomply report / export / purge``: exit codes, outputs and one-line errors."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.cli.main import main
from app.store import Store
from bench.report_speed import fill_synthetic_session
from tests.reports.conftest import copy_store


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A synthetic 6-minute session with violations, a banned term, a gap and products."""
    db = tmp_path_factory.mktemp("cli-store") / "livecomply.db"
    return db, fill_synthetic_session(db, hours=0.1)


def test_report_html_default_name_and_pdf(small_store: tuple[Path, str], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db, sid = small_store
    monkeypatch.chdir(tmp_path)
    assert main(["report", "latest", "--db", str(db)]) == 0
    out = tmp_path / f"livecomply-report-{sid}.html"
    assert out.is_file() and "直播合规报告" in out.read_text(encoding="utf-8")
    assert "chain verified" in capsys.readouterr().out
    pdf = tmp_path / "r.pdf"
    assert main(["report", sid[:15], "--db", str(db), "--out", str(pdf), "--lang", "en"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_report_bad_input_is_one_line_exit_2(small_store: tuple[Path, str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db, _sid = small_store
    assert main(["report", "nope", "--db", str(db), "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("livecomply: error: no session 'nope'") and err.count("\n") == 1
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database")
    assert main(["report", "latest", "--db", str(bogus)]) == 2
    assert main(["report", "latest", "--db", str(tmp_path / "missing.db")]) == 2
    empty = tmp_path / "empty" / "lc.db"
    Store.open(empty).close()
    assert main(["report", "latest", "--db", str(empty)]) == 2
    assert "no sessions yet" in capsys.readouterr().err


def test_report_on_a_broken_chain_is_written_and_exits_1(small_store: tuple[Path, str],
                                                         tmp_path: Path) -> None:
    db = copy_store(small_store[0], tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER records_no_update")
    conn.execute("UPDATE records SET t = '2020-01-01T00:00:00.000Z' WHERE seq = 5")
    conn.commit()
    conn.close()
    out = tmp_path / "r.html"
    assert main(["report", "latest", "--db", str(db), "--out", str(out)]) == 1
    assert "哈希链校验失败" in out.read_text(encoding="utf-8")


def test_export_cli(small_store: tuple[Path, str], tmp_path: Path) -> None:
    db, sid = small_store
    out = tmp_path / "exp.zip"
    assert main(["export", "latest", "--db", str(db), "--out", str(out), "--no-pdf"]) == 0
    assert out.is_file()
    assert main(["export", "latest", "--db", str(db), "--out", str(out)]) == 2
    folder = tmp_path / "exp"
    assert main(["export", sid, "--db", str(db), "--out", str(folder)]) == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pdf"] == "report.pdf" and (folder / "report.pdf").is_file()


def test_purge_cli_refuses_young_dates_and_records_runs(small_store: tuple[Path, str],
                                                        tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    db = copy_store(small_store[0], tmp_path)
    recent = (date.today() - timedelta(days=365 * 2)).isoformat()
    assert main(["purge", "--before", recent, "--db", str(db), "--yes"]) == 2
    assert "refused" in capsys.readouterr().err
    assert main(["purge", "--before", "yesterday", "--db", str(db)]) == 2
    old = (date.today() - timedelta(days=365 * 3 + 2)).isoformat()
    assert main(["purge", "--before", old, "--db", str(db), "--dry-run"]) == 0
    assert "nothing to purge" in capsys.readouterr().out
    assert main(["purge", "--before", old, "--db", str(db), "--yes", "--operator", "审核员"]) == 0
    with Store.open(db, readonly=True) as store:
        assert store.count("purge", "purge") == 1
    assert main(["verify", str(db)]) == 0
