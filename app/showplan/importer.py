"""Import a rundown (一场直播的商品排期) from .xlsx or .csv into a ShowPlan.

The importer validates everything before building anything: ``load_rundown`` returns either a
complete plan or every error found, so a show never starts from a half-read file. Errors name the
row as Excel shows it (header = row 1), the column as the file spells it, and what to do.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.showplan import categories
from app.showplan.model import (
    Finding,
    ImportResult,
    Product,
    RundownError,
    ShowOptions,
    ShowPlan,
)
from app.showplan.negative_list import findings_for
from app.showplan.prices import parse_price
from app.showplan.reminders import show_reminders
from app.showplan.uscc import normalize as normalize_uscc
from app.showplan.uscc import uscc_problem

#: Canonical header → Product field. The template uses exactly these headers.
COLUMNS: dict[str, str] = {
    "商品名称": "name",
    "商品类目": "category",
    "规格": "spec",
    "售价": "price",
    "对比价": "compared_price",
    "对比价说明": "compared_price_note",
    "促销规则": "promotion",
    "经营者名称": "merchant_name",
    "统一社会信用代码": "uscc",
    "经营者地址": "merchant_address",
    "联系电话": "phone",
    "资质证照": "licences",
    "是否跨境": "cross_border",
    "七日无理由退货": "seven_day_return",
    "不适用原因": "return_exclusion_reason",
    "生产日期": "production_date",
    "保质期": "shelf_life",
    "讲解要点": "script",
    "广告时段": "ad_segment",
}

#: Columns a rundown cannot do without. Name, spec and price are what 001 第二十六条/第二十七条
#: require on screen; merchant and code are what 001 第二十四条 requires checked; the return
#: policy decides S1, which every product needs.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "商品名称", "商品类目", "规格", "售价", "经营者名称", "统一社会信用代码", "七日无理由退货",
)

#: Other spellings accepted for each header (compared after folding case, spaces, _ and -).
ALIASES: dict[str, tuple[str, ...]] = {
    "商品名称": ("name", "product", "productname", "商品名", "品名", "商品"),
    "商品类目": ("category", "类目", "品类", "商品类别"),
    "规格": ("spec", "specification", "规格型号"),
    "售价": ("price", "直播价", "销售价", "售卖价"),
    "对比价": ("comparedprice", "compareprice", "划线价", "原价"),
    "对比价说明": ("comparedpricenote", "comparedpricemeaning", "对比价含义", "划线价说明"),
    "促销规则": ("promotion", "promotionrules", "promo", "促销", "活动规则"),
    "经营者名称": ("merchant", "merchantname", "商家名称", "商家", "经营者"),
    "统一社会信用代码": ("uscc", "creditcode", "unifiedsocialcreditcode", "信用代码"),
    "经营者地址": ("merchantaddress", "address", "商家地址", "经营地址"),
    "联系电话": ("phone", "contact", "tel", "联系方式"),
    "资质证照": ("licence", "licences", "license", "licenses", "资质", "证照"),
    "是否跨境": ("crossborder", "跨境"),
    "七日无理由退货": ("sevendayreturn", "returns", "七天无理由退货", "7天无理由退货",
                 "7日无理由退货"),
    "不适用原因": ("returnexclusionreason", "noreturnreason", "不适用七日无理由原因"),
    "生产日期": ("productiondate", "manufacturedate", "生产日期/批号"),
    "保质期": ("shelflife", "有效期", "保质期/有效期"),
    "讲解要点": ("script", "talkingpoints", "讲解", "话术"),
    "广告时段": ("adsegment", "ad", "是否广告", "广告"),
}

_YES = frozenset({"是", "y", "yes", "true", "1", "支持", "适用", "√", "✓"})
_NO = frozenset({"否", "n", "no", "false", "0", "不支持", "不适用", "×", "✗"})

MAX_ROWS = 2000  # a rundown is one show; more rows means the wrong sheet or file


def _fold(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).strip().lstrip("\ufeff")
    text = re.sub(r"[\s_\-]+", "", text).lower()
    return re.sub(r"[(（].*?[)）]", "", text)  # "售价（元）" → "售价"


_LOOKUP: dict[str, str] = {}
for _canon, _aliases in ALIASES.items():
    for _spelling in (_canon, *_aliases):
        _LOOKUP[_fold(_spelling)] = _canon


def canonical_header(header: str) -> str | None:
    """The canonical name for a header cell, or None for a column the app does not use."""
    return _LOOKUP.get(_fold(header))


class _FileProblem(Exception):
    """The file as a whole cannot be read; carries the one error to report."""


def _cell_text(value: Any) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole floats without '.0', None as ''."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> list[list[Any]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _FileProblem(
            f"无法读取 {path.name}：不是有效的 Excel (.xlsx) 文件（{type(exc).__name__}）。"
            "请用 Excel 或 WPS 打开后另存为 .xlsx，或导出为 CSV"
        ) from exc
    try:
        ws = wb.worksheets[0]  # the template's data sheet; 类目说明 comes second
        # Some tools write a wrong <dimension> (e.g. "A1"), which read-only mode would trust and
        # so drop columns; resetting makes openpyxl read every cell that is really there.
        ws.reset_dimensions()
        rows: list[list[Any]] = []
        filled = 0
        for values in ws.iter_rows(values_only=True):
            rows.append(list(values))
            filled += any(v not in (None, "") for v in values)
            if filled > MAX_ROWS + 1:
                break  # enough to report "too many rows" without reading a runaway sheet
        return rows
    finally:
        wb.close()


def decode_csv(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first, then GB18030 as Excel on Chinese Windows saves it.

    UTF-8 is tried first because it rejects almost any GB18030 text, whereas GB18030 would decode
    most UTF-8 bytes into the wrong characters without complaint.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _FileProblem(f"无法读取 {name}：编码既不是 UTF-8 也不是 GB18030，请用 Excel 另存为 CSV")


def _read_csv(path: Path) -> list[list[Any]]:
    text = decode_csv(path.read_bytes(), path.name)
    if "\x00" in text:
        raise _FileProblem(f"无法读取 {path.name}：不是文本格式的 CSV 文件")
    # Excel writes commas; "Unicode text" exports use tabs. Decide from the header line only, since
    # a promotion cell may well contain either character.
    first_line = text.split("\n", 1)[0]
    dialect = csv.excel_tab if "\t" in first_line and "," not in first_line else csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]


def read_rows(path: Path) -> list[list[Any]]:
    """The raw cell grid of the file's first sheet; raises _FileProblem with the message to show."""
    if not path.exists():
        raise _FileProblem(f"找不到文件 {path}")
    if path.is_dir():
        raise _FileProblem(f"{path} 是文件夹，请指定 .xlsx 或 .csv 文件")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xls", ".et", ".numbers", ".ods"):
        raise _FileProblem(f"不支持 {suffix} 格式：请在 Excel/WPS 中另存为 .xlsx 或 CSV")
    raise _FileProblem(f"不支持的文件类型 {suffix or '（无扩展名）'}：请使用 .xlsx 或 .csv")


