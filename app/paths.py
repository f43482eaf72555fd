"""Where LiveComply keeps its files: one place, from ``platformdirs``, overridable for tests.

Never hard-code ``~/.config`` or ``%APPDATA%``: the OS conventions differ and tests must be able
to point the whole app at a temporary directory (``LIVECOMPLY_DATA_DIR`` /
``LIVECOMPLY_CONFIG_DIR``; ``tests/conftest.py`` sets both for every test).

Evidence snapshots live in a ``snapshots`` directory *beside the database file*, not beside the
data dir, so ``--db PATH`` keeps a database and its snapshots together and a copied folder is
a complete, verifiable evidence set.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "LiveComply"
DATA_DIR_ENV = "LIVECOMPLY_DATA_DIR"
CONFIG_DIR_ENV = "LIVECOMPLY_CONFIG_DIR"
DB_FILENAME = "livecomply.db"
SNAPSHOTS_DIRNAME = "snapshots"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The directory holding the evidence database and snapshots (not created here)."""
    # appauthor=False: on Windows platformdirs would otherwise nest LiveComply\LiveComply.
    return _from_env(DATA_DIR_ENV) or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The directory holding settings and profiles (not created here)."""
    return _from_env(CONFIG_DIR_ENV) or Path(
        platformdirs.user_config_dir(APP_NAME, appauthor=False)
    )


def default_db_path() -> Path:
    """The studio's evidence database when no ``--db`` is given."""
    return data_dir() / DB_FILENAME


def snapshots_dir(db_path: Path) -> Path:
    """Snapshots belonging to ``db_path``: ``<db dir>/snapshots/ab/abcdef….jpg``."""
    return Path(db_path).parent / SNAPSHOTS_DIRNAME
