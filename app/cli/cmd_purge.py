"""``livecomply purge --before DATE``: the only way evidence leaves the store.

Records and snapshots are kept at least three years (REQUIREMENTS D). A purge deletes whole
sessions that ended before DATE, oldest first, refuses any DATE younger than the retention
period, and appends a ``purge`` record (who, why, up to which record) so the store shows that it
ran and ``verify`` still proves the remaining chain. Exit 0 done (or nothing to purge),
2 refused or bad input.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime, time
from pathlib import Path

from app.cli.errors import UserError
from app.paths import default_db_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``purge`` to the CLI."""
    p = subparsers.add_parser(
        "purge",
        help="delete sessions older than the 3-year retention period (recorded)",
        description="Delete whole sessions that ended before DATE (local midnight). Refused "
        "unless DATE is at least 3 years ago. The purge itself is recorded in the store.",
    )
    p.add_argument("--before", required=True, metavar="YYYY-MM-DD",
                   help="purge sessions that ended before this date (local time)")
    p.add_argument("--db", type=Path, metavar="PATH",
                   help=f"evidence database (default: {default_db_path()})")
    p.add_argument("--operator", default=None,
                   help="who runs the purge (default: the logged-in user)")
    p.add_argument("--reason", default="retention period expired (3 years)",
                   help="why (recorded with the purge)")
    p.add_argument("--dry-run", action="store_true", help="only show what would be deleted")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=run)


def parse_before(text: str) -> datetime:
    """``YYYY-MM-DD`` → local midnight of that day, timezone-aware."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError as exc:
        raise UserError(f"bad date {text!r}: write it as YYYY-MM-DD") from exc
    return datetime.combine(day, time()).astimezone()


def run(args: argparse.Namespace) -> int:
    """Check the date against the retention period, confirm, purge, print the result."""
    from app.store import Store, StoreError
    from app.store.records import now_utc
    from app.store.store import RETENTION_YEARS, retention_cutoff

    before = parse_before(args.before)
    cutoff = retention_cutoff(now_utc()).astimezone()
    if before > cutoff:
        raise UserError(
            f"refused: records are kept at least {RETENTION_YEARS} years; --before must be "
            f"{cutoff:%Y-%m-%d} or earlier")
    db: Path = args.db or default_db_path()
    if not db.exists():
        raise UserError(f"no database at {db}")
    try:
        with Store.open(db, readonly=args.dry_run) as store:
            through, sessions = store.purge_preview(before)
            if not sessions:
                print(f"nothing to purge: no session in {db} ended before {args.before} "
                      "(or the oldest one is younger)")
                if args.dry_run:
                    return 0
            else:
                print(f"{len(sessions)} session(s), records 1..{through}: "
                      + ", ".join(sessions[:10]) + (" …" if len(sessions) > 10 else ""))
                if args.dry_run:
                    return 0
                if not args.yes:
                    if not sys.stdin.isatty():
                        raise UserError("add --yes to purge without a terminal to confirm on")
                    answer = input("永久删除以上场次？输入 yes 确认 (type yes to delete): ")
                    if answer.strip().lower() != "yes":
                        print("cancelled")
                        return 0
            operator = (args.operator or getpass.getuser()).strip()
            deleted = store.purge_expired(before, operator=operator, reason=args.reason)
    except (StoreError, ValueError) as exc:
        raise UserError(str(exc)) from exc
    print(f"purged {deleted} records of {len(sessions)} session(s); the purge is recorded "
          f"(operator {operator})")
    return 0
