"""Write real rundown files for the tests: .xlsx through openpyxl, .csv in a chosen encoding."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from app.showplan.template import EXAMPLE_ROWS, headers

HEADERS: list[str] = headers()
VALID_USCC = "91350100M000100Y43"  # the GB 32100-2015 worked example


def row(**overrides: str) -> dict[str, str]:
    """A valid food row (the template's first example) with some cells changed."""
    base = dict(EXAMPLE_ROWS[0])
    base.update(overrides)
    return base


def write_xlsx(
    path: Path, rows: Sequence[dict[str, str]], header: Sequence[str] | None = None
) -> Path:
    """One sheet, header in row 1, one product per row."""
    cols = list(header or HEADERS)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(cols)
    for r in rows:
        ws.append([r.get(c, "") for c in cols])
    wb.save(path)
    return path


def write_csv(
    path: Path,
    rows: Sequence[dict[str, str]],
    header: Sequence[str] | None = None,
    encoding: str = "utf-8",
) -> Path:
    """A CSV as Excel writes it; ``utf-8-sig`` adds the BOM, ``gb18030`` is Chinese Windows."""
    cols = list(header or HEADERS)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(cols)
    for r in rows:
        writer.writerow([r.get(c, "") for c in cols])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path
