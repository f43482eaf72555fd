"""Accuracy and speed of ``check`` over a labelled frame set, per OCR engine.

    python -m bench.accuracy DATASET_DIR [--engine rapidocr --engine tesseract] [--limit N]

DATASET_DIR holds ``truth.jsonl`` (as written by ``tools.framegen``) and the frames it names.
Prints per-element ok/not-ok accuracy, per-status accuracy, banned-term recall/precision,
QR and price-comparison agreement, and median/p95 ms per frame. ``--errors`` lists every miss.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

from app.checker.frame_checker import FrameChecker
from app.checker.images import read_image
from app.checker.result import ELEMENTS, FrameResult
from app.ocr.registry import create_engine
from app.rules.profile import load_profile


def _banned_match(pred: dict, truth: dict) -> bool:
    if pred["rule"] != truth["rule"]:
        return False
    a, b = pred["term"], truth["term"]
    if a in b or b in a or a in truth.get("text", "") or b in pred.get("text", ""):
        return True
    pb, tb = pred.get("bbox"), truth.get("bbox")
    if pb and tb:
        x1, y1 = max(pb[0], tb[0]), max(pb[1], tb[1])
        x2 = min(pb[0] + pb[2], tb[0] + tb[2])
        y2 = min(pb[1] + pb[3], tb[1] + tb[3])
        return x2 > x1 and y2 > y1
    return False


def score(records: list[tuple[dict, dict]]) -> dict[str, object]:
    el_ok = Counter()
    el_status = Counter()
    n = 0
    confusion: Counter[tuple[str, str, str]] = Counter()
    tp = fp = fn = 0
    qr_ok = qr_n = 0
    cmp_ok = cmp_n = 0
    for truth, pred in records:
        n += 1
        for e in ELEMENTS:
            ts = truth["elements"][e]["status"]
            ps = pred["elements"][e]["status"]
            el_ok[e] += (ts == "ok") == (ps == "ok")
            el_status[e] += ts == ps
            if ts != ps:
                confusion[(e, ts, ps)] += 1
        tb = truth.get("banned_terms", [])
        pb = pred.get("banned_terms", [])
        matched_t = sum(1 for t in tb if any(_banned_match(p, t) for p in pb))
        matched_p = sum(1 for p in pb if any(_banned_match(p, t) for t in tb))
        tp += matched_t
        fn += len(tb) - matched_t
        fp += len(pb) - matched_p
        tq = sorted(q["payload"] for q in truth.get("qr_codes", []))
        pq = sorted(q["payload"] for q in pred.get("qr_codes", []))
        qr_n += 1
        qr_ok += tq == pq
        tc = sorted(tuple(sorted(c["missing"])) for c in truth.get("price_comparison", []))
        pc = sorted(tuple(sorted(c["missing"])) for c in pred.get("price_comparison", []))
        cmp_n += 1
        cmp_ok += tc == pc
    out: dict[str, object] = {"frames": n}
    for e in ELEMENTS:
        out[f"{e}.okness"] = el_ok[e] / max(1, n)
        out[f"{e}.status"] = el_status[e] / max(1, n)
    out["okness.mean"] = sum(el_ok.values()) / max(1, n * len(ELEMENTS))
    out["status.mean"] = sum(el_status.values()) / max(1, n * len(ELEMENTS))
    out["banned.recall"] = tp / max(1, tp + fn)
    out["banned.precision"] = tp / max(1, tp + fp) if (tp + fp) else 1.0
    out["qr.agree"] = qr_ok / max(1, qr_n)
    out["comparison.agree"] = cmp_ok / max(1, cmp_n)
    out["confusion"] = {f"{e}:{t}->{p}": c for (e, t, p), c in confusion.most_common(20)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--engine", action="append", default=None)
    ap.add_argument("--profile", default="all-required")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", action="store_true", help="print every disagreement")
    ap.add_argument("--save", type=Path, help="write predictions (JSON Lines) here")
    args = ap.parse_args(argv)
    truths = [
        json.loads(x)
        for x in (args.dataset / "truth.jsonl").read_text("utf-8").splitlines()
        if x.strip()
    ]
    if args.limit:
        truths = truths[: args.limit]
    profile = load_profile(args.profile)
    for engine_name in args.engine or ["rapidocr"]:
        checker = FrameChecker(profile, create_engine(engine_name))
        records, times = [], []
        preds = []
        for truth in truths:
            image = read_image(args.dataset / truth["image"])
            r: FrameResult = checker.check(image, name=truth["image"])
            pred = r.to_json()
            preds.append(pred)
            times.append(r.elapsed_ms)
            records.append((truth, pred))
            if args.errors:
                for e in ELEMENTS:
                    ts = truth["elements"][e]["status"]
                    ps = pred["elements"][e]["status"]
                    if ts != ps:
                        print(
                            f"  {truth['image']} {e}: truth={ts} pred={ps} "
                            f"text={pred['elements'][e]['text']!r} "
                            f"glyph={pred['elements'][e]['glyph_px']} "
                            f"contrast={pred['elements'][e]['contrast']} "
                            f"t_glyph={truth['elements'][e].get('glyph_px')} "
                            f"t_contrast={truth['elements'][e].get('contrast')} "
                            f"t_text={truth['elements'][e].get('text')!r} "
                            f"reason={pred['elements'][e].get('reason')}",
                            flush=True,
                        )
                tb = {(b["rule"], b["term"]) for b in truth.get("banned_terms", [])}
                pb = {(b["rule"], b["term"]) for b in pred.get("banned_terms", [])}
                if tb != pb:
                    print(
                        f"  {truth['image']} banned: truth={sorted(tb)} pred={sorted(pb)} "
                        f"lines={[b['text'] for b in pred.get('banned_terms', [])]}"
                    )
        if args.save:
            args.save.write_text(
                "\n".join(json.dumps(p, ensure_ascii=False) for p in preds), "utf-8"
            )
        s = score(records)
        s["ms.median"] = statistics.median(times)
        s["ms.p95"] = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
        print(f"== engine {engine_name}")
        for k, v in s.items():
            print(f"{k:22s} {v:.3f}" if isinstance(v, float) else f"{k:22s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
