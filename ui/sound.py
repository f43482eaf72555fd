"""Play the alarm sound without QtMultimedia.

Why not ``QSoundEffect``: QtMultimedia is in PySide6-Addons, not in PySide6-Essentials, which is
what the app depends on (and adding Addons costs ~200 MB in the installer). So the bundled WAV
is played by what every studio PC already has: ``winsound`` on Windows (standard library),
``afplay`` on macOS, ``pw-play``/``paplay``/``aplay`` on Linux; failing all of those, the system
beep (``QApplication.beep``), so an alarm is never silently lost.

Volume: the samples are scaled in memory and written once per volume to a temp file, because
none of those players takes a volume uniformly.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QApplication

from app.rules.paths import resources_dir

log = logging.getLogger(__name__)


def alarm_wav() -> Path:
    """The bundled alarm sound."""
    return resources_dir() / "sounds" / "alarm.wav"


def scaled_wav(src: Path, volume: int, dest: Path) -> Path:
    """Write ``src`` (16-bit PCM) scaled to ``volume`` percent into ``dest``."""
    with wave.open(str(src), "rb") as r:
        params = r.getparams()
        frames = r.readframes(r.getnframes())
    pcm = np.frombuffer(frames, dtype="<i2").astype(np.float32)
    pcm = np.clip(pcm * max(0, min(100, volume)) / 100.0, -32768, 32767).astype("<i2")
    with wave.open(str(dest), "wb") as w:
        w.setparams(params)
        w.writeframes(pcm.tobytes())
    return dest


def _find_player() -> list[str] | None:
    if sys.platform == "darwin" and shutil.which("afplay"):
        return ["afplay"]
    for cmd in (["pw-play"], ["paplay"], ["aplay", "-q"]):
        if shutil.which(cmd[0]):
            return cmd
    return None


class AlarmSound:
    """The alarm WAV at a volume, muted or not; ``backend`` says how it is played."""

    def __init__(self, path: Path | None = None, volume: int = 80) -> None:
        self.path = path or alarm_wav()
        self.volume = volume
        self.muted = False
        self.plays = 0  # how many times play() made a sound (for tests and the settings UI)
        self._tmp = Path(tempfile.mkdtemp(prefix="livecomply-sound-"))
        self._cache: dict[int, Path] = {}
        self._proc: subprocess.Popen[bytes] | None = None
        if sys.platform == "win32":
            self.backend = "winsound"
            self._cmd: list[str] | None = None
        else:
            self._cmd = _find_player()
            self.backend = self._cmd[0] if self._cmd else "beep"

    def _file(self) -> Path:
        vol = int(self.volume)
        if vol not in self._cache:
            self._cache[vol] = scaled_wav(self.path, vol, self._tmp / f"alarm-{vol}.wav")
        return self._cache[vol]

    def play(self) -> bool:
        """Start the sound (never blocks); False when muted or at zero volume."""
        if self.muted or self.volume <= 0:
            return False
        self.plays += 1
        try:
            if self.backend == "winsound":
                import winsound  # type: ignore[import-not-found, unused-ignore]

                winsound.PlaySound(str(self._file()),
                                   winsound.SND_FILENAME | winsound.SND_ASYNC)
                return True
            if self._cmd is not None:
                if self._proc is not None and self._proc.poll() is None:
                    return True  # still sounding: do not stack alarms
                self._proc = subprocess.Popen([*self._cmd, str(self._file())],
                                              stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL)
                return True
        except (OSError, RuntimeError, wave.Error) as exc:
            log.warning("alarm sound failed (%s); using the system beep", exc)
        QApplication.beep()
        return True

    def close(self) -> None:
        """Stop a running player and remove the temp files."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(1)
        shutil.rmtree(self._tmp, ignore_errors=True)
