"""Light logic without a window: amber while confirming, red with the reason in words once the
monitor reports, green after recovery; one light per requirement family."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.checker.result import ElementFinding, FrameResult, Status
from app.monitor.events import MonitorEvent
from ui.status import Level, LightBoard, describe_violation

T0 = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)


def result(ad: Status = Status.OK, ai: Status = Status.NOT_REQUIRED) -> FrameResult:
    elements = {
        "ad_label": ElementFinding("ad_label", ad, "V1", "000 第十条5"),
        "ai_disclosure": ElementFinding("ai_disclosure", ai, "V2", "001 第三十条"),
        "merchant_info": ElementFinding("merchant_info", Status.OK, "V3", ""),
        "price": ElementFinding("price", Status.OK, "V5", ""),
    }
    return FrameResult("f", 1280, 720, "rapidocr", 10.0, elements)


def event(kind: str, element: str = "ad_label", status: str = "occluded", t: float = 12.0,
          since: float = 10.0, **detail: object) -> MonitorEvent:
    return MonitorEvent(kind, T0, "s", element, "V1", status, "000 第十条5", t=t, since=since,
                        detail=dict(detail))


def test_unknown_before_the_first_frame() -> None:
    board = LightBoard()
    assert {s.level for s in board.states(T0).values()} == {Level.UNKNOWN}


def test_amber_while_confirming_then_red_with_duration_then_green() -> None:
    board = LightBoard()
    board.on_sample(result(ad=Status.OCCLUDED))
    st = board.state("ad_label", T0)
    assert st.level is Level.WARN and st.reason == "广告标识被遮挡，确认中"
    board.on_event(event("violation_start"))  # condition began 2 s before the event
    st = board.state("ad_label", T0 + timedelta(seconds=6))
    assert st.level is Level.ALARM
    assert st.reason == "广告标识被遮挡 8 秒"
    assert board.state("merchant_info", T0).level is Level.OK
    board.on_event(event("violation_end", status="recovered"))
    board.on_sample(result())
    assert board.state("ad_label", T0).level is Level.OK


def test_not_required_is_off_and_banned_terms_and_qr_share_a_light() -> None:
    board = LightBoard()
    board.on_sample(result())
    assert board.state("ai_disclosure", T0).level is Level.OFF
    board.on_event(event("violation_start", "banned_term", "present", term="全网最低价"))
    board.on_event(event("violation_start", "qr_code", "present", payload="https://x"))
    st = board.state("banned_term", T0 + timedelta(seconds=3))
    assert st.level is Level.ALARM
    assert st.reason == "违禁词“全网最低价”出现 5 秒（另有 1 项）"
    board.on_event(event("violation_end", "banned_term", "recovered", term="全网最低价"))
    st = board.state("banned_term", T0 + timedelta(seconds=3))
    assert st.reason == "二维码出现 5 秒"


def test_english_wording(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n

    i18n.install_language("en")
    try:
        assert describe_violation(event("violation_start"), 8) == "Ad label covered for 8 s"
    finally:
        i18n.install_language("zh_CN")
