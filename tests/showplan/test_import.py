"""Rundown import from real .xlsx and .csv files: good files, and each kind of bad file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.showplan import categories, load_rundown
from app.showplan.importer import check_rundown
from app.showplan.model import RundownError
from app.showplan.template import EXAMPLE_ROWS
from tests.showplan.helpers import HEADERS, row, write_csv, write_xlsx


def _only_error(path: Path) -> RundownError:
    result = load_rundown(path)
    assert result.plan is None, "a file with errors must not produce a plan"
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


def test_good_xlsx_imports_every_field(tmp_path: Path) -> None:
    result = load_rundown(write_xlsx(tmp_path / "r.xlsx", list(EXAMPLE_ROWS)))
    assert result.ok and result.errors == []
    plan = result.plan
    assert plan is not None
    assert [p.row for p in plan.products] == [2, 3, 4]
    honey, cream, cup = plan.products
    assert honey.name == "云南高山土蜂蜜" and honey.category == "食品"
    assert honey.price == Decimal("69") and honey.compared_price == Decimal("99")
    assert honey.shelf_life == "24个月" and honey.production_date == "2025-03-01"
    assert honey.seven_day_return is True and honey.cross_border is False
    assert cream.price == Decimal("129") and cream.cross_border and cream.ad_segment
    assert cup.seven_day_return is False and "定作" in cup.return_exclusion_reason
    assert plan.findings == [] and plan.can_start


def test_good_csv_with_and_without_bom(tmp_path: Path) -> None:
    for enc in ("utf-8", "utf-8-sig"):
        result = load_rundown(write_csv(tmp_path / f"{enc}.csv", list(EXAMPLE_ROWS), encoding=enc))
        assert result.ok, [str(e) for e in result.errors]
        assert result.plan is not None and result.plan.products[0].name == "云南高山土蜂蜜"


def test_gb18030_csv_as_chinese_excel_saves_it(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gbk.csv", list(EXAMPLE_ROWS), encoding="gb18030")
    assert path.read_bytes().decode("gb18030")  # really GB18030 bytes, not UTF-8
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    result = load_rundown(path)
    assert result.ok, [str(e) for e in result.errors]
    assert result.plan is not None
    assert [p.name for p in result.plan.products] == [r["商品名称"] for r in EXAMPLE_ROWS]


def test_english_headers_and_aliases(tmp_path: Path) -> None:
    english = {
        "name": "商品名称", "category": "商品类目", "spec": "规格", "price": "售价",
        "compared_price": "对比价", "compared_price_note": "对比价说明",
        "merchant": "经营者名称", "USCC": "统一社会信用代码", "seven_day_return": "七日无理由退货",
        "Shelf Life": "保质期", "script": "讲解要点",
    }
    rows = [{en: row()[cn] for en, cn in english.items()}]
    result = load_rundown(write_xlsx(tmp_path / "en.xlsx", rows, header=list(english)))
    assert result.ok, [str(e) for e in result.errors]
    assert result.plan is not None and result.plan.products[0].shelf_life == "24个月"


def test_numeric_and_date_cells_from_excel(tmp_path: Path) -> None:
    from datetime import datetime

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    values = row()
    cells: list[object] = [values[c] for c in HEADERS]
    cells[HEADERS.index("售价")] = 69.9
    cells[HEADERS.index("对比价")] = 99
    cells[HEADERS.index("生产日期")] = datetime(2025, 3, 1)
    ws.append(cells)
    wb.save(tmp_path / "typed.xlsx")
    plan = load_rundown(tmp_path / "typed.xlsx").plan
    assert plan is not None
    assert plan.products[0].price == Decimal("69.9")
    assert plan.products[0].production_date == "2025-03-01"


def test_price_forms_accepted(tmp_path: Path) -> None:
    rows = [row(售价=p) for p in ("¥69", "69.00", "69元", "￥69")]
    plan = load_rundown(write_csv(tmp_path / "p.csv", rows)).plan
    assert plan is not None and {p.price for p in plan.products} == {Decimal("69")}


def test_blank_lines_skipped_and_rows_numbered_as_excel_shows(tmp_path: Path) -> None:
    rows = [row(), {}, row(商品名称="第二个", 售价="面议")]
    error = _only_error(write_xlsx(tmp_path / "gap.xlsx", rows))
    assert error.row == 4 and error.column == "售价"


def test_bad_uscc_checksum_names_row_and_column(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [row(), row(统一社会信用代码="91530102MA6N8K2L7J")])
    error = _only_error(path)
    assert (error.row, error.column) == (3, "统一社会信用代码")
    assert "校验位" in error.message and "核对" in error.message
    assert str(error).startswith("第3行【统一社会信用代码】")


def test_price_not_a_number(tmp_path: Path) -> None:
    error = _only_error(write_csv(tmp_path / "r.csv", [row(售价="面议")]))
    assert (error.row, error.column) == (2, "售价")
    assert "面议" in error.message and "69" in error.message


@pytest.mark.parametrize("category", ["食品", "化妆品", "保健食品"])
def test_missing_shelf_life(tmp_path: Path, category: str) -> None:
    error = _only_error(write_xlsx(tmp_path / "r.xlsx", [row(商品类目=category, 保质期="")]))
    assert (error.row, error.column) == (2, "保质期")
    assert category in error.message


def test_shelf_life_not_required_for_clothes(tmp_path: Path) -> None:
    result = load_rundown(write_xlsx(tmp_path / "r.xlsx", [row(商品类目="服装鞋帽", 保质期="",
                                                               生产日期="")]))
    assert result.ok


def test_no_seven_day_return_needs_a_reason(tmp_path: Path) -> None:
    error = _only_error(write_xlsx(tmp_path / "r.xlsx", [row(七日无理由退货="否", 不适用原因="")]))
    assert (error.row, error.column) == (2, "不适用原因")
    assert "000 第二十七条3" in error.message


def test_yes_no_must_be_recognisable(tmp_path: Path) -> None:
    error = _only_error(write_xlsx(tmp_path / "r.xlsx", [row(是否跨境="也许")]))
    assert (error.column, error.row) == ("是否跨境", 2)


def test_compared_price_needs_its_meaning(tmp_path: Path) -> None:
    error = _only_error(write_xlsx(tmp_path / "r.xlsx", [row(对比价说明="")]))
    assert error.column == "对比价说明" and "001 第二十七条" in error.message


def test_unknown_category_lists_the_accepted_ones(tmp_path: Path) -> None:
    error = _only_error(write_xlsx(tmp_path / "r.xlsx", [row(商品类目="杂货")]))
    assert error.column == "商品类目" and "杂货" in error.message
    for cat in categories.CATEGORIES:
        assert cat.name in error.message


def test_category_alias(tmp_path: Path) -> None:
    plan = load_rundown(write_xlsx(tmp_path / "r.xlsx", [row(商品类目="美妆")])).plan
    assert plan is not None and plan.products[0].category == "化妆品"


def test_missing_required_columns_are_named(tmp_path: Path) -> None:
    header = [h for h in HEADERS if h not in ("售价", "统一社会信用代码")]
    error = _only_error(write_xlsx(tmp_path / "r.xlsx", [row()], header=header))
    assert error.row == 1
    assert "售价" in error.message and "统一社会信用代码" in error.message


def test_empty_files(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    assert "空文件" in _only_error(tmp_path / "empty.csv").message
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "empty.xlsx")
    assert "空文件" in _only_error(tmp_path / "empty.xlsx").message
    only_header = write_xlsx(tmp_path / "header.xlsx", [])
    assert "没有商品" in _only_error(only_header).message


def test_unreadable_files(tmp_path: Path) -> None:
    fake = tmp_path / "rundown.xlsx"
    fake.write_text("商品名称,售价\n蜂蜜,69\n", encoding="utf-8")  # a CSV renamed to .xlsx
    error = _only_error(fake)
    assert error.row is None and "不是有效的 Excel" in error.message
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert "另存为" in _only_error(tmp_path / "old.xls").message
    (tmp_path / "notes.txt").write_text("hello")
    assert "不支持的文件类型" in _only_error(tmp_path / "notes.txt").message
    assert "找不到文件" in _only_error(tmp_path / "missing.csv").message
    (tmp_path / "bin.csv").write_bytes(b"\x00\x01\x02\xff\xfe\x00")
    assert _only_error(tmp_path / "bin.csv").row is None


def test_all_errors_reported_and_nothing_half_applied(tmp_path: Path) -> None:
    rows = [
        row(),
        row(售价="abc"),
        row(统一社会信用代码="123"),
        row(商品类目="食品", 保质期="", 七日无理由退货="否", 不适用原因=""),
    ]
    result = load_rundown(write_xlsx(tmp_path / "r.xlsx", rows))
    assert result.plan is None
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "售价"), (4, "统一社会信用代码"), (5, "保质期"), (5, "不适用原因"),
    }
    checked = check_rundown(tmp_path / "r.xlsx")
    assert [p.row for p in checked.products] == [2]  # the report still shows the good row


def test_duplicate_header(tmp_path: Path) -> None:
    error = _only_error(write_xlsx(tmp_path / "r.xlsx", [row()], header=[*HEADERS, "price"]))
    assert error.row == 1 and error.column == "price"


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    result = load_rundown(write_xlsx(tmp_path / "r.xlsx", [row()], header=["序号", *HEADERS]))
    assert result.ok


def test_xlsx_with_wrong_dimension_record(tmp_path: Path) -> None:
    """Some exporters write <dimension ref="A1"/>; read-only openpyxl must not trust it."""
    import re
    import zipfile

    src = write_xlsx(tmp_path / "src.xlsx", [row(), row()])
    dst = tmp_path / "dim.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', body)
                assert n == 1
            zout.writestr(item, body)
    result = load_rundown(dst)
    assert result.ok, [str(e) for e in result.errors]
    assert result.plan is not None and len(result.plan.products) == 2
