"""Check profiles (``resources/profiles/*.toml``): which elements a room must show, how strict
legibility is, where labels are expected, and how the monitor paces itself.

A profile is the policy an MCN shares across its rooms, so loading is strict: an unknown key,
a wrong type or an out-of-range value is an error naming the file and the key, never a silent
fallback to a default.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from app.ocr.registry import available_engines
from app.rules.pack import ELEMENT_NAMES
from app.rules.paths import profiles_dir

DEFAULT_PROFILE = "default"
Zone = tuple[float, float, float, float]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ProfileError(ValueError):
    """The profile cannot be used; one line naming the file, the key and what to do."""


@dataclass(frozen=True)
class Thresholds:
    """Legibility and placement limits, as fractions of the frame's height or width."""

    # Minimum glyph height / frame height for a label to count as legible.
    glyph_min_frac_landscape: float = 0.015
    glyph_min_frac_portrait: float = 0.0085
    # Minimum WCAG contrast ratio between label text and its background (1–21).
    min_contrast: float = 3.0
    # Largest share of a label's box that may be covered before it counts as occluded.
    max_occluded_frac: float = 0.10
    # The top-left / top-right corner zones an ad label must sit in (000 第十条5).
    ad_corner_height_frac: float = 0.20
    ad_corner_width_frac: float = 0.30


def _default_grace() -> dict[str, float]:
    return dict.fromkeys(ELEMENT_NAMES, 2.0)


@dataclass(frozen=True)
class MonitorSettings:
    """How the live monitor samples and when it raises and clears alerts."""

    sample_hz: float = 1.0
    # Seconds an element may be missing before an alert (a transition, a pop-up).
    grace_s: dict[str, float] = field(default_factory=_default_grace)
    # Seconds an element must be back before the alert clears.
    recover_s: float = 2.0
    # Seconds between repeated announcements of an alert that is still open.
    reannounce_s: float = 300.0
    # Seconds between whole-frame text detections (between them only known boxes are read).
    full_detect_every_s: float = 10.0


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    required: dict[str, bool]
    ai_host: bool
    thresholds: Thresholds
    zones: dict[str, tuple[Zone, ...]]
    qr_allowed_prefixes: tuple[str, ...]
    engine: str | None
    monitor: MonitorSettings
    path: Path
    # True when the file itself requires the AI label (not only because ai_host is set).
    ai_disclosure_always: bool = False

    def is_required(self, element: str) -> bool:
        return self.required.get(element, False)

    def with_ai_host(self, ai_host: bool) -> Profile:
        """This profile for a show whose host is (or is not) AI-generated (001 第三十条)."""
        required = dict(self.required)
        required["ai_disclosure"] = ai_host or self.ai_disclosure_always
        return replace(self, ai_host=ai_host, required=required)


# ---- loading ---------------------------------------------------------------------------------


def list_profiles() -> list[str]:
    """Names of the profiles shipped under ``resources/profiles/``."""
    d = profiles_dir()
    return sorted(p.stem for p in d.glob("*.toml")) if d.is_dir() else []


def load_profile(name_or_path: str | Path | None = None) -> Profile:
    """A profile by name (``default``, ``all-required``) or by path to a ``.toml`` file."""
    arg = DEFAULT_PROFILE if name_or_path is None else str(name_or_path)
    if arg.endswith(".toml") or "/" in arg or "\\" in arg:
        path = Path(arg).expanduser()
        if not path.is_file():
            raise ProfileError(f"{path}: profile file not found")
    else:
        if not _NAME.match(arg):
            raise ProfileError(f"bad profile name {arg!r}; use a name like 'default' or a path "
                               f"to a .toml file")
        path = profiles_dir() / f"{arg}.toml"
        if not path.is_file():
            available = ", ".join(list_profiles()) or "(none)"
            raise ProfileError(f"unknown profile {arg!r}; available: {available}")
    return _ProfileParser(path).parse()


