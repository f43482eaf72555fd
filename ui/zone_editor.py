"""The zone editor's behaviour: mouse on the preview → zones in frame fractions, buttons →
draft edits, Save → ``saved(zones)``, Cancel → nothing.

It only edits a ``ZoneDraft`` and draws it as marks on the preview; what a saved set means
(settings file, the running monitor) is the main window's business, so this stays testable with
a bare preview and bar. The preview keeps receiving frames while editing: nothing here blocks
or holds a frame, and when editing ends the preview is handed back untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal

from app.rules.pack import ELEMENT_NAMES
from app.rules.profile import Zone
from ui.status import light_name
from ui.widgets import PreviewWidget, ZoneMark
from ui.zone_draft import ZoneDraft
from ui.zone_editor_view import ZoneEditorBar
from ui.zone_geometry import Point, to_frame, zone_from_drag
from ui.zone_store import Zones


class ZoneEditor(QObject):
    """Controller of ``ZoneEditorBar`` and the preview's editing mode."""

    saved = Signal(object)  # Zones: {element: ((x, y, w, h), …)}, elements without zones left out
    finished = Signal()  # after Save or Cancel: the preview is back to normal

    def __init__(self, bar: ZoneEditorBar, preview: PreviewWidget) -> None:
        super().__init__(bar)
        self.bar = bar
        self.preview = preview
        self.draft: ZoneDraft | None = None
        self.profile_zones: Zones = {}
        self._start: Point | None = None
        self._drawing: Zone | None = None
        for element, btn in bar.elements.items():
            btn.clicked.connect(lambda _=False, e=element: self.set_element(e))
        bar.btn_delete.clicked.connect(self.delete_selected)
        bar.btn_clear.clicked.connect(self.clear_element)
        bar.btn_reset.clicked.connect(self.reset_to_profile)
        bar.btn_save.clicked.connect(self.save)
        bar.btn_cancel.clicked.connect(self.cancel)
        preview.pointer_pressed.connect(self._pressed)
        preview.pointer_moved.connect(self._moved)
        preview.pointer_released.connect(self._released)
        preview.delete_pressed.connect(self.delete_selected)

    @property
    def active(self) -> bool:
        """True while editing."""
        return self.draft is not None

    def begin(self, zones: Mapping[str, Sequence[Zone]],
              profile_zones: Mapping[str, Sequence[Zone]],
              element: str = ELEMENT_NAMES[0]) -> None:
        """Edit a copy of ``zones`` (those in force); ``profile_zones`` are the profile file's,
        for "reset"."""
        self.draft = ZoneDraft(zones, element)
        self.profile_zones = {e: tuple(zs) for e, zs in profile_zones.items() if zs}
        self._start = self._drawing = None
        self.bar.show()
        self.preview.set_interactive(True)
        self.preview.setFocus()
        self._refresh()

    def end(self) -> None:
        """Leave editing mode without saving (the owner redraws its own zones on ``finished``)."""
        if self.draft is None:
            return
        self.draft = None
        self._start = self._drawing = None
        self.preview.set_interactive(False)
        self.preview.set_marks([])
        self.bar.hide()
        self.finished.emit()

    def retranslate(self) -> None:
        """Zone names follow the UI language (the bar retranslates with the window)."""
        self._refresh()

    # -- buttons -----------------------------------------------------------------------------
    def set_element(self, element: str) -> None:
        """New zones go to ``element``."""
        if self.draft is None:
            return
        self.draft.element = element
        if self.draft.selected is not None and self.draft.selected[0] != element:
            self.draft.selected = None
        self._refresh()

    def delete_selected(self) -> None:
        """Remove the selected zone (button or Delete key)."""
        if self.draft is not None and self.draft.delete_selected():
            self._refresh()

    def clear_element(self) -> None:
        """Remove every zone of the current element."""
        if self.draft is not None:
            self.draft.clear()
            self._refresh()

    def reset_to_profile(self) -> None:
        """Back to the profile file's zones (applied, like any edit, only on Save)."""
        if self.draft is not None:
            self.draft.replace(self.profile_zones)
            self._refresh()

    def save(self) -> None:
        """Hand the drawn zones to the owner and leave editing mode."""
        if self.draft is None:
            return
        zones = self.draft.result()
        self.end()
        self.saved.emit(zones)

    def cancel(self) -> None:
        """Drop the draft: settings and the monitor never hear of it."""
        self.end()

    # -- mouse on the preview ----------------------------------------------------------------
    def _pressed(self, x: float, y: float) -> None:
        if self.draft is None or self.preview.letterbox() is None:
            return
        self._start = (x, y)
        self._drawing = None

    def _moved(self, x: float, y: float) -> None:
        box = self.preview.letterbox()
        if self.draft is None or self._start is None or box is None:
            return
        self._drawing = zone_from_drag(box, self._start, (x, y), min_frac=0.0)
        self._refresh()

    def _released(self, x: float, y: float) -> None:
        box = self.preview.letterbox()
        start, self._start, self._drawing = self._start, None, None
        if self.draft is None or start is None or box is None:
            return
        zone = zone_from_drag(box, start, (x, y))
        if zone is None:  # a click, or a drag too small to mean a zone: pick what is under it
            self.draft.select_at(*to_frame(box, x, y))
        else:
            self.draft.add(zone)
        self._refresh()

    # -- drawing -----------------------------------------------------------------------------
    def marks(self) -> list[ZoneMark]:
        """What the preview shows while editing: the current element's zones in blue, the
        others grey, the selected one and the drag in progress in amber."""
        draft = self.draft
        if draft is None:
            return []
        out: list[ZoneMark] = []
        for element, zones in draft.zones.items():
            for i, zone in enumerate(zones):
                style = ("selected" if draft.selected == (element, i)
                         else "zone" if element == draft.element else "other")
                out.append(ZoneMark(zone, light_name(element), style))
        if self._drawing is not None:
            out.append(ZoneMark(self._drawing, light_name(draft.element), "drawing"))
        order = {"other": 0, "zone": 1, "selected": 2, "drawing": 3}  # what matters on top
        return sorted(out, key=lambda m: order[m.style])

    def _refresh(self) -> None:
        draft = self.draft
        if draft is None:
            return
        self.bar.elements[draft.element].setChecked(True)
        self.bar.btn_delete.setEnabled(draft.selected is not None)
        self.bar.btn_clear.setEnabled(bool(draft.zones[draft.element]))
        self.bar.btn_reset.setEnabled(draft.result() != self.profile_zones)
        self.preview.set_marks(self.marks())
