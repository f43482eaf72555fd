"""OCR engines behind one small interface: detect text lines, recognise known boxes, or both."""

from app.ocr.base import OcrEngine, OcrLine
from app.ocr.registry import available_engines, create_engine, default_engine_name

__all__ = ["OcrEngine", "OcrLine", "available_engines", "create_engine", "default_engine_name"]
