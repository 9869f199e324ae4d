"""Which codes the "combined" row or column of a scope may hold (desktop/domain/services/
hub_indicators.py): the union of what its exports said they combined; unknown (exports imported
before the hub kept it) means any code, as before."""

from __future__ import annotations

from desktop.domain.services.indicators import COMBINED_REASON, value_of
from tests.unit.test_hub_dashboard import CLOSED, FakeHub, build, grid

AGREED = "share_resolved_by_agreement"
NONE: frozenset[str] = frozenset()


def two_committees(a_combined: tuple[frozenset[str], ...] | None) -> FakeHub:
    """C-A put two small outcomes into "combined" (saying which when ``a_combined``), C-B
    combined nothing."""
    hub = FakeHub()
    hub.committee("C-A", "North")
    hub.committee("C-B", "North")
    a = {"resolved_by_agreement/female": 6, "decided/female": 9, "combined/female": 5}
    hub.table("C-A", "2026-10", CLOSED, grid(a))
    b = {"resolved_by_agreement/male": 5, "decided/male": 7, "withdrawn/female": 8}
    hub.table("C-B", "2026-10", CLOSED, grid(b))
    if a_combined is not None:
        hub.combined_[("C-A", "2026-10", CLOSED)] = a_combined
    hub.combined_[("C-B", "2026-10", CLOSED)] = (NONE, NONE)
    return hub


def test_an_indicator_is_computed_when_no_export_combined_its_code() -> None:
    hub = two_committees((frozenset({"withdrawn", "referred_formal"}), NONE))
    dashboard = build(hub)
    for scope in (dashboard.programme, dashboard.regions[0]):
        agreed = value_of(list(scope.indicators), AGREED)
        assert (agreed.numerator, agreed.denominator) == (6 + 5, 6 + 9 + 5 + 5 + 7 + 8)
        # resolved: agreement and decided; "combined" holds only unresolved outcomes
        assert value_of(list(scope.indicators), "cases_resolved").value == 6 + 9 + 5 + 7


def test_an_indicator_is_unknown_when_an_export_combined_its_code_with_others() -> None:
    dashboard = build(two_committees((frozenset({"resolved_by_agreement", "withdrawn"}), NONE)))
    a = next(s for s in dashboard.committee_rows if s.name == "C-A")
    assert value_of(list(a.indicators), AGREED).reason == COMBINED_REASON
    assert value_of(list(a.indicators), "cases_resolved").reason == COMBINED_REASON
    # the summed tables cannot give it either: the programme's is C-B's alone, pooled
    agreed = value_of(list(dashboard.programme.indicators), AGREED)
    assert (agreed.numerator, agreed.denominator, agreed.covered, agreed.of) == (5, 20, 1, 2)


def test_exports_imported_before_the_hub_kept_their_codes_may_have_combined_any_code() -> None:
    dashboard = build(two_committees(None))
    a = next(s for s in dashboard.committee_rows if s.name == "C-A")
    assert value_of(list(a.indicators), AGREED).reason == COMBINED_REASON
    # C-B said it combined nothing: its own indicator is computed, and only it is pooled
    b = next(s for s in dashboard.committee_rows if s.name == "C-B")
    assert value_of(list(b.indicators), AGREED).numerator == 5
    agreed = value_of(list(dashboard.programme.indicators), AGREED)
    assert (agreed.numerator, agreed.covered, agreed.of) == (5, 1, 2)


def test_a_column_some_exports_combined_and_others_showed_is_not_summed_as_whole() -> None:
    hub = FakeHub()
    hub.committee("C-A")
    hub.committee("C-B")
    # C-A had few men: "male" went into its combined column (with "other")
    a = {"resolved_by_agreement/female": 9, "decided/female": 9, "decided/combined": 6}
    hub.table("C-A", "2026-10", CLOSED, grid(a, ("female", "combined")))
    hub.combined_[("C-A", "2026-10", CLOSED)] = (NONE, frozenset({"male", "other"}))
    b = {"resolved_by_agreement/male": 8, "decided/male": 7, "decided/female": 6}
    hub.table("C-B", "2026-10", CLOSED, grid(b))
    hub.combined_[("C-B", "2026-10", CLOSED)] = (NONE, NONE)
    dashboard = build(hub)
    a = next(s for s in dashboard.committee_rows if s.name == "C-A")
    # its men are in its "combined" column: it has no share for men
    assert not [i for i in a.indicators if (i.name, i.by) == (AGREED, "male")]
    programme = list(dashboard.programme.indicators)
    # the hub's "male" column holds C-B's men only: it is C-B's share, said so (pooled)
    male = value_of(programme, AGREED, "male")
    assert (male.numerator, male.denominator, male.covered, male.of) == (8, 15, 1, 2)
    female = value_of(programme, AGREED, "female")
    assert (female.numerator, female.denominator) == (9, 9 + 9 + 6)
    assert value_of(programme, AGREED).numerator == 9 + 8
