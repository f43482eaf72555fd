"""Coverage arithmetic: how long each required element was in each state during a show.

Why a module of its own: the report's central promise is that its numbers add up. A show of
length L splits into *gaps* (the source was disconnected: nothing was watched) and *watched*
time W = L - gaps. Within W, every instant is credited to exactly one state per element:

* the state of the last sample taken before it (``o m i c p -`` — a sample's state holds until
  the next sample, the next gap or the end of the show: that is how the monitor judges too), or
* ``unchecked`` — watched time before the first sample of the show or of a reconnection
  (the OCR's warm-up), when no frame had been judged yet.

By construction the states of one element sum to W exactly (``unchecked`` is W minus the sampled
time, never a fudge), so shares add up to 100 % of watched time, and W + gaps = L.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: Short status codes used in ``sample`` records (``app.monitor.runner.STATUS_CODE``), in the
#: order the report lists them, and the long names a dict-shaped ``s`` may use instead.
STATUS_CODES: tuple[str, ...] = ("o", "m", "i", "c", "p", "-")
LONG_TO_CODE: dict[str, str] = {
    "ok": "o", "missing": "m", "illegible": "i", "occluded": "c", "misplaced": "p",
    "not_required": "-",
}
UNCHECKED = "unchecked"
#: Every key of ``ElementCoverage.seconds``, in display order.
STATES: tuple[str, ...] = (*STATUS_CODES, UNCHECKED)


@dataclass(slots=True)
class Run:
    """A stretch ``[start, end)`` (seconds since the show began) in one state."""

    start: float
    end: float
    state: str


@dataclass(slots=True)
class ElementCoverage:
    """One element's time per state; ``runs`` merge consecutive samples for the chart."""

    element: str
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STATES, 0.0))
    runs: list[Run] = field(default_factory=list)

    @property
    def sampled(self) -> float:
        """Watched time covered by a sample (everything but ``unchecked``)."""
        return sum(v for k, v in self.seconds.items() if k != UNCHECKED)

    @property
    def required_seconds(self) -> float:
        """Time the element was required and judged (``not_required`` and unchecked left out)."""
        return sum(v for k, v in self.seconds.items() if k not in ("-", UNCHECKED))

    def share(self, state: str, watched: float) -> float:
        """Fraction of watched time in ``state`` (0 when nothing was watched)."""
        return self.seconds[state] / watched if watched > 0 else 0.0


@dataclass(slots=True)
class Coverage:
    """The whole show's coverage: length L = watched + gaps, per element seconds by state."""

    length: float
    gaps: list[tuple[float, float]]
    elements: dict[str, ElementCoverage]

    @property
    def gap_seconds(self) -> float:
        """Total disconnected time."""
        return sum(b - a for a, b in self.gaps)

    @property
    def watched(self) -> float:
        """Show length minus disconnected time."""
        return max(0.0, self.length - self.gap_seconds)


def merge_spans(spans: Iterable[tuple[float, float]], length: float) -> list[tuple[float, float]]:
    """Clip spans to ``[0, length]``, drop empty ones and merge overlaps (sorted)."""
    clipped = sorted((max(0.0, a), min(length, b)) for a, b in spans)
    out: list[tuple[float, float]] = []
    for a, b in clipped:
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def statuses_of(s: object, elements: Sequence[str]) -> list[str]:
    """A sample's ``s`` payload as one status code per element (``?`` when unreadable).

    The runner writes a compact string in ``ELEMENTS`` order; ``app.store.kinds`` also allows a
    dict ``{element: long status}``. Anything else is shown as unknown, never guessed.
    """
    if isinstance(s, str):
        return [s[i] if i < len(s) and s[i] in STATUS_CODES else "?"
                for i in range(len(elements))]
    if isinstance(s, dict):
        out = []
        for e in elements:
            v = s.get(e)
            out.append(v if v in STATUS_CODES else LONG_TO_CODE.get(str(v), "?"))
        return out
    return ["?"] * len(elements)


def compute_coverage(
    samples: Sequence[tuple[float, object]],
    gaps: Iterable[tuple[float, float]],
    length: float,
    elements: Sequence[str],
) -> Coverage:
    """Credit every watched second of a show of ``length`` s to one state per element.

    ``samples`` are ``(seconds since start, s payload)`` in time order; ``gaps`` are
    ``(start, end)`` of disconnections. Unknown status codes (``?``) count as ``unchecked``: a
    record the report cannot read proves nothing either way.
    """
    length = max(0.0, length)
    merged = merge_spans(gaps, length)
    cov = Coverage(length, merged, {e: ElementCoverage(e) for e in elements})
    per = [cov.elements[e] for e in elements]
    ordered = sorted(samples, key=lambda x: x[0])
    gi = 0
    for n, (t, s) in enumerate(ordered):
        a = max(0.0, min(t, length))
        while gi < len(merged) and merged[gi][1] <= a:
            gi += 1
        if gi < len(merged) and merged[gi][0] <= a:
            continue  # judged while disconnected: contradictory, and not watched time anyway
        # A sample's state holds until the next sample, the next gap or the end of the show.
        b = ordered[n + 1][0] if n + 1 < len(ordered) else length
        if gi < len(merged):
            b = min(b, merged[gi][0])
        b = min(max(a, b), length)
        if b <= a:
            continue
        codes = statuses_of(s, elements)
        for ec, code in zip(per, codes, strict=True):
            state = code if code in STATUS_CODES else UNCHECKED
            if state != UNCHECKED:
                ec.seconds[state] += b - a
            last = ec.runs[-1] if ec.runs else None
            if last is not None and last.state == state and abs(last.end - a) < 1e-9:
                last.end = b
            else:
                ec.runs.append(Run(a, b, state))
    watched = cov.watched
    for ec in per:
        # The remainder is, by definition, watched time no sample judged.
        ec.seconds[UNCHECKED] = max(0.0, watched - ec.sampled)
    return cov


def percentages(values: Sequence[float], total: float, digits: int = 1) -> list[float]:
    """Shares in percent, rounded so that they still add up to exactly 100 (largest remainder).

    Rounding each share on its own can print 99.9 % or 100.1 %; a reader adding up the row
    would rightly ask where the missing tenth went.
    """
    if total <= 0:
        return [0.0] * len(values)
    scale = 10 ** digits
    raw = [v / total * 100 * scale for v in values]
    floors = [int(r) for r in raw]
    short = round(100 * scale) - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - floors[i], reverse=True)
    for i in order[: max(0, short)]:
        floors[i] += 1
    return [f / scale for f in floors]