@dataclass(slots=True)
class RundownCheck:
    """Everything the importer found, for reporting (the CLI's ``plan check``).

    Unlike ImportResult this keeps the products that did parse next to the errors of those that
    did not, so one pass shows the operator every problem in the file.
    """

    products: list[Product] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[RundownError] = field(default_factory=list)


def _yes_no(text: str) -> bool | None:
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return None


def _parse_row(
    excel_row: int, cells: dict[str, str], headers: dict[str, str], out: RundownCheck
) -> None:
    """Validate one row; append its product or its errors, and its negative-list findings."""
    errors: list[RundownError] = []

    def err(canon: str, message: str) -> None:
        errors.append(RundownError(excel_row, headers.get(canon, canon), message))

    def get(canon: str) -> str:
        return cells.get(canon, "")

    name = get("商品名称")
    if not name:
        err("商品名称", "商品名称为空，请填写商品名称（与购物车链接中的名称一致）")

    raw_category = get("商品类目")
    category = categories.resolve(raw_category) if raw_category else None
    if not raw_category:
        err("商品类目", f"商品类目为空，请从以下类目中选择：{categories.accepted_names()}")
    elif category is None:
        err(
            "商品类目",
            f"“{raw_category}”不是可用的商品类目，请从以下类目中选择："
            f"{categories.accepted_names()}",
        )

    spec = get("规格")
    if not spec:
        err("规格", "规格为空，请填写规格（如 500g/瓶、50ml）")

    price = parse_price(get("售价")) if get("售价") else None
    if not get("售价"):
        err("售价", "售价为空，请填写直播间实际售价（如 69 或 69.90）")
    elif price is None:
        err("售价", f"“{get('售价')}”不是有效价格，请只填一个金额，如 69、69.90、¥69 或 69元")

    compared = None
    if get("对比价"):
        compared = parse_price(get("对比价"))
        if compared is None:
            err("对比价", f"“{get('对比价')}”不是有效价格，请只填一个金额，如 99 或 ¥99")
        elif not get("对比价说明"):
            err(
                "对比价说明",
                "填写了对比价但对比价说明为空：须说明被比较价格的真实含义"
                "（如“本店近30日日常售价”）（001 第二十七条）",
            )

    merchant = get("经营者名称")
    if not merchant:
        err("经营者名称", "经营者名称为空，请填写实际销售商品的平台内经营者名称（001 第二十四条）")

    uscc = normalize_uscc(get("统一社会信用代码"))
    if not uscc:
        err(
            "统一社会信用代码",
            "统一社会信用代码为空，请按营业执照填写18位代码（个人经营者填身份证号码）",
        )
    else:
        problem = uscc_problem(uscc)
        if problem:
            err("统一社会信用代码", f"“{get('统一社会信用代码')}”{problem}")

    cross_border = False
    if get("是否跨境"):
        parsed = _yes_no(get("是否跨境"))
        if parsed is None:
            err("是否跨境", f"“{get('是否跨境')}”无法识别，请填写 是 或 否")
        else:
            cross_border = parsed

    seven_day = None
    if not get("七日无理由退货"):
        err("七日无理由退货", "七日无理由退货为空，请填写 是 或 否")
    else:
        seven_day = _yes_no(get("七日无理由退货"))
        if seven_day is None:
            err("七日无理由退货", f"“{get('七日无理由退货')}”无法识别，请填写 是 或 否")
        elif seven_day is False and not get("不适用原因"):
            err(
                "不适用原因",
                "七日无理由退货为“否”时须填写不适用原因（如“消费者定作的商品”“鲜活易腐的商品”），"
                "主播须向消费者说明并提示下单时确认（000 第二十七条3）",
            )

    ad_segment = False
    if get("广告时段"):
        parsed = _yes_no(get("广告时段"))
        if parsed is None:
            err("广告时段", f"“{get('广告时段')}”无法识别，请填写 是 或 否")
        else:
            ad_segment = parsed

    if category is not None and category.shelf_life_required and not get("保质期"):
        wording = "有效期" if category.name == "非处方药" else "保质期"
        err(
            "保质期",
            f"“{category.name}”须填写{wording}（如 12个月），主播须在直播中说明"
            "（003 主播 消费提示(6)）",
        )

    out.findings.extend(findings_for(excel_row, name, category, get("资质证照")))
    if errors:
        out.errors.extend(errors)
        return
    assert category is not None and price is not None and seven_day is not None
    out.products.append(
        Product(
            row=excel_row,
            name=name,
            category=category.name,
            spec=spec,
            price=price,
            merchant_name=merchant,
            uscc=uscc,
            seven_day_return=seven_day,
            compared_price=compared,
            compared_price_note=get("对比价说明"),
            promotion=get("促销规则"),
            merchant_address=get("经营者地址"),
            phone=get("联系电话"),
            licences=get("资质证照"),
            cross_border=cross_border,
            return_exclusion_reason=get("不适用原因"),
            production_date=get("生产日期"),
            shelf_life=get("保质期"),
            script=get("讲解要点"),
            ad_segment=ad_segment,
        )
    )


