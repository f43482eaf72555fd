"""The on-screen rule pack (``resources/rules/onscreen.toml``), loaded, checked and compiled.

The file is the single source of the terms, patterns and article citations; nothing here knows
a Chinese word. Loading refuses a pack with a bad regex, a missing article, an unknown key or
an unknown seed, naming the file, the entry and what is wrong, because a typo in a shared policy
must never silently weaken the checks.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.rules.paths import rules_dir
from app.rules.text import has_cjk, normalize

DEFAULT_PACK = "onscreen.toml"
ELEMENT_NAMES: tuple[str, ...] = ("ad_label", "ai_disclosure", "merchant_info", "price")

_VERSION = re.compile(r"^\d{4}\.\d+\.\d+$")
_SEED_CITATION = re.compile(r"^(?P<seed>\d{3}) \S.*$")
_LAW_CITATION = re.compile(r"^《?[\u4e00-\u9fff]+法》? 第[一二三四五六七八九十百零]+条\S*$")


class RulePackError(ValueError):
    """The rule pack cannot be used; the message names the file, the entry and the fault."""


@dataclass(frozen=True)
class ElementRule:
    """One required on-screen element (V1 ad label, V2 AI disclosure, V3 merchant, V5 price)."""

    name: str
    rule: str
    article: str
    text: str
    patterns: tuple[re.Pattern[str], ...]
    phrases: tuple[str, ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    insufficient: tuple[str, ...] = ()
    # Every strict part of a phrase that is not itself a phrase: a line that is exactly one of
    # these shows part of a label (half covered, cut off by the frame edge).
    fragments: frozenset[str] = frozenset()
    # A phrase with one glyph inside it missing (此广告 of 此为广告): a sticker over the middle
    # of a label whose ends still show; as a whole line, it is a fragment too.
    gapped: frozenset[str] = frozenset()
    # A line that matches but whose named part stops short ("经营者：上海锦" of 上海锦绣科技有限
    # 公司): the rest of it is hidden, so it is a fragment, not the element.
    cut_short: tuple[re.Pattern[str], ...] = ()
    # A line that starts a label and stops where a cover begins (本场主播为 of 本场主播为AI数字
    # 人): no phrase matches it, but what it says is that the label's end is hidden.
    heads: tuple[re.Pattern[str], ...] = ()
    # Words a damaged copy of the element is recognised by (spotting.py) that do not satisfy
    # it on their own: a price's word (到手价) says a price stands there, not what it is.
    spot: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermRule:
    """A term that must never be shown (B1–B7), with the contexts in which it is innocent."""

    rule: str
    family: str
    term: str
    article: str
    pattern: re.Pattern[str]
    allow: tuple[re.Pattern[str], ...] = ()
    # The term and its variants as written (normalised), for near misses (match.near_banned).
    literals: tuple[str, ...] = ()


@dataclass(frozen=True)
class ComparisonRules:
    """V5 price comparison: compared-price words, actual-price words, discount patterns."""

    rule: str
    article: str
    text: str
    compared_words: tuple[str, ...]
    actual_words: tuple[str, ...]
    compared: re.Pattern[str]
    actual: re.Pattern[str]
    discount: re.Pattern[str]
    # Reductions only some buyers get (新人首单立减): not the compared price's reduction.
    discount_exclude: re.Pattern[str] | None = None


@dataclass(frozen=True)
class ViewerRules:
    """Text that belongs to viewers (chat), the platform's system lines or its chrome."""

    chat: tuple[re.Pattern[str], ...]
    room_label_key: re.Pattern[str]
    room_label_value: re.Pattern[str]
    system: re.Pattern[str]
    system_except: re.Pattern[str] | None
    chrome: re.Pattern[str]
    chrome_exact: frozenset[str]


@dataclass(frozen=True)
class PromoRules:
    """V6: promotion limit words, flagged only when the line states no number or time."""

    rule: str
    article: str
    text: str
    words: tuple[str, ...]
    pattern: re.Pattern[str]
    qualifier: re.Pattern[str]


@dataclass(frozen=True)
class RulePack:
    version: str
    elements: dict[str, ElementRule]
    banned: tuple[TermRule, ...]
    comparison: ComparisonRules
    viewer: ViewerRules
    promo: PromoRules
    path: Path
    sources: dict[str, str] = field(default_factory=dict)
    # Words printed on the stickers rooms put over the screen (热卖, 爆款): read into a label's
    # line before or after part of it, they are the sticker that hides the rest.
    sticker_words: tuple[str, ...] = ()
    # One alternation of every banned pattern: a line that misses it cannot hit any term.
    banned_any: re.Pattern[str] = field(default=re.compile(r"(?!)"), repr=False)


