"""The typed settings registry: defaults, coercion of what INI hands back, one file under
LIVECOMPLY_CONFIG_DIR, and no secret in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.paths import config_dir
from ui.settings import OPTIONS, REGISTRY, Settings, settings_path


def test_every_option_is_declared_once_with_a_typed_default() -> None:
    assert len({o.name for o in OPTIONS}) == len(OPTIONS)
    for o in OPTIONS:
        assert isinstance(o.default, o.type), o.name
        assert o.label and o.translated_label()


def test_values_persist_typed_in_the_config_dir(tmp_path: Path) -> None:
    s = Settings()
    assert settings_path().parent == config_dir()
    assert str(config_dir()).startswith(str(tmp_path))
    assert s.get("obs_port") == 4455 and s.get("ai_host") is False
    s.set("obs_port", "4460")
    s.set("ai_host", True)
    s.set("alarm_volume", 250)  # clamped
    s.set("language", "fr")  # not a choice: default
    s.set("window_geometry", b"\x01\x02")
    s.sync()
    fresh = Settings()
    assert fresh.get("obs_port") == 4460
    assert fresh.get("ai_host") is True
    assert fresh.get("alarm_volume") == 100
    assert fresh.get("language") == "zh_CN"
    assert fresh.get("window_geometry") == b"\x01\x02"
    fresh.reset("obs_port")
    assert fresh.get("obs_port") == 4455


def test_unknown_names_fail_loudly() -> None:
    with pytest.raises(KeyError):
        Settings().get("obs_pasword")
    assert "password" not in " ".join(REGISTRY)  # secrets live in the keyring only


def test_a_dict_option_round_trips_as_json_and_never_shares_its_default() -> None:
    s = Settings()
    got = s.get("profile_zones")
    got["default"] = {"price": [[0.1, 0.1, 0.2, 0.2]]}  # a caller editing what it got
    assert s.get("profile_zones") == {} and REGISTRY["profile_zones"].default == {}
    s.set("profile_zones", {"默认": {"price": [[0.1, 0.1, 0.2, 0.2]]}})
    s.sync()
    assert Settings().get("profile_zones") == {"默认": {"price": [[0.1, 0.1, 0.2, 0.2]]}}
