"""``livecomply verify``: prove an evidence database and its snapshots are intact.

Exit codes: 0 intact, 1 broken (the first bad record is named: seq, kind, reason), 2 bad input
(missing file, not a LiveComply database) — the last as one line, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.errors import UserError
from app.paths import default_db_path
from app.store import StoreError, verify


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``verify`` to the CLI."""
    p = subparsers.add_parser(
        "verify",
        help="check the evidence database has not been altered",
        description="Re-compute the hash chain of every record and the hash of every snapshot. "
        "Exit 0 intact, 1 broken, 2 bad input.",
    )
    p.add_argument("path", nargs="?", type=Path, metavar="DB",
                   help=f"evidence database (default: {default_db_path()})")
    p.add_argument("--db", type=Path, metavar="PATH", help="same as DB")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Verify and report; the exit code is the verdict."""
    if args.path and args.db and args.path != args.db:
        raise UserError("give the database either as DB or as --db, not two different paths")
    path: Path = args.path or args.db or default_db_path()
    try:
        result = verify(path)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        sys.stdout.write(json.dumps({"db": str(path), **result.to_json()}, ensure_ascii=False)
                         + "\n")
    else:
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        if result.ok:
            head = (f"; head seq {result.head_seq} hash {result.head_hash}"
                    if result.head_seq is not None else "")
            print(f"OK: {path}: {result.checked} records and {result.snapshots} snapshots "
                  f"intact{head}")
        else:
            print(f"BROKEN: {path}: {result.first_bad} ({result.checked} records intact before it)")
    return 0 if result.ok else 1
