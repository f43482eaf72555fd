"""QR codes on screen (B5): a code that leads buyers off the platform is a finding.

zxing-cpp decodes in a few tens of milliseconds on a 1080p frame and finds codes that are small
or slightly blurred by H.264, which OpenCV's detector misses more often.
"""

from __future__ import annotations

import numpy as np

from app.geometry import Box


def find_qr_codes(image: np.ndarray) -> list[tuple[Box, str]]:
    """Every decodable QR code as ``(box, payload)``; undecodable codes are not reported."""
    import cv2
    import zxingcpp

    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    try:  # grey input: a third less time than BGR, same codes found
        results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    except (ValueError, RuntimeError):
        return []
    found = []
    for r in results:
        if not r.valid or not r.text:
            continue
        p = r.position
        pts = [
            (p.top_left.x, p.top_left.y),
            (p.top_right.x, p.top_right.y),
            (p.bottom_right.x, p.bottom_right.y),
            (p.bottom_left.x, p.bottom_left.y),
        ]
        found.append((Box.from_points(pts), r.text))
    return found
