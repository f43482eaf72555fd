"""FrameChecker: OCR lines of one frame → a status per required element, banned terms, QR codes.

The analysis (:meth:`FrameChecker.evaluate`) is separate from reading (:meth:`FrameChecker.check`)
so the monitor can feed it lines it re-recognised in known boxes instead of a full OCR pass.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, replace

import numpy as np

from app.checker.corners import CornerView, corner_views
from app.checker.degraded import degraded_elements
from app.checker.elements import (
    ElementJudge,
    LineInfo,
    classify_lines,
    is_viewer_text,
    mark_scrolling,
)
from app.checker.faint import stretched
from app.checker.occlusion import squashed
from app.checker.plates import corner_plates
from app.checker.qr import find_qr_codes
from app.checker.result import (
    ELEMENTS,
    BannedHit,
    ElementFinding,
    FrameResult,
    PriceComparisonFinding,
    QrFinding,
    Status,
)
from app.checker.spotting import DamageSpotter, LabelConfirmer, SmallLines, TermSpotter
from app.geometry import Box
from app.ocr.base import FineReader, OcrEngine, OcrLine, PhraseScorer, Reuse, TextLocator
from app.rules.match import (
    FRAME_PUNCT,
    ComparisonParts,
    ElementMatch,
    comparison_parts,
    find_banned,
    match_element,
)
from app.rules.pack import RulePack, load_rule_pack
from app.rules.profile import Profile
from app.rules.text import normalize

B5_ARTICLE_QR = "003 主播 行为管控(7); 000 第十二条5"
# Screens whose full-resolution look is remembered: a show cycles through a few layouts.
_CLOSER_SCREENS = 16
_DIGITS = re.compile(r"\d+")
_CJK_GLYPHS = re.compile(r"[\u4e00-\u9fff]")
# Over-wide label readings whose fitted box is kept: a show has a few labels, not hundreds.
_FITTED_SIZE = 256


@dataclass(slots=True)
class Analysis:
    """Everything the checker derived from one frame, kept for the monitor's cache."""

    result: FrameResult
    lines: list[LineInfo]


# How far past a line's box, in box heights, a question mark the detector left out may stand
# (the gap before it and the mark itself).
_PAST_END = 0.6
# The same past a sticker over the line's last glyph (全网最低价？？ with a disc over 价, read
# 全网最低): the sticker, read as a glyph, and the marks beyond it.
_PAST_COVER = 2.5
# A viewer's question with its last glyph misread: the mark as a 7 (历史最低价7 of a 20 px
# 历史最低价？), 吗 as 档 (最低价档). The recogniser finds the question nearly as likely as its
# reading there (-0.42 and -0.29 nats per character), where a glyph that is written scores far
# lower for the question (a 7 written after 历史最低价: -2.5).
_QUESTION_ENDS = ("?", "吗", "呢")
_MARK_SCORE = -1.0


# A line whose box is under this many legible glyph heights is too small to read, and one
# whose centre is within this many times the ad corner's height from the top stands in its
# rows (the spotter's SmallLines).
_SMALL_LINE = 2.0
_SMALL_ROWS = 1.25


def _same_place(a: Box, b: Box) -> bool:
    """Whether two boxes mostly cover one another: one line read twice."""
    return a.overlap_fraction(b) > 0.5 or b.overlap_fraction(a) > 0.5


def _comparison_missing(
    parts: ComparisonParts, price: ElementFinding | None
) -> tuple[str, ...]:
    """What 001 第二十七条 also wants shown beside a compared price. The actual price is shown
    only as the price element is: a tag under a sticker, or too small or faint to read, is
    read by OCR but not shown to a viewer (the check then names the actual price as missing,
    and the price element says why). Where the profile does not require a price, what OCR
    read stands."""
    missing = parts.missing
    shown = price is None or price.status in (Status.OK, Status.NOT_REQUIRED)
    if shown or "actual_price" in missing:
        return missing
    return ("actual_price", *missing)


