"""Element statuses (V1, V2, V3, V5): which room overlay satisfies each requirement, and how well.

Order of judgement for every candidate line of an element, worst evidence first:
fragment of a label phrase, a phrase that ends a line a sticker splits, or a line that starts
with its key's colon → occluded (illegible if even the visible part is too faint); too small or
too faint → illegible; its plate cut off above or below, or a foreign region across the text →
occluded; (ad label) outside both top corners, or (any element with zones in the profile)
centre outside every zone drawn for it → misplaced; else ok. Of several candidates the best
status wins, so a second, compliant copy of a label satisfies the rule; with no compliant
copy, a whole reading outranks a fragment (a stray 广 elsewhere does not hide a misplaced 广告).
Only when no line reads the label cleanly does a damaged copy of it (degraded.py) count:
illegible or occluded, never missing, and ok only when it is the whole label with one glyph
misread between two read right, legible, uncut and with nothing found drawn over it; and only
without that, a lone glyph that starts or ends the label with a cover where the rest would
stand.

Viewers' text never counts: chat, system lines and platform chrome by their wording, 弹幕 by
their wording (a question, a chatty ending) or by running off the frame's side.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from app.checker.degraded import UNIT_GLYPHS, degraded_elements
from app.checker.occlusion import (
    badge_over_end,
    pitch_px,
    plate_coverage,
    squashed,
    sticker_on_line,
    straight_cut,
    with_unread_ink,
)
from app.checker.result import ElementFinding, Status
from app.checker.vision import TextMeasure, lab_of, measure_text
from app.geometry import Box
from app.ocr.base import OcrLine
from app.rules.match import FRAME_PUNCT, ElementMatch, find_banned, match_element, viewer_kind
from app.rules.pack import RulePack
from app.rules.profile import Profile, Zone
from app.rules.text import has_cjk, normalize

# Viewers talk; overlays state. A line ending in a question or a chatty particle is a viewer's.
# (还等什么 is the host's call to buy, not a question.)
# 鸣 is what OCR makes of a small 吗 now and then (最低价鸣 of a viewer's 最低价吗); no
# overlay ends on it. Nor on a colon and an exclamation mark: 全网最低价：！ is a viewer's
# 全网最低价？？, the first mark read as a colon.
_CONVERSATIONAL = re.compile(
    r"(\?|？|吗|鸣|吧|呢|啊|呀|哈+|嘛|(?<!等什)么|!{2,}|！{2,}|[:：][!！]|6{3,})$"
)
# A viewer's question without its question mark ("商家信息在哪看", "到手价多少"): an overlay
# states where things are and what they cost, it does not ask.
# Nor does it complain that something cannot be seen ("经营者信息看不到", a viewer's chat line
# whose name and colon OCR garbled).
_QUESTION = re.compile(
    r"在哪|哪里|哪儿|怎么(?:买|看|拍|领|下单|找|样)|多少钱|多少$|是不是|有没有|能不能"
    r"|看不[到见清]|找不到"
)
_CHATTY = re.compile(r"[吧吗呢啊呀哈嘛么是这那我你他她？?！!]")
# What may trail the particle: a question mark OCR read as a colon or a dot (是数字人吗：).
_TRAILING_MARKS = ":：;；,，.。·、~～ "

COVERAGE_NOISE = 0.08
# Share of the contrast limit a measurement of thin strokes may fall short of it by and still
# pass, and the glyph height (px) under which strokes are thin: 2-3 px strokes lose some of their
# colour to a saturated plate, as H.264 keeps colour at half the size of brightness. White on
# blue and red pills drawn at 3.09-3.25:1 with 16-23 px glyphs measured 2.87-3.00 on 25 sets,
# where every label drawn below 2.4:1 with such glyphs measured under 2.75 (with 44 px glyphs,
# one drawn at 2.35:1 measured 2.87).
CONTRAST_NOISE = 0.05
THIN_GLYPH_PX = 30
# A price tag with its first characters hidden: "价：96元" (直播价：96元), "后价¥59" (券后价),
# "杀¥19.9" (秒杀 ¥19.9), "手¥39" (到手¥39).
_TRUNCATED_PRICE_WORD = re.compile(
    r"^(?:价\s*[:：¥￥\d]|(?:后|播|杀|手|动|购|惠)价|[介个]\s*[¥￥\d]|(?:后|播|杀|手)\s*[¥￥])"
)
# The same with what the cover's edge left of the glyph before read as a stray digit or
# letter ("4价¥19.9" of 券后价¥19.9), or as a glyph that makes no price word with the one
# after it ("和杀¥19.9" of 秒杀 ¥19.9; see ElementJudge._stray_before_word).
_STRAY_DIGIT_BEFORE_WORD = re.compile(r"^[0-9a-z]价\s*[:：¥￥]")
_STRAY_GLYPH_BEFORE_WORD = re.compile(r"^([\u4e00-\u9fff])(后|播|杀|手)\s*[¥￥]")
# The same with the cover's edge through a glyph: 价 cut down its left side keeps 介 ("介¥29.9"
# of 秒杀价 ¥29.9, "介29.9元" of 到手价 29.9元) or, cut deeper, 个 ("个¥39.9" of 券后价¥39.9),
# and 件 cut down its right keeps its 亻, read as 1 or 11 ("¥98/11" of ¥98/件).
_CUT_UNIT = re.compile(r"[¥￥]\s*\d+(?:\.\d+)?\s*/\s*[1lI|]{1,2}$")
# A sign and one digit, and nothing after them: ¥1 of ￥129.9 with a card over 29.9. Tags
# write a price that low with its decimals (¥9.9); on 49 generated sets, each of the five
# readings so was a price cut short.
_SIGN_AND_DIGIT = re.compile(r"^[\u4e00-\u9fff]{0,4}[¥￥]\s*\d$")
# An amount with a mark no price is written with right after it: the cover read as a symbol
# (¥2% and ¥29) of ¥ 299, ¥59*3 of ¥59.9). On 57 generated sets only covered tags read so.
_MARK_AFTER_AMOUNT = re.compile(r"[¥￥]\s*\d+(?:\.\d+)?[%)\]】#@~*]")
_OPENING = re.compile(r"[(\[【]")
# Brackets a label is set in (【广告】, 「此为广告」): a room writes both; one without the other
# is a label whose other end something hides (广告】 of 【广告】, a star over 【). OCR reads a
# thin 【 as [ now and then; 》 is how it reads the chevron after an entry (商家信息 >).
_BRACKETS = (("【[［", "】]］"), ("「", "」"), ("『", "』"), ("〔", "〕"), ("〖", "〗"))
_CUT_AMOUNT_SMALL = 0.85

# A price word with one of its glyphs read as another (券后位￥128, 到于价65元), its number
# after it: on nineteen generated sets such readings came only from tags a cover cut into or
# that were too small or faint to read, never from a clean one.
_NUMBER_AFTER = re.compile(r"[:：]?\s*[¥￥yv]?\s*\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# A ¥ read as V before a price's number: its bars and stem hidden, its arms showing. RapidOCR
# reads a whole ¥ so at 15 px in a serif face; at twice the legible size and more, on 28
# generated sets, only signs a sticker or a card cut read so (5, none of them clean).
_SIGN_AS_V = re.compile(r"(?<![a-z0-9])v\s*\d")
_WHOLE_SIGN = 2.0


def _sign_read_as_v(text: str) -> bool:
    """Whether a price's sign reads as V before its number, with no ¥ elsewhere."""
    norm = normalize(text)
    return "¥" not in norm and _SIGN_AS_V.search(norm) is not None


def _misspelt_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``words`` with exactly one CJK glyph wrong, and none of
    them as written, with a number right after it."""
    norm = normalize(text)
    if not words or any(w in norm for w in words):
        return False
    for w in words:
        n = len(w)
        for i in range(len(norm) - n + 1):
            diff = [(a, b) for a, b in zip(norm[i : i + n], w, strict=True) if a != b]
            if (
                len(diff) == 1
                and _CJK.match(diff[0][0])
                and _NUMBER_AFTER.match(norm, i + n)
            ):
                return True
    return False


def _misread_price(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` is a whole price tag and nothing else, its price word with one CJK
    glyph misread (券后阶¥23.9, 直幢价：39.9元): the word first, then a whole amount. Not its
    first glyph, which a cover over the tag's start leaves cut (see _misread_whole)."""
    norm = "".join(normalize(text).split())
    for w in words:
        head = norm[: len(w)]
        if _one_glyph_off(head, w) > 0 and _WHOLE_AMOUNT.match(norm, len(w)):
            return True
    return False


def _one_glyph_off(read: str, phrase: str) -> int:
    """Where ``read`` differs from ``phrase`` by one CJK glyph in its place, and only there;
    -1 when it does not (another length, no glyph or more than one wrong)."""
    if len(read) != len(phrase):
        return -1
    diff = [i for i, (a, b) in enumerate(zip(read, phrase, strict=True)) if a != b]
    return diff[0] if len(diff) == 1 and _CJK.match(read[diff[0]]) else -1


# What follows a price word in a whole tag: its key's colon, the sign, a whole amount, a unit.
_WHOLE_AMOUNT = re.compile(r"[:：]?[¥￥]?\d{1,5}(?:\.\d{1,2})?(?:元|/件)?$")

# One CJK glyph alone on its line.
_LONE_CJK = re.compile(r"^[\u4e00-\u9fff]$")

# What is left right of a cover over a price tag's middle: its number, maybe with its unit.
_BARE_AMOUNT = re.compile(r"^[¥￥]?\d{1,5}(?:\.\d{1,2})?(?:元|/件)?$")
# A number alone, of two digits or more or with decimals: what a sticker over a tag's sign
# (and its price word) leaves of ¥ 299. A single digit is any count or a stray reading.
_BARE_NUMBER = re.compile(r"^(?:\d{2,5}|\d{1,5}\.\d{1,2})$")
_SURE_NUMBER = 0.85


def _stickered_number(image: np.ndarray, line: OcrLine) -> bool:
    """Whether ``line`` is a bare number with a sticker drawn against it: a price tag whose
    sign a disc or a star hides (299 of ¥ 299). A number alone is any count, so only the
    sticker says it was a price; asked only while the frame shows no price at all. A row of
    round icon buttons reads as a number too (1110, 0000 at 0.66-0.77), with each button a
    flat disc: the recogniser is sure of a number it sees (299 at 0.9-1.0)."""
    text = normalize(line.text).strip(FRAME_PUNCT)
    # The disc itself may be read, as an O or a 0 before the digits (O99 of ¥ 299).
    if line.confidence < _SURE_NUMBER or not _BARE_NUMBER.match(text.lstrip("oO0")):
        return False
    measure = measure_text(image, line.box)
    return measure is not None and (
        sticker_on_line(image, measure)
        or sticker_on_line(image, _ran_before(measure))
        or _tile_before(image, measure)
    )


def _one_bracket(text: str) -> bool:
    """Whether ``text`` holds one of a pair of brackets and not the other."""
    return any(
        any(c in text for c in opening) != any(c in text for c in closing)
        for opening, closing in _BRACKETS
    )


