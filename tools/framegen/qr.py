"""Real, decodable QR codes of the kind rooms show (WeChat contacts, shop links, groups)."""

from __future__ import annotations

import numpy as np
import segno
from PIL import Image

PAYLOADS = [
    ("https://u.wechat.com/{tok}", "wechat"),
    ("weixin://dl/chat?{tok}", "wechat"),
    ("https://work.weixin.qq.com/ca/{tok}", "wechat"),
    ("https://shop.example.cn/item/{num}", "shop"),
    ("https://m.example-store.com/s/{tok}", "shop"),
    ("https://live.example.com/room/{num}", "room"),
]
CAPTIONS = {"wechat": ["扫码加好友", "扫码进粉丝群", "扫码领福利"],
            "shop": ["扫码进店", "扫码购买", "扫一扫 看详情"],
            "room": ["扫码关注直播间", "扫码看回放"]}
# Captions that steer the buyer to a private account are B5 terms in their own right (see the
# rule pack); the rest only describe the code.
OFF_PLATFORM = {"加微信": "加微信", "扫码加": "扫码加好友"}


def caption_term(caption: str) -> str | None:
    """The B5 term a QR caption carries, so the truth lists it as the rule pack would."""
    return next((term for word, term in OFF_PLATFORM.items() if word in caption), None)


def payload(rng: np.random.Generator) -> tuple[str, str]:
    tpl, kind = PAYLOADS[int(rng.integers(len(PAYLOADS)))]
    tok = "".join(rng.choice(list("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"),
                             int(rng.integers(8, 16))))
    return tpl.format(tok=tok, num=int(rng.integers(10**6, 10**9))), kind


def qr_image(data: str, module_px: int, quiet: int) -> Image.Image:
    """Black-on-white QR with a ``quiet``-module white border, each module module_px wide."""
    qr = segno.make(data, error="m", micro=False)
    mat = np.array([list(row) for row in qr.matrix], dtype=bool)
    mat = np.pad(mat, quiet, constant_values=False)
    img = np.where(mat, 0, 255).astype(np.uint8)
    img = np.kron(img, np.ones((module_px, module_px), dtype=np.uint8))
    return Image.fromarray(img).convert("RGB")
