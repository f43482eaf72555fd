"""Where the shipped rule packs and profiles live."""

from __future__ import annotations

import os
from pathlib import Path

ENV_RESOURCES = "LIVECOMPLY_RESOURCES"


def resources_dir() -> Path:
    """The ``resources/`` directory: ``$LIVECOMPLY_RESOURCES`` if set, else the one beside ``app/``.

    The override exists for tests and for frozen builds that unpack resources elsewhere.
    """
    override = os.environ.get(ENV_RESOURCES)
    if override:
        return Path(override).expanduser()
    return Path(__file__).resolve().parents[2] / "resources"


def rules_dir() -> Path:
    return resources_dir() / "rules"


def profiles_dir() -> Path:
    return resources_dir() / "profiles"
