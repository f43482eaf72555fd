"""``livecomply export``: one session as a folder or .zip to hand an inspector.

Report (HTML, and PDF when WeasyPrint is installed), snapshots, the records as JSON Lines and
CSV, a manifest with every file's SHA-256 and ``SHA256SUMS``. Exit codes: 0 written and the hash
chain verified; 1 written, but the chain is broken (the manifest and report say where); 2 bad
input.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.errors import UserError
from app.paths import default_db_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export`` to the CLI."""
    p = subparsers.add_parser(
        "export",
        help="export a session (report, snapshots, records, manifest) to a folder or .zip",
        description="Export a session for an inspector: report, snapshots, records as CSV and "
        "JSON Lines, and a manifest with SHA-256 hashes. Exit 0 written, 1 written but the "
        "hash chain is broken, 2 bad input.",
    )
    p.add_argument("session", metavar="SESSION|latest",
                   help="session id (or a unique prefix), or 'latest'")
    p.add_argument("--out", type=Path, required=True, metavar="DIR|FILE.zip",
                   help="a new (or empty) folder, or a .zip file that does not exist yet")
    p.add_argument("--db", type=Path, metavar="PATH",
                   help=f"evidence database (default: {default_db_path()})")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="report language (default: zh)")
    p.add_argument("--no-pdf", action="store_true", help="HTML report only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export with a progress bar on a terminal; print what was written."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from app.cli.cmd_report import STAGE_LABEL
    from app.reports import Progress as Step
    from app.reports import RenderError, ReportError, drive
    from app.reports.export import export_session
    from app.store import StoreError

    db: Path = args.db or default_db_path()
    console = Console(stderr=True, highlight=False)
    bar = Progress(TextColumn("{task.description:<24}"), BarColumn(),
                   TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                   console=console, transient=True, disable=not console.is_terminal)
    task = bar.add_task("导出 export", total=1.0)

    def show(p: Step) -> None:
        label = STAGE_LABEL.get(p.stage, "打包 zip" if p.stage == "zip" else p.stage)
        bar.update(task, completed=p.fraction, description=label)

    try:
        with bar:
            result = drive(export_session(db, args.session, args.out, args.lang,
                                          pdf=not args.no_pdf), show)
    except (StoreError, ReportError, RenderError) as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    verdict = "chain verified" if result.chain_ok else "CHAIN BROKEN (see manifest.json)"
    pdf = "" if result.pdf or args.no_pdf else "; no PDF (see manifest.json pdf_error)"
    print(f"{result.path}  ({result.session_id}: {result.files} files, {result.snapshots} "
          f"snapshots, data sha256 {result.data_sha256[:16]}…, {verdict}{pdf})")
    return 0 if result.chain_ok else 1