# Phrases this long are sentences (主播为虚拟形象, 本直播间主播为AI数字人): their two-character
# ends are common words.
_LONG_PHRASE = 7


def _gapped(phrases: tuple[str, ...]) -> frozenset[str]:
    """Each phrase with one CJK glyph between its ends left out (此广告, 数字直播).

    Only glyphs inside the phrase: without its first or last glyph a phrase is a fragment
    already. Only phrases of four glyphs or more: two glyphs of a three-glyph phrase are a word
    of their own as often as what a cover left.
    """
    out: set[str] = set()
    for phrase in phrases:
        if len(phrase) < 4:
            continue
        for i in range(1, len(phrase) - 1):
            if has_cjk(phrase[i]):
                out.add(phrase[:i] + phrase[i + 1 :])
    return frozenset(out - set(phrases))


def _fragments(phrases: tuple[str, ...]) -> frozenset[str]:
    """Strict prefixes and suffixes of the phrases: what is left when a cover, a frame edge or a
    scrolling banner hides one end of a label.

    A fragment needs a CJK character or two Latin characters: a lone ``a`` or ``i`` is noise.
    """
    out: set[str] = set()
    for phrase in phrases:
        for k in range(1, len(phrase)):
            for part in (phrase[:k], phrase[k:]):
                # One character of a long phrase is OCR noise as often as a covered label, and
                # two of a sentence-long one are a word of their own (主播 of 主播为虚拟形象).
                if len(part) < (3 if len(phrase) >= _LONG_PHRASE else 2 if len(phrase) > 3 else 1):
                    continue
                if has_cjk(part) or len(part) >= 2:
                    out.add(part)
    return frozenset(out - set(phrases))


def default_pack_path() -> Path:
    return rules_dir() / DEFAULT_PACK


def load_rule_pack(path: Path | None = None) -> RulePack:
    """Load and compile a rule pack (default ``resources/rules/onscreen.toml``); cached per path."""
    target = Path(path) if path is not None else default_pack_path()
    return _load_cached(target.resolve())


