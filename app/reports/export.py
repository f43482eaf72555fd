"""Export one session as what an operator hands an inspector: a folder or a .zip with

* ``report.html`` (and ``report.pdf`` when WeasyPrint is available), whose snapshot links point
  at the copies beside them;
* ``snapshots/<sha256>.jpg``: every evidence image the session's records reference;
* ``records.jsonl`` and ``records.csv``: the session's records exactly as stored — including the
  payload *text* that was hashed, so anyone can recompute every record's hash with the rule in
  ``app.store.records`` without LiveComply;
* ``manifest.json``: session, verification result, data digest, and the SHA-256 and size of
  every file; ``SHA256SUMS``: the same hashes in ``sha256sum -c`` format.

The export reads the store read-only and never changes it.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.reports.data import DATA_SHA_RULE, Progress, ReportData, load_report
from app.reports.render import RenderError, render_html, write_pdf
from app.store import schema
from app.store.records import format_t
from app.store.snapshots import file_sha256, snapshot_path

EXPORT_FORMAT = "livecomply-export/1"
HASH_RULE = (
    "record hash = sha256(canonical_json({seq, session_id, kind, t, payload: <payload_text>, "
    "snapshot, prev_hash})); canonical_json = json.dumps(sort_keys=True, separators=(',', ':'), "
    "ensure_ascii=False), UTF-8"
)
_CSV_COLUMNS = ("seq", "session_id", "kind", "t", "payload_text", "snapshot", "prev_hash", "hash")


@dataclass(frozen=True, slots=True)
class ExportResult:
    """Where the export went and what it holds."""

    path: Path
    session_id: str
    files: int
    snapshots: int
    pdf: bool
    chain_ok: bool
    data_sha256: str


def _raw_rows(db: Path, session_id: str) -> list[tuple[Any, ...]]:
    """The session's rows as stored (payload as the exact hashed text), read-only."""
    conn = schema.connect(db, readonly=True)
    try:
        return conn.execute(
            f"SELECT {', '.join(_CSV_COLUMNS).replace('payload_text', 'payload')} FROM records "
            "WHERE session_id = ? ORDER BY seq", (session_id,)).fetchall()
    except sqlite3.Error as exc:  # pragma: no cover - the report read the same rows
        raise RenderError(f"cannot read {db}: {exc}") from exc
    finally:
        conn.close()


def _write_records(folder: Path, rows: list[tuple[Any, ...]]) -> None:
    with open(folder / "records.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            doc = dict(zip(_CSV_COLUMNS, row, strict=True))
            doc["payload"] = json.loads(doc["payload_text"])
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    # utf-8-sig: Excel on a Chinese Windows PC opens it with the right encoding.
    with open(folder / "records.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(_CSV_COLUMNS)
        writer.writerows(rows)


def _manifest(folder: Path, data: ReportData, pdf_error: str) -> dict[str, Any]:
    files = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.name not in ("manifest.json", "SHA256SUMS"):
            files.append({"path": p.relative_to(folder).as_posix(), "sha256": file_sha256(p),
                          "bytes": p.stat().st_size})
    integ = data.integrity
    h = data.header
    return {
        "format": EXPORT_FORMAT,
        "session": h.session_id,
        "start": format_t(h.start),
        "end": format_t(h.end),
        "ended_cleanly": h.ended_cleanly,
        "source": h.source,
        "profile": h.profile,
        "database": str(h.db_path),
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "app_version": h.report_app_version,
        "verify": {
            "ok": integ.ok, "checked": integ.checked, "first_bad": integ.first_bad or None,
            "head_seq": integ.head_seq, "head_hash": integ.head_hash,
            "warnings": integ.warnings,
        },
        "records": integ.session_records,
        "data_sha256": integ.data_sha256,
        "data_sha256_rule": DATA_SHA_RULE,
        "record_hash_rule": HASH_RULE,
        "pdf": None if pdf_error else "report.pdf",
        "pdf_error": pdf_error or None,
        "files": files,
    }


def export_session(
    db_path: Path | str, session: str, out: Path, lang: str = "zh", pdf: bool = True
) -> Generator[Progress, None, ExportResult]:
    """Write the export of ``session`` to the folder or ``.zip`` at ``out``.

    A folder must not exist yet or be empty, and a zip must not exist: an export is a record
    handed over, and silently mixing it with older files would make its manifest lie.
    """
    db = Path(db_path).expanduser()
    as_zip = out.suffix.lower() == ".zip"
    if as_zip and out.exists():
        raise RenderError(f"{out} already exists; choose a new file name")
    if not as_zip and out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise RenderError(f"{out} exists and is not an empty folder; choose a new folder")
    data = yield from load_report(db, session)
    sid = data.header.session_id
    with tempfile.TemporaryDirectory(prefix="livecomply-export-") as tmp:
        folder = Path(tmp) / sid if as_zip else out
        (folder / "snapshots").mkdir(parents=True, exist_ok=True)
        rows = _raw_rows(db, sid)
        shas = list(dict.fromkeys(r[5] for r in rows if r[5]))
        copied = 0
        for n, sha in enumerate(shas):
            src = snapshot_path(db, sha)
            if src.is_file():  # a missing file is already named by the integrity line
                shutil.copyfile(src, folder / "snapshots" / f"{sha}.jpg")
                copied += 1
            if n % 20 == 0:
                yield Progress("snapshots", n, len(shas))
        _write_records(folder, rows)
        html = yield from render_html(data, lang, lambda sha: f"snapshots/{sha}.jpg")
        (folder / "report.html").write_text(html, encoding="utf-8")
        pdf_error = "not requested" if not pdf else ""
        if pdf:
            try:
                yield from write_pdf(html, folder / "report.pdf")
            except RenderError as exc:
                pdf_error = str(exc)
        manifest = _manifest(folder, data, pdf_error)
        (folder / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in manifest["files"])
        (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")
        if as_zip:
            yield Progress("zip", 0, 1)
            out.parent.mkdir(parents=True, exist_ok=True)
            _zip(folder, out)
            yield Progress("zip", 1, 1)
    return ExportResult(out, sid, len(manifest["files"]) + 2, copied, not pdf_error,
                        data.integrity.ok, data.integrity.data_sha256)


def _zip(folder: Path, out: Path) -> None:
    """Zip ``folder`` (as its own top directory) to ``out``; JPEGs stored, text deflated."""
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w") as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                arc = f"{folder.name}/{p.relative_to(folder).as_posix()}"
                kind = zipfile.ZIP_STORED if p.suffix in (".jpg", ".pdf") else zipfile.ZIP_DEFLATED
                zf.write(p, arc, compress_type=kind)
    partial.replace(out)
