"""Text normalisation for matching OCR lines against the rule pack.

Every pattern in the rule pack is written against *normalised* text, and every OCR line is
normalised the same way before matching. What :func:`normalize` does, in order:

1. **NFKC**: full-width Latin, digits and punctuation become ASCII (``ＡＩ`` → ``AI``,
   ``１２３`` → ``123``, ``：`` → ``:``, ``￥`` → ``¥``, ``％`` → ``%``), the ideographic space
   becomes a space, roman numerals become letters (``Ⅰ`` → ``I``).
2. **Lower-case** (Latin only; CJK has no case): ``AD广告`` → ``ad广告``.
3. **Remove** every whitespace and zero-width character (ZWSP, ZWNJ, ZWJ, word joiner, BOM,
   soft hyphen), so ``全 网 最 低 价`` matches ``全网最低价``.
4. **Unify punctuation** NFKC leaves alone: ``【】〔〕`` → ``[]``, CJK quotes → ``"`` / ``'``,
   dashes → ``-``, ``。`` → ``.``, ``、`` → ``,``, middle dots → ``·``, ``丨`` → ``|``,
   ratio sign ``∶`` → ``:``.
5. **Traditional → simplified** for the characters the rule pack's terms use (``廣告`` →
   ``广告``, ``價`` → ``价``…); a small table, not a converter.
6. **An icon before the text**: a circled digit or ⓘ that starts the line is dropped. It is
   the ⓘ info icon many overlays put before a label, which PP-OCR reads as ①; NFKC would turn
   it into a digit glued to the label ("①¥69" → "1¥69", a garbled price; "①券后价" → no longer
   a bare price word).
7. **OCR confusions** that are safe to fold everywhere (length-preserving, so spans still map):
   - ``Al`` / ``A1`` / ``A|`` / ``A!`` standing alone (no Latin letter or digit around it) →
     ``ai``: Tesseract reads the capital I of "AI" as a lower-case l, RapidOCR sometimes as 1.
   - ``o`` inside or right after a number (``1oo元``, ``5o%``) → ``0``.
   - ``l`` / ``i`` / ``|`` between two digits (``1l9``) → ``1``.

Confusions that depend on context are *not* folded here but written into the rule pack as
variants, because folding them everywhere would corrupt other text: ``Y`` / ``V`` for ``¥``
before a number (folding would break ``加V`` and ``VX``), ``看`` for ``者`` in ``经营者``
(folding would break ``人看过``), ``宇`` for ``字`` in ``数字人``, ``厂`` for ``广`` in ``广告``.

:func:`normalize_with_map` returns, beside the normalised text, for each of its characters the
index of the original character it came from, so a match can be mapped back to the OCR line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_SPACES = " \t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)

_PUNCT = {
    "【": "[", "】": "]", "〔": "[", "〕": "]", "〖": "[", "〗": "]",
    "“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"', "„": '"',
    "‘": "'", "’": "'",
    "—": "-", "–": "-", "―": "-", "﹣": "-", "‐": "-", "‑": "-", "−": "-",
    "。": ".", "、": ",", "・": "·", "•": "·", "‧": "·", "∙": "·",
    "丨": "|", "∶": ":",
}  # fmt: skip

# Traditional forms of the characters our terms and labels use; one character each way.
_TRAD = (
    "廣價優無線號營業執體資質證數虛擬絕專國級網歷醫藥處煙電單現貨銷標內減門場點讚關註來禮員購"
    "搶時當費萬買賣錢與為這個們說話對開後劃櫃參議廠戶極頂僅貼裝歡進間務聯係從讓鏈結碼掃環節團"
    "寶權顯積贈領將鐘樣選獨並範訊導區臺",
    "广价优无线号营业执体资质证数虚拟绝专国级网历医药处烟电单现货销标内减门场点赞关注来礼员购"
    "抢时当费万买卖钱与为这个们说话对开后划柜参议厂户极顶仅贴装欢进间务联系从让链结码扫环节团"
    "宝权显积赠领将钟样选独并范讯导区台",
)
_TRAD_PAIRS = dict(zip(_TRAD[0], _TRAD[1], strict=True))

_TABLE: dict[int, str | None] = {ord(c): None for c in _ZERO_WIDTH + _SPACES}
_TABLE.update({ord(k): v for k, v in _PUNCT.items()})
_TABLE.update({ord(k): v for k, v in _TRAD_PAIRS.items()})

_AI_CONFUSION = re.compile(r"(?<![a-z0-9])a[l1|!](?![a-z0-9])")
_O_IN_NUMBER = re.compile(r"(?<=\d)o+(?=[\d%元折万.]|$)|(?<=\d)o+(?=o*\d)")
_ONE_IN_NUMBER = re.compile(r"(?<=\d)[li|](?=\d)")


def _fold_context(s: str) -> str:
    if "a" in s:
        s = _AI_CONFUSION.sub("ai", s)
    if "o" in s or "l" in s or "i" in s or "|" in s:
        s = _O_IN_NUMBER.sub(lambda m: "0" * len(m.group()), s)
        s = _ONE_IN_NUMBER.sub("1", s)
    return s


# Circled digits ①–⑳, circled capital I and small i (ⓘ); after the icon, a closing bracket its
# rim may leave ("①)秒杀价").
_ICONS = frozenset(chr(c) for c in range(0x2460, 0x2474)) | {"\u24be", "\u24d8"}
_LEADING_ICON = re.compile(r"^\s*[\u2460-\u2473\u24be\u24d8]+[)）]?")


def _icon_end(text: str) -> int:
    """How many characters of ``text`` are a leading icon (0 for none)."""
    first = text.lstrip()[:1]
    if not first or first not in _ICONS:
        return 0
    m = _LEADING_ICON.match(text)
    return m.end() if m else 0


def normalize(text: str) -> str:
    """The form every rule-pack pattern is matched against (see the module docstring)."""
    s = unicodedata.normalize("NFKC", text[_icon_end(text) :]).lower().translate(_TABLE)
    return _fold_context(s)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised line and, per normalised character, the index of its source character."""

    original: str
    text: str
    index: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that produced ``text[start:end]`` (end exclusive)."""
        if not self.index or start >= end:
            return (0, 0)
        return (self.index[start], self.index[end - 1] + 1)


def normalize_with_map(text: str) -> NormalizedText:
    """Normalise ``text`` and keep, for each output character, where it came from.

    Works character by character; where that differs from :func:`normalize` (combining
    sequences, which NFKC composes across characters) every output character maps to the
    whole original line, so callers still report the whole line.
    """
    chars: list[str] = []
    index: list[int] = []
    skip = _icon_end(text)
    for i, ch in enumerate(text):
        if i < skip:
            continue
        out = unicodedata.normalize("NFKC", ch).lower().translate(_TABLE)
        chars.append(out)
        index.extend([i] * len(out))
    joined = _fold_context("".join(chars))
    expected = normalize(text)
    if joined != expected:
        span = [0] * len(expected)
        if expected and text:
            span[-1] = len(text) - 1
        return NormalizedText(text, expected, tuple(span))
    return NormalizedText(text, joined, tuple(index))


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None