@dataclass(frozen=True, slots=True)
class Range:
    """Allowed values of a number in a profile (``lo_open``: strictly above ``lo``)."""

    lo: float
    hi: float
    lo_open: bool = False


def number_range(key: str) -> Range:
    """The range the loader enforces for a number ``thresholds.*`` / ``monitor.*`` key.

    One table for the loader and for any editor of a profile's values (the app's settings), so
    a value an editor accepts is one the loader accepts.
    """
    section, _, name = key.partition(".")
    if section == "thresholds":
        if name == "min_contrast":
            return Range(1.0, 21.0)  # WCAG contrast runs from 1:1 to 21:1
        if name == "max_occluded_frac":
            return Range(0.0, 1.0)
        return Range(0.0, 1.0, lo_open=True)  # fractions of the frame
    if section == "monitor":
        if name.startswith("grace_s.") or name == "recover_s":
            return Range(0.0, 3600.0)
        if name == "sample_hz":
            return Range(0.0, 30.0, lo_open=True)
        return Range(0.0, 86400.0, lo_open=True)
    raise KeyError(f"{key}: not a number setting of a profile")


def check_setting(key: str, value: Any, where: str = "settings") -> bool | float:
    """One ``required.*`` / ``thresholds.*`` / ``monitor.*`` value as the loader would accept
    it in a profile file; ``ProfileError`` naming ``where`` and the key otherwise."""
    parser = _ProfileParser(Path(where))
    section, _, name = key.partition(".")
    if section == "required":
        parser.check_keys({name: value}, "required.", set(ELEMENT_NAMES))
        return parser.boolean(value, key)
    if section == "thresholds":
        return float(getattr(parser.thresholds({name: value}), name))
    if section == "monitor" and name.startswith("grace_s."):
        element = name.split(".", 1)[1]
        return parser.monitor({"grace_s": {element: value}}).grace_s[element]
    if section == "monitor":
        return float(getattr(parser.monitor({name: value}), name))
    raise ProfileError(f"{where}: {key}: not a profile setting (required.*, thresholds.*, "
                       "monitor.*)")


