"""Pooling (desktop/domain/services/hub_pooling.py): an indicator the programme's or a region's
summed tables cannot give is pooled from its committees' own, with its coverage; a count that
lacks a committee is a lower bound; a suppressed cell is never part of a pooled number."""

from __future__ import annotations

from desktop.domain.services.indicators import SUPPRESSED_REASON, Indicator, value_of
from tests.unit.test_hub_dashboard import CLOSED, FakeHub, build, grid

AGREED = "share_resolved_by_agreement"
PLANTED = 50  # C-A's women resolved by agreement: suppressed in its export


def hub() -> FakeHub:
    made = FakeHub()
    for name in ("C-A", "C-B", "C-C"):
        made.committee(name, "North")
    a = {
        "resolved_by_agreement/female": PLANTED,
        "decided/female": 9,
        "resolved_by_agreement/male": 6,
        "decided/male": 9,
    }
    suppressed = [("resolved_by_agreement", "female"), ("resolved_by_agreement", "male")]
    made.table("C-A", "2026-10", CLOSED, grid(a), suppressed=suppressed)
    b = {
        "resolved_by_agreement/female": 7,
        "decided/female": 5,
        "resolved_by_agreement/male": 5,
        "decided/male": 8,
    }
    made.table("C-B", "2026-10", CLOSED, grid(b))
    c = {
        "resolved_by_agreement/female": 6,
        "decided/female": 10,
        "resolved_by_agreement/male": 5,
        "decided/male": 5,
    }
    made.table("C-C", "2026-10", CLOSED, grid(c))
    return made


def found(indicators: tuple[Indicator, ...], name: str, by: str = "all") -> Indicator:
    return value_of(list(indicators), name, by)


def test_a_share_the_tables_cannot_give_is_pooled_over_the_committees_that_have_it() -> None:
    dashboard = build(hub())
    a = next(s for s in dashboard.committee_rows if s.name == "C-A")
    assert found(a.indicators, AGREED, "female").reason == SUPPRESSED_REASON
    for scope in (dashboard.programme, dashboard.regions[0]):
        female = found(scope.indicators, AGREED, "female")
        assert (female.numerator, female.denominator) == (7 + 6, 7 + 5 + 6 + 10)
        assert female.value == 13 / 28
        assert (female.covered, female.of, female.at_least) == (2, 3, False)
        assert female.reason is None


def test_a_suppressed_cell_is_never_part_of_a_pooled_number() -> None:
    dashboard = build(hub())
    for scope in (dashboard.programme, *dashboard.regions):
        for indicator in scope.indicators:
            if indicator.covered is None:
                continue
            numbers = (indicator.value, indicator.numerator, indicator.denominator)
            assert not any(isinstance(n, int) and n >= PLANTED for n in numbers), indicator


def test_a_count_that_lacks_a_committee_is_a_lower_bound() -> None:
    programme = build(hub()).programme
    resolved = found(programme.indicators, "cases_resolved", "female")
    assert (resolved.value, resolved.covered, resolved.of, resolved.at_least) == (
        7 + 5 + 6 + 10,
        2,
        3,
        True,
    )


def test_what_the_tables_give_is_not_pooled_and_committees_are_never_pooled() -> None:
    dashboard = build(hub())
    # every committee published its row totals: the programme's share of all is from its table
    whole = found(dashboard.programme.indicators, AGREED)
    assert (whole.numerator, whole.covered, whole.of) == (PLANTED + 6 + 7 + 5 + 6 + 5, None, None)
    for row in dashboard.committee_rows:
        assert all(i.covered is None for i in row.indicators)


def test_a_median_band_is_never_pooled() -> None:
    dashboard = build(hub())
    median = found(dashboard.programme.indicators, "median_days_to_feedback")
    assert median.value is None and median.covered is None
