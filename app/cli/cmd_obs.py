"""``livecomply obs``: store the OBS WebSocket password and check the connection before a show.

``set-password`` reads the password with getpass on a terminal, or one line from stdin when
piped (for set-up scripts), and stores it only in the OS keyring. ``test`` connects the way the
monitor will and reports the OBS version, the program scene and how long screenshots take, so a
studio can find a wrong password or a disabled WebSocket server before going live.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from app.capture.obs import DEFAULT_HOST, DEFAULT_PORT, ObsError, probe_obs
from app.cli.errors import UserError
from app.secrets import (
    SecretStoreError,
    backend_name,
    delete_obs_password,
    get_obs_password,
    set_obs_password,
)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"port must be 1–65535, not {port}")
    return port


def _add_target(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default=DEFAULT_HOST, help=f"OBS PC (default {DEFAULT_HOST})")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT,
                   help=f"OBS WebSocket port (default {DEFAULT_PORT})")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    obs = subparsers.add_parser("obs", help="OBS 连接: store the WebSocket password, test it")
    sub = obs.add_subparsers(dest="obs_command", metavar="ACTION", required=True)

    p = sub.add_parser("set-password", help="store the OBS WebSocket password in the OS keyring")
    _add_target(p)
    p.set_defaults(func=cmd_set_password)

    p = sub.add_parser("delete-password", help="remove the stored OBS WebSocket password")
    _add_target(p)
    p.set_defaults(func=cmd_delete_password)

    p = sub.add_parser("test", help="connect to OBS, print version, program scene and timings")
    _add_target(p)
    p.add_argument("--samples", type=int, default=5, help="screenshots to time (default 5)")
    p.add_argument("--format", choices=("jpg", "png"), default="jpg", dest="image_format")
    p.add_argument("--width", type=int, default=None, help="screenshot width (default: canvas)")
    p.set_defaults(func=cmd_test)


def _read_password() -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass("OBS WebSocket 密码 (password, from Tools → WebSocket Server "
                                   "Settings → Show Connect Info): ")
    else:
        password = (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")
    if not password:
        raise UserError("密码为空 (empty password: nothing stored)")
    return password


def cmd_set_password(args: argparse.Namespace) -> int:
    password = _read_password()
    try:
        where = set_obs_password(args.host, args.port, password)
    except SecretStoreError as exc:
        raise UserError(str(exc)) from None
    print(f"已保存 (saved) OBS WebSocket password for {args.host}:{args.port} in {where}")
    return 0


def cmd_delete_password(args: argparse.Namespace) -> int:
    try:
        removed = delete_obs_password(args.host, args.port)
    except SecretStoreError as exc:
        raise UserError(str(exc)) from None
    if not removed:
        print(f"no password stored for {args.host}:{args.port} in {backend_name()}")
    else:
        print(f"已删除 (deleted) password for {args.host}:{args.port} from {backend_name()}")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    try:
        password = get_obs_password(args.host, args.port)
    except SecretStoreError as exc:
        raise UserError(str(exc)) from None
    if args.width is not None and args.width < 8:
        raise UserError("--width must be at least 8 pixels")
    try:
        probe = probe_obs(args.host, args.port, password, samples=max(1, args.samples),
                          image_format=args.image_format, width=args.width)
    except ObsError as exc:
        raise UserError(str(exc)) from None
    times = sorted(probe.screenshot_ms)
    print(f"OBS {probe.obs_version} (obs-websocket {probe.websocket_version}) at "
          f"{args.host}:{args.port} — connected in {probe.connect_ms:.0f} ms")
    print(f"节目场景 program scene: {probe.program_scene}"
          f"{' (studio mode)' if probe.studio_mode else ''}")
    print(f"canvas {probe.base_size[0]}×{probe.base_size[1]}; screenshot "
          f"{probe.screenshot_size[0]}×{probe.screenshot_size[1]} {probe.image_format.upper()}: "
          f"median {probe.median_ms:.0f} ms, max {times[-1]:.0f} ms over {len(times)}")
    if probe.median_ms > 1000:
        print("warning: screenshots are slow (>1 s); the monitor will sample less often. "
              "Try a smaller --width or check OBS's CPU load.", file=sys.stderr)
    return 0
