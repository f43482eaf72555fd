"""Turn ``ReportData`` into HTML (Jinja2, ``resources/reports/``) and PDF (WeasyPrint).

One template serves both formats, so the printed copy and the on-screen copy never disagree.
The HTML is self-contained (CSS inline, chart and thumbnails as data URIs): it can be mailed
or archived as one file. Full-size snapshots are linked, not embedded, to keep a long show's
report small; ``snapshot_href`` decides where the links point (the store's own files, or the
copies inside an export).

WeasyPrint is imported only for PDF, so HTML reports work on a PC without its system libraries.
"""

from __future__ import annotations

import base64
import html
import tomllib
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from app.reports.coverage import STATES, percentages
from app.reports.data import (
    DATA_SHA_RULE,
    ELEMENT_REQUIREMENT,
    ELEMENTS,
    Progress,
    ReportData,
    load_report,
)
from app.rules.paths import resources_dir

LANGS: tuple[str, ...] = ("zh", "en")
FORMATS: tuple[str, ...] = ("html", "pdf")
THUMB_WIDTH = 320
_STATE_KEY = {"o": "st_o", "m": "st_m", "i": "st_i", "c": "st_c", "p": "st_p", "-": "st_dash",
              "unchecked": "st_unchecked"}


class RenderError(RuntimeError):
    """The report cannot be written (PDF library missing, output not writable)."""


def reports_dir() -> Path:
    """``resources/reports``: templates, CSS and strings."""
    return resources_dir() / "reports"


