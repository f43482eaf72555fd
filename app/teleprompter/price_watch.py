"""The price on screen against the rundown price of the product being sold (V5).

000 第二十七条5 wants what the room shows to agree with what the link sells (内容与链接一致):
while a product is live, a price overlay that names another amount for longer than the grace
time is a finding, recorded once when it starts and once when it ends.
"""

from __future__ import annotations

from app.monitor.debounce import Debouncer
from app.showplan.model import Product, Recorder
from app.showplan.prices import price_matches

ARTICLE = "000 第二十七条5; 001 第二十七条"


class PriceWatch:
    def __init__(self, record: Recorder, grace_s: float = 5.0, recover_s: float = 3.0) -> None:
        self.record = record
        self.grace_s = grace_s
        self.recover_s = recover_s
        self._row: int | None = None
        self._deb = Debouncer("price", grace_s=grace_s, recover_s=recover_s, reannounce_s=0)

    def update(self, t: float, on_screen: str | None, product: Product | None) -> str | None:
        """Feed one sample; returns "start" or "end" when a mismatch begins or clears."""
        row = None if product is None else product.row
        if row != self._row:  # a new product: an open mismatch belonged to the old one
            self._close(t)
            self._row = row
        verdict = None if (product is None or not on_screen) else price_matches(on_screen,
                                                                                product)
        detail: dict[str, object] = {}
        if verdict is False and product is not None:
            detail = {"row": product.row, "product": product.name, "on_screen": on_screen,
                      "rundown_price": str(product.price), "article": ARTICLE}
        tr = self._deb.update(t, verdict is False, detail or None)
        if tr is None:
            return None
        payload = {**tr.detail, "status": tr.kind}
        self.record("price_mismatch", payload)
        return tr.kind

    def _close(self, t: float) -> None:
        tr = self._deb.close(t)
        if tr is not None:
            self.record("price_mismatch", {**tr.detail, "status": "end"})
