"""What each status light shows, decided from samples and monitor events (no widgets here).

Why separate from the widgets: the rule "amber while the monitor is still within its grace
period, red once it reported a violation, green when it recovered" is the behaviour the host
relies on, so it is tested without a window. Reasons are words a host reads at a glance:
"广告标识被遮挡 8 秒", not a status code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.checker.result import FrameResult, Status
from app.monitor import events as ev
from app.monitor.events import MonitorEvent

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")

LIGHTS: tuple[str, ...] = ("ad_label", "ai_disclosure", "merchant_info", "price", "banned_term")

LIGHT_NAMES: dict[str, str] = {
    "ad_label": QT_TRANSLATE_NOOP("Status", "Ad label"),
    "ai_disclosure": QT_TRANSLATE_NOOP("Status", "AI label"),
    "merchant_info": QT_TRANSLATE_NOOP("Status", "Merchant info"),
    "price": QT_TRANSLATE_NOOP("Status", "Price"),
    "banned_term": QT_TRANSLATE_NOOP("Status", "Banned terms"),
    "qr_code": QT_TRANSLATE_NOOP("Status", "QR code"),
    "price_comparison": QT_TRANSLATE_NOOP("Status", "Price comparison"),
}
STATUS_WORDS: dict[str, str] = {
    "missing": QT_TRANSLATE_NOOP("Status", "missing"),
    "illegible": QT_TRANSLATE_NOOP("Status", "not legible"),
    "occluded": QT_TRANSLATE_NOOP("Status", "covered"),
    "misplaced": QT_TRANSLATE_NOOP("Status", "in the wrong place"),
    "present": QT_TRANSLATE_NOOP("Status", "on screen"),
    "incomplete": QT_TRANSLATE_NOOP("Status", "incomplete"),
    "recovered": QT_TRANSLATE_NOOP("Status", "recovered"),
    "closed": QT_TRANSLATE_NOOP("Status", "closed"),
    "ok": QT_TRANSLATE_NOOP("Status", "OK"),
    "not_required": QT_TRANSLATE_NOOP("Status", "not required"),
}
EVENT_TYPES: dict[str, str] = {
    ev.VIOLATION_START: QT_TRANSLATE_NOOP("Status", "Violation"),
    ev.VIOLATION_END: QT_TRANSLATE_NOOP("Status", "Recovered"),
    ev.VIOLATION_REMINDER: QT_TRANSLATE_NOOP("Status", "Still open"),
    ev.CONNECTED: QT_TRANSLATE_NOOP("Status", "Connected"),
    ev.DISCONNECTED: QT_TRANSLATE_NOOP("Status", "Disconnected"),
    ev.RECONNECTING: QT_TRANSLATE_NOOP("Status", "Reconnecting"),
    ev.SCENE_CHANGED: QT_TRANSLATE_NOOP("Status", "Scene changed"),
    ev.SOURCE_ERROR: QT_TRANSLATE_NOOP("Status", "Source error"),
    ev.AD_SEGMENT_START: QT_TRANSLATE_NOOP("Status", "Ad segment start"),
    ev.AD_SEGMENT_END: QT_TRANSLATE_NOOP("Status", "Ad segment end"),
}


def tr(text: str) -> str:
    """Translate a source string of the "Status" context."""
    return translate("Status", text)


def light_name(key: str) -> str:
    """Translated name of a light or element."""
    return tr(LIGHT_NAMES.get(key, key))


def status_word(status: str) -> str:
    """Translated word for a status code."""
    return tr(STATUS_WORDS.get(status, status))


def event_type_name(kind: str) -> str:
    """Translated name of an event type."""
    return tr(EVENT_TYPES.get(kind, kind))


def light_of(element: str) -> str:
    """Which of the five lights an event's element belongs to."""
    if element in ("banned_term", "qr_code"):
        return "banned_term"
    if element == "price_comparison":
        return "price"
    return element


def event_key(e: MonitorEvent) -> tuple[str, str, str]:
    """Identifies one violation across its start, reminders and end."""
    what = e.detail.get("term") or e.detail.get("payload") or ""
    return (e.element, e.requirement, str(what))


class Level(StrEnum):
    """A light's colour. UNKNOWN before the first sample, OFF when not required."""

    UNKNOWN = "unknown"
    OFF = "off"
    OK = "ok"
    WARN = "warn"
    ALARM = "alarm"


