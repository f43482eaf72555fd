from __future__ import annotations

from pathlib import Path

import pytest

from app.rules.paths import profiles_dir, resources_dir, rules_dir
from tests.conftest import REPO


def test_resources_dir_is_next_to_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIVECOMPLY_RESOURCES", raising=False)
    assert resources_dir() == REPO / "resources"
    assert (rules_dir() / "onscreen.toml").is_file()
    assert (profiles_dir() / "default.toml").is_file()


def test_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LIVECOMPLY_RESOURCES", str(tmp_path))
    assert resources_dir() == tmp_path
    assert rules_dir() == tmp_path / "rules"
