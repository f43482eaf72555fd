"""How long the show report takes for a long show.

Fills a temporary store with a synthetic 4-hour session at 1 sample/s (14 400 samples plus
violations with snapshots, banned terms, disconnections, ad segments, products and reminders),
then times, in the same run:

* baseline: reading every record of the session (``Store.records``) — the least any report does;
* ``load_report`` (read + verify the chain + coverage);
* the HTML report, and the PDF report, end to end (``build_report``).

Times are printed in seconds and as ratios to the baseline, so a slower or busier PC gives
comparable figures. Run: ``python -m bench.report_speed [--hours 4] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import numpy as np

from app.reports import build_report, drive, load_report
from app.store import Store

BASE = datetime(2026, 11, 20, 19, 0, 0, tzinfo=UTC)


def _jpeg(n: int) -> bytes:
    """A distinct small frame per violation (content-addressed snapshots must differ)."""
    img = np.full((360, 640, 3), (60 + n * 7 % 150, 90, 140), np.uint8)
    cv2.putText(img, f"frame {n}", (40, 200), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (255, 255, 255), 3)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    return buf.tobytes()


def fill_synthetic_session(db: Path, hours: float = 4.0, seed: int = 7, fast: bool = True
                           ) -> str:
    """Write one synthetic session of ``hours`` at 1 sample/s; return its id.

    ``fast`` turns off fsync for this throw-away store (the evidence store itself always syncs).
    """
    rng = random.Random(seed)
    length = int(hours * 3600)
    with Store.open(db) as store:
        if fast and store._writer is not None:
            store._writer.execute("PRAGMA synchronous = OFF")
        sid = store.start_session("synthetic", "default",
                                  {"room": "基准直播间", "host": "合成主播",
                                   "rule_pack_version": "2026.11.1"}, t=BASE)

        def at(s: float) -> datetime:
            return BASE + timedelta(seconds=s)

        store.source_event(sid, "connected", detail="synthetic", t=at(0.2))
        gaps = {h * 3600 + 1800: 30 for h in range(int(hours) + 1)}  # 30 s gap each hour
        bad_until = -1.0
        banned_until = -1.0
        n_viol = 0
        product = 0
        gap_end = -1.0
        s = 1
        while s < length:
            if s in gaps:
                store.source_event(sid, "disconnected", detail="OBS closed", t=at(s))
                gap_end = s + gaps[s]
                store.source_event(sid, "reconnected", detail="OBS back",
                                   data={"gap_s": gaps[s]}, t=at(gap_end))
                s = int(gap_end) + 1
                continue
            if s % 900 == 0:  # a product every 15 min, with its reminders
                product += 1
                store.append(sid, "product_changed",
                             {"to_row": product + 1, "to_product": f"商品{product}",
                              "price": f"¥{50 + product}"}, t=at(s))
                for rid in ("S1", "S4"):
                    store.append(sid, "reminder_ticked",
                                 {"row": product + 1, "reminder": rid, "text": f"提醒 {rid}",
                                  "mandatory": True, "article": "000 第二十七条3"},
                                 t=at(s + 60))
            if s % 3600 == 600:
                store.append(sid, "ad_segment_start", {"label": "品牌方"}, t=at(s))
            if s % 3600 == 1200:
                store.append(sid, "ad_segment_end", {"label": "品牌方"}, t=at(s))
            if s % 600 == 300:  # the ad label drops out for 20 s every 10 min
                bad_until = s + 20
                n_viol += 1
                store.violation_start(sid, element="ad_label", requirement="V1", rule="V1",
                                      article="000 第十条5; 000 第二十二条9", status="missing",
                                      confidence=0.0, snapshot=_jpeg(n_viol), t=at(s + 2))
            if s == bad_until:
                store.violation_end(sid, element="ad_label", requirement="V1",
                                    duration_s=20.0, t=at(s + 2))
            if s % 1800 == 900:
                banned_until = s + 8
                n_viol += 1
                store.violation_start(sid, element="banned_term", requirement="B3", rule="B3",
                                      article="000 第二十五条4", status="present",
                                      confidence=0.93, snapshot=_jpeg(n_viol), t=at(s + 2),
                                      term="全网最低价", text="今晚全网最低价 手慢无")
            if s == banned_until:
                store.violation_end(sid, element="banned_term", requirement="B3",
                                    duration_s=8.0, t=at(s + 2))
            ad = "m" if s < bad_until else ("c" if rng.random() < 0.002 else "o")
            store.sample(sid, statuses=f"{ad}-oo", banned=int(s < banned_until),
                         elapsed_ms=rng.randint(40, 400), t=at(s), mode="cached", qr=0,
                         media_t=float(s))
            s += 1
        store.end_session(sid, {"synthetic": True}, t=at(length))
    return sid


def _timed(fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    """Fill, time, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hours", type=float, default=4.0)
    ap.add_argument("--keep", type=Path, default=None, help="write store and reports here")
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "bench.db"
        t_fill = time.perf_counter()
        sid = fill_synthetic_session(db, args.hours)
        t_fill = time.perf_counter() - t_fill
        with Store.open(db, readonly=True) as store:
            records = store.count(sid)
            baseline = _timed(lambda: sum(1 for _ in store.records(sid)))
        t_load = _timed(lambda: drive(load_report(db, sid)))
        t_html = _timed(lambda: drive(build_report(db, sid, folder / "report.html", "html")))
        t_pdf = None if args.no_pdf else _timed(
            lambda: drive(build_report(db, sid, folder / "report.pdf", "pdf")))
        print(f"synthetic session: {args.hours:g} h, {records} records "
              f"(filled in {t_fill:.1f} s)")
        print(f"baseline  read all records  {baseline:7.2f} s   1.0 x")
        print(f"load      read+verify+stats {t_load:7.2f} s  {t_load / baseline:5.1f} x")
        print(f"html      report            {t_html:7.2f} s  {t_html / baseline:5.1f} x")
        if t_pdf is not None:
            print(f"pdf       report            {t_pdf:7.2f} s  {t_pdf / baseline:5.1f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
