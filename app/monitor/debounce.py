"""Debounced state per requirement: one alarm per event, one end event when it clears.

A requirement is judged bad or good on every sample. A bad stretch becomes a violation only
after ``grace_s`` (a label flickering for one frame during a transition is not an event); an open
violation ends only after ``recover_s`` of good samples (a label flickering back is not a
recovery); an open violation is announced again every ``reannounce_s`` so a host who missed the
first alarm hears it again.

    OK ──bad──▶ SUSPECT ──bad ≥ grace──▶ VIOLATION ──good──▶ RECOVERING ──good ≥ recover──▶ OK
     ▲             │good                     ▲                   │bad
     └─────────────┘                         └───────────────────┘
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Phase(Enum):
    OK = "ok"
    SUSPECT = "suspect"
    VIOLATION = "violation"
    RECOVERING = "recovering"


@dataclass(frozen=True, slots=True)
class Transition:
    """What a sample caused: ``kind`` is start, end or reminder."""

    kind: str
    key: str
    t: float
    since: float  # when the bad stretch began (sample time)
    detail: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class Debouncer:
    key: str
    grace_s: float = 2.0
    recover_s: float = 2.0
    reannounce_s: float = 300.0
    phase: Phase = Phase.OK
    bad_since: float = 0.0
    good_since: float = 0.0
    announced_at: float = 0.0
    detail: dict[str, object] = field(default_factory=dict)

    def update(
        self, t: float, bad: bool, detail: dict[str, object] | None = None
    ) -> Transition | None:
        if bad and detail is not None:
            self.detail = detail
        if self.phase is Phase.OK:
            if bad:
                self.phase, self.bad_since = Phase.SUSPECT, t
                return self._maybe_confirm(t)
            return None
        if self.phase is Phase.SUSPECT:
            if not bad:
                self.phase = Phase.OK
                return None
            return self._maybe_confirm(t)
        if self.phase is Phase.VIOLATION:
            if not bad:
                self.phase, self.good_since = Phase.RECOVERING, t
                return self._maybe_end(t)
            if self.reannounce_s > 0 and t - self.announced_at >= self.reannounce_s:
                self.announced_at = t
                return Transition("reminder", self.key, t, self.bad_since, dict(self.detail))
            return None
        # RECOVERING
        if bad:
            self.phase = Phase.VIOLATION
            return None
        return self._maybe_end(t)

    def _maybe_confirm(self, t: float) -> Transition | None:
        if t - self.bad_since >= self.grace_s:
            self.phase, self.announced_at = Phase.VIOLATION, t
            return Transition("start", self.key, t, self.bad_since, dict(self.detail))
        return None

    def _maybe_end(self, t: float) -> Transition | None:
        if t - self.good_since >= self.recover_s:
            self.phase = Phase.OK
            detail = dict(self.detail)
            detail["duration_s"] = round(self.good_since - self.bad_since, 3)
            return Transition("end", self.key, t, self.bad_since, detail)
        return None

    def close(self, t: float) -> Transition | None:
        """End an open violation now (requirement switched off, session over)."""
        was = self.phase
        self.phase = Phase.OK
        if was in (Phase.VIOLATION, Phase.RECOVERING):
            detail = dict(self.detail)
            end = self.good_since if was is Phase.RECOVERING else t
            detail["duration_s"] = round(end - self.bad_since, 3)
            detail["closed"] = True
            return Transition("end", self.key, t, self.bad_since, detail)
        return None

    @property
    def in_violation(self) -> bool:
        return self.phase in (Phase.VIOLATION, Phase.RECOVERING)
