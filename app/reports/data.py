"""Read one session from the evidence store into the facts a show report prints.

Everything here is derived from records only (plus the rule pack for rule texts and the cited
documents' titles), so a report built today and one built in three years from the same store say
the same thing — and ``data_sha256`` lets a printed copy be matched to the store.

``load_report`` is a generator that yields ``Progress`` and *returns* the ``ReportData`` (PEP 380):
the CLI drives it with a progress bar, the app's 导出报告 action on a worker thread, tests with
``drive()``. Nothing here imports Qt.
"""

from __future__ import annotations

import hashlib
import queue
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from app.reports.coverage import Coverage, compute_coverage, merge_spans
from app.store import Record, Store, StoreError, VerifyResult, verify

#: The on-screen elements in the order of the ``sample`` status string
#: (``app.checker.result.ELEMENTS``; repeated here so reading a store needs no OCR stack).
ELEMENTS: tuple[str, ...] = ("ad_label", "ai_disclosure", "merchant_info", "price")
ELEMENT_REQUIREMENT: dict[str, str] = {
    "ad_label": "V1", "ai_disclosure": "V2", "merchant_info": "V3", "price": "V5",
}
#: How the data digest is computed, printed under it so anyone can recompute it.
DATA_SHA_RULE = "SHA-256( hash of every record of the session, in seq order, joined by \\n )"

T = TypeVar("T")


class ReportError(ValueError):
    """The report cannot be built (unknown session, unreadable store); the message says why."""


@dataclass(frozen=True, slots=True)
class Progress:
    """One step of a long report: ``stage`` is a key the caller translates, ``done``/``total``."""

    stage: str
    done: int
    total: int

    @property
    def fraction(self) -> float:
        """0…1, for a progress bar."""
        return min(1.0, self.done / self.total) if self.total > 0 else 0.0


def drive(gen: Generator[Progress, None, T],
          on_progress: Callable[[Progress], None] | None = None) -> T:
    """Run a progress generator to the end and return its result."""
    while True:
        try:
            p = next(gen)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        if on_progress is not None:
            on_progress(p)


@dataclass(slots=True)
class Header:
    """Who, when, what: the first block of the report."""

    session_id: str
    room: str
    host: str
    start: datetime
    end: datetime
    ended_cleanly: bool
    source: str
    profile: str
    rule_pack_version: str
    rule_pack_recorded: bool  # False: the session did not record it; the current pack's is shown
    app_version: str
    report_app_version: str
    db_path: Path
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> float:
        """Show length in seconds."""
        return max(0.0, (self.end - self.start).total_seconds())


@dataclass(slots=True)
class Violation:
    """One violation (``violation_start`` … ``violation_end``) as the report lists it."""

    seq: int
    element: str
    requirement: str
    status: str
    article: str
    confidence: float | None
    start: datetime
    start_s: float
    end: datetime | None = None
    end_s: float | None = None
    duration_s: float | None = None
    snapshot: str | None = None
    term: str = ""
    line: str = ""
    payload: str = ""
    reason: str = ""
    reminders: int = 0
    closed_by_end: bool = False  # the session ended while it was still open


@dataclass(slots=True)
class Span:
    """A labelled stretch of the show (ad segment, disconnection), seconds since start."""

    start_s: float
    end_s: float
    label: str = ""
    detail: str = ""
    open_at_end: bool = False


@dataclass(slots=True)
class ReminderState:
    """One reminder of one product: when it was said, or that it was left unsaid."""

    reminder_id: str
    text: str
    mandatory: bool | None
    article: str
    ticked_at: list[datetime] = field(default_factory=list)
    unticked_at: list[datetime] = field(default_factory=list)
    unsaid_at: datetime | None = None

    @property
    def state(self) -> str:
        """said / unsaid / withdrawn (ticked then unticked) / due (no decision recorded)."""
        if self.unsaid_at is not None:
            return "unsaid"
        if len(self.ticked_at) > len(self.unticked_at):
            return "said"
        if self.unticked_at:
            return "withdrawn"
        return "due"


@dataclass(slots=True)
class ProductSegment:
    """A product's time on air and its reminders (from the teleprompter's records)."""

    row: int | None
    name: str
    start: datetime
    start_s: float
    end_s: float
    reminders: list[ReminderState] = field(default_factory=list)
    rundown_price: str = ""
    screen_price: str = ""
    price_matches: bool | None = None


