"""How well a recogniser's output fits a given phrase: CTC keyword spotting.

A CTC recogniser (PP-OCR's) gives, for every column of a text line, a probability per character
(and for "no character", the blank); its reading is the most likely character per column. When
part of a label is hidden or the glyphs are tiny, that reading is a near miss (应拟土播 for
虚拟主播 under a card across the glyphs' tops: 应 is the lower half of 虚) and no rule on the text
can tell it from any other line. The column probabilities can: they still give 虚拟主播 a fair
chance where they give an unrelated line's words almost none.

The score of a phrase is the log-probability of the best-read line that has the phrase in it
(what stands before and after it read as the recogniser's own best characters), minus the
log-probability of the recogniser's reading, per phrase character: 0 when the reading contains
the phrase, about -1 to -4 nats per character for a damaged copy of it; for 3 738 unrelated lines
on our frames the best label phrase scored a median -17, and 1 % of them above -8
(bench/README.md, "issue 3's fifth round").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_NEG = -1e9
_FLOOR = 1e-12


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Phrases compiled into CTC label paths (``blank c1 blank c2 … blank``), padded to one
    array so all of them advance through a line's columns together."""

    labels: np.ndarray  # (n, S) character index per path state, 0 = blank
    valid: np.ndarray  # (n, S) states that belong to the phrase's path
    skip: np.ndarray  # (n, S) states reachable by skipping the blank before them
    end: np.ndarray  # (n,) index of each path's last state
    lengths: np.ndarray  # (n,) characters per phrase

    @classmethod
    def compile(cls, phrases: Sequence[Sequence[int]]) -> PhraseSet:
        """``phrases`` as character indices (blank is 0); each must be non-empty."""
        n = len(phrases)
        width = max((2 * len(p) + 1 for p in phrases), default=1)
        labels = np.zeros((n, width), np.int64)
        valid = np.zeros((n, width), bool)
        skip = np.zeros((n, width), bool)
        end = np.zeros(n, np.int64)
        for i, p in enumerate(phrases):
            states = 2 * len(p) + 1
            labels[i, 1:states:2] = p
            valid[i, :states] = True
            end[i] = states - 1
            for s in range(3, states, 2):
                # Two equal characters in a row need a blank between them in CTC.
                skip[i, s] = labels[i, s] != labels[i, s - 2]
        lengths = np.array([len(p) for p in phrases], np.int64)
        return cls(labels, valid, skip, end, lengths)


def phrase_scores(probs: np.ndarray, phrases: PhraseSet) -> np.ndarray:
    """Per phrase, how much less likely the line reads with that phrase in it than as the
    recogniser read it, in nats per phrase character (≤ 0, roughly; see the module doc).

    ``probs`` is one line's ``(columns, characters)`` softmax output, blank at index 0.
    """
    if probs.ndim != 2 or probs.shape[0] == 0 or len(phrases.lengths) == 0:
        return np.full(len(phrases.lengths), -np.inf)
    lp = np.log(np.maximum(probs, _FLOOR))
    t_cols = lp.shape[0]
    # before[t]: the best reading of the columns before t (what precedes the phrase).
    before = np.concatenate(([0.0], np.cumsum(lp.max(axis=1))))
    total = before[-1]
    rows = np.arange(len(phrases.lengths))
    labels, valid, skip, end = phrases.labels, phrases.valid, phrases.skip, phrases.end
    alpha = np.full(labels.shape, _NEG)
    alpha[:, 0] = lp[0, 0]
    alpha[:, 1] = lp[0, labels[:, 1]]
    best = np.logaddexp(alpha[rows, end], alpha[rows, end - 1]) + (total - before[1])
    shifted = np.full(labels.shape, _NEG)
    for t in range(1, t_cols):
        step = alpha.copy()
        step[:, 1:] = np.logaddexp(step[:, 1:], alpha[:, :-1])
        shifted[:, 2:] = alpha[:, :-2]
        step = np.where(skip, np.logaddexp(step, shifted), step)
        # The phrase may start here, after the columns before t read freely.
        step[:, 0] = np.maximum(step[:, 0], before[t])
        step[:, 1] = np.maximum(step[:, 1], before[t])
        alpha = np.where(valid, step + lp[t][labels], _NEG)
        # … and may end here, the columns after t read freely.
        done = np.logaddexp(alpha[rows, end], alpha[rows, end - 1]) + (total - before[t + 1])
        best = np.maximum(best, done)
    return (best - total) / phrases.lengths