class FrameChecker:
    def __init__(self, profile: Profile, engine: OcrEngine, pack: RulePack | None = None) -> None:
        self.profile = profile
        self.engine = engine
        self.pack = pack or load_rule_pack()
        self._judge = ElementJudge(profile, self.pack)
        self._end_cache: dict[str, list[str]] = {}
        self._spotter = DamageSpotter(engine, self.pack)
        # What a full-resolution look found per screen (frame size, the room's texts read).
        self._closer: dict[tuple[tuple[int, ...], frozenset[str]], list[OcrLine]] = {}
        # Where the characters of an over-wide label reading stand, per reading and box.
        self._fitted: dict[tuple[str, Box], Box | None] = {}
        self._terms = TermSpotter(engine, self.pack)
        self._confirmer = LabelConfirmer(engine, self.pack)
        # Whether a banned line read on past its box's end asks a question, per reading and box.
        self._asks: dict[tuple[str, Box], bool] = {}

    def use_profile(self, profile: Profile) -> None:
        """Judge later frames by ``profile`` (same engine and rules), e.g. after zones are redrawn.

        Call it from the thread that calls ``check``/``evaluate``; the monitor does so between
        samples, so no frame is judged half by one profile and half by the other.
        """
        self.profile = profile
        self._judge = ElementJudge(profile, self.pack)

    def check(self, image: np.ndarray, name: str = "") -> FrameResult:
        """Full pass: detection + recognition over the whole frame, then every check.

        Each image stands alone here (``livecomply check`` over a folder of frames from
        different rooms): what was found on an earlier "screen" with the same texts is not
        taken for this one's, as the monitor's stream of one screen may.
        """
        t0 = time.perf_counter()
        self._closer.clear()
        self._fitted.clear()
        lines = self.read_lines(image)
        analysis = self.evaluate(image, lines, name=name)
        analysis.result.elapsed_ms = (time.perf_counter() - t0) * 1000.0
        return analysis.result

    def _split_hesitant(self, lines: list[OcrLine]) -> tuple[list[OcrLine], list[OcrLine]]:
        """The readings to believe, and those the engine was too unsure of (see
        ``OcrEngine.believe_from``): these never show an element or a banned term."""
        floor = getattr(self.engine, "believe_from", 0.0)
        if not floor:
            return lines, []
        believed = [ln for ln in lines if ln.confidence >= floor]
        if len(believed) == len(lines):
            return lines, []
        return believed, [ln for ln in lines if ln.confidence < floor]

    def is_viewer_line(self, line: OcrLine) -> bool:
        """The audience's text (chat, 弹幕…): it never counts for or against the room."""
        return is_viewer_text(line.text, self.pack)

    def read_lines(self, image: np.ndarray, reuse: Reuse | None = None) -> list[OcrLine]:
        """Whole-frame OCR, plus corner label plates the detector passed over (see plates.py).

        ``reuse`` (from the monitor) spares recognising lines that have not changed.
        """
        lines, hesitant = self._split_hesitant(self.engine.read(image, reuse=reuse))
        t = self.profile.thresholds
        plates = corner_plates(
            image, [ln.box for ln in lines], t.ad_corner_height_frac, t.ad_corner_width_frac
        )
        for ln in self.engine.recognize(image, plates) if plates else []:
            m = match_element(ln.text, self.pack).get("ad_label")
            if (m is not None and (m.full or m.fragment)) or "ad_label" in degraded_elements(
                ln.text, self.pack
            ):
                lines.append(ln)
        closer, unsure = self._split_hesitant(self._look_closer(image, lines))
        lines.extend(closer)
        lines = self._fit_wide_boxes(image, self._reread_fragments(image, lines))
        return lines + hesitant + unsure

    def _fit_wide_boxes(self, image: np.ndarray, lines: list[OcrLine]) -> list[OcrLine]:
        """Narrow the box of a label reading that is far wider than its characters.

        Over a busy picture the detector's box can run on past a label through the strokes
        beside it (广告 read in a box three glyphs wider): the label would be judged where it
        does not stand (misplaced, out of its corner) and measured on the picture's strokes.
        The recogniser's columns say where its characters are. A clean reading's box is
        rarely that wide (occlusion.squashed), so this is asked of few lines, and once per
        reading and box: the monitor's periodic full pass finds the same box again.
        """
        if not isinstance(self.engine, TextLocator):
            return lines
        wide = [
            i
            for i, info in enumerate(classify_lines(lines, self.pack))
            if info.viewer is None
            and any(m.full for m in info.matches.values())
            and squashed(info.line.text, info.line.box)
        ]
        todo = [lines[i] for i in wide if (lines[i].text, lines[i].box) not in self._fitted]
        if todo:
            if len(self._fitted) + len(todo) > _FITTED_SIZE:
                self._fitted.clear()
            extents = self.engine.text_extents(image, [ln.box for ln in todo])
            for ln, box in zip(todo, extents, strict=True):
                narrower = box is not None and box.w < 0.8 * ln.box.w
                self._fitted[(ln.text, ln.box)] = box if narrower else None
        out = list(lines)
        for i in wide:
            box = self._fitted.get((lines[i].text, lines[i].box))
            if box is not None:
                out[i] = OcrLine(text=lines[i].text, box=box, confidence=lines[i].confidence)
        return out

    def _look_closer(self, image: np.ndarray, lines: list[OcrLine]) -> list[OcrLine]:
        """Lines only a full-resolution detection finds, while a required element shows no
        trace in ``lines``.

        A 1080p frame is detected at 720p scale (engine.read), where a 10 px label shrinks to
        7 px and goes unseen: the element would be called missing although it is on screen,
        too small. Looking again at full resolution costs about two detections, so it is done
        only while something required has no trace at all, and once per screen: while the
        texts read are the same, what the look found is what it would find again. While the
        ad label still shows no trace, its corners are read on their own (corners.py).
        """
        room = [li for li in classify_lines(lines, self.pack) if li.viewer is None]
        untraced = self._untraced(room)
        if not untraced:
            return []
        # The room's texts, digits aside: the chat scrolls on, a countdown ticks and a viewer
        # count climbs under an unchanged layout.
        screen = (image.shape, frozenset(_DIGITS.sub("#", li.line.text) for li in room))
        found = self._closer.get(screen)
        if found is None:
            known = [ln.box for ln in lines]
            found = []
            if isinstance(self.engine, FineReader):
                found = self.engine.read_fine(image, known) or []
            still = untraced & self._untraced(classify_lines(found, self.pack))
            if still:
                found = found + self._read_faint(image, known + [ln.box for ln in found], still)
            if "ad_label" in untraced & self._untraced(classify_lines(found, self.pack)):
                found = found + self._read_corners(image, known + [ln.box for ln in found])
            if len(self._closer) >= _CLOSER_SCREENS:
                del self._closer[next(iter(self._closer))]
            self._closer[screen] = found
        return found

    def _untraced(self, infos: list[LineInfo]) -> set[str]:
        """Required elements of which no line in ``infos`` shows a trace."""
        traced = {
            e
            for li in infos
            if li.viewer is None
            for e, m in li.matches.items()
            if m.full or m.fragment
        }
        traced.update(e for li in infos if li.viewer is None for e in li.degraded)
        return {e for e, on in self.profile.required.items() if on and e not in traced}

    def _read_faint(
        self, image: np.ndarray, known: list[Box], untraced: set[str]
    ) -> list[OcrLine]:
        """Lines of a label too faint to detect (faint.py), for elements still without a trace
        after the closer look: only those that show one of them, where no line stood.

        They are returned as hesitant readings (below the engine's ``believe_from``): text a
        viewer cannot make out is at best a damaged copy of its label, never the label shown,
        and a legible label the detector passed over is one something covers. Engines that do
        not say what they believe get no such look."""
        floor = getattr(self.engine, "believe_from", 0.0)
        if not floor:
            return []

        def stood(box: Box) -> OcrLine | None:
            # A box where a line already stood is not recognised again (about two thirds of
            # the read's cost): an empty reading marks it, to be dropped below.
            if any(box.overlap_fraction(b) > 0.3 for b in known):
                return OcrLine("", box, 0.0)
            return None

        out = []
        for li in classify_lines(self.engine.read(stretched(image), reuse=stood), self.pack):
            if li.viewer is not None or not li.line.text:
                continue
            # One glyph, or two Latin letters, is what stretched noise and texture most often
            # read as (广, 人, AL for AI): a label's trace needs two CJK glyphs, or a price.
            shown = {e for e, m in li.matches.items() if m.full or m.fragment}
            if len(_CJK_GLYPHS.findall(li.line.text)) < 2 and "price" not in shown:
                continue
            if (shown | set(li.degraded)) & untraced:
                out.append(replace(li.line, confidence=min(li.line.confidence, 0.99 * floor)))
        return out

    def _read_corners(self, image: np.ndarray, known: list[Box]) -> list[OcrLine]:
        """Lines of an ad label that a look at the top corners on their own finds (corners.py),
        where no line stood: at each place, the reading that shows most of the label.

        What was read already (a corner's nickname, follower count, 关注 button) is not
        recognised again in each view: that would be most of the look's cost."""
        t = self.profile.thresholds
        found: list[tuple[int, OcrLine]] = []
        for view in corner_views(image, t.ad_corner_height_frac, t.ad_corner_width_frac):

            def stood(box: Box, view: CornerView = view) -> OcrLine | None:
                at = view.to_frame(box)
                return OcrLine("", box, 0.0) if any(_same_place(at, k) for k in known) else None

            for ln in self.engine.read(view.image, reuse=stood):
                box = view.to_frame(ln.box)
                rank = self._ad_trace(ln.text)
                if not rank or any(_same_place(box, k) for k in known):
                    continue
                line = OcrLine(ln.text, box, ln.confidence)
                at = next((i for i, (_, o) in enumerate(found) if _same_place(o.box, box)), None)
                if at is None:
                    found.append((rank, line))
                elif (rank, line.confidence) > (found[at][0], found[at][1].confidence):
                    found[at] = (rank, line)
        return [ln for _, ln in found]

    def _ad_trace(self, text: str) -> int:
        """How much of an ad label ``text`` shows: 3 all of it, 2 a part, 1 a damaged copy,
        0 none (or it is a viewer's)."""
        if is_viewer_text(text, self.pack):
            return 0
        m = match_element(text, self.pack).get("ad_label")
        if m is not None and m.full:
            return 3
        if m is not None and m.fragment:
            return 2
        return 1 if "ad_label" in degraded_elements(text, self.pack) else 0

    def _reread_fragments(self, image: np.ndarray, lines: list[OcrLine]) -> list[OcrLine]:
        """Read a label fragment again in a box a glyph wider on both sides.

        The recogniser drops a sparse first glyph now and then (告内容 of a clean 广告内容, the
        detector's box starting at 告), which would make a clean label look covered. Read with
        room around it, a clean label reads whole; one a sticker covers still reads as the
        fragment. Lines that start or end with part of a label (see ``_label_at_end``) are read
        again too. Such lines turn up in about one frame in two on our sets, so this costs a
        recognition call now and then.
        """
        h, w = image.shape[:2]
        # Classified per text and cached, so the steady state costs a dictionary look-up.
        fragments = []
        for i, info in enumerate(classify_lines(lines, self.pack)):
            if info.viewer is not None or any(m.full for m in info.matches.values()):
                continue
            elements = [e for e, m in info.matches.items() if m.fragment]
            if not elements and not is_viewer_text(info.line.text, self.pack):
                elements = self._label_at_end(info.line.text)
            if elements:
                fragments.append((i, elements))
        if not fragments:
            return lines
        boxes = [lines[i].box.expanded(lines[i].box.h, 0, w, h) for i, _ in fragments]
        out = list(lines)
        for (i, elements), wide, again in zip(
            fragments, boxes, self.engine.recognize(image, boxes), strict=True
        ):
            after = match_element(again.text, self.pack)
            # A wider box can take in a stray mark that makes the reading a chat line's shape
            # (4经营者：杭州云拓电, the plate's rounded end read as 4 before a cut merchant
            # name): the fragment read before is the room's text, and stays.
            if is_viewer_text(again.text, self.pack):
                continue
            if again.confidence >= 0.5 and any(
                (m := after.get(e)) is not None
                and m.full
                # A price's match is its number, not its word: any whole price will do.
                and (e == "price" or _holds(m, lines[i].text, self.pack.elements[e].fragments))
                for e in elements
            ):
                box = _grown_to(lines[i].box, lines[i].text, again.text, wide)
                out[i] = OcrLine(text=again.text, box=box, confidence=again.confidence)
        return out

    def _label_at_end(self, text: str) -> list[str]:
        """Elements whose label a line starts or ends with part of: "告·推" of 广告·推广, its two
        sparse 广 dropped by the detector. The line as a whole is no fragment (推 is no part of
        广告), but read a glyph wider it may be the label."""
        hit = self._end_cache.get(text)
        if hit is None:
            bare = normalize(text).strip(FRAME_PUNCT)
            hit = []
            if 2 <= len(bare) <= 8:
                for name, rule in self.pack.elements.items():
                    if any(
                        bare[:k] in rule.fragments or bare[-k:] in rule.fragments
                        for k in range(1, len(bare))
                    ):
                        hit.append(name)
            if len(self._end_cache) > 4096:
                self._end_cache.clear()
            self._end_cache[text] = hit
        return hit

    def _asks_past_its_end(self, image: np.ndarray, line: OcrLine) -> bool:
        """Whether a line with a banned term, read on past its box's right end, ends in a
        question mark: a viewer's 弹幕 (历史最低价？) whose mark the detector's box left out,
        or whose mark or particle the recogniser misread (历史最低价7, 最低价档).

        Asked only of lines that hold a banned term (rare), once per reading and box.
        """
        key = (line.text, line.box)
        hit = self._asks.get(key)
        if hit is None:
            b = line.box
            h_img, w_img = image.shape[:2]
            hit = self._question_misread(image, line)
            for past in _PAST_END, _PAST_COVER:
                wider = Box(b.x, b.y, b.w + round(past * b.h), b.h).clipped(w_img, h_img)
                if hit or wider.w <= b.w:
                    break
                (read,) = self.engine.recognize(image, [wider])
                text = normalize(read.text).rstrip()
                hit = (
                    text.endswith("?")
                    and text.rstrip("?").startswith(normalize(line.text).rstrip())
                    and is_viewer_text(read.text, self.pack)
                )
            if len(self._asks) > 1024:
                self._asks.clear()
            self._asks[key] = hit
        return hit

    def _question_misread(self, image: np.ndarray, line: OcrLine) -> bool:
        """Whether a line whose last glyph follows a CJK glyph is a viewer's question with its
        mark or particle misread (see _QUESTION_ENDS)."""
        text = "".join(normalize(line.text).split())
        if (
            not 2 <= len(text) <= 16
            or not _CJK_GLYPHS.match(text[-2])
            or text[-1] in _QUESTION_ENDS
            or not isinstance(self.engine, PhraseScorer)
        ):
            return False
        asked = [text[:-1] + q for q in _QUESTION_ENDS]
        asked = [q for q in asked if is_viewer_text(q, self.pack)]
        if not asked:
            return False
        (scores,) = self.engine.phrase_scores(image, [line.box], asked)
        return max(scores) >= _MARK_SCORE

    def evaluate(
        self, image: np.ndarray, lines: list[OcrLine], name: str = "", qr: bool = True
    ) -> Analysis:
        """Judge already-read lines. ``qr=False`` skips QR decoding (the monitor caches it)."""
        t0 = time.perf_counter()
        h, w = image.shape[:2]
        believed, hesitant = self._split_hesitant(lines)
        infos = classify_lines(believed, self.pack)
        mark_scrolling(infos, image, self.pack)
        room = [li for li in infos if li.viewer is None]
        # A label misread by a glyph in place that the recogniser finds nearly as likely.
        room = [
            classify_lines([line], self.pack)[0]
            if (line := self._confirmer.confirmed(image, li)) is not None
            else li
            for li in room
        ]
        # A line no rule recognised may still be what is left of a label (spotting.py); so may
        # a reading too hesitant to believe, though never as more than a damaged copy.
        unsure = [
            _as_damaged(li) for li in classify_lines(hesitant, self.pack) if li.viewer is None
        ]
        required = [e for e, on in self.profile.required.items() if on]
        # The ad label's phrase (广告) is too short to spot by anywhere; a reading too small
        # to read, where the label must stand, may still be it.
        t = self.profile.thresholds
        small = SmallLines(
            below_px=_SMALL_LINE * self._judge.min_glyph(w, h),
            rows=round(_SMALL_ROWS * t.ad_corner_height_frac * h),
            elements=frozenset({"ad_label"}),
        )
        self._spotter.mark(image, room, required, unsure=unsure, small=small)
        judged = room + [li for li in unsure if li.degraded]

        elements: dict[str, ElementFinding] = {}
        for element in ELEMENTS:
            elements[element] = self._judge.judge(element, image, judged, hesitant=hesitant)

        banned: list[BannedHit] = []
        for li in room:
            found = find_banned(li.line.text, self.pack)
            if found and self._asks_past_its_end(image, li.line):
                continue
            for m in found:
                banned.append(
                    BannedHit(
                        term=_as_shown(m.matched) or m.term,
                        text=li.line.text,
                        box=li.line.box,
                        rule=m.rule,
                        article=m.article,
                        family=m.family,
                        canonical=m.term,
                    )
                )
            # A term with one glyph misread (全网量低价), when the recogniser confirms it.
            for nm in self._terms.confirmed(image, li.line):
                banned.append(
                    BannedHit(
                        term=_as_shown(nm.spelling).upper(),
                        text=li.line.text,
                        box=li.line.box,
                        rule=nm.term.rule,
                        article=nm.term.article,
                        family=nm.term.family,
                        canonical=nm.term.term,
                    )
                )

        comparisons: list[PriceComparisonFinding] = []
        parts = comparison_parts([li.line.text for li in room], self.pack)
        if parts.compared:
            shown = [room[i].line for i in parts.compared_lines]
            box = shown[0].box
            for ln in shown[1:]:
                box = box.union(ln.box)
            comparisons.append(
                PriceComparisonFinding(
                    compared_text=" / ".join(ln.text for ln in shown),
                    box=box,
                    missing=_comparison_missing(parts, elements.get("price")),
                    rule=self.pack.comparison.rule,
                    article=self.pack.comparison.article,
                )
            )

        qr_codes: list[QrFinding] = []
        if qr:
            allowed = self.profile.qr_allowed_prefixes
            for box, payload in find_qr_codes(image):
                if allowed and payload.startswith(tuple(allowed)):
                    continue
                qr_codes.append(QrFinding(box=box, payload=payload, article=B5_ARTICLE_QR))

        result = FrameResult(
            image=name,
            width=w,
            height=h,
            engine=self.engine.name,
            elapsed_ms=(time.perf_counter() - t0) * 1000.0,
            elements=elements,
            banned_terms=banned,
            price_comparison=comparisons,
            qr_codes=qr_codes,
        )
        return Analysis(result=result, lines=infos)


