"""Generate the bundled alarm sound (``alarm.wav``) with numpy: no third-party audio, no licence.

Run from the repo root: ``.venv/bin/python resources/sounds/make_sounds.py``. The result is
committed, so the app never needs numpy-generated audio at run time.

Why this sound: two rising tones (880 Hz → 1320 Hz), repeated three times, 1.2 s in all. Rising
pairs read as "attention" rather than "error", cut through room noise and a host's own voice,
and the short fades avoid clicks. 16-bit mono 22.05 kHz keeps the file under 60 kB.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 22050


def tone(freq: float, seconds: float, amp: float = 0.8) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    wave_ = np.sin(2 * np.pi * freq * t) + 0.25 * np.sin(2 * np.pi * 2 * freq * t)
    fade = min(len(t) // 8, int(RATE * 0.01))
    env = np.ones_like(t)
    env[:fade] = np.linspace(0, 1, fade)
    env[-fade:] = np.linspace(1, 0, fade)
    return amp * wave_ / 1.25 * env


def alarm() -> np.ndarray:
    silence = np.zeros(int(RATE * 0.06))
    pair = np.concatenate([tone(880, 0.14), silence, tone(1320, 0.14), silence * 2])
    return np.concatenate([pair] * 3)


def write(path: Path, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "alarm.wav"
    write(out, alarm())
    print(f"wrote {out}")
