"""Reading image files the way a studio PC has them: CJK paths, odd extensions, broken files."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})


class ImageError(ValueError):
    """An image cannot be read; the message names the file and what to do."""


def expand_inputs(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files to check, in order, and one error line per path that is not usable.

    A directory stands for the image files directly inside it (sorted); other files there are
    skipped silently, because a folder of frames often holds a truth file or a thumbnail db.
    """
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                c for c in p.iterdir() if c.is_file() and c.suffix.lower() in IMAGE_SUFFIXES
            )
            if not found:
                errors.append(f"{p}: no image files (.jpg/.png/…) in this folder")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or folder; check the path")
    return files, errors


def read_image(path: Path) -> np.ndarray:
    """BGR uint8 image; raises ``ImageError`` for unreadable or non-image files.

    ``np.fromfile`` + ``imdecode`` rather than ``imread``, which fails on non-ASCII paths on
    Windows (studio PCs name folders in Chinese).
    """
    try:
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError as exc:
        raise ImageError(
            f"{path}: cannot read the file ({exc.strerror}); check permissions"
        ) from exc
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise ImageError(
            f"{path}: not an image OpenCV can decode; give a JPEG/PNG/BMP/WebP/TIFF frame"
        )
    if image.shape[0] < 32 or image.shape[1] < 32:
        raise ImageError(
            f"{path}: image is only {image.shape[1]}×{image.shape[0]} px; give a full frame"
        )
    return image
