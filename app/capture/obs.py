"""OBS Studio 28+ as a source: screenshots of the *program* scene over obs-websocket v5.

Why this shape:

* The asyncio client (simpleobsws) runs on the source's own thread with its own event loop, so
  ``grab()`` only takes a lock and hands back the newest screenshot: a slow screenshot
  (100 ms–3 s on a busy studio PC) never blocks the sampling loop.
* simpleobsws alone is not enough for a live show (see /work/shared/OBS_HEADLESS.md): a wrong
  password only shows as ``wait_until_identified()`` returning False after its whole timeout,
  and a request in flight when OBS dies hangs until its own 15 s timeout. So every wait here is
  raced against the client's receive task: when the socket closes we know at once, and the
  close code (4009 = authentication failed) tells a wrong password from a crash.
* At most one screenshot request is in flight. One that takes longer than ``request_timeout``
  makes the connection suspect: we probe it with GetVersion and reconnect if that fails too.
* When OBS goes away mid-show we emit ``disconnected`` at once, then ``reconnecting`` (with the
  next attempt's delay, exponential backoff capped at ``max_backoff``) and ``connected`` when it
  is back, so the monitor can record the gap.

The screenshot is of the program scene *source* (``GetSourceScreenshot``), which is what
obs-websocket offers: it follows ``CurrentProgramSceneChanged`` (in studio mode that is the
program, not the preview) but does not show a transition in progress.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import cv2
import numpy as np
import simpleobsws
import websockets

from app.capture._common import NewestFrame, emit
from app.capture.base import EventCallback, Frame, SourceError

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4455

# obs-websocket v5 event subscription bits we need: General (ExitStarted), Scenes, Ui (studio mode).
_SUBSCRIPTIONS = (1 << 0) | (1 << 2) | (1 << 10)
_CLOSE_AUTH_FAILED = 4009
_CLOSE_UNSUPPORTED_RPC = 4010
_RESOURCE_NOT_FOUND = 600
_EXITING = "OBS 正在退出 (OBS is closing: File → Exit or the window was closed)"


class ObsError(SourceError):
    """OBS cannot be used right now. ``retryable`` says whether trying again later may help."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def not_running_message(host: str, port: int) -> str:
    return (
        f"OBS 未运行或 WebSocket 未开启 (OBS not running or WebSocket server disabled at "
        f"{host}:{port}: start OBS and tick Tools → WebSocket Server Settings → "
        "Enable WebSocket server; check the port there)"
    )


def auth_failed_message(host: str, port: int, had_password: bool) -> str:
    if not had_password:
        return (
            f"OBS 需要 WebSocket 密码 (OBS at {host}:{port} requires a password and none is "
            f"stored: run `livecomply obs set-password --host {host} --port {port}` with the "
            "password from Tools → WebSocket Server Settings → Show Connect Info)"
        )
    return (
        f"OBS WebSocket 密码错误 (wrong OBS WebSocket password for {host}:{port}: copy it from "
        "Tools → WebSocket Server Settings → Show Connect Info and run "
        f"`livecomply obs set-password --host {host} --port {port}`)"
    )


