"""Matching OCR lines against the rule pack: banned terms, required elements, viewer text,
price comparisons and promotion limits.

Every function takes the line as the OCR engine read it, normalises it (app/rules/text.py)
and matches the pack's precompiled patterns. All of them run on every OCR line every second,
so the common case (no hit) is one regex search over a short string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.rules.pack import ComparisonRules, ElementRule, RulePack, TermRule, load_rule_pack
from app.rules.text import normalize, normalize_with_map

# Punctuation a label is often boxed in: stripped before the whole-line fragment test.
FRAME_PUNCT = "[](){}<>|:·,.-\"'!?*#~/"


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One banned term in one line. ``span`` indexes ``line`` (the original OCR text)."""

    term: str
    rule: str
    family: str
    article: str
    span: tuple[int, int]
    line: str
    matched: str

    @property
    def norm_matched(self) -> str:
        return normalize(self.matched)


@dataclass(frozen=True, slots=True)
class ElementMatch:
    """What a line shows of one required element.

    ``full``: the line satisfies the element. ``fragment``: the whole line is a strict part of
    one of the element's label phrases (a half-covered or cut-off label); ``gapped``: that part
    is the phrase with a glyph inside it missing (此广告), or whole with only its bracket missing
    (【广告), so both its ends show. ``insufficient``:
    the line shows a related word the article does not accept (推广 for 广告).
    """

    element: str
    rule: str
    article: str
    full: bool
    fragment: bool = False
    insufficient: bool = False
    gapped: bool = False
    matched: str = ""
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class ComparisonParts:
    """V5 over the room's lines: which compared-price words show, and whether the actual price
    and the discount or reduction show too."""

    compared: tuple[str, ...]
    compared_lines: tuple[int, ...]
    actual_price: bool
    discount: bool

    @property
    def missing(self) -> tuple[str, ...]:
        """What 001 第二十七条 also wants shown; empty when no comparison is made."""
        if not self.compared:
            return ()
        out: list[str] = []
        if not self.actual_price:
            out.append("actual_price")
        if not self.discount:
            out.append("discount")
        return tuple(out)


@dataclass(frozen=True, slots=True)
class PromoMatch:
    """A promotion limit word shown with no number or time in its line (V6)."""

    word: str
    span: tuple[int, int]
    line: str
    rule: str
    article: str


def _pack(pack: RulePack | None) -> RulePack:
    return pack if pack is not None else load_rule_pack()


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ---- banned terms ------------------------------------------------------------------------------

# Spellings shorter than this are too easily one misread away from innocent words (最佳 of
# 最住, 神药 of 神器) to be offered as near misses at all.
NEAR_MISS_MIN_CHARS = 4

# Spellings this long may be offered with two characters misread: a stroke-heavy pair under
# H.264 and a busy picture (包治 of 包治百病 read 色滋). Two of four is a guess the recogniser
# must back; TermSpotter asks it for the spelling itself, and a line that truly reads otherwise
# (全网两高价) has its glyphs read with near certainty, far below the spelling.
NEAR_MISS_TWO_CHARS = 4


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A line that shows a banned spelling but for one or two characters: what OCR makes of
    the term when it misreads a glyph (全网量低价 for 全网最低价). Only a hint: the checker
    reports it when the recogniser confirms the spelling (spotting.py)."""

    term: TermRule
    spelling: str  # the literal spelling, normalised, that the line misses
    span: tuple[int, int]  # in the original line
    misses: int = 1  # characters of the spelling the line shows otherwise


_NEAR_CACHE: dict[tuple[int, str], tuple[NearMiss, ...]] = {}


def _closest(norm: str, spelling: str, chars: set[str]) -> tuple[int, int] | None:
    """(misses, start) of the window of ``norm`` closest to ``spelling`` with one or, for a
    long enough spelling, two characters different; the earliest of the closest. ``chars``
    is the set of ``norm``'s characters."""
    n = len(spelling)
    allowed = 2 if n >= NEAR_MISS_TWO_CHARS else 1
    # Most lines share too few of the spelling's characters for any window to come close:
    # a set look-up each rules them out before the windows are compared.
    if sum(ch in chars for ch in spelling) < n - allowed:
        return None
    best: tuple[int, int] | None = None
    for i in range(len(norm) - n + 1):
        misses = 0
        for a, b in zip(norm[i : i + n], spelling, strict=True):
            if a != b:
                misses += 1
                if misses > allowed:
                    break
        if 1 <= misses <= allowed and (best is None or misses < best[0]):
            best = (misses, i)
            if misses == 1:
                break
    return best