def _as_damaged(li: LineInfo) -> LineInfo:
    """A hesitant reading as evidence: what its text shows of a label (广告 read at 0.3) is
    at best a damaged copy of it, never the label itself."""
    shown = [e for e, m in li.matches.items() if m.full or m.fragment]
    return LineInfo(line=li.line, viewer=None, matches={}, degraded=(*li.degraded, *shown))


def _holds(m: ElementMatch, line: str, fragments: frozenset[str]) -> bool:
    """Whether the whole label ``m`` matched holds the part of ``line`` that is a fragment of
    it (all of a fragment line; the end of 告·推 that is part of 广告): 广告内容 holds 告内容.
    Read wider, 间主播为AI数字人 (the end of 本直播间主播为AI数字人) becomes T间主播为AI数字人
    with the sticker's edge read as T: a whole phrase (主播为AI数字人), but not the one the
    fragment was part of.
    """
    bare = "".join(normalize(line).strip(FRAME_PUNCT).split())
    # The whole line, else its longest start or end that is a fragment.
    ends = (p for k in range(len(bare), 0, -1) for p in (bare[:k], bare[-k:]))
    part = next((p for p in ends if p in fragments), "")
    # One glyph is too little to hold to: the wider reading may well correct it (合厂 → 广告).
    return len(part) < 2 or part in "".join(normalize(m.matched).split())


