"""The teleprompter's state, without Qt: which product is on, what to say, what has been said.

The host ticks each reminder as they say it. Moving on with a mandatory reminder unticked does
not silently happen: the first ``next()`` returns a ``confirm`` result, and only the confirmed
move records each such reminder as ``reminder_unsaid`` — the room's honest evidence of what was
and was not said. Every change is written through the injected ``record(kind, payload)`` callable
(the evidence store) *before* the state changes, so a failing store never leaves the screen
claiming something the record does not. Views subscribe with plain callbacks; ``ui/`` turns them
into signals.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, TypeVar

from app.showplan.model import Product, Recorder, Reminder, ShowPlan, now_local
from app.showplan.prices import price_matches

_T = TypeVar("_T")

#: Listener signature: the same (kind, payload) pairs that are recorded, plus ``confirm_needed``.
Listener = Callable[[str, dict[str, object]], None]

AD_START_CUE = "以下为广告内容"
AD_END_CUE = "广告内容结束"


class TeleprompterError(ValueError):
    """An action that makes no sense in the current state (not live yet, no open ad segment…)."""


@dataclass(slots=True)
class ChecklistItem:
    """One reminder on the current product's checklist and whether the host has said it."""

    reminder: Reminder
    ticked: bool = False
    ticked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MoveResult:
    """What ``next()``/``previous()``/``go_to()``/``finish()`` did.

    ``confirm``: nothing moved; ``unsaid`` lists the mandatory reminders still unticked (and
    ``ad_segment_open`` says an ad segment has no end cue yet). Call again with ``confirm=True``
    to move anyway, which records them as unsaid.
    """

    status: Literal["moved", "confirm", "at_end", "at_start", "finished"]
    product: Product | None
    unsaid: tuple[Reminder, ...] = ()
    ad_segment_open: bool = False


@dataclass(frozen=True, slots=True)
class Correction:
    """R1 (001 第三十五条): a slip corrected on air, kept with its product and time."""

    at: datetime
    product_row: int | None
    product_name: str
    wrong: str
    correction: str


@dataclass(slots=True)
class _AdSegment:
    product_row: int
    product_name: str
    started_at: datetime
    advertiser: str


@dataclass(slots=True)
class _ShowReminderState:
    reminder: Reminder
    last_said: datetime | None = None


def _notifies(method: Callable[..., _T]) -> Callable[..., _T]:
    """Tell listeners about what ``method`` recorded after it has changed the model's state."""

    @functools.wraps(method)
    def wrapper(self: TeleprompterModel, *args: object, **kwargs: object) -> _T:
        try:
            return method(self, *args, **kwargs)
        finally:
            self._flush()

    return wrapper


