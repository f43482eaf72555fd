"""``livecomply check``: JSON shape, exit codes, bad input — real OCR on bundled sample frames."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.conftest import REPO

SAMPLES = REPO / "resources" / "samples" / "frames"
ELEMENT_KEYS = {"status", "text", "bbox", "confidence", "glyph_px", "contrast", "rule", "article"}
STATUSES = {"ok", "missing", "illegible", "occluded", "misplaced", "not_required"}


@pytest.fixture(scope="module")
def sample() -> Path:
    frames = sorted(SAMPLES.glob("*.jpg"))
    assert frames, "resources/samples/frames holds the bundled sample frames"
    return frames[0]


def _json_lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_json_line_per_image_with_the_documented_shape(sample: Path, capsys) -> None:
    code = main(["check", str(sample), "--json", "--profile", "all-required"])
    rows = _json_lines(capsys.readouterr().out)
    assert len(rows) == 1
    r = rows[0]
    assert code in (0, 1) and (code == 0) == r["compliant"]
    assert {"image", "width", "height", "engine", "elapsed_ms", "elements", "banned_terms",
            "price_comparison", "qr_codes", "compliant"} <= set(r)
    assert r["image"] == str(sample) and r["engine"] == "rapidocr"
    assert set(r["elements"]) == {"ad_label", "ai_disclosure", "merchant_info", "price"}
    for e in r["elements"].values():
        assert set(e) >= ELEMENT_KEYS and e["status"] in STATUSES
        assert e["rule"].startswith("V") and e["article"]
    for b in r["banned_terms"]:
        assert {"term", "text", "bbox", "rule", "article"} <= set(b)


def test_default_profile_does_not_require_the_ai_label(sample: Path, capsys) -> None:
    main(["check", str(sample), "--json"])
    r = _json_lines(capsys.readouterr().out)[0]
    assert r["elements"]["ai_disclosure"]["status"] == "not_required"


def test_a_directory_means_its_images_and_bad_files_do_not_stop_the_rest(
        tmp_path: Path, sample: Path, capsys) -> None:
    shutil.copy(sample, tmp_path / "a.jpg")
    (tmp_path / "notes.txt").write_text("not an image", "utf-8")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    code = main(["check", str(tmp_path), str(tmp_path / "missing.jpg"), "--json"])
    captured = capsys.readouterr()
    rows = _json_lines(captured.out)
    assert [Path(r["image"]).name for r in rows] == ["a.jpg"]  # notes.txt skipped silently
    assert code == 2
    errors = [x for x in captured.err.splitlines() if x.strip()]
    assert any("broken.png" in x and "not an image" in x for x in errors)
    assert any("missing.jpg" in x and "no such file" in x for x in errors)
    assert "Traceback" not in captured.err


def test_bad_profile_is_a_one_line_error(sample: Path, capsys) -> None:
    assert main(["check", str(sample), "--profile", "no-such-profile"]) == 2
    err = capsys.readouterr().err
    assert "no-such-profile" in err and len(err.strip().splitlines()) == 1


def test_tesseract_engine_runs_too(sample: Path, capsys) -> None:
    main(["check", str(sample), "--json", "--engine", "tesseract"])
    r = _json_lines(capsys.readouterr().out)[0]
    assert r["engine"] == "tesseract"


def test_human_table_and_no_traceback_from_the_real_command(sample: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "app", "check", str(sample)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    assert "广告标识" in proc.stdout and "价格" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_monitor_and_audit_parse_their_documented_options() -> None:
    """Every documented flag parses (a typo in a parser is a traceback at the studio)."""
    from app.cli.main import build_parser

    p = build_parser()
    a = p.parse_args(["monitor", "--source", "demo", "--duration", "75", "--profile", "default",
                      "--db", "x.db", "--json", "--room", "R", "--host", "H", "--ad-segments"])
    assert (a.source, a.duration, a.room, a.host, a.ad_segments) == ("demo", 75.0, "R", "H", True)
    a = p.parse_args(["audit", "rec.mp4", "--every", "2s", "--db", "x.db", "--json"])
    assert a.every == "2s" and a.json
