"""Profiles: the shipped ones, and every way a hand-edited one can be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.rules.profile import (
    MonitorSettings,
    Profile,
    ProfileError,
    Thresholds,
    list_profiles,
    load_profile,
)
from tests.conftest import REPO

DEFAULT = REPO / "resources" / "profiles" / "default.toml"


def test_list_profiles() -> None:
    assert list_profiles() == ["all-required", "default"]


def test_default_profile() -> None:
    p = load_profile()
    assert p.name == "default" and p.path == DEFAULT
    assert p.required == {"ad_label": True, "ai_disclosure": False, "merchant_info": True,
                          "price": True}
    assert not p.ai_host and not p.is_required("ai_disclosure")
    # The shipped file states the dataclass defaults, so the two cannot drift apart silently.
    assert p.thresholds == Thresholds()
    assert p.monitor == MonitorSettings()
    assert p.zones == {} and p.qr_allowed_prefixes == () and p.engine is None


def test_all_required_profile() -> None:
    p = load_profile("all-required")
    assert all(p.required.values()) and p.ai_host
    assert p.thresholds == Thresholds()


def test_ai_host_makes_ai_label_required() -> None:
    p = load_profile()
    assert p.with_ai_host(True).is_required("ai_disclosure")
    assert not p.with_ai_host(True).with_ai_host(False).is_required("ai_disclosure")
    q = load_profile("all-required")
    assert q.with_ai_host(False).is_required("ai_disclosure")  # the file requires it always


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mcn.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_load_by_path_with_overrides(tmp_path: Path) -> None:
    path = _write(tmp_path, """
name = "mcn-a"
ai_host = true
engine = "RapidOCR"
qr_allowed_prefixes = ["https://v.douyin.com/"]
[thresholds]
min_contrast = 4.5
max_occluded_frac = 0
[zones]
merchant_info = [[0.0, 0.85, 0.5, 0.15]]
[monitor]
sample_hz = 2
[monitor.grace_s]
price = 5
""")
    p: Profile = load_profile(str(path))
    assert p.name == "mcn-a" and p.engine == "rapidocr"
    assert p.required["ai_disclosure"] is True
    assert p.thresholds.min_contrast == 4.5 and p.thresholds.max_occluded_frac == 0.0
    assert p.thresholds.glyph_min_frac_portrait == Thresholds().glyph_min_frac_portrait
    assert p.zones == {"merchant_info": ((0.0, 0.85, 0.5, 0.15),)}
    assert p.monitor.sample_hz == 2.0
    assert p.monitor.grace_s == {"ad_label": 2.0, "ai_disclosure": 2.0, "merchant_info": 2.0,
                                 "price": 5.0}
    assert p.qr_allowed_prefixes == ("https://v.douyin.com/",)


def test_name_defaults_to_file_stem(tmp_path: Path) -> None:
    assert load_profile(_write(tmp_path, "")).name == "mcn"


def test_unknown_profile_lists_the_available_ones() -> None:
    with pytest.raises(ProfileError) as err:
        load_profile("x")
    assert str(err.value) == "unknown profile 'x'; available: all-required, default"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="profile file not found"):
        load_profile(str(tmp_path / "nope.toml"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("ai_host = 'yes'", r"ai_host: must be true or false"),
        ("[required]\nprice = 1", r"required\.price: must be true or false"),
        ("[thresholds]\nmin_contrast = '3'", r"thresholds\.min_contrast: must be a number"),
        ("[thresholds]\nmin_contrast = true", r"thresholds\.min_contrast: must be a number"),
        ("[monitor]\nsample_hz = 0", r"monitor\.sample_hz: 0 is out of range"),
        ("[thresholds]\nmax_occluded_frac = 1.5", r"max_occluded_frac: 1\.5 is out of range"),
        ("name = 3", r"name: must be a string"),
        ("qr_allowed_prefixes = 'https://'", r"qr_allowed_prefixes: must be a list"),
        ("thresholds = 3", r"thresholds: must be a table"),
        ("[monitor]\ngrace_s = 2", r"monitor\.grace_s: must be a table"),
    ],
)
def test_wrong_types_and_ranges(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ProfileError, match=message) as err:
        load_profile(str(path))
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("ai_hots = true", "ai_hots"),
        ("[required]\nad_lable = true", "required.ad_lable"),
        ("[thresholds]\nmin_contrst = 3.0", "thresholds.min_contrst"),
        ("[monitor]\nsample_rate = 1", "monitor.sample_rate"),
        ("[monitor.grace_s]\nqr = 1", "monitor.grace_s.qr"),
        ("[zones]\nlogo = [[0, 0, 0.1, 0.1]]", "zones.logo"),
    ],
)
def test_unknown_keys_are_errors(tmp_path: Path, body: str, key: str) -> None:
    with pytest.raises(ProfileError, match=rf"{key}: unknown key; allowed here"):
        load_profile(str(_write(tmp_path, body)))


def test_ai_host_cannot_be_contradicted(tmp_path: Path) -> None:
    path = _write(tmp_path, "ai_host = true\n[required]\nai_disclosure = false\n")
    with pytest.raises(ProfileError, match=r"required\.ai_disclosure: .*001 第三十条"):
        load_profile(str(path))


@pytest.mark.parametrize(
    "zones",
    ["[[0.8, 0, 0.3, 0.2]]", "[[0, 0, 0.3]]", "[]", "[[0, 0, 0, 0.2]]", "'top-left'"],
)
def test_bad_zones(tmp_path: Path, zones: str) -> None:
    with pytest.raises(ProfileError, match=r"zones\.ad_label"):
        load_profile(str(_write(tmp_path, f"[zones]\nad_label = {zones}\n")))


def test_unknown_engine(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"engine: unknown OCR engine 'paddle'; choose one of"):
        load_profile(str(_write(tmp_path, "engine = 'paddle'\n")))


def test_not_toml(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(str(_write(tmp_path, "ai_host = \n")))


def test_bad_name() -> None:
    with pytest.raises(ProfileError, match="bad profile name"):
        load_profile("my profile!")


def test_one_setting_is_checked_as_the_loader_checks_it_in_a_file() -> None:
    """The public per-key check the app's settings editor uses (same ranges, same messages)."""
    from app.rules.profile import check_setting, number_range

    assert check_setting("required.price", False) is False
    assert check_setting("thresholds.min_contrast", 4.5) == 4.5
    assert check_setting("monitor.grace_s.ad_label", 5) == 5.0
    assert number_range("monitor.sample_hz").lo_open
    with pytest.raises(ProfileError, match=r"settings: thresholds\.min_contrast: 22 is out"):
        check_setting("thresholds.min_contrast", 22)
    with pytest.raises(ProfileError, match="must be true or false"):
        check_setting("required.price", "no")
    with pytest.raises(ProfileError, match="unknown key"):
        check_setting("required.logo", True)
    with pytest.raises(ProfileError, match="not a profile setting"):
        check_setting("zones.price", [])
