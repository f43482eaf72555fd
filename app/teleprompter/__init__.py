"""The teleprompter's Qt-free model: current product, script, reminder checklist, ad cues, R1."""

from app.showplan.prices import price_matches
from app.teleprompter.model import (
    AD_END_CUE,
    AD_START_CUE,
    ChecklistItem,
    Correction,
    Listener,
    MoveResult,
    TeleprompterError,
    TeleprompterModel,
)

__all__ = [
    "AD_END_CUE",
    "AD_START_CUE",
    "ChecklistItem",
    "Correction",
    "Listener",
    "MoveResult",
    "TeleprompterError",
    "TeleprompterModel",
    "price_matches",
]
