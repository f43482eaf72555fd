"""R2/R3 records, and the shipped template files (reproducible, importable, with dropdowns)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from app.showplan import (
    PRESHOW_ITEMS,
    PlanError,
    PreshowChecklist,
    SelectionReview,
    ShowPlan,
    categories,
    load_rundown,
)
from app.showplan.reviews import SELECTION_ITEMS
from app.showplan.template import CSV_NAME, XLSX_NAME, build_csv, build_xlsx, write_templates

REPO = Path(__file__).resolve().parents[2]
AT = datetime(2025, 6, 1, 19, 0, tzinfo=timezone(timedelta(hours=8)))


def _plan(tmp_path: Path) -> ShowPlan:
    paths = write_templates(tmp_path)
    plan = load_rundown(paths[0]).plan
    assert plan is not None
    return plan


def test_selection_review_records_merchant_facts(tmp_path: Path) -> None:
    product = _plan(tmp_path).products[0]
    records: list[tuple[str, dict[str, object]]] = []
    review = SelectionReview.for_product(
        product, "李四", SELECTION_ITEMS, approved=True, quality_certificates="检验报告2025-0311",
        at=AT,
    )
    review.record_to(lambda k, p: records.append((k, p)))
    (kind, payload), = records
    assert kind == "selection_review"
    assert payload["uscc"] == product.uscc and payload["merchant_name"] == product.merchant_name
    assert payload["reviewer"] == "李四" and payload["at"] == AT.isoformat()
    assert payload["approved"] is True and all(payload["items"].values())  # type: ignore[union-attr]
    assert "001 第二十四条" in str(payload["article"])


def test_selection_review_refuses_inconsistent_records(tmp_path: Path) -> None:
    product = _plan(tmp_path).products[0]
    with pytest.raises(PlanError, match="审核人"):
        SelectionReview.for_product(product, " ", SELECTION_ITEMS, approved=True)
    with pytest.raises(PlanError, match="尚未核验"):
        SelectionReview.for_product(product, "李四", ["经营者名称"], approved=True)
    with pytest.raises(PlanError, match="未知"):
        SelectionReview.for_product(product, "李四", ["星座"], approved=False)
    rejected = SelectionReview.for_product(product, "李四", {"经营者名称": True}, approved=False)
    assert rejected.items["统一社会信用代码"] is False


def test_preshow_checklist() -> None:
    records: list[tuple[str, dict[str, object]]] = []
    partial = PreshowChecklist.create("王五", ["展示内容", "讲解内容"], at=AT)
    assert not partial.complete and partial.missing == ["服装", "道具", "现场布景", "主播身份"]
    with pytest.raises(PlanError, match="主播"):
        PreshowChecklist.create("王五", PRESHOW_ITEMS)
    full = PreshowChecklist.create("王五", PRESHOW_ITEMS, hosts=["小美"], at=AT)
    assert full.complete
    full.record_to(lambda k, p: records.append((k, p)))
    (kind, payload), = records
    assert kind == "preshow_checklist" and payload["hosts"] == ["小美"]
    assert payload["complete"] is True and payload["checked_by"] == "王五"
    assert "001 第三十四条" in str(payload["article"])


def test_shipped_templates_are_current_and_import_cleanly() -> None:
    shipped = REPO / "resources" / "templates"
    hint = "regenerate: .venv/bin/python -m app.showplan.template"
    assert (shipped / XLSX_NAME).read_bytes() == build_xlsx(), hint
    assert (shipped / CSV_NAME).read_bytes() == build_csv()
    for name in (XLSX_NAME, CSV_NAME):
        result = load_rundown(shipped / name)
        assert result.ok and result.plan is not None, [str(e) for e in result.errors]
        assert len(result.plan.products) == 3 and result.plan.can_start


def test_template_has_dropdowns_and_vocabulary(tmp_path: Path) -> None:
    xlsx, csv_path = write_templates(tmp_path / "out")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["商品排期"]
    assert ws.cell(1, 1).value == "商品名称"
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"是,否"' in formulas and any("类目说明" in f for f in formulas)
    vocab = [r[0] for r in wb["类目说明"].iter_rows(min_row=2, values_only=True)]
    assert vocab == [c.name for c in categories.CATEGORIES]
