"""Monitor: per-sample frame results → debounced violation events, one per event.

Each requirement has its own :class:`~app.monitor.debounce.Debouncer`: the four on-screen
elements (V1 V2 V3 V5), each banned term seen (by rule and term), each QR payload, and an
incomplete price comparison. The ad-label requirement can follow ad segments (S5) instead of
holding for the whole show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from app.checker.result import ELEMENTS, FrameResult, Status
from app.monitor.debounce import Debouncer, Phase, Transition
from app.monitor.events import (
    AD_SEGMENT_END,
    AD_SEGMENT_START,
    VIOLATION_END,
    VIOLATION_REMINDER,
    VIOLATION_START,
    MonitorEvent,
)
from app.rules.profile import MonitorSettings

_KIND_TO_TYPE = {"start": VIOLATION_START, "end": VIOLATION_END, "reminder": VIOLATION_REMINDER}


class Monitor:
    def __init__(
        self, settings: MonitorSettings, session: str = "", ad_label_follows_segments: bool = False
    ) -> None:
        self.settings = settings
        self.session = session
        self._deb: dict[str, Debouncer] = {}
        self.ad_segment_active = not ad_label_follows_segments
        self._follow_segments = ad_label_follows_segments
        self.last_result: FrameResult | None = None

    def _debouncer(self, key: str, element: str) -> Debouncer:
        d = self._deb.get(key)
        if d is None:
            grace = self.settings.grace_s.get(element, self.settings.grace_s.get("default", 2.0))
            d = Debouncer(
                key,
                grace_s=grace,
                recover_s=self.settings.recover_s,
                reannounce_s=self.settings.reannounce_s,
            )
            self._deb[key] = d
        return d

    def open_violations(self) -> list[Debouncer]:
        return [d for d in self._deb.values() if d.in_violation]

    def set_ad_segment(
        self, active: bool, t: float, wall: datetime | None = None, source: str = "host"
    ) -> list[MonitorEvent]:
        """Ad segment marker (S5): switches the ad-label requirement when segments are followed."""
        wall = wall or datetime.now(UTC)
        events = [
            MonitorEvent(
                AD_SEGMENT_START if active else AD_SEGMENT_END,
                wall,
                self.session,
                t=t,
                detail={"source": source},
            )
        ]
        self.ad_segment_active = active
        if self._follow_segments and not active:
            d = self._deb.get("element:ad_label")
            if d is not None:
                tr = d.close(t)
                if tr is not None:
                    events.append(self._event(tr, wall, None))
        return events

    def process(
        self,
        t: float,
        result: FrameResult,
        wall: datetime | None = None,
        snapshot: Callable[[], bytes | None] | None = None,
    ) -> list[MonitorEvent]:
        """Feed one sample's result; returns the events it caused (usually none)."""
        wall = wall or datetime.now(UTC)
        self.last_result = result
        out: list[MonitorEvent] = []
        seen: set[str] = set()
        for element in ELEMENTS:
            f = result.elements.get(element)
            if f is None:
                continue
            if element == "ad_label" and not self.ad_segment_active:
                bad = False
            else:
                bad = f.status not in (Status.OK, Status.NOT_REQUIRED)
            key = f"element:{element}"
            detail = {
                "element": element,
                "requirement": f.rule,
                "status": f.status.value,
                "article": f.article,
                "confidence": round(f.confidence, 3),
                "text": f.text,
                "reason": f.reason,
            }
            tr = self._debouncer(key, element).update(t, bad, detail if bad else None)
            if tr is not None:
                out.append(self._event(tr, wall, snapshot))
        # Things that must never show: one debouncer per banned term (keyed by the rule pack's
        # term, however OCR spells it: 全网最低 / 全网最低价) and per QR payload.
        present: list[tuple[str, str, dict[str, object]]] = [
            (f"banned:{b.rule}:{b.canonical or b.term}", "banned_term",
             {"requirement": b.rule, "article": b.article, "term": b.term, "text": b.text})
            for b in result.banned_terms
        ] + [
            (f"qr:{q.payload}", "qr_code",
             {"requirement": q.rule, "article": q.article, "payload": q.payload})
            for q in result.qr_codes
        ]
        for key, element, fields in present:
            seen.add(key)
            detail = {"element": element, "status": "present", **fields}
            tr = self._debouncer(key, element).update(t, True, detail)
            if tr is not None:
                out.append(self._event(tr, wall, snapshot))
        incomplete = [c for c in result.price_comparison if c.missing]
        if incomplete or "comparison" in self._deb:
            c = incomplete[0] if incomplete else None
            detail = (
                None
                if c is None
                else {
                    "element": "price_comparison",
                    "requirement": c.rule,
                    "status": "incomplete",
                    "article": c.article,
                    "text": c.compared_text,
                    "missing": list(c.missing),
                }
            )
            tr = self._debouncer("comparison", "price_comparison").update(t, c is not None, detail)
            if tr is not None:
                out.append(self._event(tr, wall, snapshot))
        # Terms and codes not on screen this sample are good samples for their debouncers.
        for key, d in self._deb.items():
            if key.startswith(("banned:", "qr:")) and key not in seen and d.phase is not Phase.OK:
                tr = d.update(t, False)
                if tr is not None:
                    out.append(self._event(tr, wall, snapshot))
        return out

    def close(self, t: float, wall: datetime | None = None) -> list[MonitorEvent]:
        """End every open violation (the session is ending)."""
        wall = wall or datetime.now(UTC)
        out = []
        for d in self._deb.values():
            tr = d.close(t)
            if tr is not None:
                out.append(self._event(tr, wall, None))
        return out

    def _event(
        self, tr: Transition, wall: datetime, snapshot: Callable[[], bytes | None] | None
    ) -> MonitorEvent:
        d = dict(tr.detail)
        d["key"] = tr.key
        element = str(d.pop("element", ""))
        requirement = str(d.pop("requirement", ""))
        status = str(d.pop("status", ""))
        article = str(d.pop("article", ""))
        if tr.kind == "end":
            status = "recovered" if not d.get("closed") else "closed"
        snap = snapshot() if (snapshot is not None and tr.kind == "start") else None
        return MonitorEvent(
            _KIND_TO_TYPE[tr.kind],
            wall,
            self.session,
            element,
            requirement,
            status,
            article,
            t=tr.t,
            since=tr.since,
            detail=d,
            snapshot=snap,
        )
