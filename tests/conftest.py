"""Shared fixtures: each test gets its own temporary data dir; no test touches a user store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "livecomply-data"
    monkeypatch.setenv("LIVECOMPLY_DATA_DIR", str(data))
    monkeypatch.setenv("LIVECOMPLY_CONFIG_DIR", str(tmp_path / "livecomply-config"))
    return data
