"""The second generator: reproducible, its truth inside the frame, and in the bench's schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

if shutil.which("ffmpeg") is None:
    pytest.skip("ffmpeg not installed", allow_module_level=True)

from app.checker.result import ELEMENTS
from tools.altgen import PHOTOS, generate

if not any(PHOTOS.glob("*.jpg")):
    pytest.skip("mate-backgrounds not installed", allow_module_level=True)

STATUSES = {"ok", "missing", "illegible", "occluded", "misplaced"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("altgen")
    return out, generate(out, 6, 11)


def test_same_seed_same_truth(generated: tuple[Path, list[dict]], tmp_path: Path) -> None:
    out, _ = generated
    generate(tmp_path, 6, 11)
    assert (tmp_path / "truth.jsonl").read_bytes() == (out / "truth.jsonl").read_bytes()


def test_truth_is_in_the_bench_schema_and_inside_the_frame(
    generated: tuple[Path, list[dict]],
) -> None:
    out, records = generated
    lines = (out / "truth.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x) for x in lines] == records
    for r in records:
        with Image.open(out / r["image"]) as im:
            assert im.size == (r["width"], r["height"])
        assert set(r["elements"]) == set(ELEMENTS)
        for e in r["elements"].values():
            assert e["status"] in STATUSES
            if e["status"] == "missing":
                continue
            x, y, w, h = e["bbox"]
            assert x >= 0 and y >= 0 and x + w <= r["width"] and y + h <= r["height"]
            assert 0 < e["glyph_px"] <= 1.1 * h + 1  # 国 may stand taller than the text
            if "contrast" in e:
                assert e["contrast"] >= 1.0
