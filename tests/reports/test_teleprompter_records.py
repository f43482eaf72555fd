"""Teleprompter records in the report, written by the real model and ShowPlan into a store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.reports import drive, load_report, render_html
from app.showplan import load_rundown
from app.showplan.model import Recorder, ShowPlan
from app.store import Store
from app.teleprompter import TeleprompterModel
from tests.reports.demo_session import RUNDOWN


@contextmanager
def teleprompter_session(db: Path) -> Iterator[tuple[Store, str, Recorder, ShowPlan]]:
    """A store with a teleprompter session open, its record callback and the demo rundown."""
    plan = load_rundown(RUNDOWN).plan
    assert plan is not None
    with Store.open(db) as store:
        sid = store.start_session("teleprompter", "default")

        def record(kind: str, payload: dict[str, object]) -> None:
            store.append(sid, kind, payload)

        yield store, sid, record, plan


def test_withdrawn_ticks_unsaid_reminders_and_negative_list(tmp_path: Path) -> None:
    db = tmp_path / "lc.db"
    with teleprompter_session(db) as (store, sid, record, plan):
        plan.findings.clear()
        tp = TeleprompterModel(plan, record)
        tp.start()
        tp.tick("S1")
        tp.tick("S4")
        tp.untick("S4")  # ticked by mistake
        tp.finish(confirm=True)
        record("negative_list_justified", {"row": 2, "product": "云南高山土蜂蜜", "rule": "R5",
                                           "article": "000 第六条", "message": "测试",
                                           "who": "法务张三", "reason": "持有许可证原件"})
        store.end_session(sid)
    data = drive(load_report(db, sid))
    states = {r.reminder_id: r.state for r in data.products[0].reminders}
    assert states["S1"] == "said"
    assert states["S4"] == "unsaid"  # withdrawn, then left unsaid when the show finished
    assert data.negative_list[0]["who"] == "法务张三"
    html = drive(render_html(data))
    assert "未说（确认跳过）" in html and "负面清单登记" in html and "持有许可证原件" in html
    assert "本场未记录违规" in html  # no monitor in this session: nothing invented


def test_a_price_on_screen_that_differs_from_the_rundown_shows_in_the_product_line(
    tmp_path: Path,
) -> None:
    """PriceWatch's records (real model, real watch) reach the report as 画面价格 … 不一致."""
    from app.teleprompter.price_watch import PriceWatch

    db = tmp_path / "lc.db"
    with teleprompter_session(db) as (store, sid, record, plan):
        tp = TeleprompterModel(plan, record)
        tp.start()
        product = tp.current
        assert product is not None and product.price
        watch = PriceWatch(record, grace_s=2.0, recover_s=2.0)
        for t in range(0, 12):
            watch.update(float(t), "到手价 ¥59.9" if 2 <= t < 8 else None, product)
        tp.finish(confirm=True)
        store.end_session(sid)
    data = drive(load_report(db, sid))
    seg = data.products[0]
    assert seg.screen_price == "到手价 ¥59.9" and seg.price_matches is False
    html = drive(render_html(data))
    assert "¥59.9" in html and "不一致" in html


def test_checks_adjusted_on_this_pc_are_in_the_report_header(tmp_path: Path) -> None:
    """What the GUI records in session_start meta (ui/session.py) is printed under the profile."""
    db = tmp_path / "lc.db"
    with Store.open(db) as store:
        sid = store.start_session("demo", "default", {
            "profile_overrides": {"required.price": False, "monitor.grace_s.ad_label": 5.0},
            "zones": {"ad_label": [[0.7, 0.0, 0.3, 0.2]]},
        })
        store.end_session(sid)
    html = drive(render_html(drive(load_report(db, sid))))
    assert "本机调整" in html and "required.price = false" in html
    assert "monitor.grace_s.ad_label = 5.0" in html
    assert "本机绘制的期望区域" in html and "广告标识 × 1" in html
