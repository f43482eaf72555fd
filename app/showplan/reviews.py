"""The two reviews the room must keep on file for three years.

R2 product selection review (选品审核): 001 第二十四条 (check the merchant's name, 统一社会信用代码,
address, contact, licences and quality certificates, keep the record ≥ 3 years) and
001 第三十三条 (a selection mechanism with kept review records).

R3 pre-show review (前置审核): 001 第三十四条 (before going live, verify the hosts' identity and
review display content, script, costume and props, and the set) and 001 第二十五条 (the hosts'
identity checked and kept on file).

Both are plain data with who/when, written through the same injected ``record`` callable as the
teleprompter's events, so the evidence store keeps them beside the show they belong to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.showplan.model import PlanError, Product, Recorder, now_local

#: What a selection review checks for one product (001 第二十四条).
SELECTION_ITEMS: tuple[str, ...] = (
    "经营者名称", "统一社会信用代码", "住所", "联系方式", "行政许可", "合格证明文件", "营销用语",
)
#: What the pre-show review covers (001 第三十四条; host identity also 001 第二十五条).
PRESHOW_ITEMS: tuple[str, ...] = ("展示内容", "讲解内容", "服装", "道具", "现场布景", "主播身份")


def _checked(
    items: Mapping[str, bool] | Iterable[str], allowed: tuple[str, ...]
) -> dict[str, bool]:
    ticked = dict(items) if isinstance(items, Mapping) else dict.fromkeys(items, True)
    unknown = set(ticked) - set(allowed)
    if unknown:
        raise PlanError(f"未知的审核项：{'、'.join(sorted(unknown))}；可用：{'、'.join(allowed)}")
    return {name: bool(ticked.get(name, False)) for name in allowed}


@dataclass(frozen=True, slots=True)
class SelectionReview:
    """R2: one product's selection review, by a named reviewer, at a time."""

    product_row: int
    product_name: str
    merchant_name: str
    uscc: str
    merchant_address: str
    phone: str
    licences: str
    reviewer: str
    reviewed_at: datetime
    items: dict[str, bool]
    approved: bool
    quality_certificates: str = ""
    notes: str = ""

    @classmethod
    def for_product(
        cls,
        product: Product,
        reviewer: str,
        checked: Mapping[str, bool] | Iterable[str],
        *,
        approved: bool,
        quality_certificates: str = "",
        notes: str = "",
        at: datetime | None = None,
    ) -> SelectionReview:
        """Review ``product`` with the merchant facts copied from the rundown at review time.

        Approval with an item left unchecked is refused: that record would claim a check that
        was not made.
        """
        reviewer = reviewer.strip()
        if not reviewer:
            raise PlanError("选品审核须填写审核人")
        items = _checked(checked, SELECTION_ITEMS)
        if approved and not all(items.values()):
            left = "、".join(k for k, v in items.items() if not v)
            raise PlanError(f"尚未核验：{left}；全部核验后才能通过选品审核")
        return cls(
            product_row=product.row,
            product_name=product.name,
            merchant_name=product.merchant_name,
            uscc=product.uscc,
            merchant_address=product.merchant_address,
            phone=product.phone,
            licences=product.licences,
            reviewer=reviewer,
            reviewed_at=at or now_local(),
            items=items,
            approved=approved,
            quality_certificates=quality_certificates.strip(),
            notes=notes.strip(),
        )

    def payload(self) -> dict[str, object]:
        """The record as the evidence store keeps it."""
        return {
            "at": self.reviewed_at.isoformat(),
            "row": self.product_row,
            "product": self.product_name,
            "merchant_name": self.merchant_name,
            "uscc": self.uscc,
            "merchant_address": self.merchant_address,
            "phone": self.phone,
            "licences": self.licences,
            "quality_certificates": self.quality_certificates,
            "reviewer": self.reviewer,
            "items": dict(self.items),
            "approved": self.approved,
            "notes": self.notes,
            "article": "001 第二十四条；001 第三十三条",
        }

    def record_to(self, record: Recorder) -> None:
        """Write the review as a ``selection_review`` record."""
        record("selection_review", self.payload())


@dataclass(frozen=True, slots=True)
class PreshowChecklist:
    """R3: the pre-show review of one show, by a named person, at a time."""

    checked_by: str
    checked_at: datetime
    items: dict[str, bool]
    hosts: tuple[str, ...] = field(default_factory=tuple)
    notes: str = ""

    @classmethod
    def create(
        cls,
        checked_by: str,
        checked: Mapping[str, bool] | Iterable[str],
        *,
        hosts: Iterable[str] = (),
        notes: str = "",
        at: datetime | None = None,
    ) -> PreshowChecklist:
        """A checklist; ``hosts`` names those whose identity was verified (needed for 主播身份)."""
        checked_by = checked_by.strip()
        if not checked_by:
            raise PlanError("开播前审核须填写审核人")
        items = _checked(checked, PRESHOW_ITEMS)
        host_names = tuple(h.strip() for h in hosts if h.strip())
        if items["主播身份"] and not host_names:
            raise PlanError("已勾选“主播身份”时须填写核验过身份的主播姓名")
        return cls(checked_by, at or now_local(), items, host_names, notes.strip())

    @property
    def complete(self) -> bool:
        """Every item reviewed: the show is cleared to go live as far as R3 goes."""
        return all(self.items.values())

    @property
    def missing(self) -> list[str]:
        """Items not yet reviewed, in checklist order."""
        return [k for k, v in self.items.items() if not v]

    def payload(self) -> dict[str, object]:
        """The record as the evidence store keeps it."""
        return {
            "at": self.checked_at.isoformat(),
            "checked_by": self.checked_by,
            "items": dict(self.items),
            "hosts": list(self.hosts),
            "complete": self.complete,
            "notes": self.notes,
            "article": "001 第三十四条；001 第二十五条",
        }

    def record_to(self, record: Recorder) -> None:
        """Write the checklist as a ``preshow_checklist`` record."""
        record("preshow_checklist", self.payload())
