"""Find a CJK font on this PC, so the app can draw Chinese text (demo scene, snapshots, reports).

Why not ship a font: Noto Sans CJK is ~20 MB per weight, and every studio PC already has one
(Microsoft YaHei / SimHei on Windows, PingFang on macOS, Noto or WenQuanYi on Linux). So we look
in the places each OS keeps them, then ask fontconfig on Linux, and otherwise fail with a message
that names the package to install. ``LIVECOMPLY_CJK_FONT`` points at a font file explicitly
(append ``#N`` to pick face N of a ``.ttc`` collection) for odd installs and for tests.

Collections hold several faces: Noto Sans CJK's face 0 is Japanese, and a Japanese face draws
some Simplified Chinese characters with other glyph shapes, so we choose the SC face by name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

ENV_FONT = "LIVECOMPLY_CJK_FONT"

# A face whose name says Simplified Chinese wins over the other faces of the same collection.
_SC_MARKERS = ("SC", "GB", "Simplified", "YaHei", "SimHei", "PingFang SC", "WenQuanYi")


class FontNotFoundError(RuntimeError):
    """No usable CJK font; the message says what to install (in Chinese and English)."""


@dataclass(frozen=True, slots=True)
class FontFile:
    """A font file and the face index inside it (0 for a plain ``.ttf``/``.otf``)."""

    path: Path
    index: int = 0


def _linux_candidates(bold: bool) -> list[Path]:
    weights = ("Bold", "Black", "Medium", "Regular") if bold else ("Regular", "Medium", "Bold")
    noto_dirs = (
        "/usr/share/fonts/opentype/noto",  # Debian, Ubuntu (fonts-noto-cjk)
        "/usr/share/fonts/noto-cjk",  # Arch (noto-fonts-cjk)
        "/usr/share/fonts/google-noto-cjk",  # Fedora (google-noto-sans-cjk-fonts)
        "/usr/share/fonts/google-noto-sans-cjk-fonts",
        "/usr/share/fonts/opentype/noto-cjk",
    )
    paths = [Path(d) / f"NotoSansCJK-{w}.ttc" for w in weights for d in noto_dirs]
    paths += [Path(d) / f"NotoSansCJKsc-{w}.otf" for w in weights for d in noto_dirs]
    paths += [
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),  # Debian (fonts-wqy-zenhei)
        Path("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc"),  # Fedora, Arch
        Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    ]
    return paths


def _windows_candidates(bold: bool) -> list[Path]:
    fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    names = ["msyhbd.ttc", "msyh.ttc"] if bold else ["msyh.ttc", "msyhbd.ttc"]
    names += ["simhei.ttf", "Deng.ttf", "simsun.ttc"]
    paths = [fonts / n for n in names]
    # Fonts installed for one user only (Windows 10 1809+) live under LOCALAPPDATA.
    local = os.environ.get("LOCALAPPDATA")
    if local:
        paths += [Path(local) / "Microsoft" / "Windows" / "Fonts" / n for n in names]
    return paths


def _mac_candidates(bold: bool) -> list[Path]:
    return [
        Path("/System/Library/Fonts/PingFang.ttc"),
        Path("/System/Library/AssetsV2/com_apple_MobileAsset_Font7/PingFang.ttc"),
        Path("/System/Library/Fonts/Hiragino Sans GB.ttc"),
        Path("/System/Library/Fonts/STHeiti Medium.ttc"),
        Path("/Library/Fonts/Arial Unicode.ttf"),
    ]


def _fontconfig_candidates() -> list[Path]:
    """Ask fontconfig for any font covering Chinese: finds fonts in places we did not list."""
    fc = shutil.which("fc-list")
    if fc is None:
        return []
    try:
        out = subprocess.run(
            [fc, ":lang=zh-cn", "file"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    return [Path(f) for f in files if f.lower().endswith((".ttc", ".ttf", ".otf"))]


def _install_hint() -> str:
    if sys.platform.startswith("win"):
        return (
            "未找到中文字体 (no Chinese font found: Microsoft YaHei normally ships with Windows; "
            "add it via Settings → Apps → Optional features → Add a feature → "
            "'Chinese (Simplified) Supplemental Fonts', or set "
            f"{ENV_FONT} to a .ttf/.ttc font file)"
        )
    if sys.platform == "darwin":
        return (
            "未找到中文字体 (no Chinese font found: PingFang ships with macOS 10.11+; reinstall "
            f"it with Font Book, or set {ENV_FONT} to a .ttf/.ttc font file)"
        )
    return (
        "未找到中文字体 (no Chinese font found: install one, e.g. "
        "`sudo apt-get install fonts-noto-cjk` on Debian/Ubuntu, "
        "`sudo dnf install google-noto-sans-cjk-fonts` on Fedora, "
        "`sudo pacman -S noto-fonts-cjk` on Arch, or fonts-wqy-zenhei; "
        f"or set {ENV_FONT} to a .ttf/.ttc font file)"
    )


def _draws_cjk(font: ImageFont.FreeTypeFont) -> bool:
    """A face without CJK glyphs draws nothing or the same "missing glyph" box for each.

    So the test is that three different characters give three different, non-empty bitmaps.
    """
    masks = []
    for ch in "广告国":
        mask = font.getmask(ch)
        if mask.getbbox() is None:
            return False
        masks.append((mask.size, bytes(mask)))
    return len(set(masks)) == len(masks)


def _open_face(path: Path, index: int | None) -> FontFile | None:
    """The Simplified Chinese face of ``path`` (or face ``index``); None if it lacks CJK."""
    if index is not None:
        try:
            f = ImageFont.truetype(str(path), 32, index=index)
        except OSError:
            return None
        return FontFile(path, index) if _draws_cjk(f) else None
    first_ok: FontFile | None = None
    for i in range(12):  # Noto CJK collections hold 10 faces
        try:
            f = ImageFont.truetype(str(path), 32, index=i)
        except OSError:
            break
        if not _draws_cjk(f):
            continue
        family = f.getname()[0] or ""
        if any(m in family for m in _SC_MARKERS):
            return FontFile(path, i)
        if first_ok is None:
            first_ok = FontFile(path, i)
    return first_ok


def _from_env() -> FontFile | None:
    raw = os.environ.get(ENV_FONT, "").strip()
    if not raw:
        return None
    spec, _, idx = raw.rpartition("#")
    if spec and idx.isdigit():
        path, index = Path(spec).expanduser(), int(idx)
    else:
        path, index = Path(raw).expanduser(), None
    if not path.is_file():
        raise FontNotFoundError(f"{ENV_FONT}={raw!r}: 字体文件不存在 (no such font file)")
    found = _open_face(path, index)
    if found is None:
        raise FontNotFoundError(
            f"{ENV_FONT}={raw!r}: 该字体不含中文 (this font cannot draw Chinese characters)"
        )
    return found


@cache
def find_cjk_font(bold: bool = False) -> FontFile:
    """The best CJK font file on this PC (a bold weight when ``bold`` and one exists).

    Raises ``FontNotFoundError`` whose message names the package or setting that fixes it.
    Cached: the search opens font files and may run fc-list; callers ask often.
    """
    env = _from_env()
    if env is not None:
        return env
    if sys.platform.startswith("win"):
        candidates = _windows_candidates(bold)
    elif sys.platform == "darwin":
        candidates = _mac_candidates(bold)
    else:
        candidates = _linux_candidates(bold)
    for path in candidates:
        if path.is_file():
            found = _open_face(path, None)
            if found is not None:
                return found
    for path in _fontconfig_candidates():
        found = _open_face(path, None)
        if found is not None:
            return found
    raise FontNotFoundError(_install_hint())


@cache
def cjk_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """A Pillow font of ``size`` px from ``find_cjk_font`` (cached: loading costs ~5 ms)."""
    f = find_cjk_font(bold)
    return ImageFont.truetype(str(f.path), size, index=f.index)


def clear_cache() -> None:
    """Forget the fonts found so far (tests that change ``LIVECOMPLY_CJK_FONT`` call this)."""
    find_cjk_font.cache_clear()
    cjk_font.cache_clear()