@dataclass(slots=True)
class OpenViolation:
    """A violation the monitor reported and has not yet closed."""

    event: MonitorEvent
    began: datetime  # wall time the condition began (before the grace period)


@dataclass(frozen=True, slots=True)
class LightState:
    """What one light shows."""

    level: Level
    reason: str


def describe_violation(e: MonitorEvent, seconds: float) -> str:
    """ "广告标识被遮挡 8 秒" / "Ad label covered for 8 s"; banned terms name the term."""
    secs = max(0, int(seconds))
    if e.element == "banned_term":
        return translate(
            "Status", "Banned term \u201c{term}\u201d on screen for {seconds} s"
        ).format(term=e.detail.get("term", ""), seconds=secs)
    if e.element == "qr_code":
        return translate("Status", "QR code on screen for {seconds} s").format(seconds=secs)
    return translate("Status", "{element} {status} for {seconds} s").format(
        element=light_name(e.element), status=status_word(e.status), seconds=secs
    )


class LightBoard:
    """The five lights' state from the latest sample and the open violations."""

    def __init__(self) -> None:
        self.open: dict[tuple[str, str, str], OpenViolation] = {}
        self.result: FrameResult | None = None
        self.ad_segment_ignored = False  # ad label not required outside ad segments

    def reset(self) -> None:
        """Forget everything (a new session)."""
        self.open.clear()
        self.result = None

    def on_sample(self, result: FrameResult) -> None:
        """Remember the newest frame's findings."""
        self.result = result

    def on_event(self, e: MonitorEvent, now: datetime | None = None) -> None:
        """Open or close violations from monitor events."""
        key = event_key(e)
        if e.type in (ev.VIOLATION_START, ev.VIOLATION_REMINDER):
            if key not in self.open:
                lag = (e.t - e.since) if e.since is not None else 0.0
                self.open[key] = OpenViolation(e, e.wall - timedelta(seconds=max(0.0, lag)))
        elif e.type == ev.VIOLATION_END:
            self.open.pop(key, None)

    def open_for(self, light: str) -> list[OpenViolation]:
        """Open violations shown by ``light``, oldest first."""
        return sorted(
            (v for v in self.open.values() if light_of(v.event.element) == light),
            key=lambda v: v.began,
        )

    def state(self, light: str, now: datetime | None = None) -> LightState:
        """The colour and the reason in words for one light."""
        now = now or datetime.now(UTC)
        opened = self.open_for(light)
        if opened:
            v = opened[0]
            reason = describe_violation(v.event, (now - v.began).total_seconds())
            if len(opened) > 1:
                reason += translate("Status", " (+{n} more)").format(n=len(opened) - 1)
            return LightState(Level.ALARM, reason)
        r = self.result
        if r is None:
            return LightState(Level.UNKNOWN, translate("Status", "waiting for the first frame"))
        if light == "banned_term":
            if r.banned_terms:
                return LightState(
                    Level.WARN,
                    translate("Status", "\u201c{term}\u201d seen, confirming").format(
                        term=r.banned_terms[0].term
                    ),
                )
            if r.qr_codes:
                return LightState(Level.WARN, translate("Status", "QR code seen, confirming"))
            return LightState(Level.OK, translate("Status", "none on screen"))
        f = r.elements.get(light)
        if f is None:
            return LightState(Level.UNKNOWN, "")
        if f.status is Status.NOT_REQUIRED:
            return LightState(Level.OFF, status_word("not_required"))
        if f.status is Status.OK:
            if light == "ad_label" and self.ad_segment_ignored:
                return LightState(Level.OK, translate("Status", "outside ad segment"))
            return LightState(Level.OK, translate("Status", "on screen"))
        if light == "ad_label" and self.ad_segment_ignored:
            return LightState(Level.OFF, translate("Status", "outside ad segment"))
        return LightState(
            Level.WARN,
            translate("Status", "{element} {status}, confirming").format(
                element=light_name(light), status=status_word(f.status.value)
            ),
        )

    def states(self, now: datetime | None = None) -> dict[str, LightState]:
        """Every light's state."""
        now = now or datetime.now(UTC)
        return {light: self.state(light, now) for light in LIGHTS}
