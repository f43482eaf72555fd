"""Lines that look like a damaged copy of a label: what OCR returns for a label that is partly
covered, too small or too faint ("营亚执照" for 营业执照, "数学人直择" for 数字人直播, "直播价"
with its number hidden).

Such a line tells a half-covered or tiny label (occluded / illegible) from a missing one. It
makes an element ``ok`` only as the whole label with one glyph misread, legible, uncut and with
nothing found drawn over it (elements.ElementJudge._misread_whole).
"""

from __future__ import annotations

import re

from app.rules.pack import RulePack
from app.rules.text import normalize

_PUNCT = "[](){}<>|:·,.-\"'!?*#~/>＞"
# A price word alone, or with its currency sign and nothing after it (到手¥, 秒杀￥: the cover
# begins where the number would): the tag is there, its number hidden.
_PRICE_WORD_ONLY = re.compile(
    r"^(?:(?:到手价?|券后价?|直播价|秒杀价?|活动价|现价|售价|价格|特价|抢购价|优惠价)[:：]?¥?|¥|元)$"
)
_BARE_DECIMAL = re.compile(r"^[¥]?\d{0,4}\.\d{0,2}[元]?$|^[¥]\d{1,5}\.?$|^\d{1,5}[元]$")
# A currency sign glued to a stray digit or letter ("7¥19.9" for 价¥19.9): the price pattern
# rejects it (no price follows a digit), but it is what is left of a price tag whose word is
# hidden or garbled. A reduction (减¥20, 省¥20) is preceded by its word, not by a stray glyph.
# Likewise a sticker's word between the sign and the number's last digits (¥款9 of ￥9.9 under
# a 爆款 badge): no price is written with a word inside it.
_GARBLED_PRICE = re.compile(r"[0-9a-z]¥\d|¥[\u4e00-\u9fff]\d")
# A bold ¥ read as 夫 before what a cover left of the number (夫8 of ￥89): the recogniser reads
# ¥ so when little of its line is left to read beside it, never in a whole tag.
_SIGN_AS_GLYPH = re.compile(r"^夫\d{1,5}(?:\.\d{1,2})?$")
# A per-unit tail with its number hidden ("/件" of ¥38.9/件): only a price ends that way.
# The same with the number's last digits left and its currency sign hidden ("9/件" of ¥199/件):
# a count is written 2件, never with the slash of a per-unit price.
# A badge's glyph may stand where the sign and first digits were (抢99/件 of ¥299/件 under
# a 抢 sticker). Or the unit is what went unread (79/ of an 11 px ¥79/件): nothing else ends
# on a slash after a number of two digits or more.
_UNITS = "件|个|只|斤|kg|g|盒|瓶|袋|箱|套|双|份|支|包"
# The units of one glyph: what is left of a per-unit tag whose number and slash a cover hides.
UNIT_GLYPHS = frozenset(u for u in _UNITS.split("|") if len(u) == 1 and not u.isascii())
_UNIT_TAIL = re.compile(
    rf"^(?:[\u4e00-\u9fff]?\d{{1,4}}(?:\.\d{{1,2}})?)?/(?:{_UNITS})$|^(?:\d{{2,5}}|\d{{1,5}}\.\d{{1,2}})/$"
)
# The same with what a sticker's edge left of the sign and the number read as letters and
# digits mixed (X301/件 of ¥301/件, XO0/件, 至6a/件, ×22/件 of a 9 px ¥129.9/件): a digit
# among them and the per-unit tail.
_GARBLED_UNIT_TAIL = re.compile(
    rf"^[\u4e00-\u9fff×]?[0-9a-z.]{{0,5}}[0-9][0-9a-z.]{{0,5}}/(?:{_UNITS})$"
)
# A bare sale word straight before a number (秒杀19.9 of 秒杀 ¥19.9, its ¥ under a sticker): a
# tag whose sign is hidden. Not a whole price: 秒杀 also counts sales (秒杀1000件). A lone 到
# before the number is 到手 with 手 hidden too (到299 of 到手¥299): a line says 到 and a
# number with more after them (到12点, 到100件), never alone.
_BARE_WORD_NUMBER = re.compile(r"^(?:秒杀|到手?|券后|折后)[:：]?\d{1,5}(?:\.\d{1,2})?$")


# A price word and its key's colon with words, not a number, after it (直播价：热卖, a 热卖
# sticker over 84元): a tag's value is its number.
_KEY_WITHOUT_NUMBER = re.compile(
    r"^(?:到手价|券后价|直播价|秒杀价|活动价|抢购价|福利价|折后价|拼团价):[^0-9¥]{1,4}$"
)


