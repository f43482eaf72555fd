"""Summarise a generated set: ``python -m tools.framegen.stats DIR`` (status mix, extras).

Run it after changing the generator to see that the mix is still what the checker needs.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def summarise(out: Path) -> str:
    records = [json.loads(line) for line in (out / "truth.jsonl").open(encoding="utf-8")]
    n = len(records)
    lines = [f"{n} frames: " + ", ".join(f"{k} {v}" for k, v in
                                        sorted(Counter(r["orientation"] for r in records).items()))]
    for name in ("ad_label", "ai_disclosure", "merchant_info", "price"):
        c = Counter(r["elements"][name]["status"] for r in records)
        lines.append(f"{name:14s} " + "  ".join(f"{k} {v / n:.0%}" for k, v in c.most_common()))
    styles = Counter(el.get("style") for r in records for el in r["elements"].values()
                     if "style" in el)
    fonts = Counter(el.get("font") for r in records for el in r["elements"].values()
                    if "font" in el)
    rules = Counter(b["rule"] for r in records for b in r["banned_terms"])
    lines += [
        f"styles: {dict(styles.most_common())}",
        f"fonts: {len(fonts)} faces, top {fonts.most_common(3)}",
        f"frames with banned terms: {sum(bool(r['banned_terms']) for r in records)} "
        f"(rules {dict(sorted(rules.items()))})",
        f"frames with QR: {sum(bool(r['qr_codes']) for r in records)}; "
        f"with price comparison: {sum(bool(r['price_comparison']) for r in records)}",
        f"frames with viewer decoys: {sum(bool(r['decoys']) for r in records)}",
        "problems per frame: " + str(dict(sorted(Counter(
            sum(el["status"] not in ("ok",) for el in r["elements"].values())
            for r in records).items()))),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summarise(Path(sys.argv[1])))
