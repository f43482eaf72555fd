"""Engine names → constructors, so the CLI, the profile and the UI name engines the same way."""

from __future__ import annotations

from collections.abc import Callable

from app.ocr.base import OcrEngine, OcrError


def _rapid() -> OcrEngine:
    from app.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine()


def _tesseract() -> OcrEngine:
    from app.ocr.tesseract import TesseractEngine

    return TesseractEngine()


_ENGINES: dict[str, Callable[[], OcrEngine]] = {"rapidocr": _rapid, "tesseract": _tesseract}


def default_engine_name() -> str:
    return "rapidocr"


def available_engines() -> list[str]:
    return list(_ENGINES)


def create_engine(name: str | None = None) -> OcrEngine:
    """Build an engine by name; raises ``OcrError`` with a readable message for unknown names."""
    key = (name or default_engine_name()).lower()
    if key not in _ENGINES:
        raise OcrError(f"unknown OCR engine {name!r}; choose one of: {', '.join(_ENGINES)}")
    return _ENGINES[key]()
