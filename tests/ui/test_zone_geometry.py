"""Zone maths without a window: letterboxing, widget ↔ frame fractions, clamping, tiny drags,
hit-testing and the validity rule stored zones are read back through."""

from __future__ import annotations

import math

import pytest

from ui.zone_geometry import (
    MIN_ZONE_FRAC,
    Letterbox,
    fit,
    hit_test,
    tidy,
    to_frame,
    to_widget,
    valid_zone,
    zone_from_drag,
)


def test_fit_letterboxes_a_wide_frame_in_a_tall_widget() -> None:
    box = fit(640, 720, 1280, 720)
    assert box == Letterbox(0.0, 180.0, 640.0, 360.0, 1280, 720)
    assert box.scale == 0.5


def test_fit_pillarboxes_a_portrait_frame_in_a_wide_widget() -> None:
    box = fit(1000, 500, 720, 1280)
    assert box is not None
    assert box.h == 500 and box.y0 == 0
    assert box.w == pytest.approx(281.25) and box.x0 == pytest.approx((1000 - 281.25) / 2)


@pytest.mark.parametrize("args", [(0, 100, 10, 10), (100, 100, 0, 10), (-1, 5, 5, 5)])
def test_fit_without_area_is_none(args: tuple[int, int, int, int]) -> None:
    assert fit(*args) is None


def test_widget_and_frame_round_trip() -> None:
    box = fit(800, 600, 1920, 1080)
    assert box is not None
    zone = (0.6, 0.55, 0.4, 0.25)
    x, y, w, h = to_widget(box, zone)
    assert to_frame(box, x, y) == pytest.approx(zone[:2])
    assert to_frame(box, x + w, y + h) == pytest.approx((1.0, 0.8))


def test_points_on_the_bars_or_off_the_widget_clamp_to_the_frame() -> None:
    box = fit(640, 720, 1280, 720)  # bars of 180 px above and below
    assert box is not None
    assert to_frame(box, -50, 10) == (0.0, 0.0)
    assert to_frame(box, 900, 719) == (1.0, 1.0)
    assert to_frame(box, 320, 180) == (0.5, 0.0)


def test_a_drag_in_any_direction_gives_the_same_zone() -> None:
    box = fit(1280, 720, 1280, 720)
    assert box is not None
    forward = zone_from_drag(box, (128, 72), (512, 216))
    backward = zone_from_drag(box, (512, 216), (128, 72))
    assert forward == backward == (0.1, 0.1, 0.3, 0.2)


def test_a_drag_past_the_frame_is_clamped_inside_it() -> None:
    box = fit(640, 720, 1280, 720)
    assert box is not None
    zone = zone_from_drag(box, (480, 200), (700, 0))
    assert zone is not None
    x, y, w, h = zone
    assert (x, y) == (0.75, 0.0) and x + w == 1.0 and h == pytest.approx(20 / 360, abs=1e-4)


def test_tiny_drags_are_not_zones() -> None:
    box = fit(1000, 1000, 1000, 1000)
    assert box is not None
    assert zone_from_drag(box, (100, 100), (100, 100)) is None
    assert zone_from_drag(box, (100, 100), (105, 400)) is None  # 0.5 % wide
    assert zone_from_drag(box, (100, 100), (400, 108)) is None  # 0.8 % tall
    assert zone_from_drag(box, (100, 100), (100 + MIN_ZONE_FRAC * 1000, 111)) is not None
    # The live rubber band shows even a sliver.
    assert zone_from_drag(box, (100, 100), (101, 101), min_frac=0.0) is not None


def test_tidy_rounds_and_stays_inside() -> None:
    assert tidy((0.123456, 0.5, 0.876549, 0.5)) == (0.1235, 0.5, 0.8765, 0.5)
    x, _, w, _ = tidy((0.99996, 0.0, 0.00005, 0.1))
    assert x + w <= 1.0


def test_hit_test_prefers_the_smallest_zone_under_the_point() -> None:
    zones = {"price": [(0.5, 0.5, 0.5, 0.5)], "ad_label": [(0.0, 0.0, 0.3, 0.2)],
             "merchant_info": [(0.6, 0.6, 0.1, 0.1)]}
    assert hit_test(zones, 0.65, 0.65) == ("merchant_info", 0)  # inside price's too
    assert hit_test(zones, 0.9, 0.9) == ("price", 0)
    assert hit_test(zones, 0.1, 0.1) == ("ad_label", 0)
    assert hit_test(zones, 0.4, 0.1) is None
    same = {"price": [(0.0, 0.0, 0.5, 0.5)], "ad_label": [(0.0, 0.0, 0.5, 0.5)]}
    assert hit_test(same, 0.2, 0.2, prefer="price") == ("price", 0)
    assert hit_test(same, 0.2, 0.2, prefer="ad_label") == ("ad_label", 0)


@pytest.mark.parametrize("raw,ok", [
    ([0.1, 0.2, 0.3, 0.4], True),
    ((0, 0, 1, 1), True),
    ([0.1, 0.2, 0.3], False),
    ([0.8, 0.0, 0.3, 0.1], False),  # runs off the right edge
    ([0.1, 0.1, 0.0, 0.1], False),
    ([0.1, 0.1, -0.1, 0.1], False),
    ([0.1, "0.1", 0.1, 0.1], False),
    ([True, 0.1, 0.1, 0.1], False),
    ([math.nan, 0.1, 0.1, 0.1], False),
    ("0.1,0.1,0.1,0.1", False),
])
def test_valid_zone(raw: object, ok: bool) -> None:
    assert (valid_zone(raw) is not None) is ok
