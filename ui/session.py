"""Build the monitor for the window: which source, which profile, which store session.

Runs on the monitor worker's thread (loading OCR takes seconds, probing OBS up to a few more),
never on the GUI thread. "auto" is the newcomer's default: use OBS if it answers, otherwise the
demo room, and say so, so the app is seen working at once on a PC without OBS.

Zones drawn in the zone editor (``ui/zone_store.py``) and the checks adjusted in the settings
dialog (``ui/profile_overrides.py``) are read by the window on the GUI thread (settings are not
shared across threads) and handed in here; they replace the profile file's own values, and the
adjustments in force go into the session's meta so a report shows which rules applied.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.capture.base import Source, SourceError
from app.monitor.runner import MonitorRunner
from app.rules.profile import ProfileError, Zone
from ui.profile_overrides import apply_overrides, effective
from ui.workers import RunnerSetup
from ui.zone_store import profile_key

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MonitorConfig:
    """What the user chose (settings, overridden by command-line flags)."""

    source: str = "auto"  # auto | obs | demo | screen[...] | device:N | file:PATH | obs:HOST:PORT
    obs_host: str = "127.0.0.1"
    obs_port: int = 4455
    profile: str = "default"
    ai_host: bool = False
    ad_label_follows_segments: bool = False
    engine: str | None = None


def build_checker(config: MonitorConfig) -> Any:
    """The frame checker for the chosen profile, with the show's AI-host flag applied (and the
    profile file's own zones: ``build_setup`` swaps in drawn ones)."""
    from app.checker.frame_checker import FrameChecker
    from app.ocr.base import OcrError
    from app.ocr.registry import create_engine
    from app.rules.pack import RulePackError, load_rule_pack
    from app.rules.profile import load_profile

    try:
        profile = load_profile(config.profile or None).with_ai_host(config.ai_host)
        pack = load_rule_pack()
        engine = create_engine(config.engine or profile.engine)
    except (ProfileError, RulePackError, OcrError) as exc:
        raise SourceError(str(exc)) from exc
    return FrameChecker(profile, engine, pack)


def _obs_password(host: str, port: int) -> str | None:
    from app.secrets import SecretStoreError, get_obs_password

    try:
        return get_obs_password(host, port)
    except SecretStoreError as exc:
        log.warning("keyring unavailable: %s", exc)
        return None


def open_configured_source(config: MonitorConfig) -> tuple[Source, str]:
    """The source to monitor and a note for the user (empty when nothing to say)."""
    from app.capture.demo import DemoSource
    from app.capture.factory import open_source
    from app.capture.obs import ObsError, ObsSource, probe_obs

    spec = config.source.strip() or "auto"
    if spec == "auto":
        host, port = config.obs_host, config.obs_port
        try:
            probe_obs(host, port, _obs_password(host, port), samples=1)
        except ObsError as exc:
            note = translate(
                "Session",
                "OBS not reachable ({reason}); showing the demo live room. "
                "Set up OBS under “OBS connection…”.",
            ).format(reason=str(exc))
            return DemoSource(), note
        return ObsSource(host, port, wait_for_obs=True), ""
    if spec == "obs":
        return ObsSource(config.obs_host, config.obs_port, wait_for_obs=True), ""
    if spec.startswith("obs:"):
        src = open_source(spec, wait_for_obs=True)
        return src, ""
    return open_source(spec), ""


def build_setup(
    config: MonitorConfig, store: Any, source: Source | None = None, realtime: bool = True,
    zones: Mapping[str, Sequence[Zone]] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> RunnerSetup:
    """Everything the worker runs: checker, source, runner (which starts the store session).

    ``zones``: the zones drawn for this profile on this PC, or None to keep the profile's own.
    ``overrides``: the checks adjusted for this profile on this PC (``profile_overrides``).
    """
    checker = build_checker(config)
    base = checker.profile
    profile_zones = dict(base.zones)
    profile = base
    if zones is not None:
        profile = replace(profile, zones={e: tuple(zs) for e, zs in zones.items() if zs})
    applied = effective(base, overrides or {})
    if applied:
        profile = apply_overrides(profile, applied)
    if profile is not base:
        checker.use_profile(profile)
    note = ""
    if source is None:
        source, note = open_configured_source(config)
    runner = MonitorRunner(
        source,
        checker,
        store,
        realtime=realtime,
        ad_label_follows_segments=config.ad_label_follows_segments,
        meta={
            "command": "gui",
            "ai_host": config.ai_host,
            "profile_overrides": applied,
            # Zones drawn on this PC (replacing the profile's): a report must show them, since
            # they decide what counts as "misplaced".
            **({"zones": {e: [list(z) for z in zs] for e, zs in profile.zones.items()}}
               if zones is not None else {}),
        },
    )
    return RunnerSetup(runner, note, profile_key=profile_key(config.profile),
                       profile_zones=profile_zones)