def netloc(host: str, port: int) -> str:
    """host:port, with an IPv6 host in brackets as URLs and our source specs write it."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _now() -> datetime:
    return datetime.now(UTC)


async def connect_obs(
    host: str,
    port: int,
    password: str | None,
    *,
    open_timeout: float = 3.0,
    identify_timeout: float = 3.0,
) -> simpleobsws.WebSocketClient:
    """Connect and identify, failing fast with a clear ``ObsError``.

    A wrong password closes the socket with code 4009 within milliseconds; we race the identify
    wait against the client's receive task so we see that close instead of waiting out
    simpleobsws's timeout.
    """
    client = simpleobsws.WebSocketClient(
        url=f"ws://{netloc(host, port)}",
        password=password or "",
        identification_parameters=simpleobsws.IdentificationParameters(
            eventSubscriptions=_SUBSCRIPTIONS
        ),
    )
    try:
        await asyncio.wait_for(client.connect(), open_timeout)
    except TimeoutError as exc:
        raise ObsError(
            f"OBS 无应答 (no answer from {host}:{port} within {open_timeout:.0f} s: check the "
            "host, the port and the firewall on the OBS PC)",
            retryable=True,
        ) from exc
    except OSError as exc:
        # Refused: nothing listens there. Windows reports it as WinError 1225/10061.
        if isinstance(exc, ConnectionRefusedError) or getattr(exc, "winerror", 0) in (1225, 10061):
            raise ObsError(not_running_message(host, port), retryable=True) from exc
        # Unreachable host, name not resolved, ...
        raise ObsError(
            f"无法连接到 OBS (cannot reach OBS at {host}:{port}: {exc.strerror or exc}; check "
            "the host and port, and the firewall on the OBS PC)",
            retryable=True,
        ) from exc
    except websockets.exceptions.WebSocketException as exc:
        # Seen while OBS restarts ("did not receive a valid HTTP response"), or when something
        # that is not obs-websocket v5 (v4 plugin, another program) holds the port.
        raise ObsError(
            f"端口上不是 OBS WebSocket 5 (something at {host}:{port} is not answering as "
            f"obs-websocket 5.x: {exc}; OBS 28+ is required and the port must be its WebSocket "
            "server port)",
            retryable=True,
        ) from exc

    recv_task = client.recv_task
    assert recv_task is not None
    identified = asyncio.ensure_future(client.wait_until_identified(identify_timeout + 1))
    try:
        await asyncio.wait(
            {identified, recv_task},
            timeout=identify_timeout,
            return_when=asyncio.FIRST_COMPLETED,
        )
    finally:
        if not identified.done():
            identified.cancel()
    if identified.done() and not identified.cancelled() and identified.result():
        return client
    code = client.ws.close_code if client.ws is not None else None
    await close_client(client)
    if code == _CLOSE_AUTH_FAILED:
        raise ObsError(auth_failed_message(host, port, bool(password)), retryable=False)
    if code == _CLOSE_UNSUPPORTED_RPC:
        raise ObsError(
            f"OBS WebSocket 版本不兼容 (OBS at {host}:{port} does not speak obs-websocket RPC "
            "v1: update OBS to 28 or newer)",
            retryable=False,
        )
    raise ObsError(
        f"OBS 未完成握手 (OBS at {host}:{port} accepted the connection but did not identify us "
        f"within {identify_timeout:.0f} s{f', close code {code}' if code else ''}; "
        "is OBS frozen?)",
        retryable=True,
    )


async def close_client(client: simpleobsws.WebSocketClient, abort: bool = False) -> None:
    """Close without ever hanging or raising: the socket may already be dead.

    ``abort`` drops the TCP connection at once instead of waiting for a closing handshake that
    a frozen or dead OBS will never answer.
    """
    ws = client.ws
    if abort and ws is not None:
        with contextlib.suppress(Exception):
            ws.transport.abort()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(client.disconnect(), 2.0)
    task = client.recv_task
    if task is not None and task.done() and not task.cancelled():
        task.exception()  # retrieve it so asyncio does not log "never retrieved"


def decode_image_data(image_data: str) -> np.ndarray:
    """Decode obs-websocket's ``data:image/...;base64,...`` into a BGR array."""
    _, _, payload = image_data.partition(",")
    buf = np.frombuffer(base64.b64decode(payload), np.uint8)
    image = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError("OBS sent a screenshot that cannot be decoded")
    return image