def near_banned(text: str, pack: RulePack | None = None) -> tuple[NearMiss, ...]:
    """Banned spellings of four or more characters the line shows with one or two characters
    different, for a line with no banned term in it: per term its closest spelling, the
    closest terms first. Cached per line text (lines repeat for hours in a live room)."""
    p = _pack(pack)
    key = (id(p), text)
    hit = _NEAR_CACHE.get(key)
    if hit is not None:
        return hit
    found: list[NearMiss] = []
    norm = normalize(text)
    if len(norm) >= NEAR_MISS_MIN_CHARS and not find_banned(text, p):
        mapped = None
        chars = set(norm)
        for term in p.banned:
            best: tuple[int, int, str] | None = None
            for w in term.literals:
                if len(w) < NEAR_MISS_MIN_CHARS:
                    continue
                close = _closest(norm, w, chars)
                if close is not None and (best is None or close[0] < best[0]):
                    best = (*close, w)
            if best is not None:
                misses, i, w = best
                mapped = mapped or normalize_with_map(text)
                found.append(NearMiss(term, w, mapped.original_span(i, i + len(w)), misses))
        found.sort(key=lambda nm: nm.misses)
    if len(_NEAR_CACHE) >= 4096:
        _NEAR_CACHE.clear()
    out = _NEAR_CACHE[key] = tuple(found)
    return out


def find_banned(text: str, pack: RulePack | None = None) -> list[TermMatch]:
    """Banned terms in one line, in reading order; one hit per stretch of text and per term.

    Matching is on the normalised line, so spaces inside a term, full-width forms and the
    folded OCR confusions do not hide it. A hit overlapping one of its term's ``allow``
    contexts is dropped (第一次 is not 第一). Where hits overlap, the longest wins
    (全网最低价 is one B3 hit, not also 最低价).
    """
    p = _pack(pack)
    norm = normalize(text)
    if not norm or p.banned_any.search(norm) is None:
        return []
    found: list[tuple[int, int, int]] = []  # (start, end, index into p.banned)
    for i, term in enumerate(p.banned):
        matches = [(m.start(), m.end()) for m in term.pattern.finditer(norm) if m.end() > m.start()]
        if not matches:
            continue
        allowed = [(a.start(), a.end()) for pat in term.allow for a in pat.finditer(norm)]
        found.extend((s, e, i) for s, e in matches if not any(_overlaps((s, e), a)
                                                               for a in allowed))
    if not found:
        return []
    kept: list[tuple[int, int, int]] = []
    for hit in sorted(found, key=lambda h: (h[0] - h[1], h[0], h[2])):
        if not any(_overlaps((hit[0], hit[1]), (k[0], k[1])) for k in kept):
            kept.append(hit)
    mapped = normalize_with_map(text)
    out: list[TermMatch] = []
    seen: set[int] = set()
    for s, e, i in sorted(kept):
        if i in seen:  # one report per term per line: 电子烟…烟弹 is one 电子烟 finding
            continue
        seen.add(i)
        term = p.banned[i]
        span = mapped.original_span(s, e)
        out.append(TermMatch(term=term.term, rule=term.rule, family=term.family,
                             article=term.article, span=span, line=text,
                             matched=text[span[0]:span[1]]))
    return out


# ---- required elements -------------------------------------------------------------------------


def _first_match(rule: ElementRule, norm: str) -> tuple[int, int] | None:
    excluded: list[tuple[int, int]] | None = None
    for pattern in rule.patterns:
        for m in pattern.finditer(norm):
            if m.end() == m.start():
                continue
            if rule.exclude:
                if excluded is None:
                    excluded = [(x.start(), x.end()) for ex in rule.exclude
                                for x in ex.finditer(norm)]
                if any(_overlaps((m.start(), m.end()), x) for x in excluded):
                    continue
            return (m.start(), m.end())
    return None


