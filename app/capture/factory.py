"""Turn a source spec from the command line or settings into a ``Source``.

One small grammar so the CLI, the settings file and the GUI all say sources the same way:
``obs``, ``obs:HOST``, ``obs:HOST:PORT`` (IPv6 as ``obs:[::1]:4455``), ``device:N``, ``screen``,
``screen:x,y,w,h``, ``file:PATH`` and ``demo``. Source modules are imported only when used, so a
missing optional piece (the demo source, a broken OpenCV) only breaks the specs that need it.
"""

from __future__ import annotations

import importlib
from typing import Any

from app.capture.base import Source, SourceError

ACCEPTED = (
    "obs, obs:HOST, obs:HOST:PORT, device:N, screen, screen:x,y,w,h, file:PATH, demo"
)


def _bad(spec: str, why: str) -> SourceError:
    return SourceError(f"无效的来源 {spec!r} (bad source {spec!r}: {why}; accepted: {ACCEPTED})")


def _parse_obs(spec: str, rest: str) -> tuple[str, int | None]:
    from app.capture.obs import DEFAULT_HOST

    if not rest:
        return DEFAULT_HOST, None
    if rest.startswith("["):  # [IPv6]:port
        host, _, tail = rest[1:].partition("]")
        port_text = tail[1:] if tail.startswith(":") else tail
    elif rest.count(":") > 1:
        raise _bad(spec, "write an IPv6 host in brackets, e.g. obs:[::1]:4455")
    else:
        host, _, port_text = rest.partition(":")
    if not host:
        raise _bad(spec, "empty host")
    if not port_text:
        return host, None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise _bad(spec, f"port must be 1–65535, not {port_text!r}")
    return host, int(port_text)


def open_source(spec: str, **opts: Any) -> Source:
    """Build (not start) the source ``spec`` names; ``opts`` go to its constructor."""
    spec = spec.strip()
    kind, _, rest = spec.partition(":")
    kind = kind.lower()
    if kind == "obs":
        from app.capture.obs import DEFAULT_PORT, ObsSource

        host, port = _parse_obs(spec, rest)
        return ObsSource(host, port or DEFAULT_PORT, **opts)
    if kind == "device":
        if not rest.strip().isdigit():
            raise _bad(spec, "device needs a number, e.g. device:0")
        from app.capture.device import DeviceSource

        return DeviceSource(int(rest), **opts)
    if kind == "screen":
        from app.capture.screen import ScreenSource

        if not rest:
            return ScreenSource(None, **opts)
        parts = [p.strip() for p in rest.split(",")]
        try:
            x, y, w, h = (int(p) for p in parts)
        except ValueError:
            raise _bad(spec, "screen region is x,y,w,h in whole pixels") from None
        if w <= 0 or h <= 0:
            raise _bad(spec, "screen region width and height must be > 0")
        return ScreenSource((x, y, w, h), **opts)
    if kind == "file":
        if not rest:
            raise _bad(spec, "file needs a path, e.g. file:D:\\录像\\2024-06-18.mp4")
        from app.capture.file import FileSource

        return FileSource(rest, **opts)
    if kind == "demo" and not rest:
        try:
            module = importlib.import_module("app.capture.demo")
        except ModuleNotFoundError as exc:
            if exc.name != "app.capture.demo":
                raise
            raise SourceError(
                "演示来源尚未安装 (the demo source is not part of this build: app/capture/demo.py "
                "is missing; use obs, screen or file:PATH)"
            ) from None
        return module.DemoSource(**opts)  # type: ignore[no-any-return]
    raise _bad(spec, "unknown kind")
