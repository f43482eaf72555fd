"""Per-profile adjustments of the checks (required elements, thresholds, alarm timing), made in
the settings dialog and kept in the user's settings file.

Why not in the profile ``.toml``: the shipped profiles are the MCN's shared policy (read-only in
an installed app); a room that needs a longer grace for its ad label, or sells no priced goods
today, adjusts its own copy of the rules on this PC, and "reset" forgets the adjustment so the
file's values apply again. The session records the adjustments in force (``session_start``
meta) so a report shows which rules a show was checked by.

Stored as ``profile_overrides = {profile: {key: value, …}}`` (one JSON option of the typed
registry), only the keys whose value differs from the profile file. Keys and units are the
profile file's own (``required.price``, ``thresholds.min_contrast``, ``monitor.grace_s.ad_label``;
fractions, seconds, Hz), so a stored value reads like a line of the file, and every value is
checked by the profile loader's own rules: what comes back from the settings file loses a bad
key, never the app.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from app.rules.pack import ELEMENT_NAMES
from app.rules.profile import Profile, ProfileError, Range, check_setting, number_range
from ui.settings import Settings
from ui.zone_store import profile_key

log = logging.getLogger(__name__)

OPTION = "profile_overrides"
Overrides = dict[str, Any]  # key → bool (required.*) or float (everything else)

# In the order the dialog shows them.
REQUIRED_ELEMENTS: tuple[str, ...] = ("ad_label", "merchant_info", "price", "ai_disclosure")
REQUIRED_KEYS = tuple(f"required.{e}" for e in REQUIRED_ELEMENTS)
THRESHOLD_KEYS: tuple[str, ...] = (
    "thresholds.glyph_min_frac_landscape", "thresholds.glyph_min_frac_portrait",
    "thresholds.min_contrast", "thresholds.max_occluded_frac",
)
GRACE_KEYS = tuple(f"monitor.grace_s.{e}" for e in ELEMENT_NAMES)
MONITOR_KEYS: tuple[str, ...] = ("monitor.recover_s", "monitor.sample_hz")
NUMBER_KEYS = THRESHOLD_KEYS + GRACE_KEYS + MONITOR_KEYS
KEYS = REQUIRED_KEYS + NUMBER_KEYS


# The loader's own ranges, for the spin boxes (app/rules/profile.py keeps the one table).
RANGES: dict[str, Range] = {k: number_range(k) for k in NUMBER_KEYS}


def file_values(profile: Profile) -> Overrides:
    """Every adjustable key's value in ``profile`` as its file says it.

    ``required.ai_disclosure`` is the file's "AI label in every show", not the effective flag:
    an AI host requires the label anyway (001 第三十条), whatever is stored here.
    """
    values: Overrides = {f"required.{e}": bool(profile.required.get(e, False))
                         for e in REQUIRED_ELEMENTS}
    values["required.ai_disclosure"] = profile.ai_disclosure_always
    for key in THRESHOLD_KEYS:
        values[key] = float(getattr(profile.thresholds, key.split(".", 1)[1]))
    for e in ELEMENT_NAMES:
        values[f"monitor.grace_s.{e}"] = float(profile.monitor.grace_s.get(e, 2.0))
    values["monitor.recover_s"] = float(profile.monitor.recover_s)
    values["monitor.sample_hz"] = float(profile.monitor.sample_hz)
    return values


def check(key: str, value: Any, where: str = "settings") -> bool | float:
    """``value`` as the profile loader accepts it under ``key``; ``ProfileError`` otherwise."""
    if key not in KEYS:
        raise ProfileError(f"{where}: {key}: cannot be adjusted here; adjustable: "
                           f"{', '.join(KEYS)}")
    return check_setting(key, value, where)


def normalise(entry: Mapping[str, Any], where: str = "settings") -> Overrides:
    """The valid adjustments of ``entry``; unknown keys and bad values are logged and dropped."""
    out: Overrides = {}
    for key, value in entry.items():
        try:
            out[key] = check(str(key), value, where)
        except ProfileError as exc:
            log.warning("stored profile adjustment ignored: %s", exc)
    return out


def effective(profile: Profile, overrides: Mapping[str, Any]) -> Overrides:
    """The adjustments that change something in ``profile`` (the rest equal the file)."""
    base = file_values(profile)
    return {k: v for k, v in overrides.items() if k in base and base[k] != v}


def apply_overrides(profile: Profile, overrides: Mapping[str, Any]) -> Profile:
    """``profile`` with ``overrides`` in force (checked like the file's own values).

    The AI label stays required for an AI host (``profile.ai_host``) whatever is stored.
    """
    required = dict(profile.required)
    ai_always = profile.ai_disclosure_always
    thresholds: dict[str, float] = {}
    grace = dict(profile.monitor.grace_s)
    monitor: dict[str, float] = {}
    for key, raw in overrides.items():
        value = check(key, raw)
        section, _, name = key.partition(".")
        if key == "required.ai_disclosure":
            ai_always = bool(value)
        elif section == "required":
            required[name] = bool(value)
        elif section == "thresholds":
            thresholds[name] = float(value)
        elif name.startswith("grace_s."):
            grace[name.split(".", 1)[1]] = float(value)
        else:
            monitor[name] = float(value)
    required["ai_disclosure"] = ai_always or profile.ai_host
    return replace(
        profile,
        required=required,
        ai_disclosure_always=ai_always,
        thresholds=replace(profile.thresholds, **thresholds),
        monitor=replace(profile.monitor, grace_s=grace, **monitor),
    )


def load_overrides(settings: Settings, profile: str) -> Overrides:
    """The adjustments stored for ``profile`` (empty when none)."""
    key = profile_key(profile)
    entry = settings.get(OPTION).get(key)
    if entry is None:
        return {}
    if not isinstance(entry, dict):
        log.warning("stored adjustments for %r are not a table; ignored", key)
        return {}
    return normalise(entry, f"{OPTION}[{key}]")


def save_overrides(settings: Settings, profile: str, overrides: Mapping[str, Any]) -> None:
    """Keep ``overrides`` for ``profile``; none at all forgets the entry (the file applies)."""
    stored = settings.get(OPTION)
    key = profile_key(profile)
    clean = normalise(overrides)
    if clean:
        stored[key] = clean
    elif stored.pop(key, None) is None:
        return
    settings.set(OPTION, stored)
    settings.sync()
