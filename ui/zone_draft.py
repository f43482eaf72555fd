"""The zones being edited, before Save: add, select, delete, clear, reset.

A plain object (no Qt) so the editing rules are tested on their own; the zone editor turns mouse
and button input into these calls and draws what ``zones``/``selected`` say. Nothing here reaches
the settings or the monitor: Cancel simply drops the draft.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.rules.pack import ELEMENT_NAMES
from app.rules.profile import Zone
from ui.zone_geometry import hit_test, tidy
from ui.zone_store import Zones

Selection = tuple[str, int]  # (element, index in that element's zones)


class ZoneDraft:
    """Per element, the zones drawn so far, and at most one selected zone."""

    def __init__(self, zones: Mapping[str, Sequence[Zone]], element: str = ELEMENT_NAMES[0]
                 ) -> None:
        self.zones: dict[str, list[Zone]] = {}
        self.selected: Selection | None = None
        self.element = element
        self.replace(zones)

    def replace(self, zones: Mapping[str, Sequence[Zone]]) -> None:
        """Start over from ``zones`` (e.g. the profile's own, for "reset")."""
        self.zones = {e: [(x, y, w, h) for (x, y, w, h) in zones.get(e, ())]
                      for e in ELEMENT_NAMES}
        self.selected = None

    def add(self, zone: Zone, element: str | None = None) -> Selection:
        """Add a zone for ``element`` (default: the current one) and select it."""
        element = element or self.element
        self.zones[element].append(tidy(zone))
        self.selected = (element, len(self.zones[element]) - 1)
        return self.selected

    def select_at(self, fx: float, fy: float) -> Selection | None:
        """Select the zone under a click (frame fractions), or nothing; the current element
        follows the selection so Delete and Clear act on what the user sees picked."""
        self.selected = hit_test(self.zones, fx, fy, prefer=self.element)
        if self.selected is not None:
            self.element = self.selected[0]
        return self.selected

    def selected_zone(self) -> Zone | None:
        """The selected zone's box."""
        if self.selected is None:
            return None
        element, i = self.selected
        return self.zones[element][i]

    def delete_selected(self) -> bool:
        """Remove the selected zone; False when nothing was selected."""
        if self.selected is None:
            return False
        element, i = self.selected
        del self.zones[element][i]
        self.selected = None
        return True

    def clear(self, element: str | None = None) -> None:
        """Remove every zone of ``element`` (default: the current one)."""
        element = element or self.element
        self.zones[element] = []
        if self.selected is not None and self.selected[0] == element:
            self.selected = None

    def result(self) -> Zones:
        """The zones to save: elements with at least one zone (``Profile.zones``' shape)."""
        return {e: tuple(zs) for e, zs in self.zones.items() if zs}
