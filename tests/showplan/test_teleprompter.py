"""The teleprompter model's state transitions, recorded through a list-backed ``record``."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.showplan import ShowOptions, ShowPlan, show_reminders
from app.showplan.model import Finding, Product
from app.teleprompter import (
    AD_END_CUE,
    AD_START_CUE,
    TeleprompterError,
    TeleprompterModel,
)

T0 = datetime(2025, 6, 1, 20, 0, tzinfo=timezone(timedelta(hours=8)))

TSHIRT = Product(
    row=2, name="纯棉T恤", category="服装鞋帽", spec="L码", price=Decimal("59"),
    merchant_name="某服饰有限公司", uscc="91350100M000100Y43", seven_day_return=True,
    script="面料200g精梳棉",
)
HONEY = replace(TSHIRT, row=3, name="蜂蜜", category="食品", shelf_life="24个月",
                ad_segment=True, script="单一花种")
CUP = replace(TSHIRT, row=4, name="保温杯", category="日用百货", script="316不锈钢")


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


Records = list[tuple[str, dict[str, object]]]
Setup = tuple[TeleprompterModel, Records, Clock]


@pytest.fixture
def setup() -> Setup:
    records: Records = []
    clock = Clock()
    options = ShowOptions(ai_host=True)
    plan = ShowPlan([TSHIRT, HONEY, CUP], show_reminders(options), [], options)
    model = TeleprompterModel(plan, lambda k, p: records.append((k, p)), clock=clock)
    return model, records, clock


def kinds(records: Records) -> list[str]:
    return [k for k, _ in records]


def test_start_shows_first_product_script_checklist_and_next(setup: Setup) -> None:
    model, records, _ = setup
    assert model.current is None and model.checklist == []
    with pytest.raises(TeleprompterError):
        model.tick("S1")
    assert model.start() == TSHIRT
    assert model.current == TSHIRT and model.next_product == HONEY
    assert model.script == "面料200g精梳棉"
    assert [i.reminder.id for i in model.checklist] == ["S1", "S4"]
    assert not any(i.ticked for i in model.checklist)
    assert records == [("product_changed", {"at": T0.isoformat(), "from_row": None,
                                            "from_product": "", "to_row": 2,
                                            "to_product": "纯棉T恤"})]
    with pytest.raises(TeleprompterError):
        model.start()


def test_tick_and_untick_are_recorded_once(setup: Setup) -> None:
    model, records, _ = setup
    model.start()
    assert model.tick("S1") is True
    assert model.tick("S1") is False  # already said: no second record
    assert model.checklist[0].ticked and model.checklist[0].ticked_at == T0
    assert model.untick("S1") is True and model.untick("S1") is False
    assert kinds(records)[1:] == ["reminder_ticked", "reminder_unticked"]
    payload = records[1][1]
    assert payload["row"] == 2 and payload["reminder"] == "S1" and payload["mandatory"] is True
    assert payload["article"]
    with pytest.raises(TeleprompterError):
        model.tick("S6")  # not on this product's list


def test_next_with_unticked_mandatory_asks_then_records_unsaid(setup: Setup) -> None:
    model, records, _ = setup
    events: list[str] = []
    model.subscribe(lambda kind, _p: events.append(kind))
    model.start()
    model.tick("S4")
    result = model.next()
    assert result.status == "confirm" and [r.id for r in result.unsaid] == ["S1"]
    assert model.current == TSHIRT, "nothing moves before confirmation"
    assert "reminder_unsaid" not in kinds(records)
    assert events[-1] == "confirm_needed"
    result = model.next(confirm=True)
    assert result.status == "moved" and result.product == HONEY
    assert kinds(records)[-2:] == ["reminder_unsaid", "product_changed"]
    unsaid = records[-2][1]
    assert unsaid["reminder"] == "S1" and unsaid["row"] == 2 and unsaid["reason"] == "moved_on"
    assert events[-2:] == ["reminder_unsaid", "product_changed"]


def test_next_when_all_said_moves_without_asking(setup: Setup) -> None:
    model, records, _ = setup
    model.start()
    model.tick("S1")
    model.tick("S4")
    assert model.next().status == "moved"
    assert "reminder_unsaid" not in kinds(records)


def test_ticks_survive_going_back_and_previous_also_confirms(setup: Setup) -> None:
    model, _, _ = setup
    model.start()
    model.tick("S1")
    model.tick("S4")
    model.next()
    assert model.previous().status == "confirm"  # honey's reminders are unsaid
    assert model.previous(confirm=True).status == "moved"
    assert all(i.ticked for i in model.checklist)
    assert model.previous().status == "at_start"


def test_end_of_show(setup: Setup) -> None:
    model, records, _ = setup
    model.start()
    model.go_to(4, confirm=True)
    assert model.next().status == "at_end" and model.next_product is None
    assert model.finish().status == "confirm"
    assert model.finish(confirm=True).status == "finished"
    assert model.current is None
    assert records[-1][1]["reason"] == "show_finished"


def test_ad_segment_cues_and_s5(setup: Setup) -> None:
    model, records, clock = setup
    model.start()
    model.go_to(3, confirm=True)
    assert "S5" in [i.reminder.id for i in model.checklist]
    with pytest.raises(TeleprompterError):
        model.end_ad_segment()
    assert model.start_ad_segment("某蜂业") == AD_START_CUE
    assert model.ad_segment_open
    with pytest.raises(TeleprompterError):
        model.start_ad_segment()
    clock.advance(5)
    assert model.end_ad_segment() == AD_END_CUE
    assert not model.ad_segment_open
    assert kinds(records)[-3:] == ["ad_segment_start", "ad_segment_end", "reminder_ticked"]
    start, end = records[-3][1], records[-2][1]
    assert start["cue"] == "以下为广告内容" and start["row"] == 3
    assert start["advertiser"] == "某蜂业"
    assert end["spoken"] is True and end["started_at"] == T0.isoformat()
    assert next(i for i in model.checklist if i.reminder.id == "S5").ticked


def test_leaving_an_open_ad_segment_needs_confirmation(setup: Setup) -> None:
    model, records, _ = setup
    model.start()
    model.tick("S1")
    model.tick("S4")
    model.start_ad_segment()
    result = model.next()
    assert result.status == "confirm" and result.ad_segment_open and result.unsaid == ()
    model.next(confirm=True)
    end = next(p for k, p in records if k == "ad_segment_end")
    assert end["spoken"] is False


def test_correction_is_time_stamped_with_product(setup: Setup) -> None:
    model, records, clock = setup
    model.start()
    clock.advance(3)
    entry = model.correct("说成了保质期36个月", "保质期为24个月", product_row=3)
    assert entry.product_name == "蜂蜜" and entry.at == T0 + timedelta(minutes=3)
    kind, payload = records[-1]
    assert kind == "correction"
    assert payload == {"at": (T0 + timedelta(minutes=3)).isoformat(), "row": 3,
                       "product": "蜂蜜", "wrong": "说成了保质期36个月",
                       "correction": "保质期为24个月", "article": "001 第三十五条"}
    current = model.correct("价格说错", "直播价59元")
    assert current.product_row == 2 and model.corrections == [entry, current]
    with pytest.raises(TeleprompterError):
        model.correct("", "x")


def test_show_reminders_come_due_periodically(setup: Setup) -> None:
    model, records, clock = setup
    model.start()
    assert {r.id for r in model.due_show_reminders()} == {"S9", "S10"}
    model.tick("S9")
    model.tick("S10")
    assert model.due_show_reminders() == []
    clock.advance(20)
    assert [r.id for r in model.due_show_reminders()] == ["S9"]
    clock.advance(10)
    assert {r.id for r in model.due_show_reminders()} == {"S9", "S10"}
    with pytest.raises(TeleprompterError):
        model.untick("S9")
    assert records[-1][1]["reminder"] == "S10"


def test_blocking_findings_prevent_start() -> None:
    finding = Finding(row=2, product_name="x", rule="R5", article="000 第六条10", message="处方药")
    plan = ShowPlan([TSHIRT], show_reminders(), [finding])
    model = TeleprompterModel(plan, lambda k, p: None)
    with pytest.raises(TeleprompterError, match="负面清单"):
        model.start()
    plan.justify(2, "张三", "已删除处方药描述，仅作展示")
    assert model.start() == TSHIRT


def test_failed_record_leaves_state_unchanged(setup: Setup) -> None:
    model, _, _ = setup
    model.start()

    def broken(kind: str, payload: dict[str, object]) -> None:
        raise OSError("disk full")

    model.record = broken
    with pytest.raises(OSError):
        model.tick("S1")
    assert not model.checklist[0].ticked


def test_unsubscribe(setup: Setup) -> None:
    model, _, _ = setup
    seen: list[str] = []
    unsubscribe = model.subscribe(lambda k, _p: seen.append(k))
    unsubscribe()
    model.start()
    assert seen == []


def test_price_on_screen(setup: Setup) -> None:
    model, _, _ = setup
    assert model.price_on_screen_matches("¥59") is None  # not live
    model.start()
    assert model.price_on_screen_matches("直播价 ￥59.00") is True
    assert model.price_on_screen_matches("直播价 59 元") is True
    assert model.price_on_screen_matches("直播价 ¥69") is False
