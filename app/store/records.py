"""Record model, timestamps and the hash chain — the parts ``verify`` must reproduce exactly.

The chain rule (documented so an auditor can re-check a database without this code):

    hash = sha256( canonical_json({
        "seq": int, "session_id": str, "kind": str, "t": str,
        "payload": <the stored payload TEXT, as a JSON string>,
        "snapshot": <sha256 hex or null>, "prev_hash": <hex> }) ).hexdigest()

    canonical_json = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                     encoded as UTF-8

The first record's ``prev_hash`` is ``GENESIS`` (64 zeros). The payload is hashed as the exact
text stored in the row, not re-serialised, so verification never depends on how a JSON library
formats floats. ``seq`` is inside the hash, so renumbering rows to hide a deletion is detected.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.store.snapshots import snapshot_path

GENESIS = "0" * 64


def _json_default(obj: Any) -> Any:
    """Values the monitor naturally produces that ``json`` does not know.

    numpy scalars/arrays (OCR confidences are ``float32``), datetimes and paths: converting
    them here beats a TypeError inside the evidence loop, which would lose the record.
    """
    if isinstance(obj, datetime):
        return format_t(obj)
    if isinstance(obj, Path):
        return str(obj)
    tolist = getattr(obj, "tolist", None)  # numpy scalar or array, without importing numpy
    if callable(tolist):
        return tolist()
    raise TypeError(f"payload value of type {type(obj).__name__} is not JSON-serialisable")


def canonical_json(obj: Any) -> str:
    """One fixed JSON spelling of ``obj``; NaN/Infinity are refused (they are not JSON)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False, default=_json_default)


def record_hash(
    seq: int,
    session_id: str,
    kind: str,
    t: str,
    payload_text: str,
    snapshot: str | None,
    prev_hash: str,
) -> str:
    """The SHA-256 hex of one record as stored (see the module docstring for the rule)."""
    doc = {
        "seq": seq,
        "session_id": session_id,
        "kind": kind,
        "t": t,
        "payload": payload_text,
        "snapshot": snapshot,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(doc).encode("utf-8")).hexdigest()


def format_t(t: datetime) -> str:
    """ISO-8601 UTC with milliseconds and ``Z``; naive datetimes are refused as ambiguous."""
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError("record times must be timezone-aware (use datetime.now(UTC))")
    u = t.astimezone(UTC)
    return u.strftime("%Y-%m-%dT%H:%M:%S.") + f"{u.microsecond // 1000:03d}Z"


def parse_t(text: str) -> datetime:
    """Inverse of ``format_t`` (accepts any ISO-8601 string with an offset or ``Z``)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def now_utc() -> datetime:
    """The current time, UTC-aware (one place, so tests can see what the store uses)."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Record:
    """One row of ``records`` as read back; ``payload`` is the parsed JSON object."""

    seq: int
    session_id: str
    kind: str
    t: datetime
    payload: dict[str, Any]
    snapshot: str | None
    prev_hash: str
    hash: str

    @property
    def t_iso(self) -> str:
        """The stored timestamp text (``2026-11-23T15:45:01.123Z``)."""
        return format_t(self.t)

    def snapshot_path(self, db_path: Path) -> Path | None:
        """Where this record's snapshot JPEG lives for the database at ``db_path``."""
        return snapshot_path(db_path, self.snapshot) if self.snapshot else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (for ``--json`` outputs and reports)."""
        return {
            "seq": self.seq,
            "session_id": self.session_id,
            "kind": self.kind,
            "t": self.t_iso,
            "payload": self.payload,
            "snapshot": self.snapshot,
            "hash": self.hash,
        }


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One session as listed: ``end`` is None if it never ended cleanly (crash, power cut)."""

    id: str
    start: datetime
    end: datetime | None
    source: str
    profile: str
    violations: int
    last_t: datetime  # time of the session's newest record: where a crashed session stopped

    def to_json(self) -> dict[str, Any]:
        """The ``livecomply sessions --json`` line."""
        return {
            "id": self.id,
            "start": format_t(self.start),
            "end": format_t(self.end) if self.end else None,
            "source": self.source,
            "profile": self.profile,
            "violations": self.violations,
        }