def price_spans(norm: str, pack: RulePack | None = None) -> list[tuple[int, int, bool]]:
    """Prices in a *normalised* line as ``(start, end, is_compared)``.

    ``is_compared`` is true for a number that belongs to a comparison word (原价¥199,
    日常价199元): the compared price, not the selling price. A number is compared when it
    carries no actual-price word itself and the nearest price word before it (within eight
    characters) is a comparison word.
    """
    p = _pack(pack)
    cmp = p.comparison
    spans: list[tuple[int, int]] = []
    for pattern in p.elements["price"].patterns:
        for m in pattern.finditer(norm):
            if not any(_overlaps((m.start(), m.end()), s) for s in spans):
                spans.append((m.start(), m.end()))
    out: list[tuple[int, int, bool]] = []
    for s, e in sorted(spans):
        lo = max(0, s - 8)
        cmps = [(m.start(), m.end()) for m in cmp.compared.finditer(norm, lo, e)]
        # 售价 inside 零售价 / 原售价 is part of the comparison word, not an actual-price word.
        acts = [(m.start(), m.end()) for m in cmp.actual.finditer(norm, lo, e)
                if not any(_overlaps((m.start(), m.end()), c) for c in cmps)]
        if any(_overlaps(a, (s, e)) for a in acts):
            compared = False
        elif any(_overlaps(c, (s, e)) for c in cmps):
            compared = True
        else:
            before = [(we, True) for _, we in cmps if we <= s]
            before += [(we, False) for _, we in acts if we <= s]
            compared = bool(before) and max(before)[1]
        out.append((s, e, compared))
    return out


def _after_hidden_head(norm: str, rule: ElementRule) -> bool:
    """A line that starts with a joining dot and ends a label of the element as the pack
    writes it (·推广 of 广告·推广): a dot joins two words and starts none, so what stood before
    it is hidden. Without the dot, 推广 alone is a word V1 does not accept."""
    line = "".join(norm.split())
    if not line.startswith("·") or len(line) < 3:
        return False
    return any(
        len(label) > len(line) and label.endswith(line)
        for label in ("".join(p.split()) for p in (*rule.phrases, *rule.spot))
    )


# 《》 are left out: OCR reads a "more" chevron (商家信息 >) as 》.
_PAIRS = {"[": "]", "(": ")", "{": "}"}
# A price's whole part starting with 0 and another digit (¥09, 00元): no tag is written so; the
# digits before it are hidden (¥299 with a sticker over 2, read ¥09) or misread.
_LEADING_ZERO = re.compile(r"(?<![0-9.])0[0-9]")


def _unclosed(norm: str, span: tuple[int, int]) -> bool:
    """Whether the label opens a bracket and never closes it: [广告 of 【广告】, its closing
    bracket under a sticker. Brackets come in pairs; a line that opens one right before the
    label and never closes it ends where a cover begins. Not the other way round: a lone
    closing mark after a label (广告AD] of a glass box) is as often the box's edge read as
    one, and the label's glyphs before it are all there."""
    before, after = norm[: span[0]].rstrip(), norm[span[1] :].lstrip()
    if before and before[-1] in _PAIRS:
        return _PAIRS[before[-1]] not in after
    return False


def _without_trailing_symbols(norm: str) -> str:
    """``norm`` without the pictographs that end it: OCR reads a sticker over the end of a
    line as one (¥29.★ of ¥29.9/件, a star over 9/件), and the line is cut short where it
    stands."""
    end = len(norm)
    while end and unicodedata.category(norm[end - 1]) == "So":
        end -= 1
    return norm[:end].rstrip()


def _fragment_past_cut_glyph(bare: str, fragments: frozenset[str], matched: int) -> bool:
    """Whether ``bare`` is a fragment of a longer phrase, longer than the phrase it matched,
    behind or before one glyph more: 番为AI数字人 of 本场主播为AI数字人, 播 cut through by a
    cover's edge and read as 番. Without that glyph it is the fragment rule's own case (为AI数字人
    is what is left of a sentence), and the glyph a cover cuts is read as anything."""
    inner = (bare[1:], bare[:-1])
    return len(bare) > 2 and any(p in fragments and len(p) > matched for p in inner)


