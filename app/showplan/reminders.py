"""Which statements the host must say, from ``resources/rules/reminders.toml``.

The rules are data, not code, so a compliance officer can reword a sentence or add a category to
a warning without a release, and every rule carries its article. This module only evaluates the
``when`` conditions and fills the sentences with the product's own facts.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.showplan import categories
from app.showplan.model import Product, Reminder, ShowOptions

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DEFAULT_RULES = RESOURCES / "rules" / "reminders.toml"

#: Every reminder id the requirements define (REQUIREMENTS.md section C plus 广告法 16/18).
REMINDER_IDS: tuple[str, ...] = (
    "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "AD16", "AD18",
)
#: What an empty column reads as in a sentence: honest, and still sayable aloud.
EMPTY_FACT = "以商品详情页标示为准"

_PRODUCT_CONDITIONS = frozenset(
    {"categories", "seven_day_return", "cross_border", "ad_segment", "ad_label_continuous",
     "any_filled"}
)
_SHOW_CONDITIONS = frozenset({"ai_host"})
_FIELDS = frozenset(
    {"id", "scope", "title", "mandatory", "article", "sentence", "when", "every_minutes"}
)


class RuleError(ValueError):
    """The rules file is malformed; the message names the entry and what is wrong."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One ``[[reminder]]`` entry of the rules file."""

    id: str
    scope: str
    title: str
    mandatory: bool
    article: str
    sentence: str
    when: MappingProxyType[str, Any]
    every_minutes: int | None = None

    def matches(self, product: Product | None, options: ShowOptions) -> bool:
        """True when every condition in ``when`` holds for this product and show."""
        for key, expected in self.when.items():
            if key == "ai_host":
                actual: object = options.ai_host
            elif key == "ad_label_continuous":
                actual = options.ad_label_continuous
            elif product is None:
                return False
            elif key == "categories":
                if product.category not in expected:
                    return False
                continue
            elif key == "any_filled":
                facts = product.facts()
                if not any(facts.get(col, "").strip() for col in expected):
                    return False
                continue
            elif key == "ad_segment":
                actual = options.is_ad(product)
            else:
                actual = getattr(product, key)
            if actual != expected:
                return False
        return True


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All rules in file order; first matching variant of an id wins."""

    rules: tuple[Rule, ...]

    def ids(self) -> list[str]:
        """Distinct ids in file order."""
        return list(dict.fromkeys(r.id for r in self.rules))


def _check_entry(index: int, raw: dict[str, Any]) -> Rule:
    label = f"reminders.toml 第{index + 1}条规则 ({raw.get('id', '?')})"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise RuleError(f"{label}: 未知字段 {sorted(unknown)}")
    for key in ("id", "scope", "title", "article", "sentence"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RuleError(f"{label}: 缺少 {key}")
    if raw["id"] not in REMINDER_IDS:
        raise RuleError(f"{label}: id 须为 {', '.join(REMINDER_IDS)} 之一")
    if raw["scope"] not in ("product", "show"):
        raise RuleError(f"{label}: scope 须为 product 或 show")
    if not isinstance(raw.get("mandatory"), bool):
        raise RuleError(f"{label}: mandatory 须为 true 或 false")
    when = raw.get("when", {})
    allowed = _PRODUCT_CONDITIONS | _SHOW_CONDITIONS
    if raw["scope"] == "show":
        allowed = _SHOW_CONDITIONS
    if not isinstance(when, dict) or set(when) - allowed:
        raise RuleError(f"{label}: when 只能使用 {sorted(allowed)}")
    for name in when.get("categories", []):
        if name not in categories.BY_NAME:
            raise RuleError(f"{label}: 未知商品类目 {name}")
    fields = {f for _, f, _, _ in string.Formatter().parse(raw["sentence"]) if f}
    unknown_facts = fields - set(_FACT_NAMES)
    if unknown_facts:
        raise RuleError(f"{label}: 句子中的 {sorted(unknown_facts)} 不是表头名称")
    every = raw.get("every_minutes")
    if raw["scope"] == "show" and (not isinstance(every, int) or every <= 0):
        raise RuleError(f"{label}: 节目级提醒须有正整数 every_minutes")
    return Rule(
        id=raw["id"],
        scope=raw["scope"],
        title=raw["title"].strip(),
        mandatory=raw["mandatory"],
        article=raw["article"].strip(),
        sentence=raw["sentence"].strip(),
        when=MappingProxyType(dict(when)),
        every_minutes=every,
    )


_FACT_NAMES: tuple[str, ...] = (
    "商品名称", "商品类目", "规格", "售价", "对比价", "对比价说明", "促销规则", "经营者名称",
    "统一社会信用代码", "经营者地址", "联系电话", "资质证照", "不适用原因", "生产日期", "保质期",
    "讲解要点",
)


def parse_rules(text: str) -> RuleSet:
    """Parse and check a rules file's text; RuleError says which entry is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"reminders.toml 不是有效的 TOML：{exc}") from exc
    entries = data.get("reminder")
    if not isinstance(entries, list) or not entries:
        raise RuleError("reminders.toml 中没有 [[reminder]] 规则")
    rules = tuple(_check_entry(i, e) for i, e in enumerate(entries))
    missing = [i for i in REMINDER_IDS if i not in {r.id for r in rules}]
    if missing:
        raise RuleError(f"reminders.toml 缺少提醒 {', '.join(missing)}")
    return RuleSet(rules)


