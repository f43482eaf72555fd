"""The engine interface the checker and the monitor depend on.

Two entry points, because their costs differ by an order of magnitude (see OCR_FACTS.md):
``read`` runs detection over the whole frame (seconds), ``recognize`` reads boxes we already know
(tens of milliseconds each). The monitor's steady state only ever calls ``recognize``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from app.geometry import Box


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of text as an engine read it; ``box`` is in full-frame pixels."""

    text: str
    box: Box
    confidence: float


# Given a box detection found, the line already read there if its pixels have not changed since
# (the monitor keeps them), else None: a periodic whole-frame pass then only recognises what is new.
Reuse = Callable[[Box], "OcrLine | None"]


class OcrError(RuntimeError):
    """The engine cannot run here (missing binary, missing language data, broken model)."""


@runtime_checkable
class OcrEngine(Protocol):
    """A text reader. Images are BGR ``uint8`` arrays as OpenCV returns them."""

    name: str

    def read(self, image: np.ndarray, reuse: Reuse | None = None) -> list[OcrLine]:
        """Detect and recognise every text line in ``image``.

        Where ``reuse`` returns a line for a detected box, that reading is kept instead of
        recognising the box again (engines that cannot split the two steps may ignore it).
        """
        ...

    def recognize(self, image: np.ndarray, boxes: list[Box]) -> list[OcrLine]:
        """Recognise the single line inside each box (no detection); same order as ``boxes``."""
        ...


# An engine may say, as a ``believe_from`` attribute, the confidence below which its readings
# are hesitant: such lines are returned all the same, but the checker takes them for no more
# than a possibly damaged copy of a label (spotting.py), never for a label or a banned term.
# Engines without it have every reading believed.


@runtime_checkable
class PhraseScorer(Protocol):
    """An engine that can say how well a box's text fits given phrases (see ctc.py).

    Optional: the checker asks only engines that have it, for lines that read as nothing it
    knows, whether they are a damaged copy of a label.
    """

    def phrase_scores(
        self, image: np.ndarray, boxes: list[Box], phrases: list[str]
    ) -> list[list[float]]:
        """Per box, per phrase: the phrase's score in nats per character (0 when the box
        reads with the phrase in it; far below 0 when nothing there resembles it)."""
        ...


@runtime_checkable
class FineReader(Protocol):
    """An engine that detects whole frames below their own resolution (for speed) and can look
    again at full resolution, where text a few pixels high is still found.

    Optional: the checker asks for it only when a required element shows no trace in what
    ``read`` found, to tell a label too small to read from one that is not there.
    """

    def read_fine(self, image: np.ndarray, known: list[Box]) -> list[OcrLine] | None:
        """Lines detected at ``image``'s own resolution that no box in ``known`` already holds;
        ``None`` when ``read`` detects this image at its own resolution anyway."""
        ...


@runtime_checkable
class TextLocator(Protocol):
    """An engine that can say where, inside a box, the characters it reads stand.

    Optional: a detector's box can run on past a label over a busy picture (广告 read in a box
    three times its width), and where the label stands decides whether it is in its corner.
    """

    def text_extents(self, image: np.ndarray, boxes: list[Box]) -> list[Box | None]:
        """Per box, the part of it (same rows) its characters stand in; None for no text."""
        ...
