"""corner_views: the crops the checker reads for an ad label, and the way back to the frame."""

from __future__ import annotations

import numpy as np

from app.checker.corners import corner_views
from app.geometry import Box


def test_each_top_corner_is_seen_as_it_is_and_with_its_strokes_thickened() -> None:
    frame = np.zeros((720, 1280, 3), np.uint8)
    frame[100:110, 40:60] = 255  # a light stroke in the top-left corner
    views = list(corner_views(frame, 0.2, 0.3))
    assert [v.x0 for v in views] == [0, 0, 0, 1280 - 384, 1280 - 384, 1280 - 384]
    assert {v.image.shape[:2] for v in views} == {(144, 384)}
    # As it is, dark strokes thickened (the light one thins), light ones thickened.
    left = [int((v.image > 0).any(axis=2).sum()) for v in views[:3]]
    assert left == [10 * 20, 8 * 18, 12 * 22]


def test_a_box_found_in_a_view_is_put_back_where_it_stands_on_the_frame() -> None:
    frame = np.zeros((1920, 1080, 3), np.uint8)
    for v in corner_views(frame, 0.2, 0.3):
        assert v.to_frame(Box(20, 30, 64, 40)) == Box(v.x0 + 20, 30, 64, 40)
