"""How fast ``livecomply audit`` checks a recording, as a multiple of real time.

    python -m bench.audit_speed [--seconds 120] [--every 1s] [--rec demo1080.mp4] [--keep]
                                [--workers N]

Makes a 1920×1080 25 fps H.264 recording of the demo live room (``demo_frame_at`` frames piped
raw to ffmpeg: libx264 veryfast, crf 23, 2 s GOP as streaming platforms ask for, yuv420p), then
in the same run, one after the other:

* the baseline: reaching every sample of the recording as the audit does (decode only);
* ``livecomply audit REC --every 1s --workers 1 --db TMP --json`` in-process (serial);
* the same with ``--workers N`` (default: one per core);

and reports for each

* ×real time (wall)  = media seconds / wall seconds: what the user waits for, but on a shared
  machine it measures the neighbours too — hence also the ratio to the decode-only baseline;
* ×real time (CPU)   = media seconds / CPU seconds (getrusage, this process and its reaped
  children, i.e. the workers): the work done, comparable across runs;

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
from typing import Any

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


def run_audit_cli(rec: Path, db: Path, every: str, workers: int) -> tuple[int, dict[str, object]]:
    """``livecomply audit REC --every EVERY --workers N --db DB --json`` in-process."""
    from app.cli.main import main as cli_main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli_main(["audit", str(rec), "--every", every, "--workers", str(workers),
                           "--db", str(db), "--json"])
    summary: dict[str, object] = {}
    for line in out.getvalue().splitlines():
        with contextlib.suppress(ValueError):
            obj = json.loads(line)
            if obj.get("type") == "session_summary":
                summary = obj
    return status, summary


def decode_only(rec: Path, every: float) -> int:
    """The baseline: reach every sample of the recording as the audit does, with no checks."""
    from app.capture.file import FileSource

    src = FileSource(rec, mode="fast", interval=every)
    src.start()
    n = 0
    while src.grab() is not None:
        n += 1
    src.stop()
    return n


def timed(fn: Any, *args: Any) -> tuple[float, float, Any]:
    w0, c0 = time.monotonic(), cpu_s()
    out = fn(*args)
    return time.monotonic() - w0, cpu_s() - c0, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=120.0, help="recording length (default 120)")
    ap.add_argument("--every", default="1s", help="audit sample interval (default 1s)")
    ap.add_argument("--rec", type=Path, default=None, help="recording to use or create")
    ap.add_argument("--keep", action="store_true", help="keep the recording made in a temp dir")
    ap.add_argument("--workers", type=int, default=0,
                    help="workers of the parallel run (default: one per core)")
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
        from app.cli._session import parse_interval
        from app.monitor.audit import default_workers

        workers = args.workers or default_workers()
        load0 = os.getloadavg()
        base_wall, base_cpu, n = timed(decode_only, rec, parse_interval(args.every))
        runs = {}
        for label, w in (("serial (--workers 1)", 1), (f"parallel (--workers {workers})", workers)):
            db = Path(tmp) / f"audit-{w}.db"
            runs[label] = timed(run_audit_cli, rec, db, args.every, w)
        load1 = os.getloadavg()
        if args.keep and args.rec is None:
            kept = Path.cwd() / rec.name
            shutil.copy2(rec, kept)
            print(f"  kept the recording as {kept}")

    print(f"\naudit of {media_s:.1f} s of 1920×1080 {FPS} fps H.264, --every {args.every} "
          f"({time.strftime('%Y-%m-%d %H:%M')}, load average {load0[0]:.2f} → {load1[0]:.2f} "
          f"on {os.cpu_count()} CPUs)")
    print(f"  baseline, decoding the {n} samples only: {media_s / base_wall:6.1f}× real time "
          f"(wall), {media_s / base_cpu:6.1f}× (CPU)")
    serial_wall = next(iter(runs.values()))[0]
    for label, (wall, cpu, (status, summary)) in runs.items():
        print(f"  {label}: exit {status}; samples {summary.get('samples')}, modes "
              f"{summary.get('modes')}, violations {summary.get('violations')} "
              f"(the timeline has {expected_faults(media_s)} faults in this span)")
        print(f"    ×real time (wall) {media_s / wall:6.2f}  (target ≥ 20);  "
              f"×real time (CPU) {media_s / cpu:6.2f};  wall / decode-only wall "
              f"{wall / base_wall:5.1f};  serial wall / this wall {serial_wall / wall:4.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
