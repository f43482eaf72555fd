"""Events the monitor hands to subscribers (CLI printer, store writer, Qt UI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Event types, as they appear in JSON Lines and in the store.
VIOLATION_START = "violation_start"
VIOLATION_END = "violation_end"
VIOLATION_REMINDER = "violation_reminder"
CONNECTED = "connected"
DISCONNECTED = "disconnected"
RECONNECTING = "reconnecting"
SCENE_CHANGED = "scene_changed"
AD_SEGMENT_START = "ad_segment_start"
AD_SEGMENT_END = "ad_segment_end"
SOURCE_ERROR = "error"


@dataclass(frozen=True, slots=True)
class MonitorEvent:
    type: str
    wall: datetime
    session: str = ""
    element: str = ""  # ad_label, ai_disclosure, merchant_info, price, banned_term, qr_code, …
    requirement: str = ""  # V1, V2, V3, V5, B1…B7
    status: str = ""
    article: str = ""
    t: float = 0.0  # sample time (source clock) when the event was decided
    since: float | None = None  # sample time the condition began
    detail: dict[str, Any] = field(default_factory=dict)
    snapshot: bytes | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "t": self.wall.isoformat(timespec="milliseconds"),
            "session": self.session,
        }
        if self.element:
            out.update(
                element=self.element,
                requirement=self.requirement,
                status=self.status,
                article=self.article,
            )
        out.update({k: v for k, v in self.detail.items() if v is not None})
        return out
