"""What the text alone cannot name, confirmed by the recogniser: damaged labels, misread terms.

A card across the top of 虚拟主播 leaves the glyphs' lower halves, read as 应拟土播; a 7 px
营业执照 reads as 营业机肥. Neither shares enough characters with its label for degraded.py, and
the element would be reported missing although it is on screen, covered or too small. The
recogniser's column probabilities (app/ocr/ctc.py) still favour the label's phrase over any
other: on six generated sets (1920 element judgements) lines scoring ≥ -3.5 nats per character
against a label phrase were that label 23 times out of 23. With the rule pack's spotting words
(a price's 到手价, a merchant's 经营者：) the limit was -4: over eleven sets (3 364 judgements)
that turned seven more "missing" into the right covered or too-small status and made no new
error. Over 32 sets (7 680 judgements), -4.5 and one-glyph readings found 13 more (a 12 px
营业执照 read as 营 at 0.26), and one sentence the length rule below now leaves out. What
this adds is a damaged copy, so ``occluded`` or ``illegible`` (elements.py), ``ok`` only as
the whole label with one glyph misread and nothing found drawn over it.

Where a band hides the top or bottom half of every glyph, what shows fits the label's phrase
worse still (-4 to -9 nats per character), but then the line's shape says so: its box is
wider per character than it is tall (occlusion.squashed), which whole glyphs never are. Such
lines are taken at a laxer limit, while their best phrase clearly leads every other element's.

Asked only for lines no rule recognises, and only while a required element has no evidence
at all; answers are kept per line (text and box), so an unchanged frame costs a look-up.

A banned term with a glyph or two misread (全网量低价, 色滋百病) is confirmed the same way: a
line that misses a banned spelling by one character (two, for spellings of four or more) is
reported when the recogniser finds the spelling nearly as likely as its own reading
(:class:`TermSpotter`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from app.checker.elements import LineInfo, bare_text
from app.checker.occlusion import squashed
from app.geometry import Box
from app.ocr.base import OcrEngine, OcrLine, PhraseScorer
from app.rules.match import NearMiss, near_banned
from app.rules.pack import RulePack
from app.rules.text import has_cjk

# Nats per phrase character; see the module doc for how it was chosen.
SPOT_MIN_SCORE = -4.5
# For a short phrase (广告) in a line too small to read, in its element's rows (SmallLines):
# over 49 sets, -4 found 8 labels and nothing else; -4.5 found 2 more and one line that was
# not the label (its frame's label was covered, so the status was wrong either way).
SMALL_MIN_SCORE = -4.0
# For a line whose glyphs are wider than it is tall (occlusion.squashed: its top or bottom is
# hidden), where the best phrase must also lead any other element's by this much. Over eleven
# sets: 10 covered labels found that the limit above misses, 2 lines of something else taken
# for a label (one of them a covered label of the right element all the same); -8 found 2 fewer.
CUT_MIN_SCORE = -9.0
CUT_MIN_LEAD = 0.5
# Phrases short or mostly Latin (广告, AIGC) fit too many stray readings to spot by.
_MIN_PHRASE = 3
_MIN_PHRASE_CJK = 2
# CJK glyphs a damaged label's reading may have beyond its phrase's (店铺主体信息 read with a
# sticker's 福利 in it and a mark before it).
_LONGER = 4
# A line longer than any label is a sentence. A hesitant one-glyph reading is asked too: a
# label of 8 px reads as one glyph (营 at 0.26 for 营业执照), and its box, not the glyph, is
# what the phrase is scored against.
_LINE_CHARS = (1, 16)
# A reading the recogniser is sure of is what it says. Damaged copies are hesitant readings:
# on our sets this and the line's having a CJK glyph leave 18 % of the lines no rule
# recognised to score, and only one damaged label among those left out.
_SURE = 0.99
_CACHE_SIZE = 2048


@dataclass(frozen=True, slots=True)
class SmallLines:
    """Where a label whose phrase is too short to spot by anywhere (广告) is still spotted:
    in a reading too small to be anything a viewer reads (its box under ``below_px`` high),
    in the rows its element must stand in (its centre above ``rows``). Over 49 generated sets,
    lines so placed and scoring -4 or better for 广告 were the ad label, too small, 8 times in
    8 (of 224 frames where nothing else showed it, 104 of them without one)."""

    below_px: float
    rows: int
    elements: frozenset[str]


def _phrases_where(pack: RulePack, keep: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """The pack's label phrases and spotting words (a price's 到手价) that ``keep`` accepts, as
    a label shows them (Latin in capitals: AI, AD), and the element each belongs to."""
    phrases: list[str] = []
    owners: list[str] = []
    for name, rule in pack.elements.items():
        for p in (*rule.phrases, *rule.spot):
            shown = "".join(p.split()).upper()
            if keep(shown) and shown not in phrases:
                phrases.append(shown)
                owners.append(name)
    return phrases, owners


def _spottable(shown: str) -> bool:
    cjk = sum(1 for ch in shown if has_cjk(ch))
    return len(shown) >= _MIN_PHRASE and cjk >= _MIN_PHRASE_CJK


def _short(shown: str) -> bool:
    """Two CJK glyphs and nothing else (广告): too short to spot by anywhere."""
    return len(shown) == _MIN_PHRASE_CJK and all(has_cjk(ch) for ch in shown)


def _spot_phrases(pack: RulePack) -> tuple[list[str], list[str]]:
    return _phrases_where(pack, _spottable)


class DamageSpotter:
    """Marks room lines that are a damaged copy of a label (``LineInfo.degraded``)."""

    def __init__(self, engine: OcrEngine, pack: RulePack) -> None:
        self._scorer = engine if isinstance(engine, PhraseScorer) else None
        self._phrases, self._owners = _spot_phrases(pack)
        # How long a damaged copy of each element's label may read. A key's phrase (经营者：)
        # is followed by its value (a company's name), of any length.
        self._longest: dict[str, int] = {}
        for phrase, owner in zip(self._phrases, self._owners, strict=True):
            keyed = phrase.endswith((":", "："))
            longest = _LINE_CHARS[1] if keyed else len(phrase)
            self._longest[owner] = max(self._longest.get(owner, 0), longest)
        self._cache: dict[tuple[str, Box], _Spotted | None] = {}
        self._short, self._short_owners = _phrases_where(pack, _short)
        self._short_cache: dict[tuple[str, Box], tuple[str, float]] = {}

    def mark(
        self,
        image: np.ndarray,
        room: list[LineInfo],
        required: Iterable[str],
        unsure: list[LineInfo] | None = None,
        small: SmallLines | None = None,
    ) -> None:
        """Add the element a line is a damaged copy of to its ``degraded``, for the required
        elements nothing in ``room`` shows yet. ``unsure`` are readings too hesitant to
        believe (no rule was asked about them); they are candidates like the rest. ``small``
        says where short phrases are looked for too."""
        if self._scorer is None or not self._phrases:
            return
        wanted = set(required) & set(self._owners)
        for li in room:
            wanted -= {e for e, m in li.matches.items() if m.full or m.fragment}
            wanted -= set(li.degraded)
        if not wanted:
            return
        candidates = [li for li in (*room, *(unsure or ())) if _is_candidate(li)]
        todo = [li for li in candidates if (li.line.text, li.line.box) not in self._cache]
        if todo:
            scores = self._scorer.phrase_scores(
                image, [li.line.box for li in todo], self._phrases
            )
            if len(self._cache) + len(todo) > _CACHE_SIZE:
                self._cache.clear()
            for li, per_phrase in zip(todo, scores, strict=True):
                self._cache[(li.line.text, li.line.box)] = self._best(per_phrase)
        for li in candidates:
            best = self._cache.get((li.line.text, li.line.box))
            if best is not None and best.element in wanted and best.fits(li.line):
                li.degraded = (*li.degraded, best.element)
        if small is not None:
            still = wanted & small.elements & set(self._short_owners)
            still -= {e for li in candidates for e in li.degraded}
            if still:
                self._mark_small(image, candidates, still, small)

    def _mark_small(
        self, image: np.ndarray, candidates: list[LineInfo], wanted: set[str], small: SmallLines
    ) -> None:
        assert self._scorer is not None
        tiny = [
            li
            for li in candidates
            if not li.degraded and li.line.box.h < small.below_px and li.line.box.cy < small.rows
        ]
        todo = [li for li in tiny if (li.line.text, li.line.box) not in self._short_cache]
        if todo:
            scores = self._scorer.phrase_scores(image, [li.line.box for li in todo], self._short)
            if len(self._short_cache) + len(todo) > _CACHE_SIZE:
                self._short_cache.clear()
            for li, per_phrase in zip(todo, scores, strict=True):
                i = max(range(len(per_phrase)), key=per_phrase.__getitem__)
                self._short_cache[(li.line.text, li.line.box)] = (
                    self._short_owners[i], per_phrase[i]
                )
        for li in tiny:
            element, score = self._short_cache[(li.line.text, li.line.box)]
            if element in wanted and score >= SMALL_MIN_SCORE:
                li.degraded = (*li.degraded, element)

    def _best(self, scores: list[float]) -> _Spotted | None:
        """The element of the best-fitting phrase, its score, and its lead over the best
        phrase of any other element."""
        if not scores:
            return None
        i = max(range(len(scores)), key=scores.__getitem__)
        element = self._owners[i]
        others = [s for s, o in zip(scores, self._owners, strict=True) if o != element]
        return _Spotted(
            element, scores[i], scores[i] - max(others, default=float("-inf")),
            self._longest[element],
        )


@dataclass(frozen=True, slots=True)
class _Spotted:
    element: str
    score: float  # nats per character of the best phrase
    lead: float  # over the best phrase of another element
    chars: int  # of the element's longest phrase (or line, for a key and its value)

    def fits(self, line: OcrLine) -> bool:
        """Good enough to call ``line`` a damaged copy of ``element``.

        What is left of a line with its top or bottom hidden (``squashed``) is half of every
        glyph, and the recogniser's best phrase scores lower there (-4 to -9 nats/char on the
        covered labels of eleven generated sets, where readings of unrelated lines that are
        squashed too are rare). A laxer limit is then safe only while the reading clearly
        favours one element: half glyphs fit several elements' phrases about equally (T心A,
        the lower third of 经营者信息公示, scores -5.45 for AI合成 and -5.51 for 广告AD).

        A line of far more CJK glyphs than any of the element's phrases is a sentence one of
        them half fits somewhere (第一次来直播间的宝宝点点关注 scores -4.45 for 到手价); a
        damaged label reads as a few more at most (a sticker's word read into it), its
        strokes' remnants as marks and letters (秒ボ1川キ129). The best phrase may be a short
        one inside a long label (AI生成 of a garbled 本直播间主播为AI数字人).
        """
        if sum(1 for ch in line.text if has_cjk(ch)) > self.chars + _LONGER:
            return False
        if self.score >= SPOT_MIN_SCORE:
            return True
        return (
            self.score >= CUT_MIN_SCORE
            and self.lead >= CUT_MIN_LEAD
            and len(bare_text(line.text)) > 1
            and squashed(line.text, line.box)
        )


def _is_candidate(li: LineInfo) -> bool:
    """A hesitant reading no rule recognised, of a label's length, with a CJK glyph in it."""
    if li.line.confidence >= _SURE or li.degraded:
        return False
    if any(m.full or m.fragment for m in li.matches.values()):
        return False
    bare = bare_text(li.line.text)
    return _LINE_CHARS[0] <= len(bare) <= _LINE_CHARS[1] and has_cjk(bare)


# Nats per character. A line one or two characters off a banned spelling is confirmed only when
# the recogniser gives the spelling, on average, over a third of the probability of its own
# reading: 全网量低价 scores -0.13 for 全网最低价, and a line that truly differs (全网第二 for
# 全网第一, 全网热卖 for 全网断货) has its differing glyphs read with near certainty, far below
# this.
TERM_MIN_SCORE = -1.0


class TermSpotter:
    """Banned terms OCR misread by a glyph or two, confirmed by the recogniser."""

    def __init__(self, engine: OcrEngine, pack: RulePack) -> None:
        self._scorer = engine if isinstance(engine, PhraseScorer) else None
        self._pack = pack
        self._cache: dict[tuple[str, Box], tuple[NearMiss, ...]] = {}

    def confirmed(self, image: np.ndarray, line: OcrLine) -> tuple[NearMiss, ...]:
        """The near misses of ``line`` (match.near_banned) the recogniser confirms."""
        if self._scorer is None:
            return ()
        near = near_banned(line.text, self._pack)
        if not near:
            return ()
        key = (line.text, line.box)
        hit = self._cache.get(key)
        if hit is None:
            spellings = [nm.spelling.upper() for nm in near]
            (scores,) = self._scorer.phrase_scores(image, [line.box], spellings)
            hit = tuple(nm for nm, s in zip(near, scores, strict=True) if s >= TERM_MIN_SCORE)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = hit
        return hit


# Nats per character. A damaged copy of a label that differs from one of its phrases only by a
# glyph misread in place is that phrase, read clean, when the recogniser gives the phrase at
# least 60 % of its own reading's probability per glyph. Over 36 generated sets, the clean
# labels read so (查看商家贸质, 轻营者信息公示) scored -0.47 to 0.0, and covered ones -0.75 to
# -0.97 (查看言家资质, 商 under a sticker's edge: what shows of a cut glyph is read with near
# certainty). One covered label scored -0.44 (广拟主播, a card over 虚's top); read as 虚拟主播,
# the card across it still makes it occluded (elements.py judges the pixels as for any line).
CONFIRM_MIN_SCORE = -0.5


def _misread_in_place(shown: str, phrase: str) -> bool:
    """Whether ``shown`` is ``phrase`` with one glyph read as another. (Two misread glyphs are
    as often a band's edge along the line: 经营老信自公示 of 经营者信息公示 under a band over its
    lower part scores -0.5 too.)"""
    if len(shown) != len(phrase) or len(phrase) < _MIN_PHRASE:
        return False
    return sum(a != b for a, b in zip(shown, phrase, strict=True)) == 1


class LabelConfirmer:
    """Labels OCR misread by a glyph in place, confirmed by the recogniser: read as the phrase.

    A clean 查看商家资质 read as 查看商家贸质 is a damaged copy by its text (degraded.py), and a
    damaged copy is ok only when the cover tests find nothing over it (elements.py), and most
    are covered labels. The recogniser's column probabilities tell the two apart first: a blur
    leaves the right glyph a close second, a cover leaves none."""

    def __init__(self, engine: OcrEngine, pack: RulePack) -> None:
        self._scorer = engine if isinstance(engine, PhraseScorer) else None
        self._pack = pack
        self._phrases = [
            p for name, rule in pack.elements.items() if name != "price" for p in rule.phrases
        ]
        self._cache: dict[tuple[str, Box], str | None] = {}

    def confirmed(self, image: np.ndarray, li: LineInfo) -> OcrLine | None:
        """``li``'s line read as the label phrase it misreads, or None.

        Asked of damaged copies, and of a phrase whose first or last glyph reads as another
        (北为广告 of 此为广告), which the pack takes for that glyph cut by a cover's edge."""
        cut_end = any(m.fragment and m.gapped for m in li.matches.values())
        if (
            self._scorer is None
            or not (li.degraded or cut_end)
            or any(m.full or (m.fragment and not m.gapped) for m in li.matches.values())
            or squashed(li.line.text, li.line.box)
        ):
            return None  # a line whose top or bottom is hidden reads damaged for that reason
        key = (li.line.text, li.line.box)
        if key not in self._cache:
            shown = bare_text(li.line.text)
            near = [p for p in self._phrases if _misread_in_place(shown, bare_text(p))]
            phrase = None
            if near:
                (scores,) = self._scorer.phrase_scores(image, [li.line.box], near)
                best = max(range(len(near)), key=scores.__getitem__)
                if scores[best] >= CONFIRM_MIN_SCORE:
                    phrase = near[best]
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = phrase
        phrase = self._cache[key]
        if phrase is None:
            return None
        return OcrLine(text=phrase, box=li.line.box, confidence=li.line.confidence)
