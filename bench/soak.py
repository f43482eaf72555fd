"""Soak: the monitor on the demo source for a long run, with its resident memory over time.

    python -m bench.soak [--minutes 30] [--every 30] [--fast] [--db PATH] [--out CURVE.csv]

Runs the real loop (DemoSource → IncrementalReader → FrameChecker → anchors → Monitor → a real
SQLite store, default profile, RapidOCR) and reads this process's RSS (``VmRSS`` from
``/proc/self/status``; Linux only, no extra dependency) every ``--every`` seconds of monitor
time. At the end it prints the RSS curve and a least-squares line through the points after the
warm-up (the first ``--warmup`` minutes: the OCR models and the first full passes allocate
their arenas there), projected to an 8-hour show.

By default the demo plays in real time (1 sample per wall second, as in a studio). ``--fast``
drives it with a step clock instead: one scene second per processed sample, as fast as the CPU
allows, so an 8-hour show's worth of samples fits in less wall time; ``--minutes`` is then in
scene minutes.

The interesting output is the slope (MiB per hour), not the absolute RSS: the absolute value
depends on the ONNX runtime's arenas and the libraries loaded.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from app.capture.demo import DemoSource
from app.cli._session import build_checker
from app.monitor.runner import MonitorRunner, SampleUpdate
from app.store import Store


def rss_mib() -> float:
    """This process's resident set size in MiB (VmRSS)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS in /proc/self/status (not Linux?)")


class StepClock:
    """Scene time that the loop advances by one second per processed sample."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares slope and intercept of ys over xs."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return 0.0, my
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, my - slope * mx


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=30.0, help="run length (default 30)")
    ap.add_argument("--every", type=float, default=30.0, help="seconds between RSS readings")
    ap.add_argument("--warmup", type=float, default=3.0, help="minutes left out of the fit")
    ap.add_argument("--fast", action="store_true", help="step clock: as fast as the CPU allows")
    ap.add_argument("--db", type=Path, default=None, help="store (default: a temp dir)")
    ap.add_argument("--out", type=Path, default=None, help="write the curve as CSV here")
    args = ap.parse_args(argv)

    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="livecomply-soak-")
        db = Path(tmp.name) / "soak.db"
    store = Store.open(db)
    checker = build_checker("default", None)
    # The engine sets RapidOCR's logger to WARNING; its "detection result is empty" is noise here.
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    duration = args.minutes * 60.0
    if args.fast:
        clock = StepClock()
        source = DemoSource(fps=1.0, speed=1.0, loop=True, clock=clock)
        runner = MonitorRunner(source, checker, store, realtime=False, meta={"bench": "soak"})
    else:
        clock = time.monotonic  # type: ignore[assignment]
        source = DemoSource(fps=2.0, speed=1.0, loop=True)
        runner = MonitorRunner(source, checker, store, realtime=True, meta={"bench": "soak"})

    t0 = clock()
    wall0 = time.monotonic()
    cpu0 = time.process_time()
    curve: list[tuple[float, float, int, float]] = []  # (monitor s, RSS MiB, samples, wall s)
    next_at = 0.0
    samples = 0

    def on_sample(_u: SampleUpdate) -> None:
        nonlocal next_at, samples
        samples += 1
        if args.fast:
            clock.now += 1.0  # type: ignore[union-attr]
        el = clock() - t0
        if el >= next_at:
            gc.collect()
            point = (el, rss_mib(), samples, time.monotonic() - wall0)
            curve.append(point)
            print(f"  t={el / 60:6.1f} min  rss={point[1]:7.1f} MiB  samples={samples:5d}  "
                  f"wall={point[3] / 60:5.1f} min", flush=True)
            next_at = (el // args.every + 1) * args.every

    runner.on_sample(on_sample)
    print(f"soak: {'fast (step clock)' if args.fast else 'real time'}, {args.minutes:g} min, "
          f"pid {os.getpid()}, started {datetime.now().isoformat(timespec='seconds')}, "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    try:
        summary = runner.run(duration=duration)
    finally:
        store.close()
    cpu = time.process_time() - cpu0
    wall = time.monotonic() - wall0
    gc.collect()
    curve.append((clock() - t0, rss_mib(), samples, wall))

    print(f"\nsamples {summary.samples}, modes {dict(summary.modes)}, events "
          f"{dict(summary.events)}; CPU {cpu:.0f} s over {wall:.0f} s wall "
          f"({100 * cpu / max(wall, 1e-9):.0f} % of one core); db {db.stat().st_size / 2**20:.1f} "
          "MiB")
    print("\nminute,rss_mib,samples")
    for el, rss, n, _w in curve:
        print(f"{el / 60:.1f},{rss:.1f},{n}")
    if args.out:
        args.out.write_text(
            "monitor_s,rss_mib,samples,wall_s\n"
            + "".join(f"{a:.1f},{b:.2f},{c},{d:.1f}\n" for a, b, c, d in curve),
            encoding="utf-8",
        )
    fit = [(el, rss) for el, rss, _n, _w in curve if el >= args.warmup * 60]
    if len(fit) >= 3:
        slope, icpt = linear_fit([a for a, _ in fit], [b for _, b in fit])
        per_h = slope * 3600
        at8 = icpt + slope * 8 * 3600
        print(f"\nafter {args.warmup:g} min warm-up: slope {per_h:+.2f} MiB/h; "
              f"RSS {fit[0][1]:.1f} → {fit[-1][1]:.1f} MiB; linear projection to 8 h: "
              f"{at8:.1f} MiB ({at8 - fit[-1][1]:+.1f} MiB from the last reading)")
    else:
        print("\ntoo few readings after the warm-up for a projection")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
