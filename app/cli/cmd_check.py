"""``livecomply check``: judge still frames, one result per image (table or JSON Lines)."""

from __future__ import annotations

import argparse
import json
import sys

from app.checker.images import ImageError, expand_inputs, read_image
from app.checker.result import FrameResult, Status
from app.cli._session import build_checker

STATUS_ZH = {
    Status.OK: "合格 ok",
    Status.MISSING: "缺失 missing",
    Status.ILLEGIBLE: "不清晰 illegible",
    Status.OCCLUDED: "被遮挡 occluded",
    Status.MISPLACED: "位置不符 misplaced",
    Status.NOT_REQUIRED: "不要求 not required",
}
ELEMENT_ZH = {
    "ad_label": "广告标识 ad label",
    "ai_disclosure": "AI标识 AI disclosure",
    "merchant_info": "商家信息 merchant info",
    "price": "价格 price",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check still frames (images or folders of images)",
        description="Check each frame for the required on-screen elements, banned "
        "terms, price comparisons and QR codes. Exit 0 all compliant, 1 findings, "
        "2 bad input.",
    )
    p.add_argument("paths", nargs="+", metavar="FRAME_OR_DIR")
    p.add_argument("--profile", default=None, help="profile name or .toml path (default: default)")
    p.add_argument("--engine", default=None, help="OCR engine: rapidocr (default) or tesseract")
    p.add_argument("--json", action="store_true", help="one JSON object per image per line")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    checker = build_checker(args.profile, args.engine)
    files, errors = expand_inputs(args.paths)
    for e in errors:
        print(f"livecomply: error: {e}", file=sys.stderr)
    bad_input = bool(errors)
    any_finding = False
    for path in files:
        try:
            image = read_image(path)
        except ImageError as exc:
            print(f"livecomply: error: {exc}", file=sys.stderr)
            bad_input = True
            continue
        result = checker.check(image, name=str(path))
        any_finding = any_finding or not result.compliant
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
        else:
            _print_table(result)
    if bad_input:
        return 2
    return 1 if any_finding else 0


def _print_table(r: FrameResult) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    verdict = "[green]合规 compliant[/]" if r.compliant else "[red]不合规 findings[/]"
    t = Table(
        title=f"{r.image}  {r.width}×{r.height}  {r.engine}  {r.elapsed_ms:.0f} ms  {verdict}",
        title_justify="left",
    )
    for col in ("要素 element", "状态 status", "文字 text", "字高 px", "对比度", "依据 article"):
        t.add_column(col)
    for name, f in r.elements.items():
        style = "green" if f.status in (Status.OK, Status.NOT_REQUIRED) else "red"
        t.add_row(
            ELEMENT_ZH.get(name, name),
            f"[{style}]{STATUS_ZH[f.status]}[/]",
            f.text,
            "" if f.glyph_px is None else f"{f.glyph_px:.0f}",
            "" if f.contrast is None else f"{f.contrast:.1f}",
            f"{f.rule} {f.article}",
        )
    console.print(t)
    for b in r.banned_terms:
        console.print(f"  [red]违禁词 banned[/] {b.term}  「{b.text}」  {b.rule} {b.article}")
    for c in r.price_comparison:
        if c.missing:
            console.print(
                f"  [red]比价不完整 comparison[/] 「{c.compared_text}」 缺 missing: "
                f"{', '.join(c.missing)}  {c.rule} {c.article}"
            )
    for q in r.qr_codes:
        console.print(f"  [red]二维码 QR[/] {q.payload}  {q.rule} {q.article}")
