"""Drawn zones per profile in the settings file (never in resources/profiles): saved as one JSON
option, read back box by box, "no entry" differs from "no zones", forgetting restores the file's."""

from __future__ import annotations

import json

from app.rules.paths import profiles_dir
from ui.settings import Settings, settings_path
from ui.zone_store import forget_zones, load_zones, normalise, profile_key, save_zones

ZONES = {"ad_label": ((0.0, 0.0, 0.3, 0.2),), "price": ((0.6, 0.55, 0.4, 0.25),)}


def test_saved_zones_persist_per_profile_in_the_settings_file() -> None:
    shipped = {p: p.read_bytes() for p in profiles_dir().glob("*.toml")}
    s = Settings()
    assert load_zones(s, "default") is None  # nothing drawn: the profile's own apply
    save_zones(s, "default", ZONES)
    save_zones(s, "all-required", {})  # everything cleared: no zones at all
    fresh = Settings()
    assert load_zones(fresh, "default") == ZONES
    assert load_zones(fresh, "") == ZONES  # an empty profile setting means "default"
    assert load_zones(fresh, "all-required") == {}
    text = settings_path().read_text(encoding="utf-8")
    assert "profile_zones" in text and "0.55" in text
    assert {p: p.read_bytes() for p in profiles_dir().glob("*.toml")} == shipped
    forget_zones(fresh, "default")
    assert load_zones(Settings(), "default") is None
    assert load_zones(Settings(), "all-required") == {}


def test_a_damaged_entry_loses_its_bad_boxes_only() -> None:
    s = Settings()
    s.set("profile_zones", {"default": {
        "ad_label": [[0.0, 0.0, 0.3, 0.2], [0.9, 0.0, 0.3, 0.2], "x"],
        "nonsense": [[0.1, 0.1, 0.1, 0.1]],
        "price": 5,
    }, "broken": [1, 2]})
    assert load_zones(s, "default") == {"ad_label": ((0.0, 0.0, 0.3, 0.2),)}
    assert load_zones(s, "broken") is None
    s.set("profile_zones", "not json at all")  # coerced to the default
    assert s.get("profile_zones") == {}


def test_normalise_and_key() -> None:
    assert normalise({"price": [], "ad_label": [(0, 0, 0.5, 0.5)]}) == {
        "ad_label": ((0.0, 0.0, 0.5, 0.5),)}
    assert profile_key("  ") == "default" and profile_key("mine.toml") == "mine.toml"
    assert json.loads(json.dumps(normalise(ZONES))) == {
        e: [list(z) for z in zs] for e, zs in ZONES.items()}
