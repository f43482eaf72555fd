"""Element anchors: a label that vanished from OCR is judged by the pixels where it was ok."""

from __future__ import annotations

import numpy as np

from app.checker.result import ElementFinding, FrameResult, Status
from app.geometry import Box
from app.monitor.anchors import ElementAnchors

BOX = Box(500, 40, 120, 50)


def frame(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 255, (360, 640, 3), dtype=np.uint8)  # busy, like a camera picture
    img[30:100, 490:630] = (40, 40, 220)  # the label plate
    img[50:80, 510:610:6] = (255, 255, 255)  # its "strokes"
    return img


def result(status: Status) -> FrameResult:
    f = ElementFinding("ad_label", status, "V1", "000 第十条5",
                       box=BOX if status is Status.OK else None)
    return FrameResult("x", 640, 360, "test", 0.0, {"ad_label": f})


def test_ocr_flicker_on_an_unchanged_label_stays_ok() -> None:
    a = ElementAnchors()
    a.apply(frame(), result(Status.OK), 0.0)
    out = a.apply(frame(), result(Status.MISSING), 1.0)
    assert out.elements["ad_label"].status is Status.OK


def test_half_hidden_label_is_occluded_and_a_gone_one_is_missing() -> None:
    a = ElementAnchors()
    a.apply(frame(), result(Status.OK), 0.0)
    covered = frame()
    covered[20:110, 560:640] = (30, 200, 250)  # a sticker over the right half
    assert a.apply(covered, result(Status.MISSING), 1.0).elements["ad_label"].status \
        is Status.OCCLUDED
    gone = frame(seed=5)  # the plate is gone: the studio wall behind it shows
    gone[20:110, 480:640] = (200, 210, 190)
    assert a.apply(gone, result(Status.MISSING), 2.0).elements["ad_label"].status \
        is Status.MISSING


def test_a_cover_taken_away_is_ok_again_at_once() -> None:
    a = ElementAnchors()
    a.apply(frame(), result(Status.OK), 0.0)
    assert a.apply(frame(), result(Status.OCCLUDED), 1.0).elements["ad_label"].status \
        is Status.OK


def test_reset_forgets_the_layout() -> None:
    a = ElementAnchors()
    a.apply(frame(), result(Status.OK), 0.0)
    a.reset()
    assert a.apply(frame(), result(Status.MISSING), 1.0).elements["ad_label"].status \
        is Status.MISSING


def test_text_taken_off_its_plate_is_missing_not_ok() -> None:
    a = ElementAnchors()
    a.apply(frame(), result(Status.OK), 0.0)
    bare = frame()
    bare[50:80, 510:610] = (40, 40, 220)  # the strokes are gone, the plate stays
    assert a.apply(bare, result(Status.MISSING), 1.0).elements["ad_label"].status \
        is Status.MISSING