class _Lost(Exception):
    """The connection is gone (or no longer trusted); ``reason`` is what the user sees."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ObsProbe:
    """What ``probe_obs`` found: for ``livecomply obs test``."""

    obs_version: str
    websocket_version: str
    program_scene: str
    studio_mode: bool
    base_size: tuple[int, int]
    screenshot_size: tuple[int, int]
    image_format: str
    connect_ms: float
    screenshot_ms: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.screenshot_ms)


async def _call(
    client: simpleobsws.WebSocketClient,
    request: str,
    data: dict[str, Any] | None = None,
    timeout: float = 4.0,
) -> dict[str, Any]:
    """One request, raced against the socket closing; raises ``_Lost`` or ``ObsError``."""
    recv_task = client.recv_task
    if recv_task is None or recv_task.done():
        raise _Lost("OBS 连接已断开 (connection to OBS closed)")
    call = asyncio.ensure_future(client.call(simpleobsws.Request(request, data), timeout + 5))
    try:
        done, _ = await asyncio.wait(
            {call, recv_task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        if not call.done():
            call.cancel()
    if call not in done:
        if recv_task in done:
            raise _Lost("OBS 已关闭或崩溃 (OBS closed or crashed: the connection dropped)")
        raise TimeoutError(f"{request} got no answer within {timeout:.1f} s")
    try:
        resp = call.result()
    except (simpleobsws.NotIdentifiedError, websockets.exceptions.ConnectionClosed) as exc:
        raise _Lost("OBS 连接已断开 (connection to OBS closed)") from exc
    if not resp.ok():
        status = resp.requestStatus
        raise ObsError(
            f"OBS 拒绝请求 {request} (OBS refused {request}: code {status.code}, "
            f"{status.comment or 'no comment'})",
            retryable=True,
        )
    return dict(resp.responseData or {})


def _screenshot_request(
    scene: str, image_format: str, width: int | None, quality: int
) -> dict[str, Any]:
    data: dict[str, Any] = {"sourceName": scene, "imageFormat": image_format}
    if width:
        data["imageWidth"] = int(width)
    if image_format in ("jpg", "jpeg"):
        data["imageCompressionQuality"] = int(quality)
    return data


async def _probe(
    host: str, port: int, password: str | None, samples: int, image_format: str,
    width: int | None, quality: int,
) -> ObsProbe:
    t0 = time.perf_counter()
    client = await connect_obs(host, port, password)
    connect_ms = (time.perf_counter() - t0) * 1000
    try:
        version = await _call(client, "GetVersion")
        scene = (await _call(client, "GetCurrentProgramScene"))["currentProgramSceneName"]
        studio = bool((await _call(client, "GetStudioModeEnabled")).get("studioModeEnabled"))
        video = await _call(client, "GetVideoSettings")
        timings: list[float] = []
        image: np.ndarray | None = None
        req = _screenshot_request(scene, image_format, width, quality)
        for _ in range(max(1, samples)):
            t1 = time.perf_counter()
            shot = await _call(client, "GetSourceScreenshot", req, timeout=10)
            timings.append((time.perf_counter() - t1) * 1000)
            image = decode_image_data(shot["imageData"])
        assert image is not None
        return ObsProbe(
            obs_version=str(version.get("obsVersion")),
            websocket_version=str(version.get("obsWebSocketVersion")),
            program_scene=str(scene),
            studio_mode=studio,
            base_size=(int(video["baseWidth"]), int(video["baseHeight"])),
            screenshot_size=(int(image.shape[1]), int(image.shape[0])),
            image_format=image_format,
            connect_ms=connect_ms,
            screenshot_ms=timings,
        )
    except _Lost as exc:
        raise ObsError(exc.reason, retryable=True) from None
    except TimeoutError as exc:
        raise ObsError(f"OBS 响应超时 (OBS too slow: {exc})", retryable=True) from None
    finally:
        await close_client(client)


def probe_obs(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    password: str | None = None,
    *,
    samples: int = 5,
    image_format: str = "jpg",
    width: int | None = None,
    quality: int = 90,
) -> ObsProbe:
    """Connect once, read version/scene/video settings and time a few screenshots.

    Blocking; for ``livecomply obs test`` and diagnostics. Raises ``ObsError``.
    """
    return asyncio.run(_probe(host, port, password, samples, image_format, width, quality))


class ObsSource:
    """Program-output screenshots from OBS over obs-websocket v5 (see the module docstring).

    ``password=None`` reads the OS keyring (``app.secrets``) before every connection attempt, so
    a password fixed with ``livecomply obs set-password`` is picked up by the next reconnect.
    ``interval`` is the least time between the starts of two screenshots (OBS renders them on
    its graphics thread; asking faster than the sampler needs only costs the show CPU).
    ``wait_for_obs=False`` makes ``start()`` raise if OBS is not there; with True it keeps
    trying in the background and reports through events.
    """

    def __init__(
        self,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        password: str | None = None,
        *,
        image_format: str = "jpg",
        width: int | None = None,
        quality: int = 90,
        interval: float = 0.2,
        request_timeout: float = 4.0,
        connect_timeout: float = 3.0,
        initial_backoff: float = 0.25,
        max_backoff: float = 5.0,
        wait_for_obs: bool = False,
        password_provider: Callable[[], str | None] | None = None,
    ) -> None:
        if image_format not in ("jpg", "png"):
            raise SourceError(f"image_format must be jpg or png, not {image_format!r}")
        self.host = host
        self.port = int(port)
        default = (host, self.port) == (DEFAULT_HOST, DEFAULT_PORT)
        self.name = "obs" if default else f"obs:{netloc(host, self.port)}"
        self._password = password
        self._password_provider = password_provider
        self.image_format = image_format
        self.width = width
        self.quality = quality
        self.interval = interval
        self.request_timeout = request_timeout
        self.connect_timeout = connect_timeout
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self.wait_for_obs = wait_for_obs

        self._newest = NewestFrame()
        self._on_event: EventCallback | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_async: asyncio.Event | None = None
        self._stopping = threading.Event()
        self._first_result = threading.Event()
        self._first_error: ObsError | None = None
        self._scene: str | None = None
        self.connected = False
        self.obs_version: str | None = None
        self.last_screenshot_ms: float | None = None

    # -- Source interface ------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return False

    @property
    def scene(self) -> str | None:
        """The current program scene name, as last reported by OBS."""
        return self._scene

    def start(self, on_event: EventCallback | None = None) -> None:
        if self._thread is not None:
            return
        self._on_event = on_event
        self._thread = threading.Thread(target=self._thread_main, name=f"capture-{self.name}",
                                        daemon=True)
        self._thread.start()
        if self.wait_for_obs:
            return
        self._first_result.wait(self.connect_timeout * 2 + 5)
        if self._first_error is not None:
            error = self._first_error
            self.stop()
            raise error

    def grab(self) -> Frame | None:
        return self._newest.take()

    def stop(self) -> None:
        self._stopping.set()
        loop, stop_async = self._loop, self._stop_async
        if loop is not None and stop_async is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed
                loop.call_soon_threadsafe(stop_async.set)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(10)

    # -- internals -------------------------------------------------------------------------------

    def _emit(self, kind: str, detail: str = "", **data: object) -> None:
        emit(self._on_event, self.name, kind, detail, **data)

    def _get_password(self) -> str | None:
        if self._password is not None:
            return self._password
        if self._password_provider is not None:
            return self._password_provider()
        from app.secrets import SecretStoreError, get_obs_password

        try:
            return get_obs_password(self.host, self.port)
        except SecretStoreError as exc:
            raise ObsError(str(exc), retryable=False) from None

    def _thread_main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        except Exception as exc:  # never die silently: the UI must hear about it
            log.exception("OBS capture thread failed")
            self._first_error = self._first_error or ObsError(str(exc), retryable=False)
            self._emit("error", f"OBS 采集线程出错 (OBS capture failed: {exc})")
        finally:
            self._first_result.set()
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _sleep_or_stop(self, seconds: float) -> bool:
        """Sleep; True if stop() was called meanwhile."""
        assert self._stop_async is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_async.wait(), max(0.0, seconds))
        return self._stop_async.is_set()

    async def _main(self) -> None:
        self._stop_async = asyncio.Event()
        if self._stopping.is_set():
            return
        backoff = self.initial_backoff
        lost_at: float | None = None
        first = True
        while not self._stop_async.is_set():
            try:
                client = await connect_obs(
                    self.host, self.port, self._get_password(),
                    open_timeout=self.connect_timeout, identify_timeout=self.connect_timeout,
                )
            except ObsError as exc:
                if first and not self.wait_for_obs:
                    self._first_error = exc
                    self._first_result.set()
                    return
                if first:
                    self._emit("error", str(exc), retryable=exc.retryable)
                    first = False
                elif not exc.retryable:
                    self._emit("error", str(exc), retryable=False)
                self._emit("reconnecting", f"{exc} — retry in {backoff:.2f} s", delay=backoff)
                if await self._sleep_or_stop(backoff):
                    return
                backoff = min(backoff * 2, self.max_backoff)
                continue
            backoff = self.initial_backoff
            try:
                reason = await self._session(client, lost_at, first)
            except BaseException:
                self.connected = False
                await close_client(client, abort=True)
                raise
            self.connected = False
            first = False
            if reason is not None:
                # Tell the monitor first: closing a frozen peer's socket can take a while.
                lost_at = time.monotonic()
                self._emit("disconnected", reason)
            await close_client(client, abort=reason is not None)
            if reason is None:  # stop() was called
                return
            if reason == _EXITING:
                # Its server may still accept us for a moment while OBS shuts down; reconnecting
                # at once would flap connected/disconnected. Wait one backoff step first.
                backoff = max(backoff, 1.0)
                self._emit("reconnecting", f"retry in {backoff:.2f} s", delay=backoff)
                if await self._sleep_or_stop(backoff):
                    return
                backoff = min(backoff * 2, self.max_backoff)
            # Otherwise try again at once: a dropped websocket with OBS still up comes back fast.

    async def _session(
        self, client: simpleobsws.WebSocketClient, lost_at: float | None, first: bool
    ) -> str | None:
        """Serve one connection; returns why it ended, or None when stop() was called."""
        assert self._stop_async is not None
        try:
            version = await _call(client, "GetVersion", timeout=self.request_timeout)
            scene = await _call(client, "GetCurrentProgramScene", timeout=self.request_timeout)
        except _Lost as exc:
            return exc.reason
        except (TimeoutError, ObsError) as exc:
            return f"OBS 无响应 (OBS did not answer after connecting: {exc})"
        self._scene = str(scene["currentProgramSceneName"])
        self.obs_version = str(version.get("obsVersion"))

        async def on_event(event_type: str, data: dict[str, Any] | None) -> None:
            data = data or {}
            if event_type == "CurrentProgramSceneChanged":
                previous, self._scene = self._scene, str(data.get("sceneName"))
                if previous != self._scene:
                    self._emit("scene_changed", self._scene, scene=self._scene, previous=previous)
            elif event_type == "SceneNameChanged" and data.get("oldSceneName") == self._scene:
                self._scene = str(data.get("sceneName"))
            elif event_type == "ExitStarted":
                exit_started.set()

        exit_started = asyncio.Event()
        client.register_event_callback(on_event)
        self.connected = True
        gap = None if lost_at is None else round(time.monotonic() - lost_at, 3)
        self._emit(
            "connected",
            f"OBS {self.obs_version} at {self.host}:{self.port}, program scene {self._scene}",
            obs_version=self.obs_version, scene=self._scene, gap_s=gap,
        )
        if first:
            self._first_result.set()

        recv_task = client.recv_task
        assert recv_task is not None
        stop_wait = asyncio.ensure_future(self._stop_async.wait())
        exit_wait = asyncio.ensure_future(exit_started.wait())
        try:
            while True:
                started = time.monotonic()
                shot = asyncio.ensure_future(self._screenshot(client))
                done, _ = await asyncio.wait(
                    {shot, stop_wait, exit_wait}, return_when=asyncio.FIRST_COMPLETED
                )
                if shot not in done:
                    shot.cancel()
                    with contextlib.suppress(BaseException):
                        await shot
                    if stop_wait in done:
                        return None
                    return _EXITING
                try:
                    shot.result()
                except _Lost as exc:
                    return exc.reason
                except TimeoutError:
                    # Slow or hung: is the connection still alive at all?
                    try:
                        await _call(client, "GetVersion", timeout=2.0)
                    except (TimeoutError, _Lost, ObsError):
                        return (
                            "OBS 无响应 (OBS stopped answering: no screenshot within "
                            f"{self.request_timeout:.0f} s; reconnecting)"
                        )
                    self._emit("error", "OBS 截图很慢 (OBS screenshot timed out; OBS is busy)")
                except ObsError as exc:
                    # The scene was removed or renamed under us: ask OBS again.
                    if f"code {_RESOURCE_NOT_FOUND}," in str(exc):
                        with contextlib.suppress(Exception):
                            cur = await _call(client, "GetCurrentProgramScene")
                            self._scene = str(cur["currentProgramSceneName"])
                    self._emit("error", str(exc))
                except ValueError as exc:
                    self._emit("error", str(exc))
                wait = self.interval - (time.monotonic() - started)
                if wait > 0:
                    done, _ = await asyncio.wait(
                        {stop_wait, exit_wait, recv_task}, timeout=wait,
                        return_when=asyncio.FIRST_COMPLETED,
                    )
                    if stop_wait in done:
                        return None
                    if exit_wait in done:
                        return _EXITING
                    if recv_task in done:
                        return "OBS 已关闭或崩溃 (OBS closed or crashed: the connection dropped)"
        finally:
            stop_wait.cancel()
            exit_wait.cancel()

    async def _screenshot(self, client: simpleobsws.WebSocketClient) -> None:
        scene = self._scene
        if scene is None:
            return
        req = _screenshot_request(scene, self.image_format, self.width, self.quality)
        wall = _now()
        t = time.monotonic()
        data = await _call(client, "GetSourceScreenshot", req, timeout=self.request_timeout)
        self.last_screenshot_ms = (time.monotonic() - t) * 1000
        image = decode_image_data(data["imageData"])
        # t/wall are when we asked: OBS renders the scene on receipt, encoding takes the rest.
        self._newest.put(image, t, wall, scene)