@cache
def _all_strings() -> dict[str, Any]:
    with open(reports_dir() / "strings.toml", "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Strings:
    """The report's words in one language; call it like ``tr("key", n=3)``."""

    lang: str
    table: dict[str, Any]

    @classmethod
    def load(cls, lang: str) -> Strings:
        """Strings for ``lang`` (``zh`` or ``en``); ValueError for another language."""
        if lang not in LANGS:
            raise ValueError(f"unknown report language {lang!r}; use one of {', '.join(LANGS)}")
        return cls(lang, _all_strings()[lang])

    def __call__(self, key: str, **kw: object) -> str:
        """The string for ``key`` with ``{placeholders}`` filled."""
        text = self.table[key]
        return str(text).format(**kw) if kw else str(text)

    def element(self, name: str) -> str:
        """Element name (广告标识 / Ad label); unknown names as they are."""
        return str(self.table["elements"].get(name, name))

    def status(self, status: str) -> str:
        """Violation status (缺失 / missing)."""
        return str(self.table["status"].get(status, status))

    def rule_text(self, requirement: str, pack_texts: dict[str, str]) -> str:
        """The rule behind a requirement id: the language's own text, else the rule pack's."""
        own = self.table["rules"].get(requirement)
        if own:
            return str(own)
        return pack_texts.get(requirement, "")


def cite(article: str, sources: dict[str, str], lang: str) -> list[str]:
    """``"000 第十条5; 000 第二十二条9"`` → one line per citation, with the document's title.

    An inspector needs the file *and* the article; the seed number alone means nothing to them.
    """
    out = []
    for part in article.replace("；", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        seed, _, rest = part.partition(" ")
        title = sources.get(seed)
        if title and rest:
            out.append(f"{seed}《{title}》{rest}" if lang == "zh" else f"{seed} «{title}» {rest}")
        else:
            out.append(part)
    return out


def fmt_duration(seconds: float | None, lang: str = "zh") -> str:
    """``8.0 秒`` / ``8.0 s`` under a minute, else ``H:MM:SS``."""
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{seconds:.1f} 秒" if lang == "zh" else f"{seconds:.1f} s"
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _clock(dt: datetime | None) -> str:
    return "—" if dt is None else dt.astimezone().strftime("%H:%M:%S")


def _stamp(dt: datetime | None) -> str:
    return "—" if dt is None else dt.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _thumbnail(path: Path | None) -> str | None:
    """A small JPEG data URI of a snapshot (None if the file is missing or unreadable)."""
    if path is None or not path.is_file():
        return None
    import cv2
    import numpy as np

    image = cv2.imdecode(np.fromfile(str(path), dtype=np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        return None
    h, w = image.shape[:2]
    if w > THUMB_WIDTH:
        image = cv2.resize(image, (THUMB_WIDTH, round(h * THUMB_WIDTH / w)),
                           interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 78])
    if not ok:  # pragma: no cover - encoding a decoded image does not fail
        return None
    return "data:image/jpeg;base64," + base64.b64encode(buf.tobytes()).decode("ascii")


def default_snapshot_href(data: ReportData) -> Callable[[str], str]:
    """Links to the store's own snapshot files (absolute ``file:`` URIs)."""
    from app.store.snapshots import snapshot_path

    def href(sha: str) -> str:
        return snapshot_path(data.header.db_path, sha).resolve().as_uri()

    return href


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(reports_dir())),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,  # a typo in the template fails the tests, not a print
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clock"] = _clock
    env.filters["stamp"] = _stamp
    return env


def _coverage_rows(data: ReportData, tr: Strings) -> list[dict[str, Any]]:
    watched = data.coverage.watched
    rows = []
    for e in ELEMENTS:
        ec = data.coverage.elements[e]
        values = [ec.seconds[s] for s in STATES]
        pct = percentages(values, watched)
        rows.append({
            "element": e,
            "requirement": ELEMENT_REQUIREMENT[e],
            "name": tr.element(e),
            "required": data.required[e],
            "cells": [{"state": s, "seconds": v, "time": fmt_duration(v, tr.lang), "pct": p}
                      for s, v, p in zip(STATES, values, pct, strict=True)],
            "total": fmt_duration(sum(values), tr.lang),
        })
    return rows


def render_html(
    data: ReportData,
    lang: str = "zh",
    snapshot_href: Callable[[str], str] | None = None,
    generated_at: datetime | None = None,
) -> Generator[Progress, None, str]:
    """The report as one HTML document; yields progress for the chart and the thumbnails."""
    from app.reports.chart import render_timeline_svg
    from app.store.snapshots import snapshot_path

    tr = Strings.load(lang)
    href = snapshot_href or default_snapshot_href(data)
    yield Progress("chart", 0, 1)
    svg = render_timeline_svg(data, tr, tr.element)
    chart_uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()
    yield Progress("chart", 1, 1)
    shas = list(dict.fromkeys(v.snapshot for v in data.violations if v.snapshot))
    thumbs: dict[str, str | None] = {}
    for n, sha in enumerate(shas):
        thumbs[sha] = _thumbnail(snapshot_path(data.header.db_path, sha))
        if n % 20 == 0:
            yield Progress("snapshots", n, len(shas))
    yield Progress("snapshots", len(shas), len(shas))
    integ = data.integrity
    verdict = tr("verdict_ok") if integ.ok else tr("verdict_bad")
    footer = tr("footer", session=data.header.session_id, sha=integ.data_sha256[:16],
                verdict=verdict)
    length = data.coverage.length
    context = {
        "tr": tr,
        "lang": lang,
        "d": data,
        "h": data.header,
        "integ": integ,
        "css": (reports_dir() / "report.css").read_text(encoding="utf-8"),
        "chart_uri": chart_uri,
        "thumbs": thumbs,
        "href": href,
        "cite": lambda a: cite(a, data.pack_sources, lang),
        "rule_text": lambda req: tr.rule_text(req, data.pack_texts),
        "dur": lambda s: fmt_duration(s, lang),
        "at": lambda s: data.header.start + timedelta(seconds=s),
        "coverage_rows": _coverage_rows(data, tr),
        "states": STATES,
        "state_key": _STATE_KEY,
        "length": fmt_duration(length, lang),
        "gaps_len": fmt_duration(data.coverage.gap_seconds, lang),
        "watched": fmt_duration(data.coverage.watched, lang),
        "footer_css": '"' + footer.replace("\\", "\\\\").replace('"', '\\"') + '"',
        "page_css": tr("page_css"),
        "generated_at": generated_at or datetime.now().astimezone(),
        "data_sha_rule": DATA_SHA_RULE,
        "esc": html.escape,
    }
    yield Progress("render", 0, 1)
    out = _environment().get_template("report.html.j2").render(**context)
    yield Progress("render", 1, 1)
    return out


def write_pdf(html_text: str, out: Path) -> Generator[Progress, None, Path]:
    """Lay the HTML out as PDF (fonts subset and embedded by WeasyPrint)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango/HarfBuzz libraries missing
        raise RenderError(
            f"PDF needs WeasyPrint and its Pango libraries ({exc}); install them, or use "
            "--format html") from exc
    yield Progress("pdf", 0, 1)
    doc = weasyprint.HTML(string=html_text, base_url=str(out.parent)).render()
    yield Progress("pdf", 1, 2)
    doc.write_pdf(str(out))
    yield Progress("pdf", 2, 2)
    return out


def build_report(
    db_path: Path | str,
    session: str,
    out: Path,
    fmt: str = "html",
    lang: str = "zh",
    snapshot_href: Callable[[str], str] | None = None,
) -> Generator[Progress, None, ReportData]:
    """Read the session, render it and write ``out`` (HTML or PDF); returns the data used.

    The one entry point for the CLI and the app's 导出报告 action: drive it with
    ``app.reports.drive`` (or iterate it on a worker thread) to show progress.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use html or pdf")
    Strings.load(lang)  # fail on a bad language before reading a long session
    data = yield from load_report(db_path, session)
    text = yield from render_html(data, lang, snapshot_href)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        yield from write_pdf(text, out)
    else:
        out.write_text(text, encoding="utf-8")
    return data
