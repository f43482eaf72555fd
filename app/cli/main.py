"""``livecomply`` entry point: one argparse tree, one module per command.

Each command module exposes ``register(subparsers)`` that adds its parser and sets
``func(args) -> int``. Errors the user can fix are raised as ``UserError`` and printed as one
line; nothing reaches the terminal as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.cli.errors import UserError

# Command modules, in the order ``--help`` lists them. A module that fails to import (an optional
# dependency missing on this PC) is skipped so the other commands still work.
COMMAND_MODULES: tuple[str, ...] = (
    "app.cli.cmd_check",
    "app.cli.cmd_monitor",
    "app.cli.cmd_audit",
    "app.cli.cmd_sessions",
    "app.cli.cmd_verify",
    "app.cli.cmd_obs",
    "app.cli.cmd_plan",
    "app.cli.cmd_report",
    "app.cli.cmd_export",
    "app.cli.cmd_purge",
)


def build_parser(
    extra_commands: Sequence[Callable[[argparse._SubParsersAction], None]] = (),
) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livecomply",
        description="直播合规助手 LiveComply — compliance checks for live-commerce streams",
    )
    parser.add_argument("--version", action="version", version=f"livecomply {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # command not built yet
            raise
        module.register(sub)
    for register in extra_commands:  # e.g. ``gui``, added by ui.launcher
        register(sub)
    return parser


def main(
    argv: list[str] | None = None,
    extra_commands: Sequence[Callable[[argparse._SubParsersAction], None]] = (),
    default_command: str | None = None,
) -> int:
    """Run one command; ``default_command`` runs when none is given (else: help)."""
    parser = build_parser(extra_commands)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        if default_command is not None:
            args = parser.parse_args([default_command, *(argv or [])])
        else:
            parser.print_help()
            return 0
    try:
        return int(args.func(args))
    except UserError as exc:
        print(f"livecomply: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("livecomply: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