@dataclass(slots=True)
class Integrity:
    """The hash-chain verdict and the data digest printed on every page."""

    ok: bool
    checked: int
    first_bad: str
    first_bad_seq: int | None
    bad_in_session: bool
    head_seq: int | None
    head_hash: str | None
    warnings: list[str]
    data_sha256: str
    session_records: int
    first_seq: int | None
    last_seq: int | None


@dataclass(slots=True)
class ReportData:
    """Everything the templates print, already computed (templates only format)."""

    header: Header
    coverage: Coverage
    required: dict[str, bool]
    violations: list[Violation]
    gaps: list[Span]
    ad_segments: list[Span]
    products: list[ProductSegment]
    corrections: list[dict[str, Any]]
    selection_reviews: list[dict[str, Any]]
    preshow_checklists: list[dict[str, Any]]
    negative_list: list[dict[str, Any]]
    kinds: Counter[str]
    integrity: Integrity
    pack_sources: dict[str, str]
    pack_texts: dict[str, str]

    @property
    def banned(self) -> list[Violation]:
        """Banned terms and QR codes seen on screen (B1–B7)."""
        return [v for v in self.violations if v.element in ("banned_term", "qr_code")]

    @property
    def element_violations(self) -> list[Violation]:
        """Violations of the required on-screen elements and of the price comparison rule."""
        return [v for v in self.violations if v.element not in ("banned_term", "qr_code")]


