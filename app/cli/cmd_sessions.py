"""``livecomply sessions``: list the recorded sessions of an evidence database.

Opens the database read-only: listing must never create, migrate or lock the evidence file.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from app.cli.errors import UserError
from app.paths import default_db_path
from app.store import SessionInfo, Store, StoreError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sessions`` to the CLI."""
    p = subparsers.add_parser(
        "sessions",
        help="list recorded sessions",
        description="List the sessions in the evidence database, oldest first.",
    )
    p.add_argument("--db", type=Path, metavar="PATH",
                   help=f"evidence database (default: {default_db_path()})")
    p.add_argument("--json", action="store_true",
                   help='JSON Lines: {"id", "start", "end", "source", "profile", "violations"}')
    p.set_defaults(func=run)


def _local(t: datetime, fmt: str) -> str:
    return t.astimezone().strftime(fmt)


def _end(s: SessionInfo) -> str:
    if s.end is None:
        return "[yellow]not ended[/]"  # crash or power cut: the last record shows how far
    same_day = s.end.astimezone().date() == s.start.astimezone().date()
    return _local(s.end, "%H:%M:%S" if same_day else "%m-%d %H:%M")


def _duration(s: SessionInfo) -> str:
    secs = int(((s.end or s.last_t) - s.start).total_seconds())
    return f"{secs // 3600}:{secs % 3600 // 60:02d}:{secs % 60:02d}"


def run(args: argparse.Namespace) -> int:
    """Print the sessions as a table or JSON Lines; exit 2 on a bad ``--db``."""
    path: Path = args.db or default_db_path()
    if args.db is None and not path.exists():
        sessions: list[SessionInfo] = []  # nothing recorded yet on this PC: not an error
    else:
        try:
            with Store.open(path, readonly=True) as store:
                sessions = store.sessions()
        except StoreError as exc:
            raise UserError(str(exc)) from exc
    if args.json:
        for s in sessions:
            sys.stdout.write(json.dumps(s.to_json(), ensure_ascii=False) + "\n")
        return 0
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not sessions:
        console.print(f"No sessions recorded in {path}")
        return 0
    table = Table(title="Sessions (local time)", caption=str(path), box=box.SIMPLE_HEAD,
                  pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("start", no_wrap=True)
    table.add_column("end", no_wrap=True)
    table.add_column("length", no_wrap=True)
    # Violations before the free-text columns so a narrow terminal never hides the count.
    table.add_column("viol.", justify="right", no_wrap=True)
    table.add_column("source", overflow="fold")
    table.add_column("profile", overflow="fold")
    for s in sessions:
        table.add_row(s.id, _local(s.start, "%m-%d %H:%M"), _end(s), _duration(s),
                      str(s.violations), s.source, s.profile)
    console.print(table)
    return 0
