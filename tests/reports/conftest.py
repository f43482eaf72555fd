"""Fixtures for report tests: one REAL demo session per test run, and small synthetic stores."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.report_speed import fill_synthetic_session
from tests.reports.demo_session import make_demo_session


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A store filled by a real demo-source session (real OCR; about 1–5 min): (db, id).

    Built once per test run; tests that alter it must use ``copy_store`` first.
    """
    db = tmp_path_factory.mktemp("demo-store") / "livecomply.db"
    return db, make_demo_session(db)


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A synthetic 6-minute session (violations, banned term, gap, products): (db, id)."""
    db = tmp_path_factory.mktemp("small-store") / "livecomply.db"
    return db, fill_synthetic_session(db, hours=0.1)


def copy_store(db: Path, dest: Path) -> Path:
    """Copy a store's folder (database and snapshots) so a test may tamper with it."""
    target = dest / "store"
    shutil.copytree(db.parent, target)
    return target / db.name