def resolve_session(store: Store, session: str) -> str:
    """``latest``, a full id, or an unambiguous prefix of one → the session id."""
    if session == "latest":
        sid = store.latest_session_id()
        if sid is None:
            raise ReportError(f"{store.path} has no sessions yet")
        return sid
    ids = [s.id for s in store.sessions()]
    if session in ids:
        return session
    matches = [i for i in ids if i.startswith(session)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ReportError(f"session {session!r} is ambiguous: {', '.join(matches[:5])}")
    raise ReportError(f"no session {session!r} in {store.path}; see `livecomply sessions`")


_PRICE = re.compile(r"[¥￥]\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*元")


def _price_value(text: str) -> Decimal | None:
    m = _PRICE.search(text or "")
    if m is None:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", text or "")
        return Decimal(m.group(1)) if m else None
    return Decimal(m.group(1) or m.group(2))


def _pack_info() -> tuple[str, dict[str, str], dict[str, str]]:
    """Current rule pack version, cited sources and rule texts (empty if it cannot load)."""
    try:
        from app.rules.pack import RulePackError, load_rule_pack
    except ImportError:  # pragma: no cover - the rules package is part of the app
        return "", {}, {}
    try:
        pack = load_rule_pack()
    except (RulePackError, OSError):
        return "", {}, {}
    texts = {e.rule: e.text for e in pack.elements.values()}
    texts[pack.comparison.rule] = texts.get(pack.comparison.rule) or pack.comparison.text
    texts.setdefault(pack.promo.rule, pack.promo.text)
    return pack.version, dict(pack.sources), texts


def _when(rec: Record, payload_at: object) -> datetime:
    """The teleprompter's own ``at`` (local, with offset) if present, else the record time."""
    if isinstance(payload_at, str):
        try:
            parsed = datetime.fromisoformat(payload_at.replace("Z", "+00:00"))
            if parsed.tzinfo is not None:
                return parsed
        except ValueError:
            pass
    return rec.t


class _Builder:
    """One pass over a session's records, in write order."""

    def __init__(self, db_path: Path, start: Record) -> None:
        self.db_path = db_path
        self.t0 = start.t
        self.start = start
        self.end: Record | None = None
        self.last_t = start.t
        self.samples: list[tuple[float, object]] = []
        self.violations: list[Violation] = []
        self.open: dict[tuple[str, str], list[Violation]] = defaultdict(list)
        self.gaps: list[Span] = []
        self.gap_open: Span | None = None
        self.ads: list[Span] = []
        self.ad_open: Span | None = None
        self.products: list[ProductSegment] = []
        self.by_row: dict[int, ProductSegment] = {}
        self.corrections: list[dict[str, Any]] = []
        self.reviews: list[dict[str, Any]] = []
        self.checklists: list[dict[str, Any]] = []
        self.negative: list[dict[str, Any]] = []
        self.kinds: Counter[str] = Counter()
        self.hashes: list[str] = []
        self.seqs: list[int] = []

    def rel(self, t: datetime) -> float:
        return (t - self.t0).total_seconds()

    def add(self, r: Record) -> None:
        self.kinds[r.kind] += 1
        self.hashes.append(r.hash)
        self.seqs.append(r.seq)
        self.last_t = max(self.last_t, r.t)
        handler = getattr(self, f"_on_{r.kind}", None)
        if handler is not None:
            handler(r)

    # -- monitor ------------------------------------------------------------------------------
    def _on_session_end(self, r: Record) -> None:
        self.end = r

    def _on_sample(self, r: Record) -> None:
        self.samples.append((self.rel(r.t), r.payload.get("s")))

    def _on_disconnected(self, r: Record) -> None:
        if self.gap_open is None:
            self.gap_open = Span(self.rel(r.t), self.rel(r.t), detail=str(r.payload.get("detail")
                                                                            or ""))

    def _on_reconnected(self, r: Record) -> None:
        if self.gap_open is not None:
            self.gap_open.end_s = self.rel(r.t)
            self.gaps.append(self.gap_open)
            self.gap_open = None

    def _on_connected(self, r: Record) -> None:
        # The runner writes ``reconnected`` after a gap; a plain ``connected`` after a
        # ``disconnected`` (another writer) ends the gap just the same.
        self._on_reconnected(r)

    def _on_violation_start(self, r: Record) -> None:
        p = r.payload
        conf = p.get("confidence")
        v = Violation(
            seq=r.seq,
            element=str(p.get("element") or ""),
            requirement=str(p.get("requirement") or p.get("rule") or ""),
            status=str(p.get("status") or ""),
            article=str(p.get("article") or ""),
            confidence=float(conf) if isinstance(conf, int | float) else None,
            start=r.t,
            start_s=self.rel(r.t),
            snapshot=r.snapshot,
            term=str(p.get("term") or ""),
            line=str(p.get("text") or ""),
            payload=str(p.get("payload") or ""),
            reason=str(p.get("reason") or ""),
        )
        self.violations.append(v)
        self.open[(v.element, v.requirement)].append(v)

    def _on_violation_end(self, r: Record) -> None:
        p = r.payload
        key = (str(p.get("element") or ""), str(p.get("requirement") or ""))
        queue = self.open.get(key)
        if not queue:
            return
        start_seq = p.get("start_seq")
        v = next((x for x in queue if x.seq == start_seq), queue[0])
        queue.remove(v)
        v.end, v.end_s = r.t, self.rel(r.t)
        dur = p.get("duration_s")
        v.duration_s = float(dur) if isinstance(dur, int | float) else v.end_s - v.start_s
        v.closed_by_end = p.get("status") == "closed"

    def _on_violation_reminder(self, r: Record) -> None:
        p = r.payload
        queue = self.open.get((str(p.get("element") or ""), str(p.get("requirement") or "")))
        if queue:
            queue[0].reminders += 1

    def _on_ad_segment_start(self, r: Record) -> None:
        if self.ad_open is None:
            p = r.payload
            label = str(p.get("label") or p.get("advertiser") or p.get("product") or "")
            self.ad_open = Span(self.rel(r.t), self.rel(r.t), label=label,
                                detail=str(p.get("cue") or p.get("source") or ""))

    def _on_ad_segment_end(self, r: Record) -> None:
        if self.ad_open is not None:
            self.ad_open.end_s = self.rel(r.t)
            self.ads.append(self.ad_open)
            self.ad_open = None

    # -- teleprompter -------------------------------------------------------------------------
    def _on_product_changed(self, r: Record) -> None:
        p = r.payload
        row = p.get("to_row", p.get("row"))
        name = str(p.get("to_product") or p.get("product") or p.get("sku") or "")
        when = _when(r, p.get("at"))
        if self.products:
            self.products[-1].end_s = self.rel(when)
        seg = ProductSegment(
            row=int(row) if isinstance(row, int) else None, name=name, start=when,
            start_s=self.rel(when), end_s=self.rel(when),
            rundown_price=str(p.get("price") or p.get("rundown_price") or ""),
            screen_price=str(p.get("screen_price") or ""),
        )
        self.products.append(seg)
        if seg.row is not None:
            self.by_row.setdefault(seg.row, seg)

    def _on_price_mismatch(self, r: Record) -> None:
        """PriceWatch saw a price on screen that is not the rundown's: that reading is the
        segment's screen price, so the product line says 不一致 with the price actually shown."""
        p = r.payload
        if p.get("status") != "start":
            return
        seg = self._product_for(p)
        if seg is not None and p.get("on_screen"):
            seg.screen_price = str(p["on_screen"])
            seg.rundown_price = seg.rundown_price or str(p.get("rundown_price") or "")

    def _product_for(self, p: dict[str, Any]) -> ProductSegment | None:
        row = p.get("row")
        if isinstance(row, int) and row in self.by_row:
            return self.by_row[row]
        return self.products[-1] if self.products else None

    def _reminder(self, r: Record) -> tuple[ReminderState, datetime] | None:
        p = r.payload
        seg = self._product_for(p)
        if seg is None:
            seg = ProductSegment(None, "", r.t, self.rel(r.t), self.rel(r.t))
            self.products.append(seg)
        rid = str(p.get("reminder") or p.get("reminder_id") or "")
        for st in seg.reminders:
            if st.reminder_id == rid:
                break
        else:
            mandatory = p.get("mandatory")
            st = ReminderState(rid, str(p.get("text") or ""),
                               mandatory if isinstance(mandatory, bool) else None,
                               str(p.get("article") or ""))
            seg.reminders.append(st)
        return st, _when(r, p.get("at"))

    def _on_reminder_ticked(self, r: Record) -> None:
        got = self._reminder(r)
        if got:
            got[0].ticked_at.append(got[1])

    def _on_reminder_unticked(self, r: Record) -> None:
        got = self._reminder(r)
        if got:
            got[0].unticked_at.append(got[1])

    def _on_reminder_unsaid(self, r: Record) -> None:
        got = self._reminder(r)
        if got:
            got[0].unsaid_at = got[1]

    def _room(self, r: Record, into: list[dict[str, Any]]) -> None:
        into.append({"seq": r.seq, "t": _when(r, r.payload.get("at")), **r.payload})

    def _on_correction(self, r: Record) -> None:
        self._room(r, self.corrections)

    def _on_selection_review(self, r: Record) -> None:
        self._room(r, self.reviews)

    def _on_preshow_checklist(self, r: Record) -> None:
        self._room(r, self.checklists)

    def _on_negative_list_justified(self, r: Record) -> None:
        self._room(r, self.negative)

    # -- finishing ----------------------------------------------------------------------------
    def finish(self) -> tuple[datetime, bool]:
        end_t = self.end.t if self.end is not None else self.last_t
        length = self.rel(end_t)
        if self.gap_open is not None:
            self.gap_open.end_s, self.gap_open.open_at_end = length, True
            self.gaps.append(self.gap_open)
        if self.ad_open is not None:
            self.ad_open.end_s, self.ad_open.open_at_end = length, True
            self.ads.append(self.ad_open)
        if self.products:
            self.products[-1].end_s = max(self.products[-1].end_s, length)
        for v in self.violations:
            if v.end is None:  # a crashed session never closed it
                v.end_s, v.duration_s = length, None
        for seg in self.products:
            self._screen_price(seg)
        return end_t, self.end is not None

    def _screen_price(self, seg: ProductSegment) -> None:
        """Compare the rundown price with a price the monitor read during the segment, if any."""
        if not seg.screen_price:
            for v in self.violations:
                if v.element == "price" and v.line and seg.start_s <= v.start_s < seg.end_s:
                    seg.screen_price = v.line
                    break
        a, b = _price_value(seg.rundown_price), _price_value(seg.screen_price)
        seg.price_matches = None if a is None or b is None else a == b


def _verify_with_progress(path: Path) -> Generator[Progress, None, VerifyResult]:
    """``verify`` the whole chain on a helper thread, yielding its progress.

    A three-year database takes a while to verify; ``verify`` reports progress through a
    callback, which a generator cannot yield from, so the callback feeds a queue instead.
    """
    steps: queue.Queue[tuple[int, int] | None] = queue.Queue()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = verify(path, on_progress=lambda done, total: steps.put((done, total)))
        except BaseException as exc:  # handed to the generator's thread below
            box["error"] = exc
        finally:
            steps.put(None)

    yield Progress("verify", 0, 1)
    threading.Thread(target=work, name="report-verify", daemon=True).start()
    while (step := steps.get()) is not None:
        yield Progress("verify", *step)
    if "error" in box:
        exc = box["error"]
        if isinstance(exc, StoreError):
            raise ReportError(str(exc)) from exc
        raise exc
    yield Progress("verify", 1, 1)
    return box["result"]  # type: ignore[no-any-return]


def load_report(db_path: Path | str, session: str = "latest"
                ) -> Generator[Progress, None, ReportData]:
    """Read ``session`` (id, unique prefix or ``latest``) of the store at ``db_path``.

    Opens the store read-only. Yields progress while reading (every 2 000 records) and while
    verifying the chain; returns the ``ReportData``. Raises ``ReportError`` for an unknown
    session and ``StoreError`` for a file that is not a usable store.
    """
    path = Path(db_path).expanduser()
    with Store.open(path, readonly=True) as store:
        sid = resolve_session(store, session)
        total = store.count(sid)
        yield Progress("read", 0, total)
        records = store.records(sid)
        first = next(records, None)
        if first is None or first.kind != "session_start":
            raise ReportError(f"session {sid} has no session_start record")
        b = _Builder(path, first)
        b.add(first)
        for n, rec in enumerate(records, start=2):
            b.add(rec)
            if n % 2000 == 0:
                yield Progress("read", n, total)
        yield Progress("read", total, total)
    end_t, clean = b.finish()
    length = b.rel(end_t)
    result = yield from _verify_with_progress(path)
    bad = result.first_bad
    seqs = set(b.seqs)
    integrity = Integrity(
        ok=result.ok,
        checked=result.checked,
        first_bad=str(bad) if bad else "",
        first_bad_seq=bad.seq if bad else None,
        # A bad seq among the session's records, or a deleted one inside its seq range.
        bad_in_session=bool(bad and b.seqs and (bad.seq in seqs
                                                or b.seqs[0] <= bad.seq <= b.seqs[-1])),
        head_seq=result.head_seq,
        head_hash=result.head_hash,
        warnings=list(result.warnings),
        data_sha256=hashlib.sha256("\n".join(b.hashes).encode("ascii")).hexdigest(),
        session_records=len(b.hashes),
        first_seq=b.seqs[0] if b.seqs else None,
        last_seq=b.seqs[-1] if b.seqs else None,
    )
    yield Progress("analyse", 0, 1)
    coverage = compute_coverage(b.samples, [(g.start_s, g.end_s) for g in b.gaps], length,
                                ELEMENTS)
    # Gaps as the coverage sees them (clipped, merged) so the chart and the sums agree.
    gaps = []
    for a, c in merge_spans([(g.start_s, g.end_s) for g in b.gaps], length):
        parts = [g for g in b.gaps if g.end_s > a and g.start_s < c]
        gaps.append(Span(a, c, detail="; ".join(dict.fromkeys(g.detail for g in parts
                                                               if g.detail)),
                         open_at_end=any(g.open_at_end for g in parts)))
    sp = first.payload
    meta = sp.get("meta") if isinstance(sp.get("meta"), dict) else {}
    assert isinstance(meta, dict)
    version, sources, texts = _pack_info()
    recorded = str(meta.get("rule_pack_version") or meta.get("rule_pack") or "")
    from app import __version__

    header = Header(
        session_id=sid,
        room=str(meta.get("room") or meta.get("room_name") or ""),
        host=str(meta.get("host") or meta.get("host_name") or ""),
        start=first.t,
        end=end_t,
        ended_cleanly=clean,
        source=str(sp.get("source") or ""),
        profile=str(sp.get("profile") or ""),
        rule_pack_version=recorded or version,
        rule_pack_recorded=bool(recorded),
        app_version=str(sp.get("app_version") or ""),
        report_app_version=__version__,
        db_path=path,
        meta=meta,
    )
    required = {e: coverage.elements[e].required_seconds > 0 for e in ELEMENTS}
    yield Progress("analyse", 1, 1)
    return ReportData(
        header=header,
        coverage=coverage,
        required=required,
        violations=b.violations,
        gaps=gaps,
        ad_segments=b.ads,
        products=b.products,
        corrections=b.corrections,
        selection_reviews=b.reviews,
        preshow_checklists=b.checklists,
        negative_list=b.negative,
        kinds=b.kinds,
        integrity=integrity,
        pack_sources=sources,
        pack_texts=texts,
    )
