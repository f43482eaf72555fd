"""Show reports and evidence exports, built from the evidence store only (no Qt).

``build_report(db, session, out, fmt, lang)`` and ``export_session(...)`` are generators that
yield ``Progress`` and return their result, so the CLI shows a progress bar and the app's
导出报告 action can run them on a worker thread: ``drive(gen, on_progress)`` runs one to the end.
"""

from app.reports.data import Progress, ReportData, ReportError, drive, load_report
from app.reports.render import RenderError, build_report, render_html

__all__ = [
    "Progress",
    "RenderError",
    "ReportData",
    "ReportError",
    "build_report",
    "drive",
    "load_report",
    "render_html",
]
