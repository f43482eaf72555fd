"""Translations: every message finished, placeholders kept, the .qm current, pseudo mode."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from tests.conftest import REPO
from ui import i18n

TS_FILES = sorted((REPO / "resources" / "i18n").glob("*.ts"))


def messages(ts: Path) -> list[tuple[str, str, str, str | None]]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            out.append((name, m.findtext("source") or "", tr.text or "", tr.get("type")))
    return out


def test_there_is_a_chinese_catalogue() -> None:
    assert [p.name for p in TS_FILES] == ["livecomply_zh_CN.ts"]


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_translation_keeps_its_placeholders(ts: Path) -> None:
    bad = [(ctx, src, tr) for ctx, src, tr, _ in messages(ts)
           if i18n.placeholders(src) != i18n.placeholders(tr)]
    assert not bad


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_message_is_translated(ts: Path) -> None:
    unfinished = [(ctx, src) for ctx, src, tr, kind in messages(ts)
                  if kind in ("unfinished", "vanished", "obsolete") or not tr]
    assert not unfinished


def test_ts_covers_every_string_in_the_code(tmp_path: Path) -> None:
    """Re-extract into a copy: nothing new may appear (someone forgot to run lupdate)."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    copy = tmp_path / "check_zh_CN.ts"
    copy.write_bytes(TS_FILES[0].read_bytes())
    sources = sorted(str(p) for p in (REPO / "ui").glob("*.py"))
    proc = subprocess.run([str(lupdate), *sources, "-ts", str(copy), "-no-obsolete"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    new = [(c, s) for c, s, _, kind in messages(copy) if kind == "unfinished"]
    assert not new, f"run lupdate and translate: {new}"


def test_qm_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease not installed")
    out = tmp_path / "x.qm"
    subprocess.run([str(lrelease), str(TS_FILES[0]), "-qm", str(out)], check=True,
                   capture_output=True, timeout=60)
    assert out.read_bytes() == i18n.qm_path("zh_CN").read_bytes(), "run lrelease and commit"


def test_language_switch(qapp) -> None:  # type: ignore[no-untyped-def]
    assert i18n.install_language("zh_CN")
    assert QCoreApplication.translate("Status", "Ad label") == "广告标识"
    assert i18n.install_language("en")
    assert QCoreApplication.translate("Status", "Ad label") == "Ad label"
    i18n.install_language("zh_CN")


def test_pseudo_localisation_stretches_and_keeps_placeholders(
    qapp, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    assert i18n.pseudo("{element} covered for {seconds} s").count("{seconds}") == 1
    monkeypatch.setenv(i18n.PSEUDO_ENV, "1")
    i18n.install_language("zh_CN")
    text = QCoreApplication.translate("Status", "{element} {status} for {seconds} s")
    assert text.startswith("[") and text.endswith("]")
    assert i18n.placeholders(text) == ["{element}", "{seconds}", "{status}"]
    assert len(text) > len("{element}{status} {seconds} 秒")
    monkeypatch.delenv(i18n.PSEUDO_ENV)
    i18n.install_language("zh_CN")
