"""``livecomply gui`` is registered, and is what ``livecomply`` with no command runs."""

from __future__ import annotations

from typing import Any

import pytest

from ui import launcher as cli


def test_gui_is_registered_and_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(**kwargs: Any) -> int:
        seen.update(kwargs)
        return 0

    import ui.app

    monkeypatch.setattr(ui.app, "run", fake_run)
    assert cli.main(["gui", "--source", "demo", "--profile", "all-required", "--ai-host"]) == 0
    assert seen["source"] == "demo" and seen["profile"] == "all-required"
    assert seen["ai_host"] is True
    seen.clear()
    assert cli.main([]) == 0
    assert seen["source"] is None and seen["ai_host"] is None