def clear_cache() -> None:
    """Forget loaded packs (tests; an editor that saved the file)."""
    _load_cached.cache_clear()


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path) -> RulePack:
    return _Parser(path).parse()


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.sources: dict[str, str] = {}

    # -- errors and primitive readers ------------------------------------------------------

    def fail(self, where: str, what: str) -> RulePackError:
        return RulePackError(f"{self.path}: {where}: {what}")

    def keys(self, table: Mapping[str, Any], where: str, required: set[str],
             optional: set[str]) -> None:
        unknown = sorted(set(table) - required - optional)
        if unknown:
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(where, f"unknown key {unknown[0]!r} (allowed: {allowed})")
        missing = sorted(required - set(table))
        if "article" in missing:
            raise self.fail(where, "missing article (cite the seed and article, e.g. "
                                   "'000 第二十条3')")
        if missing:
            raise self.fail(where, f"missing required key {missing[0]!r}")

    def table(self, data: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(where, f"[{key}] must be a table")
        return value

    def string(self, table: Mapping[str, Any], key: str, where: str, default: str | None = None
               ) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{key!r} must be a non-empty string")
        return value

    def strings(self, table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(where, f"{key!r} must be a list of non-empty strings")
        return tuple(value)

    def regex(self, source: str, where: str) -> re.Pattern[str]:
        try:
            return re.compile(source)
        except re.error as exc:
            raise self.fail(where, f"bad regex {source!r}: {exc}") from None

    def regexes(self, table: Mapping[str, Any], key: str, where: str
                ) -> tuple[re.Pattern[str], ...]:
        return tuple(
            self.regex(src, f"{where}: {key}[{i}]")
            for i, src in enumerate(self.strings(table, key, where))
        )

    def union(self, sources: Iterable[str], where: str) -> re.Pattern[str] | None:
        parts = [f"(?:{s})" for s in sources]
        return self.regex("|".join(parts), where) if parts else None

    def article(self, table: Mapping[str, Any], where: str) -> str:
        text = self.string(table, "article", where)
        for part in (p.strip() for p in text.split(";")):
            seed = _SEED_CITATION.match(part)
            if seed:
                if seed["seed"] not in self.sources:
                    raise self.fail(where, f"article {part!r} cites seed {seed['seed']} "
                                           f"not listed in [sources]")
            elif not _LAW_CITATION.match(part):
                raise self.fail(where, f"article {part!r} is not '<seed> 第N条[item]' "
                                       f"or '<law> 第N条'")
        return text

    @staticmethod
    def literal(phrase: str) -> str:
        return re.escape(normalize(phrase))

    # -- sections ----------------------------------------------------------------------------

    def parse(self) -> RulePack:
        try:
            with self.path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise RulePackError(f"{self.path}: rule pack not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise RulePackError(f"{self.path}: not valid TOML: {exc}") from None
        self.keys(data, "top level", {"version", "sources", "elements", "banned", "comparison",
                                      "viewer", "promo"}, {"stickers"})
        version = data["version"]
        if not isinstance(version, str) or not _VERSION.match(version):
            raise self.fail("version", f"{version!r} must look like '2026.11.1'")
        sources = self.table(data, "sources", "sources")
        if not all(isinstance(v, str) for v in sources.values()):
            raise self.fail("sources", "each seed must map to its title (a string)")
        self.sources = dict(sources)

        elements_t = self.table(data, "elements", "elements")
        self.keys(elements_t, "elements", set(ELEMENT_NAMES), set())
        elements = {name: self.element(name, elements_t[name]) for name in ELEMENT_NAMES}

        banned_t = data["banned"]
        if not isinstance(banned_t, list) or not banned_t:
            raise self.fail("banned", "[[banned]] must be a non-empty array of tables")
        banned = tuple(self.term(i, entry) for i, entry in enumerate(banned_t))
        seen: set[tuple[str, str]] = set()
        for t in banned:
            if (t.rule, t.term) in seen:
                raise self.fail(f"banned ({t.rule} {t.term})", "duplicate term")
            seen.add((t.rule, t.term))
        banned_any = self.union((t.pattern.pattern for t in banned), "banned") or re.compile("(?!)")

        stickers_t = self.table(data, "stickers", "stickers") if "stickers" in data else {}
        self.keys(stickers_t, "stickers", set(), {"words"})
        sticker_words = tuple(normalize(w) for w in self.strings(stickers_t, "words", "stickers"))

        return RulePack(
            version=version,
            elements=elements,
            banned=banned,
            comparison=self.comparison(self.table(data, "comparison", "comparison")),
            viewer=self.viewer(self.table(data, "viewer", "viewer")),
            promo=self.promo(self.table(data, "promo", "promo")),
            path=self.path,
            sources=self.sources,
            sticker_words=sticker_words,
            banned_any=banned_any,
        )

    def element(self, name: str, table: Any) -> ElementRule:
        where = f"elements.{name}"
        if not isinstance(table, dict):
            raise self.fail(where, "must be a table")
        self.keys(table, where, {"rule", "article", "text"},
                  {"phrases", "patterns", "exclude", "insufficient", "cut_short", "heads", "spot"})
        phrases = tuple(normalize(p) for p in self.strings(table, "phrases", where))
        regexes = self.regexes(table, "patterns", where)
        if not phrases and not regexes:
            raise self.fail(where, "needs at least one of 'phrases' or 'patterns'")
        # Longest phrase first, so a line reports the fullest label it shows (广告AD, not 广告).
        longest = sorted(phrases, key=len, reverse=True)
        patterns = tuple(self.regex(re.escape(p), f"{where}: phrases") for p in longest) + regexes
        return ElementRule(
            name=name,
            rule=self.string(table, "rule", where),
            article=self.article(table, where),
            text=self.string(table, "text", where),
            patterns=patterns,
            phrases=phrases,
            exclude=self.regexes(table, "exclude", where),
            insufficient=tuple(normalize(p) for p in self.strings(table, "insufficient", where)),
            fragments=_fragments(phrases),
            gapped=_gapped(phrases),
            cut_short=self.regexes(table, "cut_short", where),
            heads=self.regexes(table, "heads", where),
            spot=tuple(normalize(p) for p in self.strings(table, "spot", where)),
        )

    def term(self, i: int, table: Any) -> TermRule:
        where = f"banned[{i}]"
        if not isinstance(table, dict):
            raise self.fail(where, "must be a table")
        if isinstance(table.get("term"), str):
            where = f"banned[{i}] ({table.get('rule', '?')} {table['term']})"
        self.keys(table, where, {"rule", "family", "term", "article"},
                  {"variants", "regex", "allow"})
        term = self.string(table, "term", where)
        literals = tuple(
            dict.fromkeys(normalize(w) for w in [term, *self.strings(table, "variants", where)])
        )
        sources = [re.escape(w) for w in literals]
        sources += [r.pattern for r in self.regexes(table, "regex", where)]
        # Longest alternatives first so finditer prefers the fuller spelling.
        sources = sorted(dict.fromkeys(sources), key=len, reverse=True)
        return TermRule(
            rule=self.string(table, "rule", where),
            family=self.string(table, "family", where),
            term=term,
            article=self.article(table, where),
            pattern=self.union(sources, where) or re.compile("(?!)"),
            allow=self.regexes(table, "allow", where),
            literals=literals,
        )

    def comparison(self, table: Mapping[str, Any]) -> ComparisonRules:
        where = "comparison"
        self.keys(table, where, {"rule", "article", "text", "compared_words", "actual_words",
                                 "discount_patterns"}, {"discount_exclude"})
        compared_words = self.strings(table, "compared_words", where)
        actual_words = self.strings(table, "actual_words", where)
        discounts = self.regexes(table, "discount_patterns", where)
        if not compared_words or not actual_words or not discounts:
            raise self.fail(where, "compared_words, actual_words and discount_patterns "
                                   "must not be empty")

        def words(ws: Iterable[str]) -> str:
            return "|".join(sorted((self.literal(w) for w in ws), key=len, reverse=True))

        return ComparisonRules(
            rule=self.string(table, "rule", where),
            article=self.article(table, where),
            text=self.string(table, "text", where),
            compared_words=compared_words,
            actual_words=actual_words,
            compared=self.regex(words(compared_words), f"{where}: compared_words"),
            actual=self.regex(words(actual_words), f"{where}: actual_words"),
            discount=self.union((d.pattern for d in discounts), f"{where}: discount_patterns")
            or re.compile("(?!)"),
            discount_exclude=self.union(
                (d.pattern for d in self.regexes(table, "discount_exclude", where)),
                f"{where}: discount_exclude",
            ),
        )

    def viewer(self, table: Mapping[str, Any]) -> ViewerRules:
        where = "viewer"
        self.keys(table, where, {"chat", "system", "chrome"},
                  {"room_label_keys", "room_label_values", "system_except", "chrome_exact"})
        chat = self.regexes(table, "chat", where)
        for i, pat in enumerate(chat):
            if "nick" not in pat.groupindex:
                raise self.fail(f"{where}: chat[{i}]", "needs a (?P<nick>...) group")
        keys = self.regexes(table, "room_label_keys", where)
        system = self.regexes(table, "system", where)
        chrome = self.regexes(table, "chrome", where)
        never = re.compile("(?!)")
        return ViewerRules(
            chat=chat,
            room_label_key=self.union((k.pattern for k in keys), f"{where}: room_label_keys")
            or never,
            room_label_value=self.union(
                (k.pattern for k in self.regexes(table, "room_label_values", where)),
                f"{where}: room_label_values") or never,
            system=self.union((s.pattern for s in system), f"{where}: system") or never,
            system_except=self.union(
                (s.pattern for s in self.regexes(table, "system_except", where)),
                f"{where}: system_except"),
            chrome=self.union((c.pattern for c in chrome), f"{where}: chrome") or never,
            chrome_exact=frozenset(normalize(c) for c in self.strings(table, "chrome_exact",
                                                                       where)),
        )

    def promo(self, table: Mapping[str, Any]) -> PromoRules:
        where = "promo"
        self.keys(table, where, {"rule", "article", "text", "words", "qualifiers"}, set())
        words = self.strings(table, "words", where)
        qualifiers = self.regexes(table, "qualifiers", where)
        if not words or not qualifiers:
            raise self.fail(where, "words and qualifiers must not be empty")
        alternation = "|".join(sorted((self.literal(w) for w in words), key=len, reverse=True))
        return PromoRules(
            rule=self.string(table, "rule", where),
            article=self.article(table, where),
            text=self.string(table, "text", where),
            words=words,
            pattern=self.regex(alternation, f"{where}: words"),
            qualifier=self.union((q.pattern for q in qualifiers), f"{where}: qualifiers")
            or re.compile("(?!)"),
        )