def _amount_cut_short(text: str) -> bool:
    """Whether a price reading ends in one digit after its sign (到手¥1 of 到手¥129.9) or
    has a mark glued to its amount that no tag writes there, unopened (¥2% of ¥ 299)."""
    norm = normalize(text).strip()
    if _SIGN_AND_DIGIT.match(norm.strip(FRAME_PUNCT)):
        return True
    m = _MARK_AFTER_AMOUNT.search(norm)
    return m is not None and _OPENING.search(norm, 0, m.start()) is None


def _tile_before(image: np.ndarray, measure: TextMeasure) -> bool:
    """Whether a photo tile stands against the start of the text: the glyph-wide strip before
    its ink is mostly not its ground, reaches the ink, and is far busier than the ground
    round the text (a tile over ¥ of ¥ 299 on a blurred picture). Text on a busy picture
    has as busy a ground. Asked only of a bare number, while the frame shows no price."""
    ink = measure.ink_box
    if ink is None:
        return False
    g = ink.h
    x2 = ink.x
    x1 = max(0, x2 - g)
    if x2 - x1 < 0.5 * g:
        return False
    lab = cv2.cvtColor(
        np.ascontiguousarray(image[ink.y : ink.y2, x1:x2]), cv2.COLOR_BGR2LAB
    ).astype(np.int16)
    foreign = (np.abs(lab - lab_of(measure.ground_bgr)).sum(axis=2) >= 30).mean(axis=0) >= 0.7
    touch = max(1, round(_TILE_TOUCH * g))
    q1, q3 = np.percentile(lab[..., 0], (25, 75))
    return (
        _cover_share(foreign, g, max(2, round(0.3 * g))) >= _GAP_COVERED
        and bool(foreign[-touch:].any())
        and float(q3 - q1) >= _TILE_BUSIER * max(_CALM_IQR, _ground_spread(image, measure))
    )


_SIDE_NAMES = {"left": "start", "right": "end"}
# How far past a whole label's end, in glyph heights, a sticker over the rest of a longer
# label stands: what it leaves of the next glyph, or of the plate, lies within half a glyph.
# A star a word space or more beside a clean 广告 or 商家信息 does not (at 0.75 one was taken
# for a cover, at 1.0 two; at 0.3 one cover was missed).
_PAST_END = 0.5


def _ran_on(measure: TextMeasure, side: str, glyphs: float = _PAST_END) -> TextMeasure:
    """``measure`` with its ink carried ``glyphs`` glyph heights further on ``side``."""
    ink = measure.ink_box
    if ink is None:
        return measure
    reach = round(glyphs * ink.h)
    x = ink.x - reach if side == "left" else ink.x
    return replace(measure, ink_box=Box(x, ink.y, ink.w + reach, ink.h))


def _ran_before(measure: TextMeasure) -> TextMeasure:
    """``measure`` with its ink carried a glyph further left, where a price's word or sign
    stood before a cover hid it: what a disc's rim leaves of a glyph puts the disc a gap
    before the ink, where an icon beside a line would stand (occlusion.sticker_on_line)."""
    return _ran_on(measure, "left", _TAIL_REACH)


# Glyphs beside a word the article does not accept where the accepted one stands in a room's
# label: 广告· before 推广, 广告 after 商业推广.
_ACCEPTED_WORD = 2.5


def _sticker_beside_word(image: np.ndarray, line: OcrLine) -> bool:
    """Whether a sticker is drawn over the line's text carried _ACCEPTED_WORD glyphs on
    either side: what hides 广告 of 广告·推广 leaves 推广, and, with the separator a word space
    wide, stands apart from it (occlusion.sticker_on_line)."""
    measure = measure_text(image, line.box)
    if measure is None or measure.ink_box is None:
        return False
    ink, w = measure.ink_box, image.shape[1]
    reach = round(_ACCEPTED_WORD * ink.h)
    for x1, x2 in ((max(0, ink.x - reach), ink.x2), (ink.x, min(w, ink.x2 + reach))):
        carried = replace(measure, ink_box=Box(x1, ink.y, x2 - x1, ink.h))
        if sticker_on_line(image, carried):
            return True
    return False


# How far (in line heights) the number may stand from the price word's first glyph: the rest of
# the word and the currency sign, hidden (券后价￥ is four glyphs and a half).
_PRICE_GAP = 6.0
# Share of the gap's columns that must be neither piece's ground.
_PRICE_GAP_COVERED = 0.6
# The number's box height over the head glyph's: digits stand lower than CJK glyphs (a lone
# 9 of ¥19.9 reads in a box two thirds of 秒's).
_AMOUNT_TO_HEAD = (0.6, 1.5)

# A badge's words (福利, 限时, NEW, 爆款): a few glyphs; and how far its line's box may stand
# from the label's, in the label's box heights, either way (the boxes overlap where the badge
# is drawn over the glyphs).
_BADGE_GLYPHS = 4
_BADGE_GAP = 0.5

# Of the glyph height: how tall an object against ink carried over what OCR left out of a
# glyph must be (occlusion.with_unread_ink). The remnant says a glyph is hidden there, so the
# object need not stand out past the plate: a disc over 此为 of 此为广告 stood 1.36 glyphs tall,
# inside its plate's rows.
_OVER_A_REMNANT = 1.0

# Best first: when several lines match an element, the best-placed evidence decides.
_RANK = {Status.OK: 0, Status.OCCLUDED: 1, Status.ILLEGIBLE: 2, Status.MISPLACED: 3}


@dataclass(slots=True)
class LineInfo:
    line: OcrLine
    viewer: str | None  # "chat", "system", "chrome", "danmaku" or None for the room's own text
    matches: dict[str, ElementMatch]
    degraded: tuple[str, ...] = ()


_Classified = tuple[str | None, dict[str, ElementMatch], tuple[str, ...]]
_TEXT_CACHE: dict[tuple[int, str], _Classified] = {}


def _classify_text(text: str, pack: RulePack) -> _Classified:
    kind = viewer_kind(text, pack)
    said = text.strip().rstrip(_TRAILING_MARKS)
    if kind is None and (_CONVERSATIONAL.search(said) or _QUESTION.search(text)):
        kind = "danmaku"
    matches = {} if kind else match_element(text, pack)
    ad = matches.get("ad_label")
    if ad is not None and _CHATTY.search(text.replace(ad.matched, "", 1)):
        # "这是广告吧" (a viewer's 弹幕, even when the frame edge cut its end): a label
        # states, it does not talk around the word.
        del matches["ad_label"]
    degraded: tuple[str, ...] = ()
    # A line that reads as (part of) one label is not a damaged copy of another: 成内容 is the
    # end of 人工智能生成内容, not a garbled 广告内容.
    # Nor is a word the article does not accept, shown as it is (商业推广 is no garbled 商业广告).
    if kind is None and not any(m.full or m.fragment for m in matches.values()):
        bare = normalize(text).strip(FRAME_PUNCT)
        degraded = tuple(
            e
            for e in degraded_elements(text, pack)
            if e not in matches or bare not in pack.elements[e].insufficient
        )
    return kind, matches, degraded


def _classified(text: str, pack: RulePack) -> _Classified:
    key = (id(pack), text)
    hit = _TEXT_CACHE.get(key)
    if hit is None:
        if len(_TEXT_CACHE) >= 4096:
            _TEXT_CACHE.clear()
        hit = _TEXT_CACHE[key] = _classify_text(text, pack)
    return hit


def is_viewer_text(text: str, pack: RulePack) -> bool:
    """Whether a line is the audience's (chat, 弹幕, system lines, platform chrome)."""
    return _classified(text, pack)[0] is not None


def classify_lines(lines: list[OcrLine], pack: RulePack) -> list[LineInfo]:
    """Who each line belongs to and which elements it shows.

    Depends on the text only, and a live room repeats the same lines for hours, so results are
    cached per text (bounded; cleared when full).
    """
    out = []
    for line in lines:
        kind, matches, degraded = _classified(line.text, pack)
        if kind == "danmaku" and (parts := _label_and_danmaku(line, pack)) is not None:
            out.extend(parts)
            continue
        if kind is None and (parts := _sticker_word_apart(line, matches, pack)) is not None:
            out.extend(parts)
            continue
        out.append(LineInfo(line=line, viewer=kind, matches=dict(matches), degraded=degraded))
    return out


def _sticker_word_apart(
    line: OcrLine, matches: dict[str, ElementMatch], pack: RulePack
) -> list[LineInfo] | None:
    """A sticker's word (抢, 限时) the detector read into the line of a whole label beside it
    (抢人工智能生成内容), as two lines: the sticker's, which shows no element, and the
    label's, in its own part of the box. Judged in the whole box, the sticker stood where the
    label's glyphs would and made a clean label covered. A price keeps its word (秒杀 of
    秒杀¥19.9 is the tag's)."""
    if not pack.sticker_words or not _whole_label(matches):
        return None
    text = line.text
    n = len(text)
    for k in range(1, min(n, _STICKER_WORD_MAX + 1)):
        for word, rest in (((0, k), (k, n)), ((n - k, n), (0, n - k))):
            if normalize(text[word[0] : word[1]]).strip() not in pack.sticker_words:
                continue
            kind, found, degraded = _classified(text[rest[0] : rest[1]].strip(), pack)
            if kind is not None or not _whole_label(found):
                continue
            return [
                LineInfo(
                    line=OcrLine(
                        text[a:b].strip(), phrase_box(text, line.box, (a, b)), line.confidence
                    ),
                    viewer=None,
                    matches=dict(m),
                    degraded=d,
                )
                for (a, b), (m, d) in ((word, ({}, ())), (rest, (found, degraded)))
            ]
    return None


def _whole_label(matches: dict[str, ElementMatch]) -> bool:
    """A whole label phrase and no price: a price's words are its own."""
    return "price" not in matches and any(m.full for m in matches.values())


_SPACES = re.compile(r"\s+")
# Glyphs of the longest sticker word looked for before or after a label (限时, NEW).
_STICKER_WORD_MAX = 4


def _label_and_danmaku(line: OcrLine, pack: RulePack) -> list[LineInfo] | None:
    """The room's label and a viewer's 弹幕 passing beside it, which the detector read as one
    line (经营者信息 到手价多少): split at the space between them, each part is judged as what
    it is. Only when one side is a whole label phrase and the room's, and the other is the
    viewer's; a 弹幕 that mentions a label (这是广告吗) stays one viewer line."""
    text = line.text
    for gap in _SPACES.finditer(text):
        if gap.start() == 0 or gap.end() == len(text):
            continue
        halves = ((0, gap.start()), (gap.end(), len(text)))
        kinds = [_classified(text[a:b], pack) for a, b in halves]
        is_label = [k is None and any(x.full for x in m.values()) for k, m, _ in kinds]
        if is_label.count(True) != 1 or kinds[is_label.index(False)][0] is None:
            continue
        return [
            LineInfo(
                line=OcrLine(text[a:b], phrase_box(text, line.box, (a, b)), line.confidence),
                viewer=k,
                matches=dict(m),
                degraded=d,
            )
            for (a, b), (k, m, d) in zip(halves, kinds, strict=True)
        ]
    return None


# How close to the frame's left or right edge a line's box must reach to be looked at.
_EDGE_FRAC = 0.004


