"""A real OBS Studio, started headless for tests, plus helpers to drive it over obs-websocket.

Why a real OBS: every fake we could write would agree with our own reading of the protocol; the
failures that hurt in a studio (a wrong password, OBS closed mid-show, a slow screenshot, a
scene change) only look right against the real thing. See /work/shared/OBS_HEADLESS.md for the
measured facts this module relies on.

How to use it from another test module::

    import pytest
    from tests.obs_harness import ObsStudio, obs_studio  # noqa: F401  (fixture import)

    pytestmark = pytest.mark.obs

    def test_label_hidden(obs_studio: ObsStudio) -> None:
        obs_studio.set_item_enabled(obs_studio.TEXT_ITEM, False)   # hide 广告
        ...
        obs_studio.set_item_enabled(obs_studio.TEXT_ITEM, True)    # leave it as you found it

``obs_studio`` is module-scoped: one OBS per test module (start ~2-3 s). Each instance gets its
own Xvfb display, throw-away HOME/XDG_CONFIG_HOME, a free port and a random password, so modules
may run in parallel. Teardown stops exactly the processes it started, by PID (SIGTERM, then
SIGKILL). Without the ``obs`` or ``Xvfb`` binary the fixture skips with the reason.

The scene collection (1280×720, 10 fps):

* ``SCENE_MAIN`` (直播间, the program scene at start): ``BG_ITEM`` a full-canvas colour
  ``BG_BGR``; ``PLATE_ITEM`` a ``PLATE_BGR`` rectangle at ``PLATE_RECT`` (top-right corner);
  ``TEXT_ITEM`` the white text 广告 (Noto Sans CJK SC Bold, 72 px) on the plate.
* ``SCENE_ALT`` (备用画面): a full-canvas ``ALT_BGR`` colour, for scene-change tests.

Pixel colours are given in BGR (OpenCV order), as the sources deliver frames.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest
import simpleobsws

OBS_BINARY: str | None = shutil.which("obs")
XVFB_BINARY: str | None = shutil.which("Xvfb")

WIDTH, HEIGHT, FPS = 1280, 720, 10
SCENE_MAIN = "直播间"
SCENE_ALT = "备用画面"
BG_ITEM = "背景"
PLATE_ITEM = "广告底板"
TEXT_ITEM = "广告文字"
ALT_ITEM = "备用背景"
BG_BGR = (80, 40, 20)  # dark blue
PLATE_BGR = (0, 0, 200)  # red
ALT_BGR = (0, 160, 0)  # green
PLATE_RECT = (1020, 20, 240, 120)  # x, y, w, h on the 1280×720 canvas
TEXT_POS = (1020 + 48, 20 + 8)
COLLECTION = "livecomply-test"
PROFILE = "livecomply-test"
OBS_LAST_VERSION = 486539266  # 29.0.2: suppresses the first-run wizard and "what's new"


def skip_reason() -> str | None:
    """Why real-OBS tests cannot run on this machine, or None when they can."""
    if OBS_BINARY is None:
        return "OBS Studio is not installed (no `obs` binary: apt-get install obs-studio)"
    if XVFB_BINARY is None:
        return "Xvfb is not installed (apt-get install xvfb); OBS 29 needs an X server"
    return None


def free_port() -> int:
    """A TCP port nobody listens on right now (obs-websocket binds all interfaces)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _abgr(bgr: tuple[int, int, int]) -> int:
    """OBS stores colours as 0xAABBGGRR integers."""
    b, g, r = bgr
    return (0xFF << 24) | (b << 16) | (g << 8) | r


def _item(item_id: int, name: str, x: int, y: int) -> dict[str, Any]:
    return {
        "name": name,
        "id": item_id,
        "visible": True,
        "locked": False,
        "pos": {"x": float(x), "y": float(y)},
        "rot": 0.0,
        "scale": {"x": 1.0, "y": 1.0},
        "align": 5,  # top-left anchor; 0 would centre the item on pos
        "bounds_type": 0,
        "bounds_align": 0,
        "bounds": {"x": 0.0, "y": 0.0},
        "crop_left": 0,
        "crop_top": 0,
        "crop_right": 0,
        "crop_bottom": 0,
    }


