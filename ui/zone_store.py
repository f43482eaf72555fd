"""The zones a studio drew in the zone editor, kept per profile in the user's settings file.

Why the settings file and not the profile ``.toml``: the shipped profiles are the MCN's shared
policy (and read-only in an installed app), while where this room's overlays sit is a fact of
this PC's OBS scene. So the drawn zones override the profile's own zones for that profile only,
and "reset" forgets them so the file's zones apply again.

Stored as ``profile_zones = {profile: {element: [[x, y, w, h], …]}}`` (one JSON option of the
typed registry). An entry with no elements means "no zones at all" (the user cleared them),
which differs from no entry ("use the profile's"). What comes back from the file is checked
box by box: a hand-edited or truncated value loses the bad boxes, never the app.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from app.rules.pack import ELEMENT_NAMES
from app.rules.profile import DEFAULT_PROFILE, Zone
from ui.settings import Settings
from ui.zone_geometry import valid_zone

log = logging.getLogger(__name__)

OPTION = "profile_zones"
Zones = dict[str, tuple[Zone, ...]]


def profile_key(profile: str) -> str:
    """The key a profile's zones are stored under: its name (or path) as the settings give it."""
    return profile.strip() or DEFAULT_PROFILE


def normalise(zones: Mapping[str, Sequence[Sequence[float]]]) -> Zones:
    """Known elements with at least one valid zone, as tuples (the shape ``Profile.zones`` has);
    elements without zones are left out, as the profile loader leaves them out."""
    out: Zones = {}
    for element, boxes in zones.items():
        if element not in ELEMENT_NAMES:
            log.warning("stored zones: unknown element %r ignored", element)
            continue
        if not isinstance(boxes, list | tuple):
            log.warning("stored zones: %s is not a list of boxes; ignored", element)
            continue
        good = [z for z in (valid_zone(b) for b in boxes) if z is not None]
        if len(good) != len(boxes):
            log.warning("stored zones: %d bad box(es) of %s ignored", len(boxes) - len(good),
                        element)
        if good:
            out[element] = tuple(good)
    return out


def load_zones(settings: Settings, profile: str) -> Zones | None:
    """The zones drawn for ``profile``, or None when none were saved (the profile's apply)."""
    entry = settings.get(OPTION).get(profile_key(profile))
    if entry is None:
        return None
    if not isinstance(entry, dict):
        log.warning("stored zones for %r are not a table; ignored", profile)
        return None
    return normalise(entry)


def save_zones(settings: Settings, profile: str, zones: Mapping[str, Sequence[Zone]]) -> None:
    """Keep ``zones`` for ``profile`` (written to disk at once: a crash must not lose them)."""
    stored = settings.get(OPTION)
    stored[profile_key(profile)] = {e: [list(z) for z in zs]
                                    for e, zs in normalise(zones).items()}
    settings.set(OPTION, stored)
    settings.sync()


def forget_zones(settings: Settings, profile: str) -> None:
    """Drop the drawn zones of ``profile``, so its own file's zones apply again."""
    stored = settings.get(OPTION)
    if stored.pop(profile_key(profile), None) is not None:
        settings.set(OPTION, stored)
        settings.sync()

