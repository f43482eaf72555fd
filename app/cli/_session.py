"""What ``monitor`` and ``audit`` share: building the checker and store, printing events."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from app.cli.errors import UserError
from app.monitor.events import MonitorEvent

ELEMENT_ZH = {
    "ad_label": "广告标识",
    "ai_disclosure": "AI标识",
    "merchant_info": "商家信息",
    "price": "价格",
    "banned_term": "违禁词",
    "qr_code": "二维码",
    "price_comparison": "比价信息",
}
STATUS_ZH = {
    "missing": "缺失",
    "illegible": "不清晰",
    "occluded": "被遮挡",
    "misplaced": "位置不符",
    "present": "出现",
    "incomplete": "不完整",
    "recovered": "已恢复",
    "closed": "结束",
    "ok": "正常",
    "not_required": "不要求",
}
TYPE_ZH = {
    "violation_start": "违规开始",
    "violation_end": "违规结束",
    "violation_reminder": "违规持续",
    "connected": "已连接",
    "disconnected": "连接断开",
    "reconnecting": "重连中",
    "scene_changed": "场景切换",
    "error": "来源错误",
    "ad_segment_start": "广告时段开始",
    "ad_segment_end": "广告时段结束",
}


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--profile", default=None, help="profile name or .toml path (default: default)")
    p.add_argument("--engine", default=None, help="OCR engine: rapidocr (default) or tesseract")
    p.add_argument("--db", type=Path, default=None, help="evidence database (default: per user)")
    p.add_argument("--json", action="store_true", help="print events as JSON Lines")


def build_checker(profile_name: str | None, engine_name: str | None):
    from app.checker.frame_checker import FrameChecker
    from app.ocr.base import OcrError
    from app.ocr.registry import create_engine
    from app.rules.pack import RulePackError, load_rule_pack
    from app.rules.profile import ProfileError, load_profile

    try:
        profile = load_profile(profile_name)
        pack = load_rule_pack()
        engine = create_engine(engine_name or profile.engine)
    except (ProfileError, RulePackError, OcrError) as exc:
        raise UserError(str(exc)) from exc
    return FrameChecker(profile, engine, pack)


def open_store(path: Path | None):
    from app.store import Store
    from app.store.errors import StoreError

    try:
        return Store.open(path)
    except StoreError as exc:
        raise UserError(str(exc)) from exc


def parse_interval(text: str) -> float:
    """'1s', '500ms', '2', '0.5s', '1m' → seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", text or "")
    if not m:
        raise UserError(f"bad interval {text!r}: write e.g. 1s, 500ms or 2")
    value = float(m.group(1)) * {"ms": 0.001, "s": 1.0, "m": 60.0, None: 1.0}[m.group(2)]
    if value <= 0:
        raise UserError("the interval must be greater than zero")
    return value


def describe(e: MonitorEvent) -> str:
    """One human line for an event, Chinese first."""
    time = e.wall.astimezone().strftime("%H:%M:%S")
    kind = TYPE_ZH.get(e.type, e.type)
    if e.element:
        what = ELEMENT_ZH.get(e.element, e.element)
        extra = e.detail.get("term") or e.detail.get("payload") or e.detail.get("text") or ""
        status = STATUS_ZH.get(e.status, e.status)
        dur = e.detail.get("duration_s")
        tail = f" 持续 {dur:.0f}s" if isinstance(dur, int | float) else ""
        return f"{time} {kind} {what} {status} {extra}{tail}  [{e.requirement} {e.article}]"
    return f"{time} {kind} {e.detail.get('detail', '')}".rstrip()


def event_json(e: MonitorEvent) -> str:
    out: dict[str, Any] = e.to_json()
    return json.dumps(out, ensure_ascii=False, default=str)
