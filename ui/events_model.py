"""The session's event list as a Qt table model: time, event, requirement, article, snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QImage, QPixmap

from app.monitor import events as ev
from app.monitor.events import MonitorEvent
from ui.status import event_type_name, light_name, status_word

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")

THUMB_WIDTH = 96
_Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class EventRow:
    """One event as shown, with its decoded thumbnail (decoded once, not per paint)."""

    event: MonitorEvent
    thumb: QPixmap | None = None


class EventsModel(QAbstractTableModel):
    """Newest event first; violation rows are tinted so the list reads like the lights."""

    COLUMNS = ("time", "event", "what", "article", "snapshot")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[EventRow] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            translate("EventsModel", "Time"),
            translate("EventsModel", "Event"),
            translate("EventsModel", "Requirement"),
            translate("EventsModel", "Article"),
            translate("EventsModel", "Snapshot"),
        ][section]

    def add(self, e: MonitorEvent) -> None:
        """Insert an event at the top."""
        thumb = None
        if e.snapshot:
            img = QImage.fromData(e.snapshot)
            if not img.isNull():
                thumb = QPixmap.fromImage(
                    img.scaledToWidth(THUMB_WIDTH, Qt.TransformationMode.SmoothTransformation)
                )
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, EventRow(e, thumb))
        self.endInsertRows()

    def clear(self) -> None:
        """Drop every row (a new session)."""
        self.beginResetModel()
        self.rows.clear()
        self.endResetModel()

    def retranslate(self) -> None:
        """Re-read texts after a language switch."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1)
            )

    @staticmethod
    def what(e: MonitorEvent) -> str:
        """The requirement column: element, status and the term/payload if any."""
        if not e.element:
            return str(e.detail.get("detail", "") or "")
        extra = e.detail.get("term") or e.detail.get("payload") or ""
        dur = e.detail.get("duration_s")
        text = f"{e.requirement} {light_name(e.element)} {status_word(e.status)}"
        if extra:
            text += f" \u201c{extra}\u201d"
        if isinstance(dur, int | float):
            text += " " + translate("EventsModel", "after {seconds} s").format(seconds=round(dur))
        return text

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        e = row.event
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "time":
                return e.wall.astimezone().strftime("%H:%M:%S")
            if col == "event":
                return event_type_name(e.type)
            if col == "what":
                return self.what(e)
            if col == "article":
                return e.article
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == "snapshot":
            return row.thumb
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "snapshot" and row.thumb is not None:
                return translate("EventsModel", "Double-click to open the evidence snapshot")
            return self.what(e) + (f"\n{e.article}" if e.article else "")
        if role == Qt.ItemDataRole.ForegroundRole and col == "event":
            if e.type == ev.VIOLATION_START:
                return QBrush(QColor("#f87171"))
            if e.type == ev.VIOLATION_END:
                return QBrush(QColor("#4ade80"))
        return None