def mark_scrolling(
    infos: list[LineInfo], image: np.ndarray, pack: RulePack | None = None
) -> None:
    """Mark as 弹幕 the lines whose glyphs run off the frame's left or right side.

    An overlay is laid out inside the frame, with a margin; text whose strokes reach the very
    edge of the frame is moving across it: the viewers' 弹幕 entering or leaving ("最低价吗"
    scrolling in reads "最低价", "全网最低价？？" leaving reads "全网最低价"). A label drawn
    close to the edge still has its margin there. Rare, so the pixel test costs nothing on most
    frames. (A room's own scrolling marquee is text in motion too; it is not judged either.)
    """
    w = image.shape[1]
    edge = max(2.0, _EDGE_FRAC * w)
    for li in infos:
        b = li.line.box
        if li.viewer is not None or (b.x > edge and b.x2 < w - edge):
            continue
        measure = measure_text(image, b)
        labelled = li.degraded or any(m.full or m.fragment for m in li.matches.values())
        term = pack is not None and not labelled and bool(find_banned(li.line.text, pack))
        margin = _NO_MARGIN_TERM if term else _NO_MARGIN
        if term and (b.x <= _BOX_AT_EDGE or b.x2 >= w - _BOX_AT_EDGE):
            # The detector found strokes up to the frame's side that the measure left out
            # (it drops what touches the box's border): a glyph the side cuts through.
            li.viewer = "danmaku"
        elif (
            measure is not None
            and measure.ink_box is not None
            and _ink_at_edge(image, measure, margin)
        ):
            li.viewer = "danmaku"


# Of the glyph height: the least margin a room leaves between its text and the frame's edge.
_NO_MARGIN = 0.1
# The same for a line with a banned term and nothing of a label: a 弹幕 question scrolling in
# whose last glyph the edge cuts and OCR drops (最低价吗 read as 最低价, the 口 of 吗 a fifth of
# a glyph from the edge). Marking it 弹幕 costs no element. Over 39 generated sets: two such
# questions no longer taken for the room's; no banned room line lost even at half a glyph
# (labels there stood 0.35 glyphs or more from the edge, and keep the tighter margin).
_NO_MARGIN_TERM = 0.25
# Pixels: a detector box this near the frame's side holds strokes that reach it.
_BOX_AT_EDGE = 2


def _ink_at_edge(image: np.ndarray, measure: TextMeasure, no_margin: float = _NO_MARGIN) -> bool:
    """Whether the line's strokes run into the frame's left or right edge: the ink reaches it,
    or (the measure drops strokes that touch the box's border, and a glyph cut by the frame
    touches it) the ink ends within half a glyph of it and the edge column on the text's rows
    holds pixels of the text's colour among others, as a glyph cut through does (a bright
    picture that merely resembles the text's colour fills the whole edge instead)."""
    ink = measure.ink_box
    assert ink is not None
    h, w = image.shape[:2]
    for touches, left in ((ink.x <= 2, True), (ink.x2 >= w - 2, False)):
        if touches and not _edge_ink_apart(image, measure, left):
            return True
    # A tenth of a glyph is no margin a designer leaves: strokes that stop that close to the
    # edge were cut there between two glyphs (历史最低价？ with its ？ beyond the frame).
    margin = max(3.0, no_margin * ink.h)
    if 2 < ink.x <= margin or 2 < w - ink.x2 <= margin:
        return True
    reach = 0.6 * ink.h
    rows = slice(max(0, ink.y), min(h, ink.y2))
    text = lab_of(measure.text_bgr)
    for cols, near in ((slice(0, 2), ink.x <= reach), (slice(w - 2, w), ink.x2 >= w - reach)):
        if not near:
            continue
        strip = cv2.cvtColor(np.ascontiguousarray(image[rows, cols]), cv2.COLOR_BGR2LAB)
        stroke = np.abs(strip.astype(np.int16) - text).sum(axis=2) < 40
        if 0.08 <= stroke.mean() <= 0.75 and not _padded_off_edge(image, measure, cols.start == 0):
            return True
    return False


def _padded_off_edge(image: np.ndarray, measure: TextMeasure, left: bool) -> bool:
    """Whether a run of the line's own ground, _EDGE_PADDING glyphs wide or more, parts its
    ink from the frame's edge: a label's pill starts a few pixels off the edge, its padding
    before the text, and a dark picture at the edge is no glyph the edge cuts (one is a
    letter space from the next)."""
    ink = measure.ink_box
    assert ink is not None
    x1, x2 = (2, ink.x) if left else (ink.x2, image.shape[1] - 2)
    if x2 - x1 < _EDGE_PADDING * ink.h:
        return False
    crop = np.ascontiguousarray(image[ink.y : ink.y2, x1:x2])
    lab = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.int16)
    ground = (np.abs(lab - lab_of(measure.ground_bgr)).sum(axis=2) < 30).mean(axis=0) >= 0.85
    run = longest = 0
    for g in ground:
        run = run + 1 if g else 0
        longest = max(longest, run)
    return longest >= _EDGE_PADDING * ink.h


# Of the glyph height: the run of ground between a line and the frame's edge that is a plate's
# padding, not the space between a cut glyph and the next (a fifth of a glyph or less).
_EDGE_PADDING = 0.25


def _edge_ink_apart(image: np.ndarray, measure: TextMeasure, left: bool) -> bool:
    """Whether the ink at the frame's edge stands apart from the line: half a glyph or more of
    empty columns between them (a sticker cut by the frame beside a corner label), where a
    glyph the edge cuts is one letter space from the next."""
    ink = measure.ink_box
    assert ink is not None
    crop = np.ascontiguousarray(image[ink.y : ink.y2, ink.x : ink.x2])
    lab = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.int16)
    cols = (np.abs(lab - lab_of(measure.text_bgr)).sum(axis=2) < 40).sum(axis=0) >= 2
    idx = np.flatnonzero(cols if left else cols[::-1])
    if idx.size == 0 or idx[0] >= 0.5 * ink.h:
        return True  # what reaches the edge is not even of the text's colour
    if idx[0] > 3:
        return False  # a glyph's rim or outline at the edge, its core just inside
    gaps = np.diff(idx) - 1
    apart = np.flatnonzero(gaps > 0)
    return apart.size > 0 and gaps[apart[0]] >= 0.5 * ink.h


def _best(findings: Iterable[ElementFinding]) -> ElementFinding | None:
    """The most compliant of several candidates (a second, clean copy of a label counts), the
    more confident reading among equals."""
    best: ElementFinding | None = None
    for f in findings:
        if (
            best is None
            or _RANK[f.status] < _RANK[best.status]
            or (f.status == best.status and f.confidence > best.confidence)
        ):
            best = f
    return best


def _colour_distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """Distance of two BGR colours in CIELAB (sum of channel differences)."""
    return float(np.abs(lab_of(a) - lab_of(b)).sum())


def _gap(
    image: np.ndarray, a: TextMeasure, b: TextMeasure, b_right: bool
) -> tuple[np.ndarray, np.ndarray, int] | None:
    """The strip between two text pieces, from the end of one's ink to the start of the
    other's, on the rows they share: per column, whether it is foreign (mostly neither piece's
    ground), the strip in CIELAB, and the taller piece's glyph height. None when there is no
    gap a glyph could have stood in."""
    if a.ink_box is None or b.ink_box is None:
        return None
    ia, ib = a.ink_box, b.ink_box
    x1, x2 = (ia.x2, ib.x) if b_right else (ib.x2, ia.x)
    y1, y2 = max(ia.y, ib.y), min(ia.y2, ib.y2)
    g = max(ia.h, ib.h)
    if x2 - x1 < 0.3 * g or y2 - y1 < 0.5 * min(ia.h, ib.h):
        return None
    lab = cv2.cvtColor(np.ascontiguousarray(image[y1:y2, x1:x2]), cv2.COLOR_BGR2LAB).astype(
        np.int16
    )
    near = np.zeros(lab.shape[:2], bool)
    for ground in (a.ground_bgr, b.ground_bgr):
        near |= np.abs(lab - lab_of(ground)).sum(axis=2) < 30
    return near.mean(axis=0) < 0.3, lab, g


# How much wider a photo tile's lightness spread (interquartile range) is than the ground's
# round the pieces, and the least ground spread counted (H.264 noise on a flat plate).
_TILE_BUSIER = 3.0
_CALM_IQR = 4.0


def _calmer_ground(image: np.ndarray, a: TextMeasure, b: TextMeasure) -> float:
    """The smaller of the two pieces' ground spreads: a tile that runs on into one piece's box
    makes that piece's ground look busy, not the other's."""
    return min(_ground_spread(image, a), _ground_spread(image, b))


