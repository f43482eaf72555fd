"""Photo scenes for the video area, built only from photographs that ship inside packages.

Sources (nothing is downloaded at run time):
- scikit-image wheel ``skimage/data``: astronaut, camera (people); coffee, chelsea, rocket,
  motorcycle_left, coins (products / rooms); brick, grass, gravel (surfaces).
- matplotlib wheel ``mpl-data/sample_data``: grace_hopper (a person), the gift-box render.
- Debian ``mate-backgrounds``: nature photographs (flowers, leaves, dunes, wood, storm sky).

A scene is a room layer (cover-cropped, often blurred like a shallow depth of field), usually a
host photo feathered into the middle, and a few product photos on a lower "table" band, each
with its own colour jitter, so no two frames share a background pixel-for-pixel.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib
import numpy as np
import skimage
from PIL import Image, ImageDraw, ImageFilter

SKIMAGE_DATA = Path(skimage.__file__).parent / "data"
MPL_DATA = Path(matplotlib.get_data_path()) / "sample_data"
MATE = Path("/usr/share/backgrounds/mate/nature")

PEOPLE = [SKIMAGE_DATA / "astronaut.png", SKIMAGE_DATA / "camera.png",
          MPL_DATA / "grace_hopper.jpg"]
PRODUCTS = [SKIMAGE_DATA / "coffee.png", SKIMAGE_DATA / "chelsea.png",
            SKIMAGE_DATA / "rocket.jpg", SKIMAGE_DATA / "motorcycle_left.png",
            SKIMAGE_DATA / "coins.png", MPL_DATA / "Minduka_Present_Blue_Pack.png"]
ROOMS = [SKIMAGE_DATA / "motorcycle_left.png", SKIMAGE_DATA / "coffee.png",
         SKIMAGE_DATA / "brick.png", SKIMAGE_DATA / "rocket.jpg", SKIMAGE_DATA / "grass.png",
         SKIMAGE_DATA / "gravel.png", SKIMAGE_DATA / "chelsea.png"]
NATURE = ["Aqua", "Blinds", "Dune", "FreshFlower", "Garden", "GreenMeadow", "LadyBird",
          "RainDrops", "Storm", "TwoWings", "Wood", "YellowFlower"]


def room_sources() -> list[Path]:
    """Room/backdrop photos present here (mate-backgrounds is optional but adds variety)."""
    return ROOMS + [p for n in NATURE if (p := MATE / f"{n}.jpg").exists()]


@cache
def _load(path: Path, max_side: int = 1600) -> Image.Image:
    im = Image.open(path)
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGBA")
        flat = Image.new("RGB", im.size, (255, 255, 255))
        flat.paste(im, mask=im.split()[3])
        im = flat
    im = im.convert("RGB")
    im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return im


def jitter(im: Image.Image, rng: np.random.Generator, strength: float = 1.0) -> Image.Image:
    """Brightness/contrast/saturation/white-balance changes of a different camera or light."""
    bright = float(rng.uniform(1 - 0.3 * strength, 1 + 0.25 * strength))
    con = float(rng.uniform(1 - 0.3 * strength, 1 + 0.3 * strength))
    sat = float(rng.uniform(1 - 0.5 * strength, 1 + 0.4 * strength))
    gains = (1 + rng.uniform(-0.08, 0.08, 3) * strength).astype(np.float32)
    arr = np.asarray(im, dtype=np.float32)
    gray = arr.mean(axis=2, keepdims=True)
    arr = gray + (arr - gray) * sat
    arr = (arr - 128.0) * con + 128.0
    arr *= gains * bright
    np.clip(arr, 0, 255, out=arr)
    return Image.fromarray(arr.astype(np.uint8))


def cover(im: Image.Image, w: int, h: int, rng: np.random.Generator,
          zoom: tuple[float, float] = (1.0, 1.6)) -> Image.Image:
    """Scale to cover w×h (with a random extra zoom) and crop a random window.

    The window is cut from the source first and only it is resized: same result as scaling the
    whole photo, at a fraction of the cost for full-HD frames.
    """
    scale = max(w / im.width, h / im.height) * float(rng.uniform(*zoom))
    cw, ch = min(im.width, w / scale), min(im.height, h / scale)
    x = float(rng.uniform(0, im.width - cw))
    y = float(rng.uniform(0, im.height - ch))
    return im.resize((w, h), Image.Resampling.BILINEAR, box=(x, y, x + cw, y + ch))


def soft_blur(im: Image.Image, radius: float) -> Image.Image:
    """Depth-of-field blur done at quarter size (a large Gaussian on a full frame is slow)."""
    if radius < 1.5:
        return im.filter(ImageFilter.GaussianBlur(radius))
    f = 4 if radius >= 4 else 2
    small = im.resize((max(1, im.width // f), max(1, im.height // f)), Image.Resampling.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(radius / f))
    return small.resize(im.size, Image.Resampling.BILINEAR)


def feather_mask(w: int, h: int, rng: np.random.Generator, soft: float) -> Image.Image:
    """Elliptic or rounded-rect alpha with soft edges, to blend a photo into the room."""
    mask = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(mask)
    inset = int(min(w, h) * soft)
    if rng.random() < 0.5:
        d.ellipse((inset, inset, w - inset, h - inset), fill=255)
    else:
        d.rounded_rectangle((inset, inset, w - inset, h - inset), radius=inset * 2, fill=255)
    return mask.filter(ImageFilter.GaussianBlur(max(1, inset * 0.8)))


@dataclass(slots=True)
class Scene:
    image: Image.Image
    kind: str  # "host", "closeup", "room"


def make_scene(w: int, h: int, rng: np.random.Generator) -> Scene:
    """A room photo, a host photo and products; what a live-room camera might see."""
    rooms = room_sources()
    room = jitter(cover(_load(rooms[int(rng.integers(len(rooms)))]), w, h, rng), rng)
    if rng.random() < 0.6:
        room = soft_blur(room, float(rng.uniform(1.0, 8.0)) * w / 1080)
    kind = str(rng.choice(["host", "host", "host", "closeup", "room"]))
    if kind == "host":
        person = _load(PEOPLE[int(rng.integers(len(PEOPLE)))])
        ph = int(h * rng.uniform(0.55, 0.95))
        pw = int(ph * person.width / person.height * rng.uniform(0.85, 1.15))
        pw = min(pw, int(w * 0.95))
        person = jitter(cover(person, pw, ph, rng, (1.0, 1.3)), rng, 0.7)
        px = int((w - pw) * rng.uniform(0.25, 0.75))
        py = h - ph - int(h * rng.uniform(0.0, 0.15))
        room.paste(person, (px, py), feather_mask(pw, ph, rng, float(rng.uniform(0.04, 0.12))))
    elif kind == "closeup":
        src = PEOPLE + PRODUCTS
        close = _load(src[int(rng.integers(len(src)))])
        room = jitter(cover(close, w, h, rng, (1.0, 1.4)), rng, 0.8)
    _add_products(room, rng, int(rng.integers(0, 4)))
    if rng.random() < 0.5:
        noise = rng.normal(0, float(rng.uniform(1.5, 5.0)), (h, w, 1)).astype(np.float32)
        arr = np.asarray(room, dtype=np.float32) + noise
        room = Image.fromarray(np.clip(arr, 0, 255, out=arr).astype(np.uint8))
    return Scene(room, kind)


def _add_products(room: Image.Image, rng: np.random.Generator, count: int) -> None:
    """Product photos standing on a lower band, as if on the desk in front of the host."""
    w, h = room.size
    for _ in range(count):
        prod = _load(PRODUCTS[int(rng.integers(len(PRODUCTS)))])
        side = int(min(w, h) * rng.uniform(0.16, 0.34))
        pw = side
        ph = int(side * rng.uniform(0.7, 1.3))
        prod = jitter(cover(prod, pw, ph, rng, (1.0, 1.5)), rng, 0.6)
        x = int(rng.integers(0, max(1, w - pw)))
        y = int(h * rng.uniform(0.45, 0.8))
        room.paste(prod, (x, min(y, h - ph)), feather_mask(pw, ph, rng, 0.05))


def product_thumb(side: int, rng: np.random.Generator) -> Image.Image:
    """A square product photo for product cards."""
    prod = _load(PRODUCTS[int(rng.integers(len(PRODUCTS)))])
    return jitter(cover(prod, side, side, rng, (1.0, 1.6)), rng, 0.4)


def face_patch(w: int, h: int, rng: np.random.Generator) -> Image.Image:
    """A photo crop (a person or product) used as a hand/face/product occluder."""
    src = PEOPLE + PRODUCTS
    return jitter(cover(_load(src[int(rng.integers(len(src)))]), w, h, rng), rng, 0.5)


@cache
def _lfw_faces() -> np.ndarray | None:
    path = SKIMAGE_DATA / "lfw_subset.npy"
    return np.load(path) if path.exists() else None


def avatar(side: int, rng: np.random.Generator) -> Image.Image:
    """A round-croppable avatar: an LFW face (tinted) or a crop of any bundled photo."""
    faces = _lfw_faces()
    if faces is not None and rng.random() < 0.5:
        face = (faces[int(rng.integers(len(faces)))] * 255).astype(np.uint8)
        tint = rng.uniform(0.75, 1.0, 3)
        rgb = np.clip(np.stack([face] * 3, axis=-1) * tint, 0, 255).astype(np.uint8)
        return Image.fromarray(rgb).resize((side, side), Image.Resampling.BICUBIC)
    src = PEOPLE + PRODUCTS + room_sources()
    return jitter(cover(_load(src[int(rng.integers(len(src)))]), side, side, rng, (1.2, 3.0)),
                  rng, 0.6)
