"""CLI: ``python -m tools.framegen --out DIR --count N --seed S [--sizes ...] [--jobs J]``.

Frame i's randomness comes from (seed, i) only, so frames can be rendered in any order or in
parallel and the same seed always gives a byte-identical truth.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from tools.framegen.encode import h264_roundtrip, save_jpeg
from tools.framegen.scene import SIZES, build

DEFAULT_SIZES = ("portrait", "landscape", "720p")
SIZE_WEIGHTS = {"portrait": 0.5, "landscape": 0.25, "720p": 0.25}


def frame_size(seed: int, index: int, sizes: tuple[str, ...]) -> str:
    rng = np.random.default_rng([seed, index, 7])
    p = np.array([SIZE_WEIGHTS[s] for s in sizes])
    return sizes[int(rng.choice(len(sizes), p=p / p.sum()))]


def render_one(args: tuple[int, int, tuple[str, ...], str]) -> dict[str, Any]:
    """Render, compress and save frame ``index``; returns its truth record."""
    index, seed, sizes, out = args
    size_key = frame_size(seed, index, sizes)
    image, record = build(index, seed, size_key)
    crf = int(np.random.default_rng([seed, index, 11]).integers(23, 36))
    name = f"frames/f{index + 1:04d}.jpg"
    save_jpeg(h264_roundtrip(image, crf), Path(out) / name)
    return {"image": name, **{k: record[k] for k in ("width", "height", "orientation")},
            "crf": crf, **{k: v for k, v in record.items()
                           if k not in ("width", "height", "orientation")}}


def generate(out: Path, count: int, seed: int, sizes: tuple[str, ...] = DEFAULT_SIZES,
             jobs: int = 2, start: int = 0) -> list[dict[str, Any]]:
    """Write ``count`` frames and truth.jsonl into ``out``; returns the records."""
    out.mkdir(parents=True, exist_ok=True)
    tasks = [(i, seed, sizes, str(out)) for i in range(start, start + count)]
    if jobs > 1 and count > 1:
        with ProcessPoolExecutor(jobs) as pool:
            records = list(pool.map(render_one, tasks, chunksize=2))
    else:
        records = [render_one(t) for t in tasks]
    with (out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.framegen", description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=list(DEFAULT_SIZES))
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    a = ap.parse_args(argv)
    t0 = time.monotonic()
    records = generate(a.out, a.count, a.seed, tuple(a.sizes), a.jobs)
    print(f"{len(records)} frames in {time.monotonic() - t0:.1f}s -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
