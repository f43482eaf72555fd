"""How fast ``livecomply audit`` checks a recording, as a multiple of real time.

    python -m bench.audit_speed [--seconds 120] [--every 1s] [--rec demo1080.mp4] [--keep]

Makes a 1920×1080 25 fps H.264 recording of the demo live room (``demo_frame_at`` frames piped
raw to ffmpeg: libx264 veryfast, crf 23, 2 s GOP as streaming platforms ask for, yuv420p), then
runs ``livecomply audit REC --every 1s --db TMP --json`` in-process (``app.cli.main.main``; if the
command itself fails, the same FileSource + MonitorRunner path it uses, and says so) and reports

* ×real time (wall)  = media seconds / wall seconds of the audit: what the user waits for, but
  on a shared machine it measures the neighbours too;
* ×real time (CPU)   = media seconds / CPU seconds of the audit (getrusage, this process and its
  children): the speed one free core would reach, comparable across runs;

plus the load average and the audit's own summary (samples, modes, violations found). The
issue's target is ≥ 20× real time. ``--rec`` reuses (or keeps, with ``--keep``) the recording,
so the slow part (rendering and encoding) runs once.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.capture.demo import demo_frame_at, load_timeline

SIZE = (1920, 1080)
FPS = 25


def cpu_s() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def make_recording(path: Path, seconds: float) -> None:
    """Render the demo at 25 fps and encode it with ffmpeg (raw BGR frames on its stdin)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise SystemExit("ffmpeg is not installed (apt-get install ffmpeg)")
    w, h = SIZE
    cmd = [
        ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{w}x{h}", "-r", str(FPS), "-i", "-",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-g", str(2 * FPS),
        "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(path),
    ]
    n = round(seconds * FPS)
    t0 = time.monotonic()
    with subprocess.Popen(cmd, stdin=subprocess.PIPE) as proc:
        assert proc.stdin is not None
        try:
            for i in range(n):
                proc.stdin.write(demo_frame_at(i / FPS, SIZE).tobytes())
                if i % (FPS * 10) == 0:
                    print(f"  rendering {i / FPS:5.0f} / {seconds:.0f} s", flush=True)
        finally:
            proc.stdin.close()
        if proc.wait() != 0:
            raise SystemExit(f"ffmpeg failed with status {proc.returncode}")
    print(f"  recording {path} ({path.stat().st_size / 2**20:.1f} MiB, {n} frames) made in "
          f"{time.monotonic() - t0:.0f} s", flush=True)


def expected_faults(seconds: float) -> int:
    """Demo faults that start and end inside the recording (each should be one violation)."""
    tl = load_timeline()
    laps = int(seconds // tl.loop_seconds) + 1
    return sum(
        1
        for lap in range(laps)
        for seg in tl.segments
        if lap * tl.loop_seconds + seg.end <= seconds
    )


def run_audit_cli(rec: Path, db: Path, every: str) -> tuple[int, dict[str, object]]:
    """``livecomply audit REC --every EVERY --db DB --json`` in-process."""
    from app.cli.main import main as cli_main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli_main(["audit", str(rec), "--every", every, "--db", str(db), "--json"])
    summary: dict[str, object] = {}
    for line in out.getvalue().splitlines():
        with contextlib.suppress(ValueError):
            obj = json.loads(line)
            if obj.get("type") == "session_summary":
                summary = obj
    return status, summary


def run_audit_runner(rec: Path, db: Path, every: str) -> tuple[int, dict[str, object]]:
    """What ``cmd_audit.run`` does, without its progress bar and printing."""
    from app.capture.file import FileSource
    from app.cli._session import build_checker, open_store, parse_interval
    from app.monitor.runner import MonitorRunner

    interval = parse_interval(every)
    checker = build_checker(None, None)
    source = FileSource(rec, mode="fast", interval=interval)
    store = open_store(db)
    try:
        runner = MonitorRunner(source, checker, store, realtime=False, sample_hz=1.0 / interval,
                               meta={"command": "audit", "recording": str(rec)})
        summary = runner.run().to_json()
    finally:
        store.close()
    return (1 if summary["violations"] else 0), summary


def run_audit(
    rec: Path, db: Path, every: str, via: str
) -> tuple[float, float, int, dict[str, object], str]:
    """Run the audit; returns (wall s, CPU s, exit status, session summary, how it ran).

    ``via="cli"`` falls back to the runner (and says so) when the command itself fails, so a
    CLI bug does not hide the speed of the checks.
    """
    w0, c0 = time.monotonic(), cpu_s()
    how = via
    if via == "cli":
        try:
            status, summary = run_audit_cli(rec, db, every)
        except Exception as exc:  # report it, then measure the same work through the runner
            how = f"runner (the CLI failed: {type(exc).__name__}: {exc})"
            print(f"  livecomply audit failed: {type(exc).__name__}: {exc}; timing the runner "
                  "path cmd_audit uses instead", flush=True)
            db.unlink(missing_ok=True)
            w0, c0 = time.monotonic(), cpu_s()
            status, summary = run_audit_runner(rec, db.with_name("audit-runner.db"), every)
    else:
        status, summary = run_audit_runner(rec, db, every)
    return time.monotonic() - w0, cpu_s() - c0, status, summary, how


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=120.0, help="recording length (default 120)")
    ap.add_argument("--every", default="1s", help="audit sample interval (default 1s)")
    ap.add_argument("--rec", type=Path, default=None, help="recording to use or create")
    ap.add_argument("--keep", action="store_true", help="keep the recording made in a temp dir")
    ap.add_argument("--via", choices=("cli", "runner"), default="cli",
                    help="time `livecomply audit` in-process (default) or the runner directly")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="livecomply-audit-") as tmp:
        rec = args.rec or Path(tmp) / "demo1080.mp4"
        if not rec.is_file():
            make_recording(rec, args.seconds)
        media_s = float(args.seconds)
        probe = shutil.which("ffprobe")
        if probe:
            got = subprocess.run(
                [probe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                 str(rec)], capture_output=True, text=True, check=False,
            ).stdout.strip()
            with contextlib.suppress(ValueError):
                media_s = float(got)
        load0 = os.getloadavg()
        wall, cpu, status, summary, how = run_audit(rec, Path(tmp) / "audit.db", args.every,
                                                    args.via)
        load1 = os.getloadavg()
        if args.keep and args.rec is None:
            kept = Path.cwd() / rec.name
            shutil.copy2(rec, kept)
            print(f"  kept the recording as {kept}")

    print(f"\naudit of {media_s:.1f} s of 1920×1080 {FPS} fps H.264, --every {args.every} "
          f"({time.strftime('%Y-%m-%d %H:%M')}, load average {load0[0]:.2f} → {load1[0]:.2f} "
          f"on {os.cpu_count()} CPUs)")
    print(f"  via {how}")
    print(f"  exit status {status}; samples {summary.get('samples')}, modes "
          f"{summary.get('modes')}, violations {summary.get('violations')} "
          f"(the timeline has {expected_faults(media_s)} faults in this span)")
    print(f"  ×real time (wall): {media_s / wall:6.2f}   (target ≥ 20)")
    print(f"  ×real time (CPU):  {media_s / cpu:6.2f}   (CPU / wall = {cpu / wall:.2f} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