@dataclass(slots=True)
class TeleprompterModel:
    """Walks a ShowPlan product by product; see the module docstring for the recording rules."""

    plan: ShowPlan
    record: Recorder
    clock: Callable[[], datetime] = now_local
    _index: int = field(default=-1, init=False)
    _finished: bool = field(default=False, init=False)
    _checklists: dict[int, list[ChecklistItem]] = field(default_factory=dict, init=False)
    _show: dict[str, _ShowReminderState] = field(default_factory=dict, init=False)
    _listeners: list[Listener] = field(default_factory=list, init=False)
    _queued: list[tuple[str, dict[str, object]]] = field(default_factory=list, init=False)
    _ad: _AdSegment | None = field(default=None, init=False)
    _started_at: datetime | None = field(default=None, init=False)
    corrections: list[Correction] = field(default_factory=list, init=False)

    # ------------------------------------------------------------------ listeners
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(kind, payload)`` on every change; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, kind: str, payload: dict[str, object]) -> None:
        for listener in list(self._listeners):
            listener(kind, payload)

    def _write(self, kind: str, payload: dict[str, object]) -> None:
        """Record first (evidence); the views hear of it once the state has changed too."""
        self.record(kind, payload)
        self._queued.append((kind, payload))

    def _flush(self) -> None:
        queued, self._queued = self._queued, []
        for kind, payload in queued:
            self._emit(kind, payload)

    # ------------------------------------------------------------------ state
    @property
    def live(self) -> bool:
        """Started and not finished."""
        return self._index >= 0 and not self._finished

    @property
    def current(self) -> Product | None:
        """The product on air, or None before start / after finish."""
        return self.plan.products[self._index] if self.live else None

    @property
    def next_product(self) -> Product | None:
        """What comes after the current product (None on the last one)."""
        if not self.live or self._index + 1 >= len(self.plan.products):
            return None
        return self.plan.products[self._index + 1]

    @property
    def script(self) -> str:
        """The current product's 讲解要点 from the rundown."""
        return self.current.script if self.current else ""

    @property
    def checklist(self) -> list[ChecklistItem]:
        """The current product's reminders with their ticked state (kept when you come back)."""
        product = self.current
        return self._checklist_for(product) if product else []

    @property
    def ad_segment_open(self) -> bool:
        """An ad segment has been started and its end cue not yet given."""
        return self._ad is not None

    def _checklist_for(self, product: Product) -> list[ChecklistItem]:
        if product.row not in self._checklists:
            self._checklists[product.row] = [
                ChecklistItem(r) for r in self.plan.reminders(product)
            ]
        return self._checklists[product.row]

    def _require_live(self) -> Product:
        product = self.current
        if product is None:
            raise TeleprompterError("直播尚未开始或已结束")
        return product

    @staticmethod
    def _reminder_payload(at: datetime, product: Product | None, r: Reminder) -> dict[str, object]:
        return {
            "at": at.isoformat(),
            "row": product.row if product else None,
            "product": product.name if product else "",
            "reminder": r.id,
            "text": r.text,
            "sentence": r.sentence,
            "mandatory": r.mandatory,
            "article": r.article,
        }

    # ------------------------------------------------------------------ start / move
    @_notifies
    def start(self) -> Product:
        """Go live on the first product; refused while negative-list findings are open (R5)."""
        if self._index >= 0:
            raise TeleprompterError("直播已经开始")
        blocking = self.plan.blocking_findings
        if blocking:
            rows = "、".join(f"第{f.row}行" for f in blocking)
            raise TeleprompterError(f"负面清单商品未处理（{rows}）：请移除或登记理由后再开播")
        if not self.plan.products:
            raise TeleprompterError("排期中没有商品")
        now = self.clock()
        first = self.plan.products[0]
        self._write(
            "product_changed",
            {"at": now.isoformat(), "from_row": None, "from_product": "",
             "to_row": first.row, "to_product": first.name},
        )
        self._index, self._started_at = 0, now
        self._show = {r.id: _ShowReminderState(r) for r in self.plan.show_reminders}
        return first

    def pending_mandatory(self) -> list[Reminder]:
        """Mandatory reminders of the current product not yet ticked."""
        return [i.reminder for i in self.checklist if i.reminder.mandatory and not i.ticked]

    def _leave(self, confirm: bool, reason: str) -> MoveResult | None:
        """Check (and on confirmation record) what leaving the current product leaves unsaid."""
        product = self._require_live()
        unsaid = tuple(self.pending_mandatory())
        open_ad = self._ad is not None
        if (unsaid or open_ad) and not confirm:
            result = MoveResult("confirm", product, unsaid, open_ad)
            self._emit(
                "confirm_needed",
                {"row": product.row, "unsaid": [r.id for r in unsaid], "ad_segment_open": open_ad},
            )
            return result
        now = self.clock()
        for r in unsaid:
            payload = self._reminder_payload(now, product, r)
            payload["reason"] = reason
            self._write("reminder_unsaid", payload)
        if self._ad is not None:
            self._close_ad(now, spoken=False)
        return None

    def _move_to(self, index: int, confirm: bool) -> MoveResult:
        blocked = self._leave(confirm, "moved_on")
        if blocked:
            return blocked
        old = self.plan.products[self._index]
        new = self.plan.products[index]
        self._write(
            "product_changed",
            {"at": self.clock().isoformat(), "from_row": old.row, "from_product": old.name,
             "to_row": new.row, "to_product": new.name},
        )
        self._index = index
        return MoveResult("moved", new)

    @_notifies
    def next(self, confirm: bool = False) -> MoveResult:
        """Move to the next product (``at_end`` on the last one: use ``finish()``)."""
        product = self._require_live()
        if self._index + 1 >= len(self.plan.products):
            return MoveResult("at_end", product)
        return self._move_to(self._index + 1, confirm)

    @_notifies
    def previous(self, confirm: bool = False) -> MoveResult:
        """Go back one product; leaving the current one follows the same confirm rule."""
        product = self._require_live()
        if self._index == 0:
            return MoveResult("at_start", product)
        return self._move_to(self._index - 1, confirm)

    @_notifies
    def go_to(self, row: int, confirm: bool = False) -> MoveResult:
        """Jump to the product on an Excel row (the host skipped ahead or returned to one)."""
        product = self._require_live()
        for index, candidate in enumerate(self.plan.products):
            if candidate.row == row:
                if index == self._index:
                    return MoveResult("moved", product)
                return self._move_to(index, confirm)
        raise TeleprompterError(f"排期中没有第{row}行的商品")

    @_notifies
    def finish(self, confirm: bool = False) -> MoveResult:
        """End the show; what the last product leaves unsaid is confirmed like any move."""
        product = self._require_live()
        blocked = self._leave(confirm, "show_finished")
        if blocked:
            return blocked
        self._finished = True
        self._emit("show_finished", {"at": self.clock().isoformat(), "last_row": product.row})
        return MoveResult("finished", None)

    # ------------------------------------------------------------------ ticking
    def _find(self, reminder_id: str) -> tuple[ChecklistItem | None, _ShowReminderState | None]:
        for item in self.checklist:
            if item.reminder.id == reminder_id:
                return item, None
        if reminder_id in self._show:
            return None, self._show[reminder_id]
        raise TeleprompterError(f"当前商品没有提醒 {reminder_id}")

    @_notifies
    def tick(self, reminder_id: str) -> bool:
        """Mark a reminder as said; False if it already was. Show-level ids (S9, S10) too."""
        product = self._require_live()
        item, show = self._find(reminder_id)
        now = self.clock()
        if item is not None:
            if item.ticked:
                return False
            self._write("reminder_ticked", self._reminder_payload(now, product, item.reminder))
            item.ticked, item.ticked_at = True, now
            return True
        assert show is not None
        # A periodic reminder is said again and again: every tick is a record.
        self._write("reminder_ticked", self._reminder_payload(now, product, show.reminder))
        show.last_said = now
        return True

    @_notifies
    def untick(self, reminder_id: str) -> bool:
        """Take back a tick made by mistake; recorded, since the tick was. False if not ticked."""
        product = self._require_live()
        item, _show = self._find(reminder_id)
        if item is None:
            raise TeleprompterError(f"{reminder_id} 是定时提醒，无法撤销")
        if not item.ticked:
            return False
        self._write(
            "reminder_unticked", self._reminder_payload(self.clock(), product, item.reminder)
        )
        item.ticked, item.ticked_at = False, None
        return True

    def due_show_reminders(self) -> list[Reminder]:
        """Show-level reminders due now: never said since going live, or older than their period."""
        if not self.live:
            return []
        now = self.clock()
        due = []
        for state in self._show.values():
            period = timedelta(minutes=state.reminder.every_minutes or 0)
            if state.last_said is None or now - state.last_said >= period:
                due.append(state.reminder)
        return due

    # ------------------------------------------------------------------ ad segments (S5)
    @_notifies
    def start_ad_segment(self, advertiser: str = "") -> str:
        """Open an ad segment on the current product; returns the cue to say (000 第十条5)."""
        product = self._require_live()
        if self._ad is not None:
            raise TeleprompterError("广告时段已开始，请先结束当前广告时段")
        now = self.clock()
        self._write(
            "ad_segment_start",
            {"at": now.isoformat(), "row": product.row, "product": product.name,
             "cue": AD_START_CUE, "advertiser": advertiser.strip(),
             "article": "000 第十条5；000 第二十二条9"},
        )
        self._ad = _AdSegment(product.row, product.name, now, advertiser.strip())
        return AD_START_CUE

    @_notifies
    def end_ad_segment(self) -> str:
        """Close the ad segment; returns the end cue and ticks S5 when the product has it."""
        self._require_live()
        if self._ad is None:
            raise TeleprompterError("当前没有进行中的广告时段")
        self._close_ad(self.clock(), spoken=True)
        if any(i.reminder.id == "S5" and not i.ticked for i in self.checklist):
            self.tick("S5")
        return AD_END_CUE

    def _close_ad(self, at: datetime, spoken: bool) -> None:
        ad = self._ad
        assert ad is not None
        self._write(
            "ad_segment_end",
            {"at": at.isoformat(), "row": ad.product_row, "product": ad.product_name,
             "cue": AD_END_CUE, "started_at": ad.started_at.isoformat(),
             "advertiser": ad.advertiser, "spoken": spoken,
             "article": "000 第十条5；000 第二十二条9"},
        )
        self._ad = None

    # ------------------------------------------------------------------ corrections (R1)
    @_notifies
    def correct(self, wrong: str, correction: str, product_row: int | None = None) -> Correction:
        """Record an on-air correction (001 第三十五条): what was wrong and what was said instead.

        Attached to the current product unless ``product_row`` names another (a slip about an
        earlier product corrected later). Allowed before going live too: rehearsal slips count.
        """
        wrong, correction = wrong.strip(), correction.strip()
        if not wrong or not correction:
            raise TeleprompterError("纠错记录须同时填写错误内容和更正内容")
        if product_row is not None:
            product: Product | None = self.plan.product(product_row)
        else:
            product = self.current
        entry = Correction(
            at=self.clock(),
            product_row=product.row if product else None,
            product_name=product.name if product else "",
            wrong=wrong,
            correction=correction,
        )
        self._write(
            "correction",
            {"at": entry.at.isoformat(), "row": entry.product_row, "product": entry.product_name,
             "wrong": wrong, "correction": correction, "article": "001 第三十五条"},
        )
        self.corrections.append(entry)
        return entry

    # ------------------------------------------------------------------ price (V5)
    def price_on_screen_matches(self, on_screen_text: str) -> bool | None:
        """Does the on-screen price agree with the current product's (000 第二十七条5)?"""
        product = self.current
        return None if product is None else price_matches(on_screen_text, product)