def _grown_to(box: Box, before: str, after: str, limit: Box) -> Box:
    """``box`` (of the glyphs read first) grown sideways over the glyphs the second reading
    added: to the left when the first reading ends the second, to the right when it starts it,
    both ways otherwise, about three quarters of the box's height per glyph (the detector's box
    is taller than the ink) and never beyond ``limit``, the box read the second time.

    The stroke measure needs the label's own box: the first may hug a lone 告 of 广告 so
    tightly that its strokes touch the box's sides and go unmeasured (a clean label measured
    at 1 px). Not taller: a card right below a cut label would then be measured as ink.
    """
    a, b = "".join(before.split()), "".join(after.split())
    extra = round(max(0, len(b) - len(a)) * 0.75 * box.h)
    left = right = extra
    if a and b.endswith(a):
        right = 0
    elif a and b.startswith(a):
        left = 0
    pad = max(2, box.h // 6)
    x1, x2 = max(limit.x, box.x - left - pad), min(limit.x2, box.x2 + right + pad)
    return Box(x1, box.y, max(1, x2 - x1), box.h)


def _as_shown(matched: str) -> str:
    """The banned words as they stand on screen, without the spaces OCR put between them."""
    return "".join(unicodedata.normalize("NFKC", matched).split())


def not_required(element: str, rule: str, article: str) -> ElementFinding:
    return ElementFinding(element=element, status=Status.NOT_REQUIRED, rule=rule, article=article)
