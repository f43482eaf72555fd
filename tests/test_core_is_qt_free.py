"""The core must run with no Qt at all: import every ``app`` module with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

SCRIPT = r"""
import importlib, pkgutil, sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui"):
            raise ImportError(f"app/ must not import {name}")
        return None

sys.meta_path.insert(0, Block())
import app
for mod in pkgutil.walk_packages(app.__path__, "app."):
    importlib.import_module(mod.name)
print("ok")
"""


def test_every_app_module_imports_without_qt() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("ok")
