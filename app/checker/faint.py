"""Labels too faint for the detector: text at 1.2–1.6:1 against its plate.

Such a label is on screen but illegible, and the law's question is the same either way (it is
not displayed clearly); yet an operator told "missing" looks for a label that was never put
up, where "illegible" sends them to fix its colours. The detector, trained on legible text,
passes over strokes that differ from their plate by a few grey levels. Stretching the
lightness locally (CLAHE) lifts those strokes clear of their plate, and the same detector then
finds them; the finding is still measured on the frame as it was, so its contrast stays what
a viewer sees.
"""

from __future__ import annotations

import cv2
import numpy as np

# Tiles about a label's size on a 720p detection, and a clip that lifts a 1.2:1 stroke well
# clear of its plate without turning the compression noise of flat areas into texture.
_CLIP = 4.0
_TILES = (16, 16)


def stretched(image: np.ndarray) -> np.ndarray:
    """``image`` (BGR) with its lightness stretched tile by tile, hue left alone."""
    lab = cv2.cvtColor(image, cv2.COLOR_BGR2LAB)
    lab[..., 0] = cv2.createCLAHE(clipLimit=_CLIP, tileGridSize=_TILES).apply(lab[..., 0])
    return cv2.cvtColor(lab, cv2.COLOR_LAB2BGR)
