"""WCAG luminance/contrast, and picking text colours that hit a contrast on purpose.

The product's legibility rule uses the WCAG 2 contrast ratio between the text colour and the
pixels directly behind it, so the generator measures exactly that and solves colours for it.
"""

from __future__ import annotations

import colorsys

import numpy as np

RGB = tuple[int, int, int]


def _linear(c: np.ndarray) -> np.ndarray:
    c = c / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(rgb: RGB | np.ndarray) -> np.ndarray | float:
    """WCAG relative luminance of one colour or of an (..., 3) pixel array."""
    arr = _linear(np.asarray(rgb, dtype=np.float64))
    lum = arr[..., 0] * 0.2126 + arr[..., 1] * 0.7152 + arr[..., 2] * 0.0722
    return float(lum) if lum.ndim == 0 else lum


def ratio(l1: float, l2: float) -> float:
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def contrast(a: RGB, b: RGB) -> float:
    return ratio(float(luminance(a)), float(luminance(b)))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]


def hsv(h: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
    return (round(r * 255), round(g * 255), round(b * 255))


def color_at_ratio(base: RGB, backing_lum: float, target: float, lighter: bool) -> RGB | None:
    """Blend ``base`` towards white (or black) until its contrast with the backing is ``target``.

    Returns None when that direction cannot reach the target (e.g. lighter than a white plate).
    """
    end: RGB = (255, 255, 255) if lighter else (0, 0, 0)
    lo, hi = 0.0, 1.0
    # Contrast is monotonic in t only on the far side of the backing: start from the side that
    # already is lighter/darker, else the blend first passes through equal luminance.
    def r_at(t: float) -> float:
        c = mix(base, end, t)
        lum = float(luminance(c))
        if (lum > backing_lum) != lighter:
            return 1.0
        return ratio(lum, backing_lum)

    if r_at(1.0) < target:
        return None
    for _ in range(22):
        mid = (lo + hi) / 2
        if r_at(mid) < target:
            lo = mid
        else:
            hi = mid
    out = mix(base, end, hi)
    return out if abs(ratio(float(luminance(out)), backing_lum) - target) < 0.25 else None


def random_hue_color(rng: np.random.Generator) -> RGB:
    """A saturated colour of the kind rooms use for pills and price tags."""
    hue = float(rng.choice([0.0, 0.02, 0.05, 0.08, 0.12, 0.15, 0.33, 0.5, 0.55, 0.6, 0.75,
                            0.85, 0.92, rng.random()]))
    return hsv(hue, float(rng.uniform(0.45, 1.0)), float(rng.uniform(0.55, 1.0)))
