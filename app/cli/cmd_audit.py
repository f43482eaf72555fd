"""``livecomply audit``: the monitor's checks over a recording, as fast as it decodes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli._session import add_common, build_checker, describe, event_json, open_store
from app.cli.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="check a recording (mp4/flv/mkv) as fast as possible",
        description="Run the live checks over a recording and store the session. "
        "Exit 0 no violations, 1 violations, 2 bad input.",
    )
    p.add_argument("recording", type=Path)
    p.add_argument("--every", default="1s", help="sample interval in media time (default 1s)")
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        help="processes reading the recording at once (default: one per CPU core; 1 = serial)",
    )
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from app.capture.base import SourceError
    from app.cli._session import parse_interval
    from app.monitor.audit import ParallelAudit

    if not args.recording.is_file():
        raise UserError(f"{args.recording}: no such file; give the path of a recording")
    if args.workers < 0:
        raise UserError("--workers must be 0 (one per core) or a positive number")
    every = parse_interval(args.every)
    checker = build_checker(args.profile, args.engine)
    store = open_store(args.db)
    try:
        runner = ParallelAudit(
            args.recording,
            checker,
            store,
            every=every,
            workers=args.workers or None,
            meta={"command": "audit", "recording": str(args.recording)},
        )
    except SourceError as exc:
        store.close()
        raise UserError(str(exc)) from exc
    console = Console(stderr=True, highlight=False)
    progress = Progress(
        TextColumn("审核 audit"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=args.json or not console.is_terminal,
    )
    task = progress.add_task("audit", total=1.0)

    def on_sample(update: Any) -> None:
        pos, dur = runner.progress()
        if dur:
            progress.update(task, completed=min(1.0, pos / dur))

    def on_event(e: Any) -> None:
        if args.json:
            print(event_json(e), flush=True)
        else:
            progress.console.print(describe(e))

    runner.on_sample(on_sample)
    runner.subscribe(on_event)
    try:
        with progress:
            summary = runner.run()
    except SourceError as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.close()
    s = summary.to_json()
    if args.json:
        import json

        print(json.dumps({"type": "session_summary", **s}, ensure_ascii=False), flush=True)
    else:
        print(
            f"审核完成 audit done: session {s['session']}, {s['samples']} samples, "
            f"{s['violations']} violations, mean {s['mean_ms']} ms/sample"
        )
    return 1 if s["violations"] else 0