@lru_cache(maxsize=4)
def load_rules(path: Path = DEFAULT_RULES) -> RuleSet:
    """The rule set from a file (cached: the teleprompter asks for it on every product)."""
    return parse_rules(path.read_text(encoding="utf-8"))


class _Facts(dict[str, str]):
    def __missing__(self, key: str) -> str:  # pragma: no cover - parse_rules rejects unknown keys
        return EMPTY_FACT


def fill(sentence: str, product: Product | None) -> str:
    """Fill ``{列名}`` placeholders with the product's facts; empty ones read as EMPTY_FACT."""
    if product is None:
        return sentence
    facts = _Facts({k: (v.strip() or EMPTY_FACT) for k, v in product.facts().items()})
    return sentence.format_map(facts)


def reminders_for(
    product: Product, show_options: ShowOptions | None = None, rules: RuleSet | None = None
) -> list[Reminder]:
    """The product-level reminders due for ``product``, one per id, in the rules file's order."""
    options = show_options or ShowOptions()
    rules = rules or load_rules()
    chosen: dict[str, Rule] = {}
    for rule in rules.rules:
        if rule.scope == "product" and rule.id not in chosen and rule.matches(product, options):
            chosen[rule.id] = rule
    ordered = sorted(chosen.values(), key=lambda r: REMINDER_IDS.index(r.id))
    return [
        Reminder(
            id=r.id,
            product_row=product.row,
            text=r.title,
            sentence=fill(r.sentence, product),
            mandatory=r.mandatory,
            article=r.article,
        )
        for r in ordered
    ]


def show_reminders(
    show_options: ShowOptions | None = None, rules: RuleSet | None = None
) -> list[Reminder]:
    """Show-level reminders (S9, S10): not tied to a product, repeated every N minutes."""
    options = show_options or ShowOptions()
    rules = rules or load_rules()
    chosen: dict[str, Rule] = {}
    for rule in rules.rules:
        if rule.scope == "show" and rule.id not in chosen and rule.matches(None, options):
            chosen[rule.id] = rule
    return [
        Reminder(
            id=r.id,
            product_row=None,
            text=r.title,
            sentence=r.sentence,
            mandatory=r.mandatory,
            article=r.article,
            every_minutes=r.every_minutes,
        )
        for r in chosen.values()
    ]


def rules_by_category(rules: RuleSet | None = None) -> dict[str, list[str]]:
    """Reminder ids a category always gets (flag-driven ones aside), for docs and the template."""
    rules = rules or load_rules()
    out: dict[str, list[str]] = {}
    for category in categories.CATEGORIES:
        ids = ["S1", "S4"]
        for rule in rules.rules:
            if rule.scope != "product":
                continue
            cats = rule.when.get("categories")
            if cats and category.name in cats and set(rule.when) == {"categories"}:
                ids.append(rule.id)
        out[category.name] = sorted(set(ids), key=REMINDER_IDS.index)
    return out
