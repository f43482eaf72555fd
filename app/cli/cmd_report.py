"""``livecomply report``: the show report of one session, as HTML or PDF.

Exit codes: 0 written and the hash chain verified; 1 written, but the chain is broken (the
report says where, in its integrity line); 2 bad input (unknown session, not a database, no
PDF library) — one line, never a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.errors import UserError
from app.paths import default_db_path

STAGE_LABEL = {
    "read": "读取记录 reading",
    "verify": "校验哈希链 verifying",
    "analyse": "统计 analysing",
    "chart": "时间轴 chart",
    "snapshots": "截图 snapshots",
    "render": "排版 rendering",
    "pdf": "生成 PDF",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report`` to the CLI."""
    p = subparsers.add_parser(
        "report",
        help="write the compliance report of a session (HTML or PDF)",
        description="Write a session's report: header, on-screen coverage, timeline, "
        "violations with snapshots, banned terms, products and reminders, R1-R3 records and "
        "the integrity line. Exit 0 written, 1 written but the hash chain is broken, 2 bad input.",
    )
    p.add_argument("session", metavar="SESSION|latest",
                   help="session id (or a unique prefix), or 'latest'")
    p.add_argument("--db", type=Path, metavar="PATH",
                   help=f"evidence database (default: {default_db_path()})")
    p.add_argument("--format", choices=("html", "pdf"), default=None,
                   help="html or pdf (default: from --out's suffix, else html)")
    p.add_argument("--out", type=Path, metavar="PATH",
                   help="output file (default: livecomply-report-SESSION.FORMAT here)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="report language (default: zh)")
    p.set_defaults(func=run)


def output_format(fmt: str | None, out: Path | None) -> str:
    """``--format`` wins; else the suffix of ``--out``; else HTML."""
    if fmt:
        return fmt
    if out is not None and out.suffix.lower() in (".pdf", ".html", ".htm"):
        return "pdf" if out.suffix.lower() == ".pdf" else "html"
    return "html"


def run(args: argparse.Namespace) -> int:
    """Build the report with a progress bar on a terminal; print where it went."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from app.reports import Progress as Step
    from app.reports import RenderError, ReportError, build_report, drive
    from app.reports.data import resolve_session
    from app.store import Store, StoreError
    from app.store.records import format_t

    db: Path = args.db or default_db_path()
    fmt = output_format(args.format, args.out)
    try:
        with Store.open(db, readonly=True) as store:
            session = resolve_session(store, args.session)
    except (StoreError, ReportError) as exc:
        raise UserError(str(exc)) from exc
    out: Path = args.out or Path(f"livecomply-report-{session}.{fmt}")
    if out.exists() and out.is_dir():
        raise UserError(f"{out} is a directory; give a file name for the report")
    console = Console(stderr=True, highlight=False)
    bar = Progress(TextColumn("{task.description:<24}"), BarColumn(),
                   TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                   console=console, transient=True, disable=not console.is_terminal)
    task = bar.add_task("报告 report", total=1.0)

    def show(p: Step) -> None:
        bar.update(task, completed=p.fraction, description=STAGE_LABEL.get(p.stage, p.stage))

    try:
        with bar:
            data = drive(build_report(db, session, out, fmt, args.lang), show)
    except (StoreError, ReportError, RenderError) as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc
    integ = data.integrity
    verdict = "chain verified" if integ.ok else f"CHAIN BROKEN: {integ.first_bad}"
    print(f"{out}  ({session}, {format_t(data.header.start)}, {len(data.violations)} "
          f"violations, data sha256 {integ.data_sha256[:16]}…, {verdict})")
    return 0 if integ.ok else 1
