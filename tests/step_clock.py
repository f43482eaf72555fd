"""A clock the test moves by hand, so a demo source delivers one scene second per sample however
fast or slow the machine (the demo renders a frame when this clock says it is due)."""

from __future__ import annotations

import threading


class StepClock:
    """Scene time, advanced by the test (usually one second per processed sample)."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, dt: float = 1.0) -> None:
        with self._lock:
            self.now += dt
