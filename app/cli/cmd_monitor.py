"""``livecomply monitor``: watch a live source, raise each alarm once, record the session."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import Any

from app.cli._session import (
    ELEMENT_ZH,
    STATUS_ZH,
    add_common,
    build_checker,
    describe,
    event_json,
    open_store,
)
from app.cli.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "monitor",
        help="watch a live source (OBS, device, screen, file, demo)",
        description="Watch a source, print each violation once as it starts and ends, and record "
        "the session in the evidence store. Ctrl-C ends the session cleanly. Type 'a' + Enter to "
        "start/end an ad segment, 'q' + Enter to stop.",
    )
    p.add_argument(
        "--source",
        default="demo",
        help="obs | obs:HOST:PORT | device:N | screen[:x,y,w,h] | file:PATH | demo (default: demo)",
    )
    p.add_argument("--duration", type=float, default=None, help="stop after S seconds")
    p.add_argument("--room", default="", help="live room name, for the record and the report")
    p.add_argument("--host", default="", help="host (主播) name, for the record and the report")
    p.add_argument(
        "--ad-segments",
        action="store_true",
        help="require the ad label only inside ad segments marked with 'a'",
    )
    add_common(p)
    p.set_defaults(func=run)


def _stdin_keys(runner: Any, state: dict[str, bool]) -> None:
    """Line-based keys from a terminal: 'a' toggles the ad segment, 'q' stops."""
    for line in sys.stdin:
        key = line.strip().lower()
        if key == "a":
            state["ad"] = not state["ad"]
            runner.set_ad_segment(state["ad"])
        elif key == "q":
            runner.stop()
            return


def run(args: argparse.Namespace) -> int:
    from app.capture.base import SourceError
    from app.capture.factory import open_source
    from app.monitor.runner import MonitorRunner

    checker = build_checker(args.profile, args.engine)
    try:
        source = open_source(args.source)
    except SourceError as exc:
        raise UserError(str(exc)) from exc
    store = open_store(args.db)
    runner = MonitorRunner(
        source,
        checker,
        store,
        ad_label_follows_segments=args.ad_segments,
        meta={"command": "monitor", "room": args.room, "host": args.host},
    )
    printer = _Printer(args.json, runner.session)
    runner.subscribe(printer.event)
    runner.on_sample(printer.sample)
    previous = signal.signal(signal.SIGINT, lambda *_: runner.stop())
    if sys.stdin.isatty():
        threading.Thread(target=_stdin_keys, args=(runner, {"ad": False}), daemon=True).start()
    try:
        summary = runner.run(duration=args.duration)
    except SourceError as exc:
        raise UserError(str(exc)) from exc
    finally:
        signal.signal(signal.SIGINT, previous)
        printer.close()
        store.close()
    printer.summary(summary.to_json())
    return 1 if summary.events.get("violation_start") else 0


class _Printer:
    """Events as lines (or JSON Lines); a live status line per element on a terminal."""

    def __init__(self, as_json: bool, session: str) -> None:
        from rich.console import Console

        self.as_json = as_json
        self.session = session
        self.console = Console(highlight=False, stderr=as_json)
        self.live = None
        if not as_json and self.console.is_terminal:
            from rich.live import Live

            self.live = Live(console=self.console, refresh_per_second=4, transient=True)
            self.live.start()
        elif not as_json:
            self.console.print(f"会话 session {session}")

    def event(self, e: Any) -> None:
        if self.as_json:
            print(event_json(e), flush=True)
            return
        colour = (
            "red"
            if e.type == "violation_start"
            else ("green" if e.type == "violation_end" else "yellow")
        )
        self.console.print(f"[{colour}]{describe(e)}[/]")

    def sample(self, update: Any) -> None:
        if self.live is None:
            return
        from rich.text import Text

        line = Text()
        for name, f in update.result.elements.items():
            ok = f.status.value in ("ok", "not_required")
            line.append(
                f" {ELEMENT_ZH[name]}:{STATUS_ZH.get(f.status.value, f.status.value)} ",
                style="black on green" if ok else "white on red",
            )
        n = len(update.result.banned_terms)
        line.append(f" 违禁词:{n} ", style="white on red" if n else "black on green")
        line.append(f"  {update.stats.mode} {update.elapsed_ms:.0f}ms")
        self.live.update(line)

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()

    def summary(self, s: dict[str, Any]) -> None:
        if self.as_json:
            print(json.dumps({"type": "session_summary", **s}, ensure_ascii=False), flush=True)
            return
        self.console.print(
            f"会话结束 session {s['session']}: {s['samples']} samples, {s['duration_s']} s, "
            f"{s['violations']} violations, {s['gaps']} gaps, mean {s['mean_ms']} ms/sample"
        )
