"""ScreenSource for real: its own Xvfb, a known picture drawn with Xlib, grabbed with mss."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from app.capture.base import SourceError
from app.capture.screen import ScreenSource

pytestmark = pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xsetroot") is None
    or ctypes.util.find_library("X11") is None,
    reason="needs Xvfb, xsetroot and libX11 (apt-get install xvfb x11-xserver-utils)",
)

BACKGROUND = "#3366cc"  # → BGR (204, 102, 51)
RED_RECT = (100, 50, 200, 100)


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A private 640×480 Xvfb, stopped by its PID afterwards."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "640x480x24", "-nolisten", "tcp",
         "-noreset"],  # keep what we drew when our X client disconnects
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        name = ":" + pipe.readline().strip().decode()
    try:
        subprocess.run(["xsetroot", "-display", name, "-solid", BACKGROUND], check=True)
        draw_rect(name, RED_RECT, 0xFF0000)
        yield name
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


def draw_rect(display: str, rect: tuple[int, int, int, int], rgb: int) -> None:
    """A tiny X client: fill a rectangle on the root window with XFillRectangle."""
    x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XCreateGC.restype = ctypes.c_void_p
    x11.XCreateGC.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_void_p]
    x11.XSetForeground.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong]
    x11.XFillRectangle.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p,
                                   ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XFreeGC.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x11.XOpenDisplay(display.encode())
    assert dpy, f"cannot open {display}"
    root = x11.XDefaultRootWindow(dpy)
    gc = x11.XCreateGC(dpy, root, 0, None)
    x11.XSetForeground(dpy, gc, rgb)  # TrueColor 24-bit: 0xRRGGBB
    x11.XFillRectangle(dpy, root, gc, *rect)
    x11.XSync(dpy, 0)
    x11.XFreeGC(dpy, gc)
    x11.XCloseDisplay(dpy)


def first_frame(src: ScreenSource, timeout: float = 5.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = src.grab()
        if frame is not None:
            return frame
        time.sleep(0.02)
    raise AssertionError("no frame")


def test_region_grab_shows_what_was_drawn(display: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", display)
    src = ScreenSource((90, 40, 220, 120), fps=10)
    src.start()
    try:
        frame = first_frame(src)
        assert frame.image.shape == (120, 220, 3)
        assert tuple(frame.image[5, 5]) == (204, 102, 51)  # background, outside the rectangle
        assert tuple(frame.image[60, 110]) == (0, 0, 255)  # inside the red rectangle (BGR)
        assert tuple(frame.image[10, 10]) == (0, 0, 255)  # its top-left corner at (100, 50)
        assert tuple(frame.image[9, 9]) == (204, 102, 51)
        assert src.grab() is None or src.grab() is not frame
        assert not src.finished
    finally:
        src.stop()


def test_whole_screen(display: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", display)
    src = ScreenSource(fps=5)
    src.start()
    try:
        frame = first_frame(src)
        assert frame.image.shape == (480, 640, 3)
        assert tuple(frame.image[100, 200]) == (0, 0, 255)
    finally:
        src.stop()


def test_region_outside_the_screen(display: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", display)
    with pytest.raises(SourceError, match="outside the screen"):
        ScreenSource((600, 400, 100, 100)).start()


def test_no_display_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":987")
    with pytest.raises(SourceError, match="cannot capture the screen"):
        ScreenSource((0, 0, 10, 10)).start()
