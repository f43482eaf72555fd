"""open_source(): the spec grammar shared by the CLI, settings and GUI."""

from __future__ import annotations

import sys

import pytest

from app.capture.base import Source, SourceError
from app.capture.device import DeviceSource
from app.capture.factory import open_source
from app.capture.file import FileSource
from app.capture.obs import ObsSource
from app.capture.screen import ScreenSource


@pytest.mark.parametrize(
    ("spec", "host", "port", "name"),
    [
        ("obs", "127.0.0.1", 4455, "obs"),
        ("obs:192.168.1.20", "192.168.1.20", 4455, "obs:192.168.1.20:4455"),
        ("obs:studio-pc:4460", "studio-pc", 4460, "obs:studio-pc:4460"),
        ("obs:[::1]:4455", "::1", 4455, "obs:[::1]:4455"),
        ("OBS", "127.0.0.1", 4455, "obs"),
    ],
)
def test_obs_specs(spec: str, host: str, port: int, name: str) -> None:
    src = open_source(spec, password="x")
    assert isinstance(src, ObsSource) and isinstance(src, Source)
    assert (src.host, src.port, src.name) == (host, port, name)


def test_other_specs() -> None:
    dev = open_source("device:2")
    assert isinstance(dev, DeviceSource) and dev.index == 2 and dev.name == "device:2"
    scr = open_source("screen:10,20,300,200", fps=1)
    assert isinstance(scr, ScreenSource) and scr.region == (10, 20, 300, 200)
    assert isinstance(open_source("screen"), ScreenSource)
    f = open_source(r"file:C:\录像\2024-06-18 20-00-00.mkv", mode="realtime")
    assert isinstance(f, FileSource) and f.mode == "realtime"
    assert str(f.path).endswith("2024-06-18 20-00-00.mkv")
    for src in (dev, scr, f):
        assert isinstance(src, Source)


@pytest.mark.parametrize(
    ("spec", "why"),
    [
        ("", "unknown kind"),
        ("rtmp://x", "unknown kind"),
        ("obs:host:0", "port must be"),
        ("obs:host:abc", "port must be"),
        ("obs:::1", "brackets"),
        ("device:", "needs a number"),
        ("device:x", "needs a number"),
        ("screen:1,2,3", "x,y,w,h"),
        ("screen:0,0,0,10", "> 0"),
        ("file:", "needs a path"),
        ("demo:x", "unknown kind"),
    ],
)
def test_bad_specs_say_what_is_accepted(spec: str, why: str) -> None:
    with pytest.raises(SourceError) as info:
        open_source(spec)
    assert why in str(info.value)
    assert "accepted: obs, obs:HOST, obs:HOST:PORT, device:N" in str(info.value)


def test_demo_absent_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "app.capture.demo", None)  # as if demo.py were missing
    with pytest.raises(SourceError, match="demo source is not part of this build"):
        open_source("demo")
