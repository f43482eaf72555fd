"""What the frame checker says about one frame; the JSON shape is part of the CLI contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.geometry import Box


class Status(StrEnum):
    OK = "ok"
    MISSING = "missing"
    ILLEGIBLE = "illegible"
    OCCLUDED = "occluded"
    MISPLACED = "misplaced"
    NOT_REQUIRED = "not_required"


ELEMENTS: tuple[str, ...] = ("ad_label", "ai_disclosure", "merchant_info", "price")


@dataclass(slots=True)
class ElementFinding:
    element: str
    status: Status
    rule: str
    article: str
    text: str = ""
    box: Box | None = None
    confidence: float = 0.0
    glyph_px: float | None = None
    contrast: float | None = None
    occluded_fraction: float | None = None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status.value,
            "text": self.text,
            "bbox": self.box.to_list() if self.box else None,
            "confidence": round(self.confidence, 3),
            "glyph_px": None if self.glyph_px is None else round(self.glyph_px, 1),
            "contrast": None if self.contrast is None else round(self.contrast, 2),
            "rule": self.rule,
            "article": self.article,
        }
        if self.occluded_fraction is not None:
            out["occluded_fraction"] = round(self.occluded_fraction, 3)
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True, slots=True)
class BannedHit:
    term: str
    text: str
    box: Box
    rule: str
    article: str
    family: str = ""
    canonical: str = ""  # the rule pack's name for the term, stable across OCR variants

    def to_json(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "text": self.text,
            "bbox": self.box.to_list(),
            "rule": self.rule,
            "article": self.article,
            "family": self.family,
        }


@dataclass(frozen=True, slots=True)
class PriceComparisonFinding:
    """A comparison price is shown; ``missing`` lists what the law also wants shown."""

    compared_text: str
    box: Box
    missing: tuple[str, ...]
    rule: str
    article: str

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.compared_text,
            "bbox": self.box.to_list(),
            "missing": list(self.missing),
            "ok": not self.missing,
            "rule": self.rule,
            "article": self.article,
        }


@dataclass(frozen=True, slots=True)
class QrFinding:
    box: Box
    payload: str
    rule: str = "B5"
    article: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "bbox": self.box.to_list(),
            "payload": self.payload,
            "rule": self.rule,
            "article": self.article,
        }


@dataclass(slots=True)
class FrameResult:
    image: str
    width: int
    height: int
    engine: str
    elapsed_ms: float
    elements: dict[str, ElementFinding]
    banned_terms: list[BannedHit] = field(default_factory=list)
    price_comparison: list[PriceComparisonFinding] = field(default_factory=list)
    qr_codes: list[QrFinding] = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        elements_ok = all(
            f.status in (Status.OK, Status.NOT_REQUIRED) for f in self.elements.values()
        )
        comparisons_ok = all(not p.missing for p in self.price_comparison)
        return elements_ok and comparisons_ok and not self.banned_terms and not self.qr_codes

    def to_json(self) -> dict[str, Any]:
        return {
            "image": self.image,
            "width": self.width,
            "height": self.height,
            "engine": self.engine,
            "elapsed_ms": round(self.elapsed_ms, 1),
            "elements": {name: f.to_json() for name, f in self.elements.items()},
            "banned_terms": [b.to_json() for b in self.banned_terms],
            "price_comparison": [p.to_json() for p in self.price_comparison],
            "qr_codes": [q.to_json() for q in self.qr_codes],
            "compliant": self.compliant,
        }