class _ProfileParser:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, what: str) -> ProfileError:
        return ProfileError(f"{self.path}: {key}: {what}")

    def check_keys(self, table: Mapping[str, Any], prefix: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(f"{prefix}{key}", f"unknown key; allowed here: "
                                                  f"{', '.join(sorted(allowed))}")

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {value!r}")
        return value

    def number(self, value: Any, key: str, lo: float, hi: float, *, lo_open: bool = False
               ) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"must be a number, not {value!r}")
        x = float(value)
        if not math.isfinite(x) or x < lo or x > hi or (lo_open and x == lo):
            bound = f"{'>' if lo_open else '≥'} {lo:g} and ≤ {hi:g}"
            raise self.fail(key, f"{x:g} is out of range (must be {bound})")
        return x

    def ranged(self, value: Any, key: str) -> float:
        r = number_range(key)
        return self.number(value, key, r.lo, r.hi, lo_open=r.lo_open)

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string, not {value!r}")
        return value

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table ([" + key + "])")
        return value

    def parse(self) -> Profile:
        try:
            with self.path.open("rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ProfileError(f"{self.path}: not valid TOML: {exc}") from None
        except OSError as exc:
            raise ProfileError(f"{self.path}: cannot read: {exc.strerror}") from None

        self.check_keys(data, "", {"name", "description", "ai_host", "engine",
                                   "qr_allowed_prefixes", "required", "thresholds", "zones",
                                   "monitor"})
        name = self.string(data.get("name", self.path.stem), "name")
        description = self.string(data.get("description", ""), "description")
        ai_host = self.boolean(data.get("ai_host", False), "ai_host")

        engine: str | None = None
        if "engine" in data:
            engine = self.string(data["engine"], "engine").lower()
            if engine not in available_engines():
                raise self.fail("engine", f"unknown OCR engine {engine!r}; choose one of: "
                                          f"{', '.join(available_engines())}")

        prefixes = data.get("qr_allowed_prefixes", [])
        if not isinstance(prefixes, list) or not all(isinstance(p, str) and p for p in prefixes):
            raise self.fail("qr_allowed_prefixes", "must be a list of non-empty strings")

        required, ai_always = self.required(self.table(data, "required"), ai_host)
        return Profile(
            name=name,
            description=description,
            required=required,
            ai_host=ai_host,
            thresholds=self.thresholds(self.table(data, "thresholds")),
            zones=self.zones(self.table(data, "zones")),
            qr_allowed_prefixes=tuple(prefixes),
            engine=engine,
            monitor=self.monitor(self.table(data, "monitor")),
            path=self.path,
            ai_disclosure_always=ai_always,
        )

    def required(self, table: Mapping[str, Any], ai_host: bool) -> tuple[dict[str, bool], bool]:
        self.check_keys(table, "required.", set(ELEMENT_NAMES))
        out = {e: self.boolean(table.get(e, e != "ai_disclosure"), f"required.{e}")
               for e in ELEMENT_NAMES}
        ai_always = out["ai_disclosure"]
        if ai_host and "ai_disclosure" in table and not ai_always:
            raise self.fail("required.ai_disclosure",
                            "false contradicts ai_host = true: 001 第三十条 requires the AI label "
                            "whenever the host is AI-generated; remove the line")
        out["ai_disclosure"] = ai_always or ai_host
        return out, ai_always

    def thresholds(self, table: Mapping[str, Any]) -> Thresholds:
        names = {f.name for f in fields(Thresholds)}
        self.check_keys(table, "thresholds.", names)
        values: dict[str, float] = {}
        for key, value in table.items():
            values[key] = self.ranged(value, f"thresholds.{key}")
        return Thresholds(**values)

    def zones(self, table: Mapping[str, Any]) -> dict[str, tuple[Zone, ...]]:
        self.check_keys(table, "zones.", set(ELEMENT_NAMES))
        out: dict[str, tuple[Zone, ...]] = {}
        for element, boxes in table.items():
            key = f"zones.{element}"
            if not isinstance(boxes, list) or not boxes:
                raise self.fail(key, "must be a list of [x, y, w, h] boxes (fractions of the "
                                     "frame)")
            parsed: list[Zone] = []
            for i, box in enumerate(boxes):
                if not isinstance(box, list) or len(box) != 4:
                    raise self.fail(f"{key}[{i}]", "must be [x, y, w, h] (four fractions)")
                x, y, w, h = (self.number(v, f"{key}[{i}]", 0.0, 1.0) for v in box)
                if w <= 0 or h <= 0 or x + w > 1.0 + 1e-9 or y + h > 1.0 + 1e-9:
                    raise self.fail(f"{key}[{i}]", "box must have w, h > 0 and lie inside the "
                                                   "frame (x + w ≤ 1, y + h ≤ 1)")
                parsed.append((x, y, w, h))
            out[element] = tuple(parsed)
        return out

    def monitor(self, table: Mapping[str, Any]) -> MonitorSettings:
        self.check_keys(table, "monitor.", {f.name for f in fields(MonitorSettings)})
        values: dict[str, Any] = {}
        for key, value in table.items():
            k = f"monitor.{key}"
            if key == "grace_s":
                if not isinstance(value, dict):
                    raise self.fail(k, "must be a table ([monitor.grace_s])")
                self.check_keys(value, "monitor.grace_s.", set(ELEMENT_NAMES))
                grace = _default_grace()
                grace.update({e: self.ranged(v, f"{k}.{e}") for e, v in value.items()})
                values[key] = grace
            else:
                values[key] = self.ranged(value, k)
        return MonitorSettings(**values)
