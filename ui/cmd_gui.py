"""``livecomply gui``: the desktop window (lights, preview, events, teleprompter, alarms).

It lives in ``ui`` because ``app`` never imports Qt or ``ui``: the ``livecomply`` command is
``ui.launcher``, which adds this command to the core's CLI. PySide6 is imported inside ``run``
only, so the other commands still start fast and work where Qt cannot load.

With no ``--source`` the saved setting applies; its default, ``auto``, uses OBS when it answers
and the demo room otherwise, so a first start shows the app working.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``gui`` to the CLI."""
    p = sub.add_parser(
        "gui",
        help="open the desktop window (default when no command is given)",
        description="直播合规助手 desktop window: status lights, preview, events, teleprompter.",
    )
    p.add_argument(
        "--source", default=None,
        help="auto | obs | obs:HOST:PORT | device:N | screen[:x,y,w,h] | file:PATH | demo "
        "(default: the saved setting, initially auto = OBS if reachable, else demo)",
    )
    p.add_argument("--db", type=Path, default=None, help="evidence database (default: per user)")
    p.add_argument("--profile", default=None, help="check profile name or .toml path")
    ai = p.add_mutually_exclusive_group()
    ai.add_argument("--ai-host", dest="ai_host", action="store_true", default=None,
                    help="the host is an AI avatar (requires the AI label)")
    ai.add_argument("--human-host", dest="ai_host", action="store_false",
                    help="the host is a person")
    p.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="UI language")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Open the window; returns when it closes."""
    try:
        from ui.app import run as run_gui
    except ImportError as exc:  # PySide6 missing or its system libraries (libEGL, xcb) absent
        raise UserError(
            f"图形界面无法启动 (the GUI cannot start: {exc}; install PySide6-Essentials, and on "
            "Linux the X11/EGL libraries listed in installer/debian-packages.txt)"
        ) from exc
    return run_gui(source=getattr(args, "source", None), db=getattr(args, "db", None),
                   profile=getattr(args, "profile", None), ai_host=getattr(args, "ai_host", None),
                   language=getattr(args, "lang", None))
