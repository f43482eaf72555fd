"""The ``livecomply`` command: the core's CLI (``app.cli``) plus ``gui``, the default.

``app`` must not import Qt or ``ui``; the desktop command is therefore added here, at the one
place that knows about both. ``python -m app`` is the same CLI without the window.
"""

from __future__ import annotations

import sys

from app.cli.main import main as core_main
from ui import cmd_gui


def main(argv: list[str] | None = None) -> int:
    return core_main(argv, extra_commands=(cmd_gui.register,), default_command="gui")


if __name__ == "__main__":
    sys.exit(main())
