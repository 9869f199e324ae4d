"""The export's periods, facts and tables, and the planted rare case that no table gives away."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.errors import ValidationError
from desktop.domain.model.dispute import Channel, Party, PartyRole, Sex, Status
from desktop.domain.model.export_tables import (
    COMBINED,
    SUPPRESSED,
    Cadence,
    CaseFact,
    ExportRecord,
    ExportTables,
    Period,
    ResolutionBand,
    Table,
    ViewFact,
    current_exports,
    next_sequence,
)
from desktop.domain.model.proceedings import Answer
from desktop.domain.services.committee import UpdateSettings, update_settings
from desktop.domain.services.disclosure import DisclosureRules
from desktop.domain.services.export_log import export_period
from desktop.domain.services.exports import (
    TABLES,
    build_export_tables,
    classified,
    quarter_of,
    tables_for,
)
from desktop.domain.taxonomy import default_taxonomy
from tests.unit.brute_force import determined
from tests.unit.export_facts import (
    FEB,
    JAN,
    MAR,
    PLANTED,
    Q1,
    busy_case,
    busy_quarter,
    busy_referrals,
)
from tests.unit.fake_exports import FakeExportWriter
from tests.unit.world import World, make_world

TAXONOMY = default_taxonomy()
RULES = DisclosureRules()


def _export(period: Period, cadence: Cadence = Cadence.MONTHLY, **kw: object) -> ExportTables:
    facts = kw.pop("facts", None) or busy_quarter()
    return tables_for(period, facts, busy_referrals(), TAXONOMY, RULES, cadence)  # type: ignore[arg-type]


# --- periods and facts -----------------------------------------------------------------------


def test_periods_are_calendar_months_and_quarters() -> None:
    feb = Period.month(2028, 2)
    assert (feb.first, feb.last, feb.label) == (date(2028, 2, 1), date(2028, 2, 29), "2028-02")
    q4 = Period.quarter(2026, 4)
    assert (q4.first, q4.last, q4.label) == (date(2026, 10, 1), date(2026, 12, 31), "2026-Q4")
    assert q4.contains(date(2026, 11, 5)) and not q4.contains(date(2027, 1, 1))
    assert q4.months() == tuple(Period.month(2026, m) for m in (10, 11, 12))
    assert Period.parse("2026-Q1") == Q1 and Period.parse("2026-02") == FEB
    for bad in ("2026-13", "2026-Q5", "2026-01-01", "last month"):
        with pytest.raises(ValueError):
            Period.parse(bad)


def test_a_case_fact_holds_codes_bands_and_months_only() -> None:
    names = {f.name for f in dataclasses.fields(CaseFact)}
    assert names == {
        "category", "channel", "status", "sdg_group", "sensitive", "complainant_sex",
        "complainant_age", "respondent_sex", "respondent_age", "disability", "displacement",
        "received_in", "closed_in", "outcome", "resolution", "compliance", "views", "consented",
    }  # fmt: skip
    for not_a_code in ("Amina Wanjiru", "+254712345678", "0712345678", "KBR-2026-0042", ""):
        with pytest.raises(ValueError):
            CaseFact(not_a_code, Channel.WALK_IN, Status.REGISTERED)
        with pytest.raises(ValueError):
            CaseFact("debt", Channel.WALK_IN, Status.CLOSED, outcome=not_a_code)
    with pytest.raises(ValueError):  # never a quarter or an exact day: a month
        CaseFact("debt", Channel.WALK_IN, Status.REGISTERED, received_in=Q1)


# --- building the tables ---------------------------------------------------------------------


def test_counts_are_exact_where_nothing_is_small() -> None:
    rng = random.Random(3)
    facts = [busy_case(rng, FEB, closed=False) for _ in range(80)]
    facts = [dataclasses.replace(f, category="debt") for f in facts]
    table = tables_for(FEB, facts, [], TAXONOMY, RULES).table("received_by_channel")
    walk_in = sum(1 for f in facts if f.channel is Channel.WALK_IN)
    assert table.cell("walk_in") == walk_in and table.cell("outreach") == 80 - walk_in
    assert table.cell("referral_in") == 0 and table.total == 80


def test_a_case_counts_when_received_and_when_closed_each_in_its_month() -> None:
    rng = random.Random(4)
    facts = [busy_case(rng, m, closed=False) for m in (JAN, FEB) for _ in range(20)]
    late = dataclasses.replace(facts[0], closed_in=MAR, outcome="decided", status=Status.CLOSED)
    facts = [late, *facts[1:]]
    exports = [tables_for(m, facts, [], TAXONOMY, RULES) for m in (JAN, FEB, MAR)]
    received = [e.table("received_by_channel").total for e in exports]
    closed = [e.table("closed_by_resolution_time").total for e in exports]
    assert received == [20, 20, 0]
    assert closed == [0, 0, SUPPRESSED]  # one case closed in March: too few to publish


def test_a_case_with_a_party_who_did_not_consent_is_not_counted() -> None:
    facts = busy_quarter()
    refused = dataclasses.replace(facts[0], consented=False)
    with_refusal = tables_for(JAN, [refused, *facts[1:]], [], TAXONOMY, RULES)
    without = tables_for(JAN, facts[1:], [], TAXONOMY, RULES)
    assert with_refusal.tables == without.tables
    assert with_refusal.not_consented == 1


def test_a_committee_exports_months_or_quarters_never_both() -> None:
    assert _export(FEB).period == FEB
    quarter = _export(Q1, Cadence.QUARTERLY)
    assert [t.name for t in quarter.tables] == list(TABLES)
    with pytest.raises(ValidationError):
        _export(FEB, Cadence.QUARTERLY)
    with pytest.raises(ValidationError):
        _export(Q1, Cadence.MONTHLY)


def test_a_monthly_committees_quarter_is_read_as_the_sum_of_its_months() -> None:
    months = [_export(m) for m in (MAR, JAN, FEB)]
    quarter = quarter_of(months, TAXONOMY)
    assert quarter.period == Q1
    channel = quarter.table("received_by_channel")
    assert channel.total == sum(m.table("received_by_channel").total for m in months)  # type: ignore[misc]
    for table in quarter.tables:  # a summed cell is published only where every month's is
        for key, value in table.cells.items():
            if isinstance(value, int) and COMBINED not in key:
                parts = [m.table(table.name).cells.get(key, 0) for m in months]
                assert value == sum(parts)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        quarter_of(months[:2], TAXONOMY)


def test_a_period_is_exported_only_once_it_has_ended() -> None:
    world = make_world(today=date(2026, 3, 10))
    build_export_tables(world.uow, world.admin, world.clock, world.taxonomy, FEB)
    with pytest.raises(ValidationError):
        build_export_tables(world.uow, world.admin, world.clock, world.taxonomy, MAR)


# --- the planted rare case -------------------------------------------------------------------


def _cell_of(table: Table, fact: CaseFact) -> tuple[str, ...] | None:
    """The key of the cell ``fact`` is counted in (None when it is not in the table)."""
    from desktop.domain.services.export_dimensions import DIMENSIONS

    if table.population.value not in ("received", "closed"):
        return None
    key = []
    for index, name in enumerate(table.dimensions):
        code = DIMENSIONS[name].value(fact)
        key.append(COMBINED if code in table.combined[index] else code)
    return tuple(key)


EXPORTS = {
    "February": (FEB, Cadence.MONTHLY),
    "March": (MAR, Cadence.MONTHLY),
    "Q1": (Q1, Cadence.QUARTERLY),
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_the_only_gbv_case_of_the_quarter_cannot_be_found_or_derived(name: str) -> None:
    export = _export(*EXPORTS[name])
    for table in export.tables:
        assert determined(table) == [], (export.period.label, table.name)
        month = {"received": PLANTED.received_in, "closed": PLANTED.closed_in}
        if month.get(table.population.value) not in export.period.months():
            # not counted here: a GBV row, if any, says 0
            assert "gbv" not in table.values[0] or table.row_totals["gbv"] == 0
            continue
        assert "gbv" not in table.values[0]  # never a row of its own: 1 case < 10
        key = _cell_of(table, PLANTED)
        if key is not None and key in table.cells:
            value = table.cells[key]
            assert not isinstance(value, int) or value >= RULES.threshold, (table.name, key)


def test_no_quarter_can_be_set_against_its_months() -> None:
    # The differencing attack needs a quarter and its months protected apart. A quarterly
    # committee is never offered February; a monthly committee never a quarter, and its
    # quarter read from the months holds no cell the months hide.
    with pytest.raises(ValidationError):
        _export(FEB, Cadence.QUARTERLY)
    months = [_export(m) for m in (JAN, FEB, MAR)]
    quarter = quarter_of(months, TAXONOMY)
    for table in quarter.tables:
        for key, value in table.cells.items():
            if isinstance(value, int) and COMBINED not in key:
                assert all(m.table(table.name).cells.get(key, 0) is not SUPPRESSED for m in months)


def test_the_planted_case_leaves_no_trace_in_the_strings_of_the_tables() -> None:
    world = make_world(today=date(2026, 4, 2))
    world.clock.current = world.clock.current.replace(month=2, day=20)
    planted = (
        Party(PartyRole.COMPLAINANT, "Wanjiku Nyambura", Sex.FEMALE, 15, phone="+254700111222",
              village="Mashimoni", disability=True),
        Party(PartyRole.RESPONDENT, "Kamau Otieno", Sex.MALE, 33, village="Kianda"),
    )  # fmt: skip
    dispute = world.register("gbv", parties=planted, description="Beaten at Kianda borehole")
    for _ in range(12):
        world.register("debt")
    world.clock.current = world.clock.current.replace(month=4, day=2)
    export = build_export_tables(world.uow, world.admin, world.clock, world.taxonomy, FEB)
    text = " ".join(export.strings()).casefold()
    stored = world.stored(dispute.id)
    needles = [stored.number, "Wanjiku", "Nyambura", "Kamau", "Otieno", "Amina", "Wanjiru"]
    needles += ["Mashimoni", "Kianda", "borehole", "Beaten", "700111222", "712345678"]
    assert [n for n in needles if n.casefold() in text] == []
    assert export.table("received_by_channel").total == 13


# --- properties over random workspaces ---------------------------------------------------------

facts_strategy = st.lists(
    st.builds(
        CaseFact,
        category=st.sampled_from(["debt", "land_boundary", "gbv", "family"]),
        channel=st.sampled_from([Channel.WALK_IN, Channel.OUTREACH]),
        status=st.just(Status.CLOSED),
        complainant_sex=st.sampled_from([Sex.FEMALE, Sex.MALE]),
        complainant_age=st.sampled_from(["12_17", "26_40", "41_60"]),
        disability=st.booleans(),
        received_in=st.sampled_from([JAN, FEB]),
        closed_in=st.sampled_from([JAN, FEB, None]),
        outcome=st.sampled_from(["decided", "unresolved", "resolved_by_agreement"]),
    ),
    max_size=90,
)


def _needed(table: Table, key: tuple[str, ...]) -> int:
    """The threshold of a cell: the sensitive one in the row of GBV (or a combined row
    holding it)."""
    if "category" not in table.dimensions:
        return RULES.threshold
    index = table.dimensions.index("category")
    gbv = key[index] == "gbv" or (key[index] == COMBINED and "gbv" in table.combined[index])
    return RULES.sensitive_threshold if gbv else RULES.threshold


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts_strategy, st.sampled_from([(FEB, Cadence.MONTHLY), (Q1, Cadence.QUARTERLY)]))
def test_random_workspaces_publish_only_safe_cells(
    facts: list[CaseFact], choice: tuple[Period, Cadence]
) -> None:
    period, cadence = choice
    export = tables_for(period, facts, [], TAXONOMY, RULES, cadence)
    for table in export.tables:
        for key, value in table.cells.items():
            assert not isinstance(value, int) or value == 0 or value >= _needed(table, key)
        for total in [*table.row_totals.values(), *table.column_totals.values(), table.total]:
            assert not isinstance(total, int) or total == 0 or total >= RULES.threshold
        assert determined(table) == [], (table.name, table.cells)


def test_a_corrected_re_export_of_a_month_replaces_the_earlier_one() -> None:
    log: list[ExportRecord] = []
    for export_id, units in (("a", (JAN,)), ("b", (JAN, FEB, MAR)), ("c", (FEB,))):
        numbered = tuple((u, next_sequence(log, u)) for u in units)
        log.append(ExportRecord(export_id, units[0], numbered))
    assert [u for r in log for u in r.units] == [(JAN, 1), (JAN, 2), (FEB, 1), (MAR, 1), (FEB, 2)]
    assert current_exports(log) == {JAN: ("b", 2), FEB: ("c", 2), MAR: ("b", 1)}


def test_a_fact_is_classified_by_the_taxonomy() -> None:
    fact = classified(PLANTED, TAXONOMY)
    assert (fact.sdg_group, fact.sensitive) == ("outside_scope", True)
    debt = classified(CaseFact("debt", Channel.WALK_IN, Status.REGISTERED), TAXONOMY)
    assert (debt.sdg_group, debt.sensitive) == ("money_debt", False)


# --- parties' views count as their cases; the committee's own rules --------------------------


def _closed_in_march(cases: int, parties: int) -> list[CaseFact]:
    unfair = ViewFact(Sex.FEMALE, fair_process=Answer.NO, fair_outcome=Answer.NO)
    return [
        CaseFact(
            "debt",
            Channel.WALK_IN,
            Status.CLOSED,
            received_in=MAR,
            closed_in=MAR,
            outcome="decided",
            resolution=ResolutionBand.DAYS_0_7,
            views=(unfair,) * parties,
        )  # fmt: skip
        for _ in range(cases)
    ]


VIEWS_TABLES = [n for n, (population, _) in TABLES.items() if population.value == "party_views"]


@pytest.mark.parametrize(("cases", "parties"), [(3, 2), (1, 5), (4, 10)])
def test_views_of_too_few_closed_cases_are_withheld(cases: int, parties: int) -> None:
    export = tables_for(MAR, _closed_in_march(cases, parties), [], TAXONOMY, RULES)
    assert export.table("closed_by_resolution_time").withheld
    for name in VIEWS_TABLES:  # six (or 5, or 40) views, yet only a few cases
        assert export.table(name).withheld, name


def test_views_of_enough_closed_cases_are_published() -> None:
    export = tables_for(MAR, _closed_in_march(5, 2), [], TAXONOMY, RULES)
    assert export.table("closed_by_resolution_time").total == 5
    assert export.table("views_fair_process_by_sex").total == 10


def _world_with_cases() -> World:
    world = make_world(today=date(2026, 2, 20))
    for _ in range(6):
        world.register("debt")
    world.clock.current = world.clock.current.replace(month=3, day=10)
    return world


def test_the_committees_own_cadence_and_thresholds_build_the_tables() -> None:
    world = _world_with_cases()
    args = (world.uow, world.admin, world.clock, world.taxonomy)
    assert build_export_tables(*args, FEB).table("received_by_channel").total == 6
    settings = UpdateSettings(export_threshold=7, export_sensitive_threshold=12)
    update_settings(*args, settings)
    export = build_export_tables(*args, FEB)
    assert export.table("received_by_channel").withheld  # 6 cases, threshold 7
    assert {t.threshold for t in export.tables} == {7}
    update_settings(*args, UpdateSettings(export_cadence="quarterly"))
    with pytest.raises(ValidationError) as error:  # a month of a quarterly committee
        build_export_tables(*args, FEB)
    assert error.value.field == "period"


@pytest.mark.parametrize(
    "change",
    [
        {"export_threshold": 8},
        {"export_sensitive_threshold": 15},
        {"export_threshold": 6, "export_sensitive_threshold": 12},
    ],
)
def test_the_thresholds_are_locked_once_the_committee_has_exported(change: dict[str, int]) -> None:
    world = _world_with_cases()
    args = (world.uow, world.admin, world.clock, world.taxonomy)
    update_settings(*args, UpdateSettings(**change))  # free before any export
    before = world.uow.committed.committee
    assert before is not None
    export_period(*args, FEB, FakeExportWriter(), app_version="1.0")
    with pytest.raises(ValidationError) as error:
        update_settings(*args, UpdateSettings(**{k: v + 1 for k, v in change.items()}))
    assert error.value.field in change
    after = world.uow.committed.committee
    assert after is not None
    assert (after.export_threshold, after.export_sensitive_threshold) == (
        before.export_threshold,
        before.export_sensitive_threshold,
    )
    update_settings(*args, UpdateSettings(**change))  # the same values, and other settings
    update_settings(*args, UpdateSettings(auto_lock_minutes=9))
