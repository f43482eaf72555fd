"""``livecomply plan check|template``: exit codes, JSON shape, human output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.showplan.template import EXAMPLE_ROWS
from tests.showplan.helpers import row, write_csv, write_xlsx


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["plan", "check", *args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)  # exactly one JSON object on stdout


def test_clean_rundown_exits_0_with_exact_json_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = run_json(capsys, str(write_xlsx(tmp_path / "r.xlsx", list(EXAMPLE_ROWS))))
    assert code == 0
    assert set(data) == {"products", "findings", "errors"}
    assert data["findings"] == [] and data["errors"] == []
    products = data["products"]
    assert isinstance(products, list)
    assert products[0] == {"row": 2, "name": "云南高山土蜂蜜",
                           "reminders": ["S1", "S2", "S3", "S4", "S7", "S8"]}
    assert "S6" in products[1]["reminders"] and "S5" in products[1]["reminders"]


def test_negative_list_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "r.csv", [row(), row(), row(商品类目="处方药", 商品名称="处方药X")])
    code, data = run_json(capsys, str(path))
    assert code == 1
    assert data["findings"] == [{
        "row": 4, "rule": "R5", "article": "000 第六条10",
        "message": data["findings"][0]["message"],  # type: ignore[index]
    }]
    assert "处方药" in data["findings"][0]["message"]  # type: ignore[index]
    assert [p["row"] for p in data["products"]] == [2, 3, 4]  # type: ignore[union-attr]


def test_invalid_rows_exit_2_and_name_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row()] * 5 + [row(统一社会信用代码="91350100M000100Y44")]
    code, data = run_json(capsys, str(write_xlsx(tmp_path / "r.xlsx", rows)))
    assert code == 2
    (error,) = data["errors"]  # type: ignore[misc]
    assert error["row"] == 7 and error["column"] == "统一社会信用代码"
    assert "校验位" in error["message"]
    assert len(data["products"]) == 5  # type: ignore[arg-type]


def test_unreadable_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "r.xlsx"
    bad.write_bytes(b"not a zip")
    code, data = run_json(capsys, str(bad))
    assert code == 2 and data["products"] == []
    assert data["errors"][0]["row"] is None  # type: ignore[index]
    assert main(["plan", "check", str(tmp_path / "missing.csv")]) == 2
    assert "找不到文件" in capsys.readouterr().out


def test_ai_host_flag_adds_s10_to_text_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write_xlsx(tmp_path / "r.xlsx", list(EXAMPLE_ROWS)))
    assert main(["plan", "check", path]) == 0
    plain = capsys.readouterr().out
    assert "S9" in plain and "S10" not in plain
    assert main(["plan", "check", path, "--ai-host"]) == 0
    out = capsys.readouterr().out
    assert "S10" in out and "人工智能" in out
    assert "第2行 云南高山土蜂蜜" in out
    assert "保质期24个月" in out  # sentences are filled with the product's facts


def test_text_output_lists_errors_and_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [row(售价="面议"), row(商品类目="电子烟")])
    assert main(["plan", "check", str(path)]) == 2
    out = capsys.readouterr().out
    assert "第2行【售价】" in out and "000 第六条9" in out


def test_template_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "tpl"
    assert main(["plan", "template", "--out", str(out_dir)]) == 0
    assert (out_dir / "rundown_template.xlsx").exists()
    assert (out_dir / "rundown_template.csv").exists()
    capsys.readouterr()
    assert main(["plan", "check", str(out_dir / "rundown_template.xlsx")]) == 0
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["plan", "template", "--out", str(blocker)]) == 2
    assert "不是文件夹" in capsys.readouterr().err