def _color(name: str, bgr: tuple[int, int, int], w: int, h: int) -> dict[str, Any]:
    return {
        "name": name,
        "id": "color_source_v3",
        "versioned_id": "color_source_v3",
        "settings": {"color": _abgr(bgr), "width": w, "height": h},
    }


def _scene(name: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": name,
        "id": "scene",
        "versioned_id": "scene",
        "settings": {"items": items, "id_counter": len(items), "custom_size": False},
    }


def scene_collection() -> dict[str, Any]:
    """The test scene collection as OBS 29 stores it in ``basic/scenes/NAME.json``."""
    px, py, pw, ph = PLATE_RECT
    text = {
        "name": TEXT_ITEM,
        "id": "text_ft2_source_v2",
        "versioned_id": "text_ft2_source_v2",
        "settings": {
            "text": "广告",
            "font": {"face": "Noto Sans CJK SC", "style": "Bold", "size": 72, "flags": 1},
            "color1": 0xFFFFFFFF,
            "color2": 0xFFFFFFFF,
        },
    }
    main = _scene(
        SCENE_MAIN,
        [_item(1, BG_ITEM, 0, 0), _item(2, PLATE_ITEM, px, py), _item(3, TEXT_ITEM, *TEXT_POS)],
    )
    alt = _scene(SCENE_ALT, [_item(1, ALT_ITEM, 0, 0)])
    return {
        "name": COLLECTION,
        "current_scene": SCENE_MAIN,
        "current_program_scene": SCENE_MAIN,
        "scene_order": [{"name": SCENE_MAIN}, {"name": SCENE_ALT}],
        "sources": [
            _color(BG_ITEM, BG_BGR, WIDTH, HEIGHT),
            _color(PLATE_ITEM, PLATE_BGR, pw, ph),
            text,
            _color(ALT_ITEM, ALT_BGR, WIDTH, HEIGHT),
            main,
            alt,
        ],
        "groups": [],
        "transitions": [],
        "current_transition": "Cut",
        "transition_duration": 300,
        "quick_transitions": [],
        "preview_locked": False,
        "scaling_enabled": False,
        "modules": {},
    }


def write_config(root: Path, port: int, password: str) -> None:
    """Write global.ini, the profile and the scene collection under ``root/obs-studio``."""
    obs = root / "obs-studio"
    (obs / "basic" / "profiles" / PROFILE).mkdir(parents=True, exist_ok=True)
    (obs / "basic" / "scenes").mkdir(parents=True, exist_ok=True)
    global_ini = obs / "global.ini"
    global_ini.write_text(
        "[General]\n"
        "FirstRun=true\n"
        f"LastVersion={OBS_LAST_VERSION}\n"
        "EnableAutoUpdates=false\n"
        "\n[Basic]\n"
        f"Profile={PROFILE}\nProfileDir={PROFILE}\n"
        f"SceneCollection={COLLECTION}\nSceneCollectionFile={COLLECTION}\n"
        "\n[BasicWindow]\nSysTrayEnabled=false\nSysTrayWhenStarted=false\n"
        "\n[OBSWebSocket]\nFirstLoad=false\nServerEnabled=true\n"
        f"ServerPort={port}\nAlertsEnabled=false\nAuthRequired=true\nServerPassword={password}\n",
        encoding="utf-8",
    )
    global_ini.chmod(0o600)  # it holds the websocket password
    (obs / "basic" / "profiles" / PROFILE / "basic.ini").write_text(
        f"[General]\nName={PROFILE}\n"
        f"\n[Video]\nBaseCX={WIDTH}\nBaseCY={HEIGHT}\nOutputCX={WIDTH}\nOutputCY={HEIGHT}\n"
        f"FPSType=0\nFPSCommon={FPS}\n",
        encoding="utf-8",
    )
    (obs / "basic" / "scenes" / f"{COLLECTION}.json").write_text(
        json.dumps(scene_collection(), ensure_ascii=False, indent=1), encoding="utf-8"
    )