def _past_sticker_word(bare: str, fragments: frozenset[str], words: tuple[str, ...]) -> bool:
    """Whether ``bare`` is a sticker's word and, beside it, two glyphs or more of a label that
    are not a label by themselves: 热卖人直播 of 数字人直播 with a 热卖 sticker over 数字, the
    detector reading the sticker's word into the label's line."""
    for w in words:
        if bare.startswith(w):
            rest = bare[len(w) :].strip(FRAME_PUNCT)
        elif bare.endswith(w):
            rest = bare[: -len(w)].strip(FRAME_PUNCT)
        else:
            continue
        if len(rest) >= 2 and rest in fragments:
            return True
    return False


def match_element(text: str, pack: RulePack | None = None) -> dict[str, ElementMatch]:
    """The required elements this line shows, fully, as a fragment, or insufficiently.

    Elements the line says nothing about are absent from the result. A fragment is only ever
    the *whole* line (after normalisation and stripping the brackets a label sits in): "广"
    alone is part of 广告, "广州" is not.
    """
    p = _pack(pack)
    norm = normalize(text)
    out: dict[str, ElementMatch] = {}
    if not norm:
        return out
    bare = norm.strip(FRAME_PUNCT)
    trimmed = _without_trailing_symbols(norm)
    # Whether a name stops short is read past an icon before its key (i经营者：上海锦 with ⓘ
    # read as i): the icon is no glyph of the name.
    iconless = _LEADING_ICON.sub("", norm)
    shown = (norm, trimmed) if iconless == norm else (iconless, _without_trailing_symbols(iconless))
    mapped = None
    for name, rule in p.elements.items():
        span: tuple[int, int] | None
        if name == "price":
            actual = [(s, e) for s, e, compared in price_spans(norm, p) if not compared]
            span = actual[0] if actual else None
        else:
            span = _first_match(rule, norm)
        if span is not None:
            mapped = mapped or normalize_with_map(text)
            orig = mapped.original_span(*span)
            # A phrase with glyphs of a longer phrase hanging on (广告内 of 广告内容, 数字人直 of
            # 数字人直播, 间主播为AI数字人 of 本直播间主播为AI数字人): no label is written so; the
            # rest of the longer one is hidden.
            # Both ends of the phrase show when only a glyph inside it is missing, or only
            # its bracket, and so does a fragment read with the glyph a cover's edge cut: its
            # glyphs are the label's own size.
            gapped = (
                bare in rule.gapped
                or _unclosed(norm, span)
                or _fragment_past_cut_glyph(bare, rule.fragments, span[1] - span[0])
            )
            if (
                any(c.search(t) for t in shown for c in rule.cut_short)
                or (bare in rule.fragments and len(bare) > span[1] - span[0])
                or gapped
                or (name == "price" and _LEADING_ZERO.search(norm, *span) is not None)
            ):
                out[name] = ElementMatch(name, rule.rule, rule.article, full=False,
                                         fragment=True, matched=text, span=(0, len(text)),
                                         gapped=gapped)
                continue
            out[name] = ElementMatch(name, rule.rule, rule.article, full=True,
                                     matched=text[orig[0]:orig[1]], span=orig)
        elif (
            bare in rule.fragments
            or _past_sticker_word(bare, rule.fragments, p.sticker_words)
            or bare in rule.gapped
            or _after_hidden_head(norm, rule)
            or any(h.search(norm) or h.search(bare) for h in rule.heads)
        ):
            out[name] = ElementMatch(name, rule.rule, rule.article, full=False, fragment=True,
                                     matched=text, span=(0, len(text)),
                                     gapped=bare in rule.gapped and bare not in rule.fragments)
        elif any(word in norm for word in rule.insufficient):
            out[name] = ElementMatch(name, rule.rule, rule.article, full=False,
                                     insufficient=True, matched=text, span=(0, len(text)))
    return out


# ---- viewer and platform text ------------------------------------------------------------------