def check_rundown(path: str | Path) -> RundownCheck:
    """Read and validate a rundown, collecting products, findings and errors side by side."""
    path = Path(path)
    out = RundownCheck()
    try:
        rows = read_rows(path)
    except _FileProblem as exc:
        out.errors.append(RundownError(None, None, str(exc)))
        return out
    except OSError as exc:
        out.errors.append(RundownError(None, None, f"无法读取 {path.name}：{exc.strerror or exc}"))
        return out

    grid = [[_cell_text(v) for v in r] for r in rows]
    # Excel row numbers: the header is the first non-empty row (normally row 1).
    header_index = next((i for i, r in enumerate(grid) if any(r)), None)
    if header_index is None:
        out.errors.append(
            RundownError(None, None, f"{path.name} 是空文件：请使用商品排期模板，第1行为表头")
        )
        return out

    header_row = grid[header_index]
    headers: dict[str, str] = {}  # canonical → as spelled in the file
    positions: dict[str, int] = {}
    for col, text in enumerate(header_row):
        if not text:
            continue
        canon = canonical_header(text)
        if canon is None:
            continue  # extra columns (序号, 备注…) are the operator's own business
        if canon in positions:
            out.errors.append(
                RundownError(
                    header_index + 1, text,
                    f"表头“{text}”与“{headers[canon]}”是同一列，请删除其中一列",
                )
            )
            continue
        headers[canon] = text
        positions[canon] = col
    missing = [c for c in REQUIRED_COLUMNS if c not in positions]
    if missing:
        out.errors.append(
            RundownError(
                header_index + 1, "、".join(missing),
                f"缺少必需的列：{'、'.join(missing)}。请在第{header_index + 1}行表头中添加"
                "（可从商品排期模板复制表头）",
            )
        )
    if out.errors:
        return out

    data_rows = [(i + 1, r) for i, r in enumerate(grid) if i > header_index and any(r)]
    if not data_rows:
        out.errors.append(
            RundownError(None, None, f"{path.name} 只有表头，没有商品：请从第{header_index + 2}行起"
                         "每行填写一个商品")
        )
        return out
    if len(data_rows) > MAX_ROWS:
        out.errors.append(
            RundownError(None, None, f"{path.name} 超过 {MAX_ROWS} 行，请确认选择了正确的工作表")
        )
        return out
    for excel_row, cells in data_rows:
        values = {
            canon: (cells[pos].strip() if pos < len(cells) else "")
            for canon, pos in positions.items()
        }
        _parse_row(excel_row, values, headers, out)
    return out


def load_rundown(path: str | Path, options: ShowOptions | None = None) -> ImportResult:
    """Import a rundown: a complete ShowPlan, or every error and no plan at all."""
    options = options or ShowOptions()
    checked = check_rundown(path)
    if checked.errors:
        return ImportResult(plan=None, errors=checked.errors)
    plan = ShowPlan(
        products=checked.products,
        show_reminders=show_reminders(options),
        findings=checked.findings,
        options=options,
    )
    return ImportResult(plan=plan, errors=[])

