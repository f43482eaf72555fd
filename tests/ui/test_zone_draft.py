"""The draft the zone editor edits: add selects, a click picks (and switches element), delete,
clear and reset touch only the draft, and the result has the profile's shape."""

from __future__ import annotations

from ui.zone_draft import ZoneDraft

PROFILE = {"merchant_info": ((0.0, 0.85, 0.5, 0.15),), "price": ((0.6, 0.55, 0.4, 0.25),)}


def test_starts_from_the_zones_in_force_and_returns_them_unchanged() -> None:
    draft = ZoneDraft(PROFILE)
    assert draft.zones["ad_label"] == [] and draft.selected is None
    assert draft.result() == PROFILE


def test_add_select_delete() -> None:
    draft = ZoneDraft(PROFILE, element="ad_label")
    assert draft.add((0.0, 0.0, 0.3, 0.2)) == ("ad_label", 0)
    assert draft.selected_zone() == (0.0, 0.0, 0.3, 0.2)
    assert draft.select_at(0.7, 0.6) == ("price", 0)
    assert draft.element == "price"  # Delete acts on what the user sees picked
    assert draft.delete_selected()
    assert not draft.delete_selected()
    assert draft.result() == {"merchant_info": PROFILE["merchant_info"],
                              "ad_label": ((0.0, 0.0, 0.3, 0.2),)}
    assert draft.select_at(0.5, 0.4) is None and draft.selected is None


def test_clear_and_reset() -> None:
    draft = ZoneDraft(PROFILE, element="merchant_info")
    draft.select_at(0.1, 0.9)
    draft.clear()
    assert draft.selected is None and "merchant_info" not in draft.result()
    draft.replace(PROFILE)
    assert draft.result() == PROFILE