def _ground_spread(image: np.ndarray, m: TextMeasure) -> float:
    """Lightness interquartile range of the ground just above and below a piece's ink (its
    strokes left out): a plate's or a blurred picture's is a few levels, a photo's tens."""
    ink = m.ink_box
    if ink is None:
        return float("inf")
    h_img = image.shape[0]
    reach, off = max(2, ink.h // 5), 2
    text = lab_of(m.text_bgr)
    values = []
    for y1, y2 in ((ink.y - off - reach, ink.y - off), (ink.y2 + off, ink.y2 + off + reach)):
        y1, y2 = max(0, y1), min(h_img, y2)
        if y2 - y1 < 2:
            continue
        lab = cv2.cvtColor(np.ascontiguousarray(image[y1:y2, ink.x : ink.x2]), cv2.COLOR_BGR2LAB)
        lab = lab.astype(np.int16)
        values.append(lab[np.abs(lab - text).sum(axis=2) >= 45][:, 0])
    pixels = np.concatenate(values) if values else np.empty(0)
    if pixels.size < 10:
        return float("inf")
    q1, q3 = np.percentile(pixels, (25, 75))
    return float(q3 - q1)


# Share of the gap's columns a cover must fill (see _cover_share).
_GAP_COVERED = 0.7
# Of the glyph height: the least width of one object filling the gap from a piece's end, the
# share of its span it must fill, and how close to a piece's ink a photo tile must reach.
_SPAN_MIN = 0.6
_SPAN_SOLID = 0.9
_TILE_TOUCH = 0.15


def _cover_share(foreign: np.ndarray, g: int, edge: int) -> float:
    """Share of the gap's columns that are foreign; or, where one object fills the gap from
    one piece's end, the share of its own span. A star over 价 of 到手价   ¥39 leaves the wide
    word space before ¥ beside it: counted over the whole gap, the star fills too little of
    it (0.69 on the frame we met)."""
    share = float(foreign.mean())
    cols = np.flatnonzero(foreign)
    if cols.size and cols[-1] - cols[0] + 1 >= _SPAN_MIN * g:
        span = foreign[cols[0] : cols[-1] + 1]
        if span.mean() >= _SPAN_SOLID and (cols[0] < edge or cols[-1] >= len(foreign) - edge):
            share = max(share, float(span.mean()))
    return share


# Lightness interquartile range (CIELAB L, 0-255) of a gap one object fills: a disc with a
# white rim and a highlight spreads its lightness (std 61) but half its pixels are its body.
_ONE_OBJECT_IQR = 20.0


# Between two pieces' inks, a hidden glyph and the word space beside it: 1.33 glyphs where a
# star over 价 split 到手价 ¥39; a generous word space (到手    ¥39) is 1.03.
_INK_GAP_COVER = 1.2


def _inks_apart(a: TextMeasure, b: TextMeasure, b_right: bool) -> bool:
    """Whether more than a glyph and a word space stand between two pieces' inks."""
    if a.ink_box is None or b.ink_box is None:
        return False
    ink_gap = b.ink_box.x - a.ink_box.x2 if b_right else a.ink_box.x - b.ink_box.x2
    return ink_gap >= _INK_GAP_COVER * max(a.glyph_px, b.glyph_px)


# Of the line height: how much of a piece's box, on the gap's side, a re-measure leaves out,
# and how much it must keep (a glyph or so: a line's box is 1.3-2 glyphs tall; 经营 of
# 经营者：… beside a star keeps 0.94 of its box's height).
_AWAY_FROM_GAP = 0.5
_AWAY_LEFT = 0.75


def _agreed_measures(
    image: np.ndarray, a_box: Box, a: TextMeasure, b_box: Box, b: TextMeasure, b_right: bool
) -> tuple[TextMeasure, TextMeasure] | None:
    """The two pieces' measures, taken again half a glyph away from the gap between them,
    when they disagree on which colour is the text. A sticker between the pieces enters the
    box beside it (数字人 with the white rim of the disc over 播为AI), and the measure may take
    the rim for the strokes; away from the sticker, the piece measures as it stands. None
    when the pieces still disagree: then they are two overlays of different designs."""

    def away(box: Box, toward_right: bool) -> TextMeasure | None:
        cut = round(_AWAY_FROM_GAP * box.h)
        if box.w - cut < _AWAY_LEFT * box.h:
            return None
        x = box.x if toward_right else box.x + cut
        return measure_text(image, Box(x, box.y, box.w - cut, box.h))

    for a2, b2 in ((away(a_box, b_right), b), (a, away(b_box, not b_right))):
        if a2 is not None and b2 is not None and a2.polarity == b2.polarity:
            return a2, b2
    return None


def _covered_between(image: np.ndarray, a: TextMeasure, b: TextMeasure, b_right: bool) -> bool:
    """Whether something other than the text's ground fills the gap between two text pieces,
    from the end of one to the start of the other, as a sticker drawn over the middle of a
    line does. Two separate overlays have their plate's margin or the picture between them."""
    gap = _gap(image, a, b, b_right)
    if gap is None:
        return False
    foreign, lab, g = gap
    edge = max(2, round(0.3 * g))
    # A sticker or a disc is one object; a busy stretch of picture between two overlays is
    # not (its lightness spread is 2-8x a sticker's on the frames we measured).
    lightness = lab[..., 0]
    q1, q3 = np.percentile(lightness, (25, 75))
    flat = float(lightness.std()) <= 30.0 or float(q3 - q1) <= _ONE_OBJECT_IQR
    one_plate = _colour_distance(a.ground_bgr, b.ground_bgr) <= 40
    share = _cover_share(foreign, g, edge)
    if not flat:
        # A photo tile over the middle of a line (直播 | grass | 9元 of 直播价 79元) is no flat
        # object, but it is busy where the ground round both pieces is calm (their plate, a
        # blurred studio), and it reaches one piece's ink. Text on a busy picture has as busy
        # a ground, and two plated overlays have their padding next to their text.
        touch = max(1, round(_TILE_TOUCH * g))
        spread = float(q3 - q1)
        return (
            one_plate
            and share >= _GAP_COVERED
            and bool(foreign[:touch].any() or foreign[-touch:].any())
            and spread >= _TILE_BUSIER * max(_CALM_IQR, _calmer_ground(image, a, b))
        )
    if share < _GAP_COVERED:
        return False
    if foreign[:edge].any() and foreign[-edge:].any():
        return True
    # On one plate, a word space may show between the cover and one piece (a star over 价 of
    # 到手价 ¥39 leaves the space before ¥): one line, so a cover reaching one piece will do.
    # Pieces on plates of their own are two overlays; then it must reach both.
    return one_plate and bool(foreign[:edge].any() or foreign[-edge:].any())


# Ink width of a line of CJK glyphs, per glyph and glyph height, below which its measure
# lost some: CJK glyphs are about square, so two of them make ink near two glyphs wide.
_CUT_SHORT_INK = 0.6


def _ink_to_cover(text: str, box: Box, m: TextMeasure, toward_right: bool) -> TextMeasure:
    """``m`` with its ink carried to the edge of its box on the side of a cover that touches
    it. A sticker drawn against a glyph's strokes joins them into one shape running to the
    box's edge, and the measure drops what touches the edge as ground: 到手 beside a star
    measures as 到 alone, and the gap to the next piece then starts inside 手."""
    ink = m.ink_box
    glyphs = len(_CJK.findall(text))
    if ink is None or glyphs < 2 or glyphs < len("".join(text.split())) - 1:
        return m
    if ink.w >= _CUT_SHORT_INK * glyphs * m.glyph_px:
        return m
    if toward_right and box.x2 > ink.x2:
        return replace(m, ink_box=Box(ink.x, ink.y, box.x2 - ink.x, ink.h))
    if not toward_right and box.x < ink.x:
        return replace(m, ink_box=Box(box.x, ink.y, ink.x2 - box.x, ink.h))
    return m


# Ink width per CJK glyph over the ink's height, above which what shows is a strip of the
# glyphs, their top or bottom hidden. CJK glyphs are square: on the clean labels of fifteen
# generated sets (1 195 lines of three quarters CJK or more) the ratio reached 1.44 (a widely
# tracked 商家信息); a card over the lower half of 商业推广 广告 makes it 1.8.
_STRIP_RATIO = 1.6
# Share of a line's glyphs that must be CJK for its width to say how tall they are: half (AI
# and 2-4 CJK glyphs, 广告AD); Latin letters and digits vary too much in width to go by alone.
# The others count for this many ems each.
_STRIP_CJK = 0.5
_STRIP_OTHER_EM = 0.75


# Of the legible glyph size: the measured glyphs of a part of a label that make it tiny (see
# ElementJudge._judge_line). Over 39 generated sets, the parts of tiny labels this finds
# measured 0.55-0.74 of it (5 more such parts measured 0.31-0.49), and the slivers that
# stickers over 广 of covered labels left, 0.09-0.45.
_TINY_PART = (0.5, 0.75)


def _glyph_strip(text: str, measure: TextMeasure) -> bool:
    """Whether a line of CJK glyphs shows as a strip far wider per glyph than it is tall: a
    card or a band across the glyphs' lower or upper half, with whole-looking tops OCR still
    reads (商业推广广告 read from the upper half of each glyph)."""
    bare = "".join(text.split())
    ink = measure.ink_box
    if not bare or ink is None or ink.h < 4:
        return False
    cjk = sum(1 for ch in bare if has_cjk(ch))
    if cjk < 2 or cjk < _STRIP_CJK * len(bare):
        return False
    # Other glyphs count at three quarters of an em: wide enough for serif capitals (AD), a
    # symbol OCR made of a sticker (★广告) and an icon the ink holds (a shield before AD广告)
    # not to look like a strip; AT数字人古 of a card over AI数字人直播 is 2.3 times too wide.
    ems = cjk + _STRIP_OTHER_EM * (len(bare) - cjk)
    return ink.w / ems > _STRIP_RATIO * ink.h


def bare_text(text: str) -> str:
    """``text`` as its glyphs read: normalised, without spaces or the marks at its ends."""
    return "".join(normalize(text).strip(FRAME_PUNCT).split())


def _without_pictographs(text: str) -> str:
    """``text`` without the pictographs at its ends: OCR reads a star sticker over the rest of
    a label as a symbol (★告 of 广告, 广 under the star)."""
    i, j = 0, len(text)
    while i < j and unicodedata.category(text[i]) == "So":
        i += 1
    while j > i and unicodedata.category(text[j - 1]) == "So":
        j -= 1
    return text[i:j].strip(FRAME_PUNCT)


# One CJK glyph with one or two Latin letters or digits on one side: OCR reading a round
# sticker beside the glyph as O, o, 0 or UP.
_GLYPH_AND_LETTERS = re.compile(
    r"^(?:(?P<glyph>[\u4e00-\u9fff])[a-z0-9]{1,2}|[a-z0-9]{1,2}(?P<glyph2>[\u4e00-\u9fff]))$"
)


def _sticker_beside(text: str, span: tuple[int, int]) -> bool:
    """Whether a pictograph stands right at one end of the label's words with more CJK beyond
    it: an emoji sticker over the middle of the label line, which OCR reads as a symbol
    (广告❤广 of 广告·推广, the heart over ·推). A designer's icon stands before a label, not
    inside its line."""
    before, after = text[: span[0]].rstrip(), text[span[1] :].lstrip()
    if after and unicodedata.category(after[0]) == "So" and has_cjk(after[1:].lstrip()[:1]):
        return True
    return bool(
        before
        and unicodedata.category(before[-1]) == "So"
        and has_cjk(before[:-1].rstrip()[-1:])
    )


def _advance(ch: str) -> float:
    """A character's width in ems, roughly: CJK and full-width forms fill the em, spaces and
    Latin letters or digits about half of it."""
    if ch.isspace():
        return 0.35
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def phrase_box(text: str, box: Box, span: tuple[int, int]) -> Box:
    """Where in ``box`` (of the line reading ``text``) the characters ``span`` stand.

    The detector joins a label with what stands beside it on the same row ("700 广告内容", a
    count that ends where the label's plate begins); the label is the phrase, and the phrase is
    what must sit in the corner. Character advances are estimated (CJK an em, Latin half),
    which places a phrase to within a fraction of a glyph.
    """
    start, end = max(0, span[0]), min(len(text), span[1])
    if (start == 0 and end >= len(text)) or end <= start:
        return box
    adv = [_advance(c) for c in text]
    total = sum(adv)
    x1 = box.x + round(box.w * sum(adv[:start]) / total)
    x2 = box.x + round(box.w * sum(adv[:end]) / total)
    return Box(x1, box.y, max(1, x2 - x1), box.h)


# Share of the strip beside a lone first (or last) glyph of a label, on the side where the
# rest of the phrase would stand, that must not be the glyph's ground, and by how much more
# than on the other side. Over six generated sets it found 8 of the covered labels read as one
# glyph and called none that was missing. Half is enough: a star's point beside 此 leaves the
# rest of 为 there, which is not the ground either but thinner (0.53 of the strip); over 67
# sets lowering it from 0.6 found 2 more covered labels and no missing one.
_HIDDEN_REST = 0.5
_HIDDEN_REST_MARGIN = 0.3


def _rest_hidden(
    image: np.ndarray, measure: TextMeasure, side: str, share: float = _HIDDEN_REST
) -> bool:
    """Whether, beside a lone glyph on ``side`` ("left" or "right"), the strip where the rest
    of its phrase would stand is at least ``share`` something other than the glyph's ground,
    and more so than on the other side. A glyph alone on its plate, or plain text on a
    picture, looks alike on both sides."""
    ink = measure.ink_box
    if ink is None:
        return False
    g = ink.h
    near, far = max(1, round(0.15 * g)), round(0.75 * g)
    strips = {}
    for where, (x1, x2) in (
        ("right", (ink.x2 + near, ink.x2 + far)),
        ("left", (ink.x - far, ink.x - near)),
    ):
        x1, x2 = max(0, x1), min(image.shape[1], x2)
        if x2 - x1 < max(2, g // 3):
            return False
        crop = np.ascontiguousarray(image[ink.y : ink.y2, x1:x2])
        strips[where] = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.int16)
    other = "left" if side == "right" else "right"

    def shares(ground: np.ndarray) -> tuple[float, float]:
        mine, theirs = (
            float((np.abs(strips[w] - ground).sum(axis=2) > 30).mean()) for w in (side, other)
        )
        return mine, theirs

    def hidden(mine: float, theirs: float) -> bool:
        return mine >= share and mine - theirs >= _HIDDEN_REST_MARGIN

    mine, theirs = shares(lab_of(measure.ground_bgr))
    if hidden(mine, theirs):
        return True
    if theirs >= 0.5:
        # The measured ground is an outline's colour, not what stands beside the glyph (white
        # strokes outlined in dark red on an orange picture): the other side shows what is
        # there instead.
        return hidden(*shares(np.median(strips[other].reshape(-1, 3), axis=0)))
    return False


def _end_glyphs(pack: RulePack) -> dict[str, dict[str, str]]:
    """Per element, the CJK glyphs that start ("right": the rest of the phrase is to their
    right) or end ("left") one of its phrases of three or more characters, and no other
    element's."""
    out: dict[str, dict[str, str]] = {}
    owners: dict[str, set[str]] = {}
    for name, rule in pack.elements.items():
        if name == "price":
            continue
        glyphs: dict[str, str] = {}
        for p in rule.phrases:
            if len(p) >= 3:
                for ch, side in ((p[0], "right"), (p[-1], "left")):
                    if has_cjk(ch):
                        glyphs.setdefault(ch, side)
        out[name] = glyphs
        for ch in glyphs:
            owners.setdefault(ch, set()).add(name)
    for glyphs in out.values():
        for ch in [c for c in glyphs if len(owners[c]) > 1]:
            del glyphs[ch]
    return out


def _end_pairs(pack: RulePack) -> dict[str, dict[tuple[str, str], tuple[int, ...]]]:
    """Per element, the (first, last) CJK glyphs of its phrases of three or more characters,
    with how many characters stand between them, for pairs no other element's phrase has."""
    out: dict[str, dict[tuple[str, str], set[int]]] = {}
    owners: dict[tuple[str, str], set[str]] = {}
    for name, rule in pack.elements.items():
        if name == "price":
            continue
        pairs = out.setdefault(name, {})
        for p in rule.phrases:
            if len(p) >= 3 and has_cjk(p[0]) and has_cjk(p[-1]):
                pairs.setdefault((p[0], p[-1]), set()).add(len(p) - 2)
                owners.setdefault((p[0], p[-1]), set()).add(name)
    return {
        name: {k: tuple(sorted(v)) for k, v in pairs.items() if len(owners[k]) == 1}
        for name, pairs in out.items()
    }


def _glyph_ink(measure: TextMeasure, box: Box) -> Box | None:
    """The ink of a lone glyph, when it fills its box as a glyph does (half its height or
    more); None when what measured is a shadow's rim or a counter."""
    ink = measure.ink_box
    return ink if ink is not None and ink.h >= 0.5 * box.h else None


# From a lone price-word glyph's box to the number's, in the glyph's box heights: boxes that
# overlap (the detector pads a lone 价 into the number's box by up to 0.4 of its height: alt79
# f0002), up to a wide word space. And how far before the glyph, in its ink
# heights, a cover over the rest of its word may stand (one glyph of 直播价 at least).
_TAIL_GAP = (0.5, 1.5)
_TAIL_REACH = 1.0
# Share of the strip before the glyph that must not be its plate: the glyphs before it, there
# but not read, leave their plate between their strokes (播 of 直播价: 0.83); a cover does not
# (a photo tile over 秒杀 of 秒杀价 ¥88: 1.0).
_TAIL_SOLID = 0.95
# What PP-OCR's recogniser reads for a currency sign standing alone (a bold ¥ as 夫).
_SIGN_READ_ALONE = frozenset({"¥", "夫"})


# Where the last glyph of a phrase may stand from its first, in glyph heights beyond the
# glyphs hidden between them: the tracking of a widely set label and a glyph's side bearings,
# and (down to a glyph and a half closer) what a cover's edge leaves of the glyph beside an
# end glyph, which measures as its ink (查 with the left of 看 stood 2.9 glyphs from 质 with
# the right of 资, four glyphs hidden between).
_PAIR_SLACK = (-1.5, 1.5)


def in_zones(box: Box, zones: tuple[Zone, ...], width: int, height: int) -> bool:
    """Whether the text's centre lies in one of the zones the studio drew for it.

    The centre, not the whole box: a zone is drawn by hand around an overlay, and a label that
    grew by a character or sits a few pixels off is still where the studio expects it.
    """
    cx, cy = box.cx / width, box.cy / height
    return any(x <= cx <= x + zw and y <= cy <= y + zh for (x, y, zw, zh) in zones)


# A word space inside a label is under a glyph wide; a sticker between two parts is wider.
_WORD_GAP = 1.0
# Glyphs a label phrase needs for a reading of it with one glyph wrong to name it.
_MISREAD_MIN = 3
# The two ends of one label read apart (_ends_of_one_label): each at least this many glyphs
# (one glyph reads into too many phrases), and the gap between their boxes from this share of
# the hidden glyphs' width to that width and this many glyphs more (a sticker reaching past
# them, the boxes' padding).
_END_PIECE = 2
_HIDDEN_GAP = (0.5, 1.5)


def _as_wide_as_read(measure: TextMeasure, text: str) -> bool:
    """Whether the strokes measured are as many glyphs wide as ``text`` reads: a sticker
    across a label that its measure took in (a star's points over and under the plate) makes
    them taller than the glyphs, and fewer glyphs wide."""
    ink = measure.ink_box
    if ink is None:
        return False
    ratio = ink.w / max(1.0, ink.h * _glyph_units(bare_text(text)))
    return _READ_WIDTH[0] <= ratio <= _READ_WIDTH[1]


# Ink width over glyph height and the reading's glyph count (_glyph_units) for whole glyphs:
# 0.92-1.12 over the clean labels misread on our sets; a star taken in with 营业执照, 0.66.
_READ_WIDTH = (0.8, 1.5)


def _glyph_units(text: str) -> float:
    """Width of ``text`` in CJK glyphs: Latin letters, digits and marks are about half one."""
    return sum(1.0 if has_cjk(c) else 0.55 for c in text)


def _faint(measure: TextMeasure, limit: float) -> bool:
    """Whether strokes fall short of the contrast ``limit``, beyond what H.264 takes from
    thin ones."""
    if measure.glyph_px < THIN_GLYPH_PX:
        limit *= 1 - CONTRAST_NOISE
    return measure.contrast < limit


def _below(value: float, limit: float, places: int) -> str:
    """``value`` with as many more decimals as it takes not to read as ``limit``: an operator
    shown "contrast 3.0:1 < 3.0:1" cannot tell why the label failed (2.96 < 3.0)."""
    while places < 3 and round(value, places) >= round(limit, places):
        places += 1
    return f"{value:.{places}f}"


# How far past a corner zone's inner edge a label centred in it may reach, as a share of the
# zone's width.
_CORNER_OVERHANG = 1.25


class ElementJudge:
    def __init__(self, profile: Profile, pack: RulePack) -> None:
        self.profile = profile
        self.pack = pack
        self._end_glyphs = _end_glyphs(pack)
        self._end_pairs = _end_pairs(pack)
        self._labels = {
            name: (
                tuple("".join(normalize(q).split()) for q in rule.phrases),
                tuple("".join(normalize(q).split()) for q in (*rule.phrases, *rule.spot)),
            )
            for name, rule in pack.elements.items()
            if name != "price"
        }
        price = pack.elements.get("price")
        # First glyphs of the words a price tag is spotted by (到手价, 券后价, 秒杀价…).
        self._price_heads = frozenset(normalize(w)[:1] for w in (price.spot if price else ()))
        self._price_words = tuple(normalize(w) for w in (price.spot if price else ()))
        # Last glyphs of those words (价): alone before a number, what is left of the word
        # when its start is hidden.
        self._price_tails = frozenset(w[-1] for w in self._price_words if has_cjk(w[-1:]))

    def min_glyph(self, width: int, height: int) -> float:
        t = self.profile.thresholds
        frac = t.glyph_min_frac_portrait if height > width else t.glyph_min_frac_landscape
        return frac * height

    def _in_top_corner(self, box: Box, width: int, height: int) -> bool:
        """Whether the label stands in a top corner zone: its centre inside the zone, and its
        far edge no more than a tenth of the zone's height, or a quarter of its width, past it.

        A corner label is placed from the frame's edge: a long one (此为广告 at 24 % of a
        portrait frame's width, 8 % in from its side) may run a little past the zone's inner
        edge and still be, to a viewer, in the corner. Across its centre it is elsewhere.
        """
        t = self.profile.thresholds
        zone_h, zone_w = t.ad_corner_height_frac * height, t.ad_corner_width_frac * width
        if box.cy > zone_h or box.y2 > zone_h * 1.1:
            return False
        left = box.cx <= zone_w and box.x2 <= zone_w * _CORNER_OVERHANG
        right = box.cx >= width - zone_w and box.x >= width - zone_w * _CORNER_OVERHANG
        return left or right

    def judge(
        self,
        element: str,
        image: np.ndarray,
        room: list[LineInfo],
        hesitant: Sequence[OcrLine] = (),
    ) -> ElementFinding:
        """``hesitant`` are the readings the engine was too unsure of to believe (分 for a
        half-hidden 券): never a label, but a lone one may be where a price word starts."""
        rule = self.pack.elements[element]
        if not self.profile.required.get(element, False):
            return ElementFinding(element, Status.NOT_REQUIRED, rule.rule, rule.article)
        judged = [
            (m.full, self._judge_line(element, image, li.line, m, split=split))
            for li in room
            if (m := li.matches.get(element)) is not None and (m.full or m.fragment)
            for split in [
                m.full
                and (
                    self._split(element, image, li, room)
                    or self._badge_over(image, li, room)
                    or (
                        element == "price"
                        and (
                            self._headless_price(image, li, room, hesitant)
                            or self._tailed_price(image, li, room)
                        )
                    )
                )
            ]
        ]
        best = _best(f for _, f in judged)
        if best is not None and best.status is not Status.OK and any(full for full, _ in judged):
            # No copy is compliant: a whole reading of the label says more about it than a
            # fragment (which may be a stray glyph elsewhere).
            best = _best(f for full, f in judged if full)
        if best is None:
            # No clean reading: a damaged copy of the label (what OCR makes of a label that is
            # partly covered, too small or too faint) still shows the label is there.
            best = _best(
                self._judge_damaged(element, image, li.line)
                for li in room
                if element in li.degraded
            )
        if best is None:
            best = _best(
                self._judge_damaged(element, image, li.line)
                for li in room
                if self._lone_end_glyph(element, image, li.line)
                or (
                    element == "price"
                    and (
                        self._split_price(image, li, room)
                        or _stickered_number(image, li.line)
                        or self._lone_price_head(image, li)
                        or self._lone_price_end(image, li)
                    )
                )
            )
        if best is None:
            best = _best(
                self._judge_damaged(element, image, line)
                for li in room
                if (line := self._end_pair(element, image, li, room)) is not None
            )
        if best is None:
            return self._missing(element, image, room)
        return best

    def _missing(self, element: str, image: np.ndarray, room: list[LineInfo]) -> ElementFinding:
        """Nothing of the label shows. A word the article does not accept in its place (推广
        for 广告) is named, so the operator sees why a label on screen does not count; with a
        sticker drawn right beside it, where the accepted word stands in the room's label
        (广告 of 广告·推广), the label is there and covered."""
        rule = self.pack.elements[element]
        for li in room:
            m = li.matches.get(element)
            if m is not None and m.insufficient:
                shown = li.line.text.strip()
                covered = _sticker_beside_word(image, li.line)
                return ElementFinding(
                    element, Status.OCCLUDED if covered else Status.MISSING, rule.rule,
                    rule.article, text=shown, box=li.line.box, confidence=li.line.confidence,
                    reason=f"a sticker is drawn over the label beside {shown!r}"
                    if covered
                    else f"only {shown!r} shown, which {rule.rule} does not accept",
                )
        return ElementFinding(
            element, Status.MISSING, rule.rule, rule.article, reason="not on screen"
        )

    def _piece_of_longer(self, element: str, text: str) -> bool:
        """Whether ``text`` holds a whole phrase and more, all of it a piece of a longer label
        as written: 推广广告 of 商业推广 广告 with a card over 商业, 广广告 of it with 商业推
        hidden. The glyphs beyond the phrase are the longer label's own, so it stands there
        with the rest of it hidden. A reading that is a phrase itself (数字人直播) is whole."""
        labels = self._labels.get(element)
        if labels is None:
            return False
        phrases, longer = labels
        bare = "".join(normalize(text).split()).strip(FRAME_PUNCT)
        inside = max((len(p) for p in phrases if p in bare), default=0)
        return 0 < inside < len(bare) and any(
            bare in q and len(q) > len(bare) for q in longer
        )

    def _piece_of_longer_at(self, element: str, text: str) -> tuple[str, ...]:
        """The sides ("left", "right") on which ``text`` runs on into a longer label as
        written: 商家资质 ends 查看商家资质 (left), 数字人 starts 数字人直播 (right)."""
        labels = self._labels.get(element)
        bare = "".join(normalize(text).split()).strip(FRAME_PUNCT)
        if labels is None or not bare:
            return ()
        longer = [q for q in labels[1] if len(q) > len(bare)]
        return tuple(
            side
            for side, runs_on in (
                ("left", any(q.endswith(bare) for q in longer)),
                ("right", any(q.startswith(bare) for q in longer)),
            )
            if runs_on
        )

    def _lone_end_glyph(self, element: str, image: np.ndarray, line: OcrLine) -> bool:
        """Whether ``line`` is one glyph that starts (or ends) a label phrase of ``element``,
        with something other than its ground where the rest of the phrase would stand: 此 of
        此为广告 beside the sticker that hides 为广告.

        A lone glyph is too little to go on by its reading alone, so the glyph must belong to
        this element's phrases only (商 starts 商业广告 and 商家信息: no one can tell which),
        and beside it, on the phrase's side, there must be something other than its ground,
        where the other side shows its ground (a plate's padding, the picture it stands on).
        """
        text = normalize(line.text).strip(FRAME_PUNCT)
        bare = _without_pictographs(text)
        read_cover = bare != text
        if len(bare) > 1 and (m := _GLYPH_AND_LETTERS.match(bare)):
            # A disc read as a letter or two beside the glyph (广O, 广UP of 广告).
            bare, text, read_cover = m["glyph"] or m["glyph2"], bare, True
        glyphs = self._end_glyphs.get(element, {})
        side = glyphs.get(bare) if len(bare) == 1 else None
        if side is None and len(bare) == 2 and has_cjk(bare[0]) and has_cjk(bare[1]):
            # The end glyph and its neighbour, misread where a cover's edge cuts it (丸照 of
            # 营业执照, 主成 of AI生成): the neighbour stands on the side the rest would. Read
            # right, the two are a word the pack chose not to take as a fragment (内容).
            side = "left" if glyphs.get(bare[1]) == "left" else None
            side = side or ("right" if glyphs.get(bare[0]) == "right" else None)
            phrases = self.pack.elements[element].phrases
            if any(p.startswith(bare) or p.endswith(bare) for p in phrases):
                side = None
        if side is None:
            return False
        if read_cover:
            # OCR read the cover itself, as a symbol on the side where the rest would stand.
            at = text.rfind(bare)
            return (side == "right" and at < len(text) - 1) or (side == "left" and at > 0)
        measure = measure_text(image, line.box)
        if measure is None or measure.ink_box is None:
            return False
        return _rest_hidden(image, measure, side)

    def _end_pair(
        self, element: str, image: np.ndarray, li: LineInfo, room: list[LineInfo]
    ) -> OcrLine | None:
        """Whether ``li`` is the first glyph of one of ``element``'s phrases and its last glyph
        stands alone on its row to the right, as far off as the glyphs between would need, in
        the same colour: 营 | 照 of 营业执照 with a disc over 业执.

        Each glyph alone may start or end another element's phrase too (商 starts 商业广告 and
        商家信息), but the two together, spaced for the glyphs between, name one phrase; had
        those glyphs shown, the detector would have read them. Returns the glyph whose ink
        fills its box, to judge the label by.
        """
        pairs = self._end_pairs.get(element)
        head = normalize(li.line.text).strip(FRAME_PUNCT)
        if not pairs or len(head) != 1:
            return None
        b = li.line.box
        mine: TextMeasure | None = None
        for other in room:
            tail = normalize(other.line.text).strip(FRAME_PUNCT)
            hidden = pairs.get((head, tail)) if len(tail) == 1 else None
            ob = other.line.box
            if hidden is None or other is li or ob.cx <= b.cx:
                continue
            overlap = min(b.y2, ob.y2) - max(b.y, ob.y)
            if overlap < 0.6 * min(b.h, ob.h) or not 0.67 <= ob.h / max(1, b.h) <= 1.5:
                continue
            mine = mine or measure_text(image, b)
            theirs = measure_text(image, ob)
            if mine is None or theirs is None:
                continue
            # A lone glyph's box can be tight enough that its shadow or counters measure as
            # its strokes: the glyph whose ink fills its box says which colour is the text.
            h_ink, t_ink = _glyph_ink(mine, b), _glyph_ink(theirs, ob)
            if h_ink is None and t_ink is None:
                continue
            text_h = mine.text_bgr if h_ink is not None else mine.ground_bgr
            text_t = theirs.text_bgr if t_ink is not None else theirs.ground_bgr
            # Outlined or shadowed glyphs can measure either way round (the outline as the
            # text on one, the fill on the other): colours are compared only when both
            # measures agree which side is the text.
            if mine.polarity == theirs.polarity and _colour_distance(text_h, text_t) > 40:
                continue
            g = max(x.h for x in (h_ink, t_ink) if x is not None)
            x2 = h_ink.x2 if h_ink is not None else b.x2
            x1 = t_ink.x if t_ink is not None else ob.x
            space = (x1 - x2) / max(1, g)
            if any(k + _PAIR_SLACK[0] <= space <= k + _PAIR_SLACK[1] for k in hidden):
                return li.line if h_ink is not None else other.line
        return None

    def _split_price(self, image: np.ndarray, li: LineInfo, room: list[LineInfo]) -> bool:
        """Whether ``li`` is the first glyph of a price word and a bare number stands on its row
        to the right with a cover between them: 券 | 128 of 券后价￥128, a sticker over 后价￥.

        Neither piece says price by itself (a lone 券 is noise as often as a tag, a bare 128 is
        any count), but the two on one row, alike in colour, with something other than their
        ground filling the gap, are one tag with its middle hidden.
        """
        if not self._is_price_head(li):
            return False
        mine: list[TextMeasure | None] = []
        return any(
            self._price_pair(image, li.line, other.line, mine) for other in room if other is not li
        )

    def _headless_price(
        self, image: np.ndarray, li: LineInfo, room: list[LineInfo], hesitant: Sequence[OcrLine]
    ) -> bool:
        """Whether the price ``li`` reads whole (9元, ¥128) is the end of a longer tag whose
        middle a cover hides: 直 | 9元 of 直播价 79元, a photo over 播价7. What is left is a
        valid price of its own, so only its price word's first glyph, cut off on its row,
        tells. A glyph the cover cuts into may read as anything, hesitantly (券 as 分 at 0.5):
        a hesitant lone CJK glyph counts as well."""
        heads = [o.line for o in room if o is not li and self._is_price_head(o)]
        heads += [f for f in hesitant if _LONE_CJK.match(normalize(f.text).strip(FRAME_PUNCT))]
        return any(self._price_pair(image, h, li.line, []) for h in heads)

    def _stray_before_word(self, text: str) -> bool:
        """Whether a price line starts with what a cover left of its word: the word's second
        glyph (杀 of 秒杀) after a glyph that makes no price word with it, or 价 after a stray
        digit or letter. 秒杀¥ and 到手¥ are the words themselves."""
        norm = normalize(text)
        if _STRAY_DIGIT_BEFORE_WORD.match(norm):
            return True
        m = _STRAY_GLYPH_BEFORE_WORD.match(norm)
        return m is not None and not any(w.startswith(m[1] + m[2]) for w in self._price_words)

    def _tailed_price(self, image: np.ndarray, li: LineInfo, room: list[LineInfo]) -> bool:
        """Whether the price ``li`` reads whole (79元) just after the lone last glyph of a
        price word whose start a cover hides: 价 | 79元 of 直播价 79元, a disc over 直播.

        Nobody writes a price word one glyph long, so a lone 价 before a number is what is
        left of one. What tells a cover from an unreadable rest is what stands just before
        the glyph: not its ground, where the word space after it is, or a sticker.
        """
        b = li.line.box
        if not _BARE_AMOUNT.match(normalize(li.line.text)):
            return False
        for other in room:
            bare = normalize(other.line.text).strip(FRAME_PUNCT)
            if other is li or len(bare) != 1 or bare not in self._price_tails:
                continue
            tb = other.line.box
            overlap = min(b.y2, tb.y2) - max(b.y, tb.y)
            if tb.cx >= b.cx or overlap < 0.6 * min(b.h, tb.h):
                continue
            if not 0.67 <= b.h / max(1, tb.h) <= 1.5 or not (
                -_TAIL_GAP[0] * tb.h <= b.x - tb.x2 <= _TAIL_GAP[1] * tb.h
            ):
                continue
            measure = measure_text(image, tb)
            ink = _glyph_ink(measure, tb) if measure is not None else None
            if measure is None or ink is None:
                continue
            # On a plate, what hides the word is what is not the plate before the glyph
            # (a photo tile is no flat sticker). Elsewhere, a sticker stands across the line
            # as it ran before the glyph (a disc's rim leaves a gap before 价).
            if _rest_hidden(image, measure, "left", _TAIL_SOLID):
                return True
            if sticker_on_line(image, _ran_before(measure)):
                return True
        return False

    def _lone_price_head(self, image: np.ndarray, li: LineInfo) -> bool:
        """Whether ``li`` is the lone first glyph of a price word with something other than its
        ground where the rest of the tag would stand: 秒 of 秒杀 ¥19.9, a sticker over 杀 ¥19.9.
        Alone, the glyph could be anything's; the cover beside it, on the side a tag goes on,
        where the other side shows the ground, says what it was."""
        if not self._is_price_head(li):
            return False
        measure = measure_text(image, li.line.box)
        if measure is None or _glyph_ink(measure, li.line.box) is None:
            return False
        return _rest_hidden(image, measure, "right")

    def _lone_price_end(self, image: np.ndarray, li: LineInfo) -> bool:
        """Whether ``li`` is the lone glyph that ends or starts a price tag's figures, with
        something other than its ground where the figures would stand: 件 of ¥79/件 beside the
        heart that hides ¥79/, or ¥ of ￥48 beside the card over 48. The recogniser reads a
        currency sign that stands alone as 夫 (five covered tags in 31 generated sets, and a
        clean ¥92 whose digits the detector left out)."""
        bare = normalize(li.line.text).strip(FRAME_PUNCT)
        if bare in UNIT_GLYPHS:
            side = "left"
        elif bare in _SIGN_READ_ALONE:
            side = "right"
        else:
            return False
        measure = measure_text(image, li.line.box)
        if measure is None or _glyph_ink(measure, li.line.box) is None:
            return False
        return _rest_hidden(image, measure, side)

    def _is_price_head(self, li: LineInfo) -> bool:
        bare = normalize(li.line.text).strip(FRAME_PUNCT)
        return len(bare) == 1 and bare in self._price_heads

    def _price_pair(
        self,
        image: np.ndarray,
        head: OcrLine,
        amount: OcrLine,
        mine: list[TextMeasure | None],
    ) -> bool:
        """Whether ``amount`` (a number, maybe with its sign or unit) stands right of the lone
        glyph ``head`` on its row, alike in colour, with a cover filling the gap between.
        ``mine`` caches the head's measure across calls (empty until measured)."""
        b, ob = head.box, amount.box
        if ob.cx <= b.cx or not _BARE_AMOUNT.match(normalize(amount.text)):
            return False
        overlap = min(b.y2, ob.y2) - max(b.y, ob.y)
        low, high = _AMOUNT_TO_HEAD
        if overlap < 0.6 * min(b.h, ob.h) or not low <= ob.h / max(1, b.h) <= high:
            return False
        # A cover drawn against the glyph may be read into its box (到 in a box three glyphs
        # wide, a disc beside it): the inks, not the boxes, say how far apart they stand.
        if ob.x - b.x2 > _PRICE_GAP * b.h or ob.x < b.x + 0.5 * b.h:
            return False
        if not mine:
            mine.append(measure_text(image, b))
        head_m = mine[0]
        theirs = measure_text(image, ob)
        if head_m is None or theirs is None:
            return False
        hi, ti = head_m.ink_box, theirs.ink_box
        if hi is None or ti is None or ti.x - hi.x2 < 0.5 * hi.h:
            return False
        if head_m.polarity != theirs.polarity:
            # One bold glyph's counters can pass for its strokes; the number's several
            # glyphs say which colour is the text.
            head_m = replace(
                head_m, text_bgr=head_m.ground_bgr, ground_bgr=head_m.text_bgr,
                polarity=theirs.polarity,
            )
        if _colour_distance(head_m.text_bgr, theirs.text_bgr) > 40:
            return False
        # The cover need not be flat (a disc with its rim, a photo), nor reach the pieces:
        # the glyphs it cuts leave remnants at both ends of the gap.
        gap = _gap(image, head_m, theirs, True)
        return gap is not None and gap[0].mean() >= _PRICE_GAP_COVERED

    def _split(self, element: str, image: np.ndarray, li: LineInfo, room: list[LineInfo]) -> bool:
        """Whether ``li`` is one side of a label line that something drawn over it splits.

        The detector reads the two sides of a sticker as two lines: "本直播间主" | "数字人" of
        本直播间主播为AI数字人. The side that is a label phrase by itself (数字人) would pass as
        the whole label. The other side is the same overlay line: on the same row, as tall, in
        the same colour, a glyph or more away. Two parts that together make a whole phrase
        (商业推广 | 广告, read apart) hide nothing; nor does a word space (under a glyph wide).
        """
        b = li.line.box
        mine: TextMeasure | None = None
        for other in room:
            # A line that is a whole label of its own (this element's or another's) is a
            # neighbour on the row, not the rest of this one (广告AD beside 人工智能生成内容).
            if other is li or any(m.full for m in other.matches.values()):
                continue
            ob = other.line.box
            overlap = min(b.y2, ob.y2) - max(b.y, ob.y)
            if overlap < 0.6 * min(b.h, ob.h) or not 0.5 <= ob.h / max(1, b.h) <= 2.0:
                continue
            right = ob.cx > b.cx
            gap = ob.x - b.x2 if right else b.x - ob.x2
            if not 0 <= gap <= 4 * b.h:
                continue
            if self._ends_of_one_label(element, li.line, other.line, right, gap):
                return True
            if not self._of_a_label(element, other.line.text):
                continue
            joined = li.line.text + other.line.text if right else other.line.text + li.line.text
            jm = match_element(joined, self.pack).get(element)
            whole = "".join(joined.split())
            spaced = gap < 0.5 * b.h or (
                jm is not None
                and jm.full
                and len("".join(jm.matched.split())) >= len(whole) - 1
                and gap < _WORD_GAP * b.h
            )
            mine = mine or measure_text(image, b)
            theirs = measure_text(image, ob)
            if mine is None or theirs is None:
                continue
            if mine.polarity != theirs.polarity:
                agreed = _agreed_measures(image, b, mine, ob, theirs, right)
                if agreed is None:
                    continue
                mine_here, theirs = agreed
            else:
                mine_here = mine
            if spaced and not _inks_apart(mine_here, theirs, right):
                # A word space between the pieces. A sticker grows the boxes beside it
                # toward each other (a star over 价 of 到手价 ¥39); their inks say how far
                # apart the glyphs are.
                continue
            if mine_here.ink_box is not None and theirs.ink_box is not None and not (
                0.67 <= theirs.ink_box.h / max(1, mine_here.ink_box.h) <= 1.5
            ):
                continue
            if _colour_distance(mine_here.text_bgr, theirs.text_bgr) > 40:
                continue
            near = _ink_to_cover(li.line.text, b, mine_here, right)
            far = _ink_to_cover(other.line.text, ob, theirs, not right)
            if _covered_between(image, near, far, right):
                return True
        return False

    def _of_a_label(self, element: str, text: str) -> bool:
        """Whether ``text`` holds a glyph of one of ``element``'s label phrases, as the rest
        of a label split by a cover does (本直播间主 of 本直播间主播为AI数字人, 经营 of 经营者：…);
        a 弹幕 passing on the label's row (支持主播 beside 广告·推广) holds none. Prices,
        whose rest may be any number, are not asked."""
        labels = self._labels.get(element)
        if labels is None:
            return True
        glyphs = {c for c in bare_text(text) if has_cjk(c)}
        return not glyphs or any(c in q for q in labels[1] for c in glyphs)

    def _ends_of_one_label(
        self, element: str, mine: OcrLine, other: OcrLine, other_right: bool, gap: int
    ) -> bool:
        """Whether two lines on one row read as the start and the end of one label as written,
        with the glyphs between them missing where the gap is about as wide as those glyphs:
        本直播 | a disc | AI数字人 of 本直播间主播为AI数字人.

        What the cover is (a disc with 抢 on it, a photo tile) and what lies round the pieces
        (a photo whose colour differs from one piece to the other) then need not be measured:
        the words say the line runs on under it. Two overlays that merely stand on one row do
        not read as the two ends of one phrase, and a word space is far narrower than the
        glyphs a sticker hides."""
        labels = self._labels.get(element)
        if labels is None:
            return False
        left, right = (mine, other) if other_right else (other, mine)
        head, tail = bare_text(left.text), bare_text(right.text)
        if min(len(head), len(tail)) < _END_PIECE:
            return False
        # Glyph width from the pieces' own boxes, in CJK glyphs (Latin letters and digits are
        # about half as wide).
        pitch = (left.box.w + right.box.w) / max(1.0, _glyph_units(head) + _glyph_units(tail))
        for phrase in labels[0]:
            hidden = len(phrase) - len(head) - len(tail)
            if hidden < 1 or not (phrase.startswith(head) and phrase.endswith(tail)):
                continue
            units = _glyph_units(phrase[len(head) : len(phrase) - len(tail)])
            if _HIDDEN_GAP[0] * units * pitch <= gap <= (units + _HIDDEN_GAP[1]) * pitch:
                return True
        return False

    def _badge_over(self, image: np.ndarray, li: LineInfo, room: list[LineInfo]) -> bool:
        """Whether a badge with words of its own (福利, 限时, NEW), read as a line apart, is
        drawn over one end of ``li``: 券后价¥79 with 限时 over 券后价 reads ¥79, a whole price.
        A room's own badge beside its label leaves the label's padding between them; one over
        the label stands right where the glyphs it hides would (occlusion.badge_over_end)."""
        b = li.line.box
        mine: TextMeasure | None = None
        run_on: TextMeasure | None = None
        carried = False
        for other in room:
            if (
                other is li
                or other.viewer is not None
                or any(m.full or m.fragment for m in other.matches.values())
                or not 0 < len(bare_text(other.line.text)) <= _BADGE_GLYPHS
            ):
                continue
            ob = other.line.box
            if min(b.y2, ob.y2) - max(b.y, ob.y) < 0.6 * min(b.h, ob.h):
                continue
            right = ob.cx > b.cx
            gap = ob.x - b.x2 if right else b.x - ob.x2
            if not -_BADGE_GAP * b.h <= gap <= _BADGE_GAP * b.h:
                continue
            mine = mine or measure_text(image, b)
            if mine is None or mine.ink_box is None:
                return False
            badge = measure_text(image, ob)
            if badge is None:
                continue
            # Against the ink OCR read, or past what the badge's edge left of the glyph it
            # hides (间 of 本直播间 beside NEW over 本直播): that run-on ink is looked for
            # once, and only when the first look finds nothing.
            if badge_over_end(image, mine, right, badge.ground_bgr):
                return True
            if not carried:
                run_on, carried = with_unread_ink(image, mine), True
            if run_on is not None and badge_over_end(
                image, run_on, right, badge.ground_bgr, remnant=True
            ):
                return True
        return False

    def _judge_damaged(self, element: str, image: np.ndarray, line: OcrLine) -> ElementFinding:
        """A line OCR read as a damaged copy of the label. Too small or too faint strokes
        make it illegible; strokes a viewer could read mean OCR could not read all of them
        because part of the label is hidden: occluded. Unless the reading is the whole label
        with one glyph misread (_misread_whole): that is judged as a clean reading is."""
        f, measure = self._measured(element, image, line, Status.ILLEGIBLE)
        if measure is None:
            f.reason = "damaged reading, no readable strokes"
            return f
        # A card across the glyphs' tops or bottoms shortens them: their height is not the
        # label's, and the card is what hides it.
        cut = straight_cut(image, measure.ink_box) if measure.ink_box is not None else None
        if cut is None and len(bare_text(line.text)) > 1 and squashed(line.text, line.box):
            # (One glyph read in a wide box is a small label read as one of its glyphs.)
            cut = "top or bottom"
        if cut:
            # The strip that shows is not the glyphs' height; their width is (a 7 px line's
            # edge also looks straight).
            min_px = self.min_glyph(image.shape[1], image.shape[0])
            pitch = pitch_px(line.text, line.box)
            if pitch < min_px:
                f.reason = f"damaged reading; glyphs {pitch:.0f}px wide < {min_px:.0f}px"
                return f
        problem = self._illegible_because(measure, image, check_size=cut is None)
        if problem and (cut := self._cut_when_small(image, measure)):
            problem = ""
        if problem:
            f.reason = f"damaged reading; {problem}"
            return f
        if cut:
            f.status = Status.OCCLUDED
            f.reason = f"damaged reading; the text's {cut} is cut off by something drawn over it"
            return f
        if (whole := self._misread_whole(element, line.text)) is not None and _as_wide_as_read(
            measure, line.text
        ):
            # Every glyph of the label stands there, uncut and legible, and OCR misread one of
            # them (虚以主播, 券后阶¥23.9): a thin or small font does that to a clean label as
            # often as a sticker over a glyph does to a covered one. Whether anything is drawn
            # over it decides, as for a clean reading.
            return self._judge_line(element, image, line, whole, misread=True)
        f.status, f.reason = Status.OCCLUDED, "damaged reading of legible strokes: part hidden"
        return f

    def _misread_whole(self, element: str, text: str) -> ElementMatch | None:
        """The label ``text`` is, read with one glyph wrong and none missing or added; None
        when it is not one. Phrases of two glyphs (广告) are left out: one glyph of them
        right is too little to name the label by. The wrong glyph stands between two read
        right: a cover against the label's end cuts the glyph there, and that reads wrong
        too (王体信息 of 店铺主体信息, 店铺 and half of 主 under a disc)."""
        rule = self.pack.elements[element]
        if element == "price":
            if not _misread_price(text, self._price_words):
                return None
        else:
            bare = bare_text(text)
            labels = self._labels.get(element)
            if labels is None or not any(
                len(q) >= _MISREAD_MIN and 0 < _one_glyph_off(bare, q) < len(q) - 1
                for q in labels[0]
            ):
                return None
        return ElementMatch(element, rule.rule, rule.article, full=True, span=(0, len(text)))

    def _measured(
        self, element: str, image: np.ndarray, line: OcrLine, status: Status
    ) -> tuple[ElementFinding, TextMeasure | None]:
        """A finding for ``line`` with its measured strokes (box, glyph height, contrast)."""
        rule = self.pack.elements[element]
        measure = measure_text(image, line.box)
        f = ElementFinding(
            element,
            status,
            rule.rule,
            rule.article,
            text=line.text,
            box=measure.ink_box if measure and measure.ink_box else line.box,
            confidence=line.confidence,
        )
        if measure is not None:
            f.glyph_px, f.contrast = measure.glyph_px, measure.contrast
        return f, measure

    def _illegible_because(
        self, measure: TextMeasure, image: np.ndarray, *, check_size: bool = True
    ) -> str:
        """Why strokes are below the profile's legibility limits ("" when they are not)."""
        h, w = image.shape[:2]
        t = self.profile.thresholds
        min_px = self.min_glyph(w, h)
        if check_size and measure.glyph_px < min_px:
            return f"glyphs {_below(measure.glyph_px, min_px, 0)}px < {min_px:.0f}px"
        if _faint(measure, t.min_contrast):
            shown = _below(measure.contrast, t.min_contrast, 1)
            return f"contrast {shown}:1 < {t.min_contrast:.1f}:1"
        return ""

    def _cut_when_small(self, image: np.ndarray, measure: TextMeasure) -> str | None:
        """Which side of glyphs too small to read a cover cuts off, when their size is all
        that is wrong with them: a cover across their top or bottom shortens what is
        measured, and the straight edge it leaves on their plate is what a viewer sees
        (到手¥69 with a card over its lower third measured 14 px of its 23)."""
        if self._illegible_because(measure, image, check_size=False):
            return None
        cover = plate_coverage(image, measure)
        return cover.cut if cover is not None else None

    def _judge_line(
        self,
        element: str,
        image: np.ndarray,
        line: OcrLine,
        m: ElementMatch,
        split: bool = False,
        misread: bool = False,
    ) -> ElementFinding:
        """``misread``: a whole label read with one glyph wrong (_misread_whole), already
        judged legible and uncut as a damaged reading."""
        h, w = image.shape[:2]
        t = self.profile.thresholds
        if element == "price" and not misread and _misspelt_word(line.text, self._price_words):
            return self._judge_damaged(element, image, line)
        f, measure = self._measured(element, image, line, Status.OK)
        if (
            not misread
            and element == "price"
            and measure is not None
            and measure.glyph_px >= _WHOLE_SIGN * self.min_glyph(w, h)
            and _sign_read_as_v(line.text)
        ):
            return self._judge_damaged(element, image, line)
        text = line.text.strip()
        cut_amount = element == "price" and _amount_cut_short(text)
        # A line that starts with its key's colon ("：202元" of 直播价：202元) lost its key.
        partial = (
            m.fragment
            or split
            or text.startswith((":", "："))
            or (m.full and _sticker_beside(line.text, m.span))
            or _one_bracket(text)
            or (m.full and self._piece_of_longer(element, line.text))
            or (
                element == "price"
                and (
                    _TRUNCATED_PRICE_WORD.match(text) is not None
                    or _CUT_UNIT.search(text) is not None
                    or cut_amount
                    or self._stray_before_word(text)
                )
            )
        )
        # A label missing a glyph inside shows both its ends, so its glyphs are its own: too
        # small, and that is what a viewer sees (OCR drops glyphs of 7-9 px labels as well).
        # So does an amount cut short (what hides its end leaves its glyphs' height whole), but
        # measured on a sign and a digit or two, one maybe cut, it is small only when clearly so.
        # And a part of a label whose glyphs stand well under the legible size: OCR reads a
        # glyph or two of a tiny label and no more, hidden or not, and a viewer reads none of
        # it. Under half that size, the measure holds a sliver a sticker left of a stroke, not
        # a glyph's height.
        min_px = self.min_glyph(image.shape[1], image.shape[0])
        small = measure is not None and (
            (m.gapped and measure.glyph_px < min_px)
            or (cut_amount and measure.glyph_px < _CUT_AMOUNT_SMALL * min_px)
            or (partial and _TINY_PART[0] * min_px <= measure.glyph_px < _TINY_PART[1] * min_px)
        )
        if partial and not small and (measure is None or not _faint(measure, t.min_contrast)):
            f.status, f.reason = Status.OCCLUDED, "only part of the label is visible"
            return f
        if measure is None:
            f.status, f.reason = Status.ILLEGIBLE, "no readable strokes"
            return f
        strip = _glyph_strip(line.text, measure)
        if strip:
            # What shows is a strip of the glyphs: their width, not its height, is their size.
            min_px = self.min_glyph(w, h)
            pitch = pitch_px(line.text, measure.ink_box or line.box)
            if pitch < min_px:
                f.status = Status.ILLEGIBLE
                f.reason = f"glyphs {pitch:.0f}px wide < {min_px:.0f}px"
                return f
        # A fragment's height is not its label's: a cover over the top or bottom shortens it.
        # Too faint to tell what hides the rest of it: the faintness is what a viewer sees.
        problem = self._illegible_because(
            measure, image, check_size=not (partial or strip) or small
        )
        if problem and (cut := self._cut_when_small(image, measure)):
            f.status = Status.OCCLUDED
            f.reason = f"the text's {cut} is cut off by something drawn over it"
            return f
        if problem:
            f.status, f.reason = Status.ILLEGIBLE, problem
            return f
        # Without a plate there is no measure of coverage: the text's expected width would
        # come from its glyph height and count, and on 213 clean CJK labels ink width over
        # that estimate spread from 0.67 to 1.9 (fonts, tracking, outlines counted in the
        # height) — wider than the coverage it was meant to find. Covers of plain text show
        # as fragments, damaged readings or split lines instead, or (a card across the top or
        # bottom of the glyphs) as the card's straight edge on the ink's own row.
        cover = plate_coverage(image, measure)
        cut = cover.cut if cover is not None else None
        if cut is None and measure.ink_box is not None:
            cut = straight_cut(image, measure.ink_box)
        if cut is None and strip:
            cut = "top or bottom"
        if cut:
            f.status = Status.OCCLUDED
            f.reason = f"the text's {cut} is cut off by something drawn over it"
            return f
        if sticker_on_line(image, measure, at_end=cover is not None):
            f.status = Status.OCCLUDED
            f.reason = "a sticker is drawn over the text"
            return f
        # Plain text that a longer label as written runs on from (商家资质 of 查看商家资质): a
        # sticker against its end, where the rest would stand, hides that rest. An icon there
        # is drawn in the text's colour, or stands apart from it (sticker_on_line).
        if cover is None and m.full:
            for side in self._piece_of_longer_at(element, line.text):
                if sticker_on_line(image, _ran_on(measure, side)):
                    f.status = Status.OCCLUDED
                    f.reason = f"a sticker is drawn over the label's {_SIDE_NAMES[side]}"
                    return f
        run_on = with_unread_ink(image, measure) if cover is not None else None
        if run_on is not None and sticker_on_line(
            image, run_on, at_end=True, overhang=_OVER_A_REMNANT
        ):
            f.status = Status.OCCLUDED
            f.reason = "a sticker is drawn over the end of the text"
            return f
        covered = cover.fraction if cover is not None else 0.0
        f.occluded_fraction = covered
        # The coverage measure is good to about ±8 % of the text's width (anti-aliasing, H.264
        # ringing, rounded plate ends); call a label covered only beyond that.
        if covered > t.max_occluded_frac + COVERAGE_NOISE:
            f.status, f.reason = Status.OCCLUDED, f"{covered:.0%} of the text is covered"
            return f
        # A star over the middle of a label on a plate counts only its solid centre columns
        # (its points cover too few rows), and so can stay under that; but it is one flat
        # object with glyphs on both sides of it, which no design puts there.
        if cover is not None and sticker_on_line(image, measure, between=True):
            f.status, f.reason = Status.OCCLUDED, "a sticker is drawn over the middle of the text"
            return f
        if (
            cover is not None
            and covered > t.max_occluded_frac
            and sticker_on_line(image, measure)
        ):
            f.status, f.reason = Status.OCCLUDED, f"a sticker covers {covered:.0%} of the text"
            return f
        where = f.box or line.box
        if m.full:
            where = phrase_box(line.text, where, m.span)
        if element == "ad_label" and not self._in_top_corner(where, w, h):
            f.status, f.reason = Status.MISPLACED, "not in a top corner"
            return f
        zones = self.profile.zones.get(element)
        if zones and not in_zones(where, zones, w, h):
            f.status, f.reason = Status.MISPLACED, "outside its expected zone"
            return f
        return f
