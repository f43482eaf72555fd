"""Evidence snapshots: JPEG files beside the database, named by their SHA-256.

Content addressing makes ``add_snapshot`` idempotent (the same frame stored twice is one file)
and makes tampering visible: ``verify`` re-hashes each referenced file and compares it with its
name, which is itself inside the record's chained hash.

A file is written to a temporary name, fsynced, renamed into place and the directory fsynced
*before* the record that references it is committed, so after a crash a committed record never
points at a missing or half-written file. The worst a crash leaves is an unreferenced file
(or a ``.tmp``), which is harmless.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path

from app.paths import snapshots_dir

SHA256_RE = re.compile(r"[0-9a-f]{64}")
JPEG_MAGIC = b"\xff\xd8\xff"


def snapshot_path(db_path: Path, sha: str) -> Path:
    """``<db dir>/snapshots/ab/abcdef….jpg`` (two-character fan-out keeps directories small)."""
    if not SHA256_RE.fullmatch(sha):
        raise ValueError(f"not a SHA-256 hex digest: {sha!r}")
    return snapshots_dir(db_path) / sha[:2] / f"{sha}.jpg"


def file_sha256(path: Path) -> str:
    """SHA-256 hex of a file, read in chunks (snapshots are small, but be safe)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a directory for fsync.
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_snapshot(db_path: Path, jpeg: bytes) -> str:
    """Store ``jpeg`` durably and return its SHA-256 hex; a file already present is left alone.

    An existing file is never overwritten: if it was altered, ``verify`` must still see that.
    """
    if not isinstance(jpeg, bytes | bytearray | memoryview):
        raise TypeError("snapshot must be JPEG bytes")
    data = bytes(jpeg)
    if not data.startswith(JPEG_MAGIC):
        raise ValueError("snapshot is not a JPEG (encode the frame with cv2.imencode('.jpg'))")
    sha = hashlib.sha256(data).hexdigest()
    final = snapshot_path(db_path, sha)
    if final.exists():
        return sha
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{sha}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _fsync_dir(final.parent)
    return sha
