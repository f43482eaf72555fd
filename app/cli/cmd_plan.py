"""``livecomply plan``: check a rundown without the GUI, and write the rundown template.

``plan check`` is what an operator runs before a show (or CI runs on a shared rundown): every
error with its row and column, every negative-list product with its article, and for each product
the reminders the host will have to say. Exit 0 clean, 1 negative-list findings, 2 invalid file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.errors import UserError
from app.showplan.importer import check_rundown
from app.showplan.model import ShowOptions
from app.showplan.reminders import reminders_for, show_reminders

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``plan check`` and ``plan template`` to the CLI."""
    p = subparsers.add_parser(
        "plan",
        help="check a show rundown (.xlsx/.csv) or write the rundown template",
        description="直播商品排期：校验排期文件，或生成排期模板。",
    )
    sub = p.add_subparsers(dest="plan_command", metavar="SUBCOMMAND")

    check = sub.add_parser(
        "check",
        help="validate a rundown: errors, negative-list products, reminders per product",
        description="校验商品排期：逐行报告错误（行、列、如何修改），负面清单商品及条款，"
        "以及每个商品主播须口播的提醒。退出码：0 无问题，1 有负面清单商品，2 文件无效。",
    )
    check.add_argument("rundown", type=Path, metavar="RUNDOWN.xlsx|.csv")
    check.add_argument(
        "--json", action="store_true",
        help='one JSON object: {"products": [...], "findings": [...], "errors": [...]}',
    )
    check.add_argument(
        "--ai-host", action="store_true",
        help="the host is an AI-generated avatar (adds the S10 spoken disclosure)",
    )
    check.set_defaults(func=run_check)

    template = sub.add_parser(
        "template",
        help="write rundown_template.xlsx and rundown_template.csv",
        description="生成商品排期模板（.xlsx 含下拉选项和类目说明，.csv 为 UTF-8 带 BOM）。",
    )
    template.add_argument("--out", type=Path, required=True, metavar="DIR")
    template.set_defaults(func=run_template)

    p.set_defaults(func=lambda _args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_INVALID


def run_check(args: argparse.Namespace) -> int:
    """Validate the rundown and print the result; see the module docstring for exit codes."""
    options = ShowOptions(ai_host=args.ai_host)
    checked = check_rundown(args.rundown)
    blocking = [f for f in checked.findings if f.blocking]
    code = EXIT_INVALID if checked.errors else EXIT_FINDINGS if blocking else EXIT_CLEAN

    if args.json:
        out = {
            "products": [
                {
                    "row": p.row,
                    "name": p.name,
                    "reminders": [r.id for r in reminders_for(p, options)],
                }
                for p in checked.products
            ],
            "findings": [f.to_json() for f in checked.findings],
            "errors": [e.to_json() for e in checked.errors],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return code

    name = args.rundown.name
    print(
        f"{name}：{len(checked.products)} 个商品可导入，{len(checked.findings)} 条负面清单提示，"
        f"{len(checked.errors)} 个错误"
    )
    if checked.errors:
        print("\n错误（须修改后才能导入）：")
        for e in checked.errors:
            print(f"  {e}")
    if checked.findings:
        print("\n负面清单（R5）：须移除商品或登记理由后才能开播")
        for f in checked.findings:
            print(f"  第{f.row}行 {f.product_name}：{f.message}（{f.article}）")
    if checked.products:
        print("\n主播提醒（☆ 为必须口播）：")
        for p in checked.products:
            reminders = reminders_for(p, options)
            print(f"  第{p.row}行 {p.name}［{p.category}］：{' '.join(r.id for r in reminders)}")
            for r in reminders:
                star = "☆" if r.mandatory else " "
                print(f"    {star}{r.id:<4} {r.sentence}（{r.article}）")
        print("\n整场定时提醒：")
        for r in show_reminders(options):
            print(f"   {r.id:<4} 每{r.every_minutes}分钟：{r.sentence}（{r.article}）")
    return code


def run_template(args: argparse.Namespace) -> int:
    """Write the template files into ``--out``."""
    from app.showplan.template import write_templates

    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} 已存在且不是文件夹，请指定一个文件夹")
    try:
        paths = write_templates(out)
    except OSError as exc:
        raise UserError(f"无法写入 {out}：{exc.strerror or exc}") from exc
    for path in paths:
        print(path)
    return EXIT_CLEAN
