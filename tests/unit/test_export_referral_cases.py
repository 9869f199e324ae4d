"""Referral tables count cases, not referrals: one case sent to five actors is one case
(docs/exports.md, "Referrals count cases")."""

from __future__ import annotations

from datetime import date

from desktop.domain.model.export_tables import COMBINED, SUPPRESSED, ExportTables, Period
from desktop.domain.model.referral_board import ReferralFact
from desktop.domain.model.referrals import Direction, ReferralStatus
from desktop.domain.services.disclosure import DisclosureRules
from desktop.domain.services.export_dimensions import REFERRAL_TABLES
from desktop.domain.services.exports import tables_for
from desktop.domain.taxonomy import default_taxonomy

TAXONOMY = default_taxonomy()
MARCH = Period.month(2026, 3)
OUT, IN = Direction.OUT, Direction.IN
SENT, COMPLETED = ReferralStatus.SENT, ReferralStatus.COMPLETED


def _referral(
    case: int, kind: str = "police", direction: Direction = OUT, status: ReferralStatus = SENT
) -> ReferralFact:
    return ReferralFact(direction, kind, status, date(2026, 3, 10), None, None, case)


def _export(referrals: list[ReferralFact]) -> ExportTables:
    return tables_for(MARCH, [], referrals, TAXONOMY, DisclosureRules())


def test_one_case_referred_five_times_is_not_published_as_five() -> None:
    export = _export([_referral(1) for _ in range(5)])
    for name in REFERRAL_TABLES:
        table = export.table(name)
        assert table.withheld, name
        assert table.total is SUPPRESSED
        assert 5 not in table.cells.values()


def test_five_cases_referred_once_each_are_published() -> None:
    export = _export([_referral(case) for case in range(1, 6)])
    table = export.table("referrals_by_direction_and_actor_kind")
    assert not table.withheld
    assert table.total == 5
    assert table.cells[(OUT.value, "police")] == 5
    assert export.table("referrals_by_direction_and_status").cells[(OUT.value, SENT.value)] == 5


def test_a_value_is_combined_by_its_cases_not_its_referrals() -> None:
    """Five cases sent to the police once each, and one case sent five times to legal aid:
    legal aid is one case, so it is never a row of its own (its total would say 5)."""
    referrals = [_referral(case) for case in range(1, 6)]
    referrals += [_referral(6, "legal_aid") for _ in range(5)]
    table = _export(referrals).table("referrals_by_direction_and_actor_kind")
    assert not table.withheld
    assert "legal_aid" not in table.values[1]
    assert COMBINED in table.values[1]
    assert "legal_aid" in table.combined[1]


def _crossed(completed_out: list[ReferralFact]) -> list[ReferralFact]:
    """Five cases in each other crossing of direction and status (sent out, sent in,
    completed in), and ``completed_out``."""
    referrals = [_referral(case) for case in range(1, 6)]
    referrals += [_referral(case, direction=IN) for case in range(7, 12)]
    referrals += [_referral(case, direction=IN, status=COMPLETED) for case in range(12, 17)]
    return referrals + completed_out


def test_a_cell_of_too_few_cases_is_suppressed_however_many_referrals() -> None:
    """Every direction and status has at least five cases, but the five completed referrals
    going out are all one case's: that cell is suppressed, and the others protect it."""
    table = _export(_crossed([_referral(6, status=COMPLETED) for _ in range(5)])).table(
        "referrals_by_direction_and_status"
    )
    assert not table.withheld
    assert table.combined == ((), ())
    assert table.cells[(OUT.value, COMPLETED.value)] is SUPPRESSED
    assert table.cells[(OUT.value, SENT.value)] is SUPPRESSED  # else 10 - 5 gives it away


def test_the_same_referrals_from_five_cases_are_published() -> None:
    """The control of the test above: the five completed referrals come from five cases."""
    out = [_referral(case, status=COMPLETED) for case in (6, 17, 18, 19, 20)]
    table = _export(_crossed(out)).table("referrals_by_direction_and_status")
    assert table.cells[(OUT.value, COMPLETED.value)] == 5
    assert table.cells[(OUT.value, SENT.value)] == 5


def test_a_combined_bucket_is_sized_by_its_distinct_cases() -> None:
    """Three cases each sent both to the police and to legal aid: six referrals, three cases.
    Combined alone, the two would publish a total of 6 for three cases; the next value joins."""
    referrals = [_referral(case, kind) for case in (1, 2, 3) for kind in ("police", "legal_aid")]
    referrals += [_referral(case, "chief_elder") for case in range(4, 14)]
    table = _export(referrals).table("referrals_by_direction_and_actor_kind")
    assert not table.withheld
    assert {"police", "legal_aid", "chief_elder"} <= set(table.combined[1])
    assert table.column_totals[COMBINED] == 16
