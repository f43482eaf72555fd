"""The on-screen price against the live product's rundown price (000 第二十七条5)."""

from __future__ import annotations

from app.showplan import load_rundown
from app.teleprompter.price_watch import PriceWatch
from tests.conftest import REPO


def products():
    result = load_rundown(REPO / "resources" / "templates" / "rundown_template.csv")
    assert result.plan is not None, result.errors
    return result.plan.products


def test_a_wrong_price_for_longer_than_the_grace_time_is_one_finding() -> None:
    first = products()[0]
    records: list[tuple[str, dict]] = []
    watch = PriceWatch(lambda k, p: records.append((k, p)), grace_s=2.0, recover_s=2.0)
    right = f"到手价 ¥{first.price}"
    wrong = "到手价 ¥1.00"
    seq = [right, wrong, wrong, wrong, wrong, right, right, right, right]
    kinds = [watch.update(float(t), text, first) for t, text in enumerate(seq)]
    assert [k for k in kinds if k] == ["start", "end"]
    start, end = records[0][1], records[1][1]
    assert records[0][0] == "price_mismatch" and start["status"] == "start"
    assert start["on_screen"] == wrong and start["rundown_price"] == str(first.price)
    assert "第二十七条" in str(start["article"]) and end["status"] == "end"


def test_no_price_or_no_product_is_not_a_mismatch() -> None:
    records: list = []
    watch = PriceWatch(lambda k, p: records.append(k), grace_s=0.0)
    assert watch.update(0.0, None, products()[0]) is None
    assert watch.update(1.0, "¥1", None) is None
    assert records == []


def test_changing_product_closes_an_open_mismatch() -> None:
    a, b = products()[:2]
    records: list[tuple[str, dict]] = []
    watch = PriceWatch(lambda k, p: records.append((k, p)), grace_s=0.0)
    watch.update(0.0, "¥1.00", a)
    watch.update(1.0, f"¥{b.price}", b)
    assert [p["status"] for _, p in records] == ["start", "end"]
