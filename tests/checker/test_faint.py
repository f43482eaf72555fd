"""Faint labels: stretched lightness lifts strokes a detector passes over."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from app.checker.faint import stretched
from app.checker.frame_checker import FrameChecker
from app.checker.result import Status
from app.rules.profile import load_profile
from tests.checker.conftest import draw_label, studio_background, to_bgr

PLATE = (80, 80, 80)
WHITE, DARK = (255, 255, 255), (30, 30, 30)


def faint_room(ai_grey: int | None) -> np.ndarray:
    """A room whose AI disclosure (if any) is ``ai_grey`` on a grey plate, stored as a JPEG
    would be."""
    img = studio_background(1280, 720, seed=2)
    if ai_grey is not None:
        draw_label(img, (500, 300), "虚拟主播", 30, (ai_grey,) * 3, PLATE)
    draw_label(img, (60, 600), "到手价 ¥59", 40, WHITE, (200, 30, 30))
    draw_label(img, (1120, 36), "广告", 34, WHITE, (200, 30, 30))
    draw_label(img, (60, 660), "经营者：杭州云拓电子商务有限公司", 20, WHITE, DARK)
    ok, enc = cv2.imencode(".jpg", to_bgr(img), [cv2.IMWRITE_JPEG_QUALITY, 70])
    assert ok
    return cv2.imdecode(enc, cv2.IMREAD_COLOR)


def test_stretching_lifts_faint_strokes_and_keeps_hue() -> None:
    frame = faint_room(88)
    lifted = stretched(frame)
    plate = np.s_[306:314, 490:497]  # the plate's rim, left of the glyphs
    glyphs = np.s_[300:340, 500:560]
    before = frame[glyphs].astype(int).max() - frame[plate].astype(int).mean()
    after = lifted[glyphs].astype(int).max() - lifted[plate].astype(int).mean()
    assert after > 2 * before
    red = np.s_[615:625, 40:50]
    assert np.abs(lifted[red].astype(int) - frame[red].astype(int)).mean() < 40


def test_a_faint_label_the_detector_misses_is_illegible_not_missing(rapid) -> None:
    """虚拟主播 at 1.15:1 through JPEG: the detector passes over it, so it was
    reported as not on screen. It is there, and unreadable: the operator has its colours to
    fix."""
    frame = faint_room(88)
    assert not any("主播" in ln.text for ln in rapid.read(frame))  # the case this is about
    f = FrameChecker(load_profile("all-required"), rapid).check(frame).elements["ai_disclosure"]
    assert f.status is Status.ILLEGIBLE, f.reason
    assert f.contrast is not None and f.contrast < 1.6


@pytest.mark.parametrize("ai_grey", [None, 80])
def test_stretching_invents_no_label(rapid, ai_grey: int | None) -> None:
    """No label, or one drawn in its plate's own colour: nothing to find, however stretched."""
    f = FrameChecker(load_profile("all-required"), rapid).check(faint_room(ai_grey))
    assert f.elements["ai_disclosure"].status is Status.MISSING
    assert all(f.elements[e].status is Status.OK for e in ("price", "ad_label"))


def test_check_judges_each_image_alone(rapid) -> None:
    """Two frames whose legible texts are the same are one screen to the monitor, which
    keeps what a closer look found on it. ``check`` is given frames from anywhere (a folder
    of them): the faint label of one must not turn up in the next, which has none."""
    checker = FrameChecker(load_profile("all-required"), rapid)
    first = checker.check(faint_room(88)).elements["ai_disclosure"]
    second = checker.check(faint_room(None)).elements["ai_disclosure"]
    assert (first.status, second.status) == (Status.ILLEGIBLE, Status.MISSING)


def test_two_faint_latin_letters_are_no_trace_of_a_label(rapid) -> None:
    """Stretched picture texture reads as AL now and then, close enough to AI to pass for a
    damaged AI disclosure; it takes two CJK glyphs (or a price) to count as a label's trace."""
    frame = faint_room(None)
    img = studio_background(1280, 720, seed=2)
    draw_label(img, (500, 300), "AL", 30, (88,) * 3, PLATE)
    ok, enc = cv2.imencode(".jpg", to_bgr(img), [cv2.IMWRITE_JPEG_QUALITY, 70])
    assert ok
    patch = cv2.imdecode(enc, cv2.IMREAD_COLOR)[280:350, 480:560]
    frame[280:350, 480:560] = patch
    assert any(ln.text.upper() in ("AL", "AI") for ln in rapid.read(stretched(frame)))
    f = FrameChecker(load_profile("all-required"), rapid).check(frame)
    assert f.elements["ai_disclosure"].status is Status.MISSING
