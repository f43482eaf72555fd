"""Checks adjusted per profile in the settings file: the profile loader's own ranges, only the
differences stored, bad stored values dropped one by one, and the AI label kept for AI hosts."""

from __future__ import annotations

import math

import pytest

from app.rules.paths import profiles_dir
from app.rules.profile import ProfileError, load_profile
from ui.profile_overrides import (
    KEYS,
    NUMBER_KEYS,
    RANGES,
    apply_overrides,
    check,
    effective,
    file_values,
    load_overrides,
    normalise,
    save_overrides,
)
from ui.settings import Settings, settings_path


@pytest.mark.parametrize("key", NUMBER_KEYS)
def test_ranges_are_the_profile_loaders(key: str) -> None:
    r = RANGES[key]
    assert check(key, r.hi) == r.hi
    assert check(key, r.hi / 2) == r.hi / 2
    with pytest.raises(ProfileError, match=key.replace(".", r"\.")):
        check(key, math.nextafter(r.hi, math.inf))
    with pytest.raises(ProfileError):
        check(key, math.nextafter(r.lo, -math.inf))
    if r.lo_open:
        with pytest.raises(ProfileError):
            check(key, r.lo)
    else:
        assert check(key, r.lo) == r.lo
    with pytest.raises(ProfileError):
        check(key, "1.0")  # a string is not a number, in the file or in the settings


def test_file_values_are_what_the_default_profile_says() -> None:
    values = file_values(load_profile("default"))
    assert set(values) == set(KEYS)
    assert values["required.price"] is True and values["required.ai_disclosure"] is False
    assert values["thresholds.glyph_min_frac_portrait"] == 0.0085
    assert values["monitor.grace_s.ad_label"] == 2.0 and values["monitor.sample_hz"] == 1.0
    # The file's "AI label in every show", not the AI host's requirement.
    assert file_values(load_profile("all-required"))["required.ai_disclosure"] is True


def test_apply_replaces_only_the_adjusted_values() -> None:
    base = load_profile("default")
    adjusted = apply_overrides(base, {"required.price": False, "monitor.grace_s.ad_label": 5,
                                      "thresholds.min_contrast": 4.5, "monitor.sample_hz": 2.0})
    assert adjusted.required == {**base.required, "price": False}
    assert adjusted.monitor.grace_s == {**base.monitor.grace_s, "ad_label": 5.0}
    assert adjusted.monitor.sample_hz == 2.0 and adjusted.monitor.recover_s == 2.0
    assert adjusted.thresholds.min_contrast == 4.5
    assert adjusted.thresholds.max_occluded_frac == base.thresholds.max_occluded_frac
    assert base.required["price"] is True  # the loaded profile is not changed
    with pytest.raises(ProfileError, match="min_contrast"):
        apply_overrides(base, {"thresholds.min_contrast": 0.5})


def test_an_ai_host_keeps_the_ai_label_whatever_is_stored() -> None:
    ai_host = load_profile("all-required").with_ai_host(True)
    assert apply_overrides(ai_host, {"required.ai_disclosure": False}).required[
        "ai_disclosure"] is True
    person = load_profile("all-required").with_ai_host(False)
    off = apply_overrides(person, {"required.ai_disclosure": False})
    assert off.required["ai_disclosure"] is False and not off.ai_disclosure_always
    # …and a show whose host becomes an AI avatar later still needs it.
    assert off.with_ai_host(True).required["ai_disclosure"] is True


def test_only_differences_are_stored_and_bad_values_are_dropped() -> None:
    shipped = {p: p.read_bytes() for p in profiles_dir().glob("*.toml")}
    s = Settings()
    assert load_overrides(s, "default") == {}
    save_overrides(s, "default", {"required.price": False, "monitor.grace_s.ad_label": 5.0})
    fresh = Settings()
    assert load_overrides(fresh, "default") == {"required.price": False,
                                                "monitor.grace_s.ad_label": 5.0}
    assert load_overrides(fresh, "") == load_overrides(fresh, "default")
    assert "profile_overrides" in settings_path().read_text(encoding="utf-8")
    assert {p: p.read_bytes() for p in profiles_dir().glob("*.toml")} == shipped
    save_overrides(fresh, "default", {})
    assert "default" not in Settings().get("profile_overrides")

    s.set("profile_overrides", {"default": {
        "required.price": "no", "thresholds.min_contrast": 50, "bogus": 1,
        "monitor.grace_s.ad_label": 5}, "broken": [1, 2]})
    assert load_overrides(s, "default") == {"monitor.grace_s.ad_label": 5.0}
    assert load_overrides(s, "broken") == {}
    assert normalise({"monitor.recover_s": -1, "required.ai_disclosure": True}) == {
        "required.ai_disclosure": True}
    base = load_profile("default")
    assert effective(base, {"required.price": True, "monitor.recover_s": 3.0}) == {
        "monitor.recover_s": 3.0}
