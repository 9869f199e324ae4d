"""The programme indicators, computed from the published tables only."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from desktop.domain.model.dispute import Channel, Sex, Status
from desktop.domain.model.export_tables import SUPPRESSED, CaseFact, Compliance, Period, ViewFact
from desktop.domain.model.proceedings import Answer
from desktop.domain.model.referral_board import ReferralFact
from desktop.domain.model.referrals import Direction, ReferralStatus
from desktop.domain.services.disclosure import DisclosureRules
from desktop.domain.services.exports import quarter_of, tables_for
from desktop.domain.services.indicators import (
    COMBINED_REASON,
    SUPPRESSED_REASON,
    indicators,
    value_of,
)
from desktop.domain.taxonomy import default_taxonomy
from tests.unit.export_facts import FEB, Q1

TAXONOMY = default_taxonomy()
DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def _closed(
    sex: Sex, outcome: str, fair: Answer, kept: Compliance, month: Period = FEB
) -> CaseFact:
    return CaseFact(
        "debt",
        Channel.WALK_IN,
        Status.CLOSED,
        complainant_sex=sex,
        complainant_age="26_40",
        received_in=month,
        closed_in=month,
        outcome=outcome,
        compliance=kept,
        views=(ViewFact(sex, fair),),
    )


def _month(month: Period = FEB, decided_women: int = 5) -> list[CaseFact]:
    facts = []
    for sex in (Sex.FEMALE, Sex.MALE):
        for i in range(10):
            kept = Compliance.KEPT if i < 6 else Compliance.BREACHED
            fair = Answer.YES if i < 8 else Answer.NO
            facts.append(_closed(sex, "resolved_by_agreement", fair, kept, month))
        decided = decided_women if sex is Sex.FEMALE else 5
        for _ in range(decided):
            facts.append(_closed(sex, "decided", Answer.YES, Compliance.NO_AGREEMENT, month))
        for i in range(5):
            fair = Answer.YES if i < 2 else Answer.NO
            facts.append(_closed(sex, "unresolved", fair, Compliance.NO_AGREEMENT, month))
    return facts


def _referrals(first: date) -> list[ReferralFact]:
    def referral(kind: str, status: ReferralStatus, days: int | None, case: int) -> ReferralFact:
        feedback = None if days is None else first + timedelta(days=days)
        return ReferralFact(Direction.OUT, kind, status, first, feedback, None, case)

    return (
        [referral("police", ReferralStatus.COMPLETED, 5, i) for i in range(10)]
        + [referral("legal_aid", ReferralStatus.SENT, None, 10 + i) for i in range(10)]
        + [referral("chief_elder", ReferralStatus.COMPLETED, 10, 20 + i) for i in range(6)]
    )


def test_the_indicators_of_a_month() -> None:
    export = tables_for(FEB, _month(), _referrals(date(2026, 2, 3)), TAXONOMY, DisclosureRules())
    found = indicators(export, TAXONOMY)

    def value(name: str, by: str = "all") -> object:
        return value_of(found, name, by).value

    assert value("cases_received") == 40
    assert (value("cases_received", "female"), value("cases_received", "male")) == (20, 20)
    assert value("cases_resolved") == 30 and value("cases_resolved", "female") == 15
    assert value("share_resolved_by_agreement") == 0.5
    assert value("share_agreements_kept") == 12 / 20  # kept, of the agreements checked
    assert value("referral_completion_rate") == 16 / 26
    assert value("median_days_to_feedback") == "0_7"  # 10 of 16 with feedback took 0-7 days
    assert value("referrals_out_by_mechanism", "formal") == 20
    assert value("referrals_out_by_mechanism", "informal") == 6
    # fair: 8 + 5 + 2 of 20 for each sex
    assert value("share_found_process_fair") == 30 / 40
    assert value("share_found_process_fair", "female") == 15 / 20
    assert value("disputes_brought_to_committee", "informal") == 40
    share = value_of(found, "share_resolved_by_agreement")
    assert (share.numerator, share.denominator, share.reason) == (20, 40, None)


def test_an_indicator_that_needs_a_suppressed_cell_says_so() -> None:
    # 3 women's cases decided: a suppressed cell the resolved count of women needs
    export = tables_for(FEB, _month(decided_women=3), [], TAXONOMY, DisclosureRules())
    table = export.table("closed_by_outcome_and_sex")
    assert table.cell("decided", "female") is SUPPRESSED
    found = indicators(export, TAXONOMY)
    women = value_of(found, "cases_resolved", "female")
    assert (women.value, women.reason) == (None, SUPPRESSED_REASON)
    assert value_of(found, "cases_resolved").value == 28  # from the published row totals
    nothing = value_of(found, "referral_completion_rate")
    assert nothing.value is None and nothing.reason is not None


def test_an_indicator_that_needs_a_combined_value_says_so() -> None:
    # no referrals to legal aid or chiefs: police alone, combined with nobody; chiefs 2 only
    referrals = _referrals(date(2026, 2, 3))[:10] + _referrals(date(2026, 2, 3))[-2:]
    export = tables_for(FEB, _month(), referrals, TAXONOMY, DisclosureRules())
    found = indicators(export, TAXONOMY)
    mechanism = value_of(found, "referrals_out_by_mechanism", "informal")
    assert (mechanism.value, mechanism.reason) == (None, COMBINED_REASON)


def test_a_quarters_indicators_are_the_sums_of_its_months() -> None:
    rules = DisclosureRules()
    months = [tables_for(m, _month(m), [], TAXONOMY, rules) for m in Q1.months()]
    found = indicators(quarter_of(months, TAXONOMY), TAXONOMY)
    assert value_of(found, "cases_received").value == 120
    assert value_of(found, "share_resolved_by_agreement", "male").value == 0.5


def test_every_indicator_is_documented() -> None:
    export = tables_for(FEB, _month(), _referrals(date(2026, 2, 3)), TAXONOMY, DisclosureRules())
    documented = set(re.findall(r"^### `([a-z0-9_]+)`", DOCS.read_text("utf-8"), re.MULTILINE))
    assert {i.name for i in indicators(export, TAXONOMY)} == documented