# The end of a merchant-info entry with its "more" chevron (息> or 言息> of 商家信息 >, the rest
# under a sticker, 信 read as 言 without its 亻): only an entry that opens a page ends so.
_INFO_CHEVRON = re.compile(r"^[^0-9]{0,2}息[>＞〉]$")


# A price word with its number misread: 券后价到99 (券后价¥199, its ¥ read as 到 and the 1 lost).
# A clean tag would have matched the price pattern; a word the pack spots a price by (spot),
# then a digit within two glyphs, is the tag, damaged. Built from the pack, see _price_word_digits.
_WORD_GAP = 2


def _lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


_CACHE: dict[int, dict[str, tuple[str, ...]]] = {}
_PRICE_WORDS: dict[int, re.Pattern[str] | None] = {}


def _price_word_digits(pack: RulePack) -> re.Pattern[str] | None:
    key = id(pack)
    if key not in _PRICE_WORDS:
        rule = pack.elements.get("price")
        words = [re.escape(normalize(w)) for w in rule.spot] if rule is not None else []
        _PRICE_WORDS[key] = (
            re.compile(f"(?:{'|'.join(words)})[^0-9]{{0,{_WORD_GAP}}}[0-9]") if words else None
        )
    return _PRICE_WORDS[key]


def _phrases(pack: RulePack) -> dict[str, tuple[str, ...]]:
    key = id(pack)
    if key not in _CACHE:
        _CACHE[key] = {
            name: tuple(normalize(p) for p in rule.phrases)
            for name, rule in pack.elements.items()
            if name != "price" and rule.phrases
        }
    return _CACHE[key]


def _price_word_then_sticker(norm: str, pack: RulePack) -> bool:
    """A price word with a sticker's word where its number would be (秒杀价HOT of 秒杀价 ¥89, a
    HOT badge over ¥89): the tag is there, its number under the sticker."""
    for w in pack.sticker_words:
        if norm.endswith(w) and len(norm) > len(w):
            return _PRICE_WORD_ONLY.match(norm[: -len(w)].strip(_PUNCT)) is not None
    return False


# Glyphs of a label's end that must read exactly beside the one a cover's edge cut.
_CUT_REST = 3


def _cut_glyph_misread(norm: str, phrase: str) -> bool:
    """Whether ``norm`` is the start or the end of ``phrase`` with the glyph at the cut end
    misread (上成内容 of 人工智能生成内容, a heart over 人工智能 and the left of 生): what a cover
    leaves of the glyph at its edge reads as another glyph, the rest as it is."""
    n = len(norm)
    if n < _CUT_REST + 1 or n >= len(phrase):
        return False
    head, tail = phrase[:n], phrase[-n:]
    return (norm[1:] == tail[1:] and norm[0] != tail[0]) or (
        norm[:-1] == head[:-1] and norm[-1] != head[-1]
    )


def degraded_elements(text: str, pack: RulePack) -> list[str]:
    """Elements this short line is a damaged copy of (empty for ordinary text)."""
    full = normalize(text)
    norm = full.strip(_PUNCT)
    if not norm or len(norm) > 14:
        return []
    out = []
    words = _price_word_digits(pack)
    if (
        _PRICE_WORD_ONLY.match(norm)
        or _price_word_then_sticker(norm, pack)
        or (_BARE_DECIMAL.match(full) and any(c.isdigit() for c in full))
        or _GARBLED_PRICE.search(full)
        or _SIGN_AS_GLYPH.match(full)
        or _UNIT_TAIL.match(full)
        or _GARBLED_UNIT_TAIL.match(full)
        or _BARE_WORD_NUMBER.match(full)
        or _KEY_WITHOUT_NUMBER.match(full)
        or (words is not None and words.search(full))
    ):
        out.append("price")
    if _INFO_CHEVRON.match(full) and "merchant_info" in pack.elements:
        out.append("merchant_info")
    for name, phrases in _phrases(pack).items():
        if name in out:
            continue
        if any(_cut_glyph_misread(norm, p) for p in phrases):
            out.append(name)
            continue
        for p in phrases:
            if len(p) < 3 or len(norm) > len(p) + 2:
                continue
            common = _lcs(norm, p)
            # Most of the phrase, in order, and not much else on the line.
            if common >= max(2, round(0.6 * len(p))) and common >= 0.6 * len(norm):
                out.append(name)
                break
    return out
