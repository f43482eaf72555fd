"""Coverage arithmetic: every watched second credited once per element; shares add to 100 %."""

from __future__ import annotations

import pytest

from app.reports.coverage import STATES, compute_coverage, merge_spans, percentages, statuses_of

ELEMENTS = ("ad_label", "ai_disclosure", "merchant_info", "price")


def total(cov, element: str) -> float:
    return sum(cov.elements[element].seconds.values())


def test_states_add_up_to_watched_time_and_gaps_are_separate() -> None:
    samples = [(1.0, "o-oo"), (2.0, "m-oo"), (3.0, "m-oo"), (10.0, "o-oo"), (14.0, "c-oo")]
    cov = compute_coverage(samples, [(5.0, 8.0)], 20.0, ELEMENTS)
    assert cov.gap_seconds == 3.0
    assert cov.watched == 17.0
    ad = cov.elements["ad_label"].seconds
    # 1-2 ok, 2-5 missing (stops at the gap), 10-14 ok, 14-20 covered; 0-1 and 8-10 unchecked.
    assert ad == pytest.approx({"o": 5.0, "m": 3.0, "i": 0, "c": 6.0, "p": 0, "-": 0,
                                "unchecked": 3.0})
    for e in ELEMENTS:
        assert total(cov, e) == pytest.approx(cov.watched)
    assert cov.elements["ai_disclosure"].seconds["-"] == 14.0
    assert cov.watched + cov.gap_seconds == cov.length


def test_runs_merge_consecutive_samples_for_the_chart() -> None:
    cov = compute_coverage([(0, "o"), (1, "o"), (2, "m"), (3, "o")], [], 5.0, ("ad_label",))
    assert [(r.start, r.end, r.state) for r in cov.elements["ad_label"].runs] == [
        (0, 2, "o"), (2, 3, "m"), (3, 5, "o")]


def test_open_gap_runs_to_the_end_and_samples_inside_a_gap_are_ignored() -> None:
    cov = compute_coverage([(0, "o"), (6, "m")], [(5, 99)], 10.0, ("ad_label",))
    assert cov.gaps == [(5, 10.0)]
    assert cov.elements["ad_label"].seconds["o"] == 5.0
    assert cov.elements["ad_label"].seconds["m"] == 0.0
    assert total(cov, "ad_label") == cov.watched == 5.0


def test_dict_and_unreadable_statuses() -> None:
    assert statuses_of({"ad_label": "missing", "price": "ok"}, ELEMENTS) == ["m", "?", "?", "o"]
    assert statuses_of("o", ELEMENTS) == ["o", "?", "?", "?"]
    assert statuses_of(None, ELEMENTS) == ["?"] * 4
    cov = compute_coverage([(0, {"ad_label": "weird"})], [], 4.0, ("ad_label",))
    assert cov.elements["ad_label"].seconds["unchecked"] == 4.0


def test_empty_show_and_merge() -> None:
    cov = compute_coverage([], [], 0.0, ELEMENTS)
    assert cov.watched == 0 and all(total(cov, e) == 0 for e in ELEMENTS)
    assert merge_spans([(3, 5), (1, 2), (4, 8), (9, 9)], 7) == [(1, 2), (3, 7)]


@pytest.mark.parametrize("values", [[1, 1, 1], [2, 3, 5, 7, 11, 13], [0.1, 99.9], [0, 0, 5]])
def test_percentages_always_add_up_to_100(values: list[float]) -> None:
    pct = percentages(values, sum(values))
    assert round(sum(pct), 6) == 100.0
    exact = [v / sum(values) * 100 for v in values]
    assert all(abs(p - e) < 0.1 + 1e-9 for p, e in zip(pct, exact, strict=True))
    assert len(STATES) == 7
