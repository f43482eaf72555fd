"""Write the app's bundled sample frames: ``python -m tools.framegen.samples [--out DIR]``.

Six frames chosen from a fixed seed so they cover compliant and non-compliant rooms in both
orientations; the first-run self check of the app reads them from ``resources/samples``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from tools.framegen.encode import h264_roundtrip, save_jpeg
from tools.framegen.scene import build

SEED = 2024
MAX_BYTES = 300_000


def _st(rec: dict[str, Any]) -> dict[str, str]:
    return {k: v["status"] for k, v in rec["elements"].items()}


def _compliant(rec: dict[str, Any]) -> bool:
    """All four elements ok, nothing banned, no incomplete comparison, no private-account QR."""
    return (set(_st(rec).values()) == {"ok"} and not rec["banned_terms"]
            and not any(c["missing"] for c in rec["price_comparison"])
            and not any(q["kind"] == "wechat" for q in rec["qr_codes"]))


# (size, description, predicate on the truth record)
WANTED: list[tuple[str, str, Callable[[dict[str, Any]], bool]]] = [
    ("portrait", "compliant portrait room",
     lambda r: _compliant(r) and bool(r["decoys"])),
    ("landscape", "compliant landscape room",
     _compliant),
    ("portrait", "ad label misplaced, banned term on screen",
     lambda r: _st(r)["ad_label"] == "misplaced" and bool(r["banned_terms"])),
    ("720p", "occluded and illegible elements",
     lambda r: {"occluded", "illegible"} <= set(_st(r).values())),
    ("portrait", "QR code and an incomplete price comparison",
     lambda r: bool(r["qr_codes"]) and any(c["missing"] for c in r["price_comparison"])),
    ("landscape", "elements missing while viewers mention them",
     lambda r: list(_st(r).values()).count("missing") >= 2
     and any(d.startswith("chat:") for d in r["decoys"])),
]


def write_samples(out: Path, search: int = 600) -> list[dict[str, Any]]:
    (out / "frames").mkdir(parents=True, exist_ok=True)
    records = []
    for n, (size, why, wanted) in enumerate(WANTED, start=1):
        for index in range(search):
            image, rec = build(index, SEED + n, size)
            if wanted(rec):
                break
        else:
            raise RuntimeError(f"no frame found for sample {n}: {why}")
        crf = int(np.random.default_rng([SEED, n]).integers(23, 36))
        name = f"frames/sample{n:02d}.jpg"
        decoded = h264_roundtrip(image, crf)
        for quality in (90, 85, 80, 75):
            save_jpeg(decoded, out / name, quality)
            if (out / name).stat().st_size <= MAX_BYTES:
                break
        records.append({"image": name, "description": why, "width": rec["width"],
                        "height": rec["height"], "orientation": rec["orientation"], "crf": crf,
                        **{k: v for k, v in rec.items()
                           if k not in ("width", "height", "orientation")}})
    with (out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("resources/samples"))
    write_samples(ap.parse_args().out)


if __name__ == "__main__":
    main()
