"""CTC phrase scores on column probabilities whose best reading we know."""

from __future__ import annotations

import numpy as np

from app.ocr.ctc import PhraseSet, phrase_scores

# A toy alphabet: index 0 is the blank, as in PP-OCR's output.
A, B, X, Y = 1, 2, 3, 4


def columns(*rows: tuple[int, float]) -> np.ndarray:
    """One column per (character, probability); the rest of each column spread evenly."""
    probs = np.zeros((len(rows), 5))
    for t, (k, p) in enumerate(rows):
        probs[t] = (1.0 - p) / 4
        probs[t, k] = p
    return probs


def test_a_line_that_reads_as_the_phrase_scores_about_zero() -> None:
    probs = columns((0, 0.9), (A, 0.9), (0, 0.9), (B, 0.9), (0, 0.9))
    ab, ba = phrase_scores(probs, PhraseSet.compile([[A, B], [B, A]]))
    assert abs(ab) < 0.5  # a little above 0: CTC adds up every alignment of the phrase
    assert ba < ab - 1.5  # b then a is not in the line: one of them must be misread


def test_the_phrase_may_stand_among_other_text() -> None:
    """x a b y: the phrase is found in the middle, what is around it read as it stands."""
    probs = columns((X, 0.9), (0, 0.9), (A, 0.9), (B, 0.9), (0, 0.9), (Y, 0.9))
    (ab,) = phrase_scores(probs, PhraseSet.compile([[A, B]]))
    assert ab > -0.5


def test_a_near_miss_scores_between_a_reading_and_unrelated_text() -> None:
    """The second column reads x, but gives b a fair chance: a damaged b."""
    probs = columns((A, 0.9), (X, 0.6), (0, 0.9))
    probs[1, B] = 0.3
    probs[1] /= probs[1].sum()
    near, far = phrase_scores(probs, PhraseSet.compile([[A, B], [Y, Y]]))
    assert -2 < near < -0.1
    assert far < near - 2


def test_a_doubled_character_needs_a_blank_between_its_copies() -> None:
    """CTC merges repeats: columns a a read as one a, and a blank a as two."""
    merged = columns((A, 0.95), (A, 0.95))
    apart = columns((A, 0.95), (0, 0.95), (A, 0.95))
    aa = PhraseSet.compile([[A, A]])
    assert phrase_scores(apart, aa)[0] > -0.2
    assert phrase_scores(merged, aa)[0] < -1


def test_nothing_to_score() -> None:
    assert phrase_scores(np.zeros((0, 5)), PhraseSet.compile([[A]])).tolist() == [-np.inf]
    assert phrase_scores(columns((A, 0.9)), PhraseSet.compile([])).size == 0