# An icon before a label, read as a bullet (●, ★) or, by PP-OCR, as the CJK glyph it most
# resembles: 口, 合, 台 or 白 (a chat bubble, a WeChat logo, a shop sign). Over 67 generated sets
# these stood only before room lines (直播价：…, 经营者：…, 加V：…), never before a nickname.
# An info icon (ⓘ) before a merchant's entry reads as a lone i glued to the key (i经营者：…).
_LEADING_ICON = re.compile(r"^(?:[^\w]+|[口合台白](?=[^:])|i(?=[\u4e00-\u9fff]))")


def viewer_kind(text: str, pack: RulePack | None = None) -> str | None:
    """``"system"`` (进入直播间, 送出礼物…), ``"chrome"`` (关注, 1.2万人看过…), ``"chat"``
    (昵称：消息) or ``None`` for text that may be the room's own."""
    v = _pack(pack).viewer
    norm = normalize(text)
    if not norm:
        return None
    if v.system.search(norm) and not (v.system_except and v.system_except.search(norm)):
        return "system"
    if norm in v.chrome_exact or v.chrome.search(norm):
        return "chrome"
    for pattern in v.chat:
        m = pattern.match(norm)
        # An icon before a room's key (a bullet or a badge OCR reads as ●, ★…) is no part
        # of a nickname: ●加V：lc8888 is the room's contact card.
        if m and not (v.room_label_key.fullmatch(_LEADING_ICON.sub("", m["nick"]))
                      or v.room_label_value.fullmatch(m["msg"])):
            return "chat"
    return None



# ---- price comparison and promotions -----------------------------------------------------------


def comparison_parts(texts: Iterable[str], pack: RulePack | None = None) -> ComparisonParts:
    """V5 over the room's text lines (pass the room's lines only, not chat).

    When a comparison word (原价, 划线价, 日常价…) shows, 001 第二十七条 wants the actual price
    and the discount rate or reduction shown too; ``missing`` says which are not.
    """
    p = _pack(pack)
    cmp = p.comparison
    words: list[str] = []
    lines: list[int] = []
    actual = discount = False
    for i, text in enumerate(texts):
        norm = normalize(text)
        if not norm:
            continue
        found = [m.group() for m in cmp.compared.finditer(norm)]
        if found:
            lines.append(i)
            words.extend(w for w in found if w not in words)
        if not actual:
            actual = any(not compared for _, _, compared in price_spans(norm, p))
        if not discount:
            discount = _states_discount(norm, cmp)
    return ComparisonParts(tuple(words), tuple(lines), actual, discount)


def _states_discount(norm: str, cmp: ComparisonRules) -> bool:
    """Whether ``norm`` states a discount or reduction that is not one only some buyers get
    (新人首单立减5元 is a new buyer's coupon, not this price's reduction)."""
    found = [m.span() for m in cmp.discount.finditer(norm)]
    if not found or cmp.discount_exclude is None:
        return bool(found)
    kept = [m.span() for m in cmp.discount_exclude.finditer(norm)]
    return any(not any(a < e and s < b for a, b in kept) for s, e in found)


def find_promo(text: str, pack: RulePack | None = None) -> list[PromoMatch]:
    """Promotion limit words (限量, 限时, 秒杀…) in a line that states no number and no time."""
    promo = _pack(pack).promo
    norm = normalize(text)
    if not norm or promo.pattern.search(norm) is None or promo.qualifier.search(norm):
        return []
    mapped = normalize_with_map(text)
    out: list[PromoMatch] = []
    for m in promo.pattern.finditer(norm):
        span = mapped.original_span(m.start(), m.end())
        out.append(PromoMatch(m.group(), span, text, promo.rule, promo.article))
    return out


def room_lines(texts: Sequence[str], pack: RulePack | None = None) -> list[int]:
    """Indices of the lines that are not viewer or platform text."""
    p = _pack(pack)
    return [i for i, t in enumerate(texts) if viewer_kind(t, p) is None]


__all__ = [
    "ComparisonParts",
    "ElementMatch",
    "PromoMatch",
    "TermMatch",
    "comparison_parts",
    "find_banned",
    "find_promo",
    "match_element",
    "price_spans",
    "room_lines",
    "viewer_kind",
]
