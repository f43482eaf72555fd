"""The show plan: the rundown's products, the reminders each needs, the negative-list findings.

Plain dataclasses with no I/O so that the GUI, the teleprompter and the CLI all share one picture
of the show, and tests can build one without a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from app.showplan.prices import format_price

#: The evidence store's entry point: ``record(kind, payload)``. Injected, so this package never
#: imports the store and tests can pass ``lambda k, p: events.append((k, p))``.
Recorder = Callable[[str, dict[str, object]], None]


def now_local() -> datetime:
    """Aware local time: records are read by inspectors in China, so keep the offset."""
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class Product:
    """One rundown row. ``row`` is the row number Excel shows (header = row 1)."""

    row: int
    name: str
    category: str
    spec: str
    price: Decimal
    merchant_name: str
    uscc: str
    seven_day_return: bool
    compared_price: Decimal | None = None
    compared_price_note: str = ""
    promotion: str = ""
    merchant_address: str = ""
    phone: str = ""
    licences: str = ""
    cross_border: bool = False
    return_exclusion_reason: str = ""
    production_date: str = ""
    shelf_life: str = ""
    script: str = ""
    ad_segment: bool = False

    def facts(self) -> dict[str, str]:
        """The product's fields under their rundown headers, for filling reminder sentences."""
        return {
            "商品名称": self.name,
            "商品类目": self.category,
            "规格": self.spec,
            "售价": format_price(self.price),
            "对比价": "" if self.compared_price is None else format_price(self.compared_price),
            "对比价说明": self.compared_price_note,
            "促销规则": self.promotion,
            "经营者名称": self.merchant_name,
            "统一社会信用代码": self.uscc,
            "经营者地址": self.merchant_address,
            "联系电话": self.phone,
            "资质证照": self.licences,
            "不适用原因": self.return_exclusion_reason,
            "生产日期": self.production_date,
            "保质期": self.shelf_life,
            "讲解要点": self.script,
        }


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something the host must say, with a sentence they can read aloud and the article behind it.

    ``product_row`` is None for show-level reminders (S9, S10), which repeat every
    ``every_minutes`` instead of belonging to one product.
    """

    id: str
    product_row: int | None
    text: str
    sentence: str
    mandatory: bool
    article: str
    every_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class AdSegment:
    """A paid segment (坑位费/品牌投放) the room must mark as advertising (000 第十条5)."""

    product_row: int
    advertiser: str = ""


@dataclass(frozen=True, slots=True)
class ShowOptions:
    """Facts about the show rather than a product, which change the reminders due.

    ``ad_rows`` adds ad segments on top of rows marked 广告时段=是 in the rundown.
    ``ad_label_continuous`` says a 广告 label stays in a top corner for the whole segment; then
    the spoken cues (S5) are optional, because 000 第十条5 accepts either.
    """

    ai_host: bool = False
    ad_rows: frozenset[int] = frozenset()
    ad_label_continuous: bool = False

    def is_ad(self, product: Product) -> bool:
        """Whether the product's segment is advertising, from the rundown or the options."""
        return product.ad_segment or product.row in self.ad_rows


@dataclass(slots=True)
class Finding:
    """A negative-list hit (R5, 000 第六条): blocks the show until removed or justified."""

    row: int
    product_name: str
    rule: str
    article: str
    message: str
    justified_by: str = ""
    justification: str = ""
    justified_at: datetime | None = None

    @property
    def blocking(self) -> bool:
        """Unjustified findings stop the show from starting."""
        return not self.justified_by

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape (a contract: row, rule, article, message)."""
        return {
            "row": self.row, "rule": self.rule, "article": self.article, "message": self.message
        }


@dataclass(frozen=True, slots=True)
class RundownError:
    """One thing to fix in the file; ``row``/``column`` are None when it concerns the whole file."""

    row: int | None
    column: str | None
    message: str

    def to_json(self) -> dict[str, object]:
        """The CLI's JSON shape (a contract: row, column, message)."""
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(f"【{self.column}】")
        return f"{''.join(where)}：{self.message}" if where else self.message


class PlanError(ValueError):
    """A plan operation the operator asked for cannot be done (unknown row, empty reason…)."""


@dataclass(slots=True)
class ShowPlan:
    """A complete, validated rundown: what the teleprompter walks through."""

    products: list[Product]
    show_reminders: list[Reminder]
    findings: list[Finding] = field(default_factory=list)
    options: ShowOptions = field(default_factory=ShowOptions)

    @property
    def blocking_findings(self) -> list[Finding]:
        """Findings not yet justified; the show may start only when this is empty."""
        return [f for f in self.findings if f.blocking]

    @property
    def can_start(self) -> bool:
        """True when no negative-list finding is left open."""
        return not self.blocking_findings

    def product(self, row: int) -> Product:
        """The product on an Excel row, or PlanError naming the row."""
        for product in self.products:
            if product.row == row:
                return product
        raise PlanError(f"第{row}行没有商品")

    def reminders(self, product: Product) -> list[Reminder]:
        """The reminders this product needs under this show's options."""
        from app.showplan.reminders import reminders_for

        return reminders_for(product, self.options)

    def justify(
        self,
        row: int,
        who: str,
        reason: str,
        *,
        record: Recorder | None = None,
        at: datetime | None = None,
    ) -> list[Finding]:
        """Accept the open findings on ``row`` with a named person's reason.

        Both are required because the justification is the room's evidence that the product was
        checked against 000 第六条 (e.g. a licence held on paper); it is recorded as
        ``negative_list_justified`` when a recorder is given.
        """
        who, reason = who.strip(), reason.strip()
        if not who or not reason:
            raise PlanError("登记理由时须填写登记人和理由")
        self.product(row)
        open_findings = [f for f in self.findings if f.row == row and f.blocking]
        if not open_findings:
            raise PlanError(f"第{row}行没有待处理的负面清单提示")
        at = at or now_local()
        for finding in open_findings:
            finding.justified_by, finding.justification, finding.justified_at = who, reason, at
            if record is not None:
                record(
                    "negative_list_justified",
                    {
                        "at": at.isoformat(),
                        "row": row,
                        "product": finding.product_name,
                        "rule": finding.rule,
                        "article": finding.article,
                        "message": finding.message,
                        "who": who,
                        "reason": reason,
                    },
                )
        return open_findings

    def remove_product(self, row: int) -> Product:
        """Take a product out of the show, with its findings (the other way to clear R5)."""
        product = self.product(row)
        self.products = [p for p in self.products if p.row != row]
        self.findings = [f for f in self.findings if f.row != row]
        return product

    def with_options(self, options: ShowOptions) -> ShowPlan:
        """The same plan under other show options (AI host, ad segments), reminders recomputed."""
        from app.showplan.reminders import show_reminders

        return replace(self, show_reminders=show_reminders(options), options=options)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Either a complete plan or the errors that prevent one — never both, never half."""

    plan: ShowPlan | None
    errors: list[RundownError]

    @property
    def ok(self) -> bool:
        """True when the rundown imported completely."""
        return self.plan is not None