def _stop_pid(proc: subprocess.Popen[bytes] | None, timeout: float = 5.0) -> None:
    """SIGTERM the process we started, SIGKILL it if it lingers; never touch anything else."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        # A killed process goes, but one in uninterruptible I/O (a loaded CI disk) only once
        # that returns: wait for it rather than fail a test in teardown.
        proc.wait(60)


class ObsStudio:
    """One headless OBS Studio (and its own Xvfb) with a known scene collection.

    ``host``/``port``/``password`` say how to reach it; ``start``/``kill``/``restart``/``stop``
    control its life and ``pause``/``resume`` freeze it; ``call``/``set_item_enabled``/
    ``set_program_scene`` drive it over its websocket with a short-lived client of their own,
    so they work from any thread.
    """

    SCENE_MAIN = SCENE_MAIN
    SCENE_ALT = SCENE_ALT
    BG_ITEM = BG_ITEM
    PLATE_ITEM = PLATE_ITEM
    TEXT_ITEM = TEXT_ITEM
    BG_BGR = BG_BGR
    PLATE_BGR = PLATE_BGR
    ALT_BGR = ALT_BGR
    PLATE_RECT = PLATE_RECT
    WIDTH = WIDTH
    HEIGHT = HEIGHT

    def __init__(self, workdir: Path, port: int | None = None, password: str | None = None):
        self.workdir = workdir
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.password = password or secrets.token_urlsafe(12)
        self.home = workdir / "home"
        self.config = self.home / ".config"
        self.log_path = workdir / "obs.log"
        self.xvfb: subprocess.Popen[bytes] | None = None
        self.obs: subprocess.Popen[bytes] | None = None
        self.display: str | None = None
        self.home.mkdir(parents=True, exist_ok=True)
        write_config(self.config, self.port, self.password)

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    # -- life cycle ----------------------------------------------------------------------------

    def _start_xvfb(self) -> None:
        assert XVFB_BINARY is not None
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(
            [XVFB_BINARY, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
             "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as pipe:
            number = pipe.readline().strip().decode()  # Xvfb writes it once it is ready
        if not number:
            _stop_pid(self.xvfb)
            raise RuntimeError("Xvfb did not report a display number")
        self.display = f":{number}"

    def start(self, timeout: float = 30.0) -> None:
        """Start Xvfb (once) and OBS, and return when the websocket port accepts connections."""
        if self.xvfb is None or self.xvfb.poll() is not None:
            self._start_xvfb()
        assert OBS_BINARY is not None and self.display is not None
        env = {
            **os.environ,
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.config),
            "DISPLAY": self.display,
            "QT_QPA_PLATFORM": "xcb",
            "LIBGL_ALWAYS_SOFTWARE": "1",
            "GALLIUM_DRIVER": "llvmpipe",
        }
        env.pop("WAYLAND_DISPLAY", None)
        log = self.log_path.open("ab")
        self.obs = subprocess.Popen(
            [OBS_BINARY, "--multi", "--minimize-to-tray", "--disable-updater",
             "--disable-missing-files-check", "--collection", COLLECTION, "--profile", PROFILE,
             "--scene", SCENE_MAIN],
            env=env,
            cwd=self.home,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.obs.poll() is not None:
                raise RuntimeError(f"OBS exited with {self.obs.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError), socket.create_connection(
                (self.host, self.port), timeout=0.5
            ):
                return
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"OBS websocket did not open within {timeout:.0f} s:\n{self.log_tail()}")

    def wait_rendered(self, timeout: float = 15.0) -> None:
        """Return when the main scene's screenshot shows the 广告 glyphs on the plate.

        OBS opens its websocket before its text source has rendered (it loads the font and
        draws the text on the graphics thread); a first screenshot taken at once showed the
        plate without the glyphs on a loaded CI machine. Tests expect the scene as written.
        """
        from app.capture.obs import decode_image_data

        x, y, w, h = PLATE_RECT
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shot = self.call(
                "GetSourceScreenshot", {"sourceName": SCENE_MAIN, "imageFormat": "png"}
            )
            image = decode_image_data(shot["imageData"])
            plate = image[y : y + h, x : x + w]
            if image.shape[:2] == (HEIGHT, WIDTH) and int((plate.min(axis=2) > 200).sum()) > 1500:
                return
            time.sleep(0.2)
        raise RuntimeError(
            f"OBS did not render its text within {timeout:.0f} s:\n{self.log_tail()}"
        )

    def kill(self) -> None:
        """Kill OBS at once (SIGKILL), as a crash or a closed window looks to a client."""
        if self.obs is not None and self.obs.poll() is None:
            self.obs.kill()
            self.obs.wait(5)

    def pause(self) -> None:
        """SIGSTOP OBS: the socket stays open but nothing answers, like a frozen OBS."""
        if self.running:
            assert self.obs is not None
            self.obs.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        """SIGCONT OBS after ``pause``."""
        if self.running:
            assert self.obs is not None
            self.obs.send_signal(signal.SIGCONT)

    def restart(self, delay: float = 0.0) -> None:
        """Kill OBS and start it again with the same config, port and password."""
        self.kill()
        if delay:
            time.sleep(delay)
        self.start()

    def stop(self) -> None:
        """Stop OBS, then Xvfb, by the PIDs we started them with. Safe to call twice."""
        self.resume()  # a stopped process would ignore SIGTERM until SIGKILL
        _stop_pid(self.obs)
        _stop_pid(self.xvfb)

    @property
    def running(self) -> bool:
        return self.obs is not None and self.obs.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    # -- driving it ----------------------------------------------------------------------------

    async def _call_async(self, request: str, data: dict[str, Any] | None) -> dict[str, Any]:
        client = simpleobsws.WebSocketClient(url=self.url, password=self.password)
        await client.connect()
        try:
            if not await client.wait_until_identified(5):
                raise RuntimeError("could not identify with the test OBS")
            resp = await client.call(simpleobsws.Request(request, data), timeout=10)
            if not resp.ok():
                raise RuntimeError(f"{request} failed: {resp.requestStatus}")
            return dict(resp.responseData or {})
        finally:
            await client.disconnect()

    def call(self, request: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one obs-websocket request and return its response data (raises on failure)."""
        return asyncio.run(self._call_async(request, data))

    def item_id(self, item: str, scene: str = SCENE_MAIN) -> int:
        data = self.call("GetSceneItemId", {"sceneName": scene, "sourceName": item})
        return int(data["sceneItemId"])

    def set_item_enabled(self, item: str, enabled: bool, scene: str = SCENE_MAIN) -> None:
        """Show or hide a scene item (SetSceneItemEnabled); the next screenshot shows it."""
        self.call(
            "SetSceneItemEnabled",
            {"sceneName": scene, "sceneItemId": self.item_id(item, scene),
             "sceneItemEnabled": enabled},
        )

    def set_program_scene(self, scene: str) -> None:
        self.call("SetCurrentProgramScene", {"sceneName": scene})

    def program_scene(self) -> str:
        return str(self.call("GetCurrentProgramScene")["currentProgramSceneName"])


@contextlib.contextmanager
def running_obs(workdir: Path, **kwargs: Any) -> Iterator[ObsStudio]:
    """Start an ``ObsStudio`` in ``workdir`` and stop it (and its Xvfb) on the way out."""
    studio = ObsStudio(workdir, **kwargs)
    try:
        studio.start()
        studio.wait_rendered()
        yield studio
    finally:
        studio.stop()


@pytest.fixture(scope="module")
def obs_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ObsStudio]:
    """A headless OBS for the whole test module; skips when OBS or Xvfb is not installed."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    with running_obs(tmp_path_factory.mktemp("obs")) as studio:
        yield studio


# -- an in-memory keyring, so tests never touch a real keychain -------------------------------


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Keeps passwords in a dict for the life of the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            import keyring.errors

            raise keyring.errors.PasswordDeleteError("not found")
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install a fresh ``MemoryKeyring`` for one test and put the previous backend back."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
