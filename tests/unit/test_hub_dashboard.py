"""The hub's dashboard (desktop/domain/services/hub_dashboard.py) over a fake source: honest
totals ("at least", never a suppressed part counted as 0), the hub's own disclosure control,
the filters' period semantics, the trend, the missing exports and the indicators per scope."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.model.hub_dashboard import Dashboard, DashboardFilters
from desktop.domain.services.hub_dashboard import QUARTERLY_LEFT_OUT, build_dashboard
from desktop.domain.services.hub_source import (
    CombinedCodes,
    GroupBy,
    SourceCommittee,
    SourceExport,
    SummedCell,
)
from desktop.domain.services.hub_totals import ALL, Total, plus
from desktop.domain.services.hub_trend import CLOSED_IGNORES_AGE
from desktop.domain.services.indicators import SUPPRESSED_REASON, value_of

TODAY = date(2026, 11, 15)
RECEIVED = "received_by_category_and_sex"
CLOSED = "closed_by_outcome_and_sex"
Grid = Mapping[tuple[str, str], int]


@dataclass(frozen=True)
class Row:
    committee: str
    period: str
    table: str
    code1: str
    code2: str
    value: int | None


@dataclass
class FakeHub:
    """The hub's data as rows, summed in Python as the SQL does."""

    committees_: list[SourceCommittee] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    floors: dict[str, int] = field(default_factory=dict)  # a table's highest threshold
    # (committee, period, table) -> the codes that export combined; absent: unknown
    combined_: dict[tuple[str, str, str], tuple[frozenset[str], ...]] = field(default_factory=dict)

    def committee(self, name: str, region: str = "", active: bool = True) -> None:
        self.committees_.append(SourceCommittee(name, "", region, active))

    def table(
        self,
        committee: str,
        period: str,
        table: str,
        grid: Grid,
        suppressed: Collection[tuple[str, str]] = (),
        withheld: bool = False,
    ) -> None:
        """A committee's published two-way table: cells (``suppressed`` ones without a
        value), exact margins; every cell and total suppressed when ``withheld``."""
        rows = sorted({k[0] for k in grid})
        columns = sorted({k[1] for k in grid})

        def put(code1: str, code2: str, value: int, hidden: bool = False) -> None:
            self.rows.append(
                Row(committee, period, table, code1, code2, None if hidden or withheld else value)
            )

        for key, value in grid.items():
            put(*key, value, key in suppressed)
        for r in rows:
            put(r, ALL, sum(grid[r, c] for c in columns))
        for c in columns:
            put(ALL, c, sum(grid[r, c] for r in rows))
        put(ALL, ALL, sum(grid.values()))
        # as in a real export, the one-way tables beside the two-way ones
        one_way = {RECEIVED: "received_by_category", CLOSED: "closed_by_agreement_kept"}
        if table in one_way:
            totals = {r: sum(grid[r, c] for c in columns) for r in rows}
            if table == CLOSED:
                totals = {"no_agreement": sum(totals.values())}
            for code, value in {**totals, ALL: sum(totals.values())}.items():
                self.rows.append(
                    Row(committee, period, one_way[table], code, "", None if withheld else value)
                )

    def committees(self) -> list[SourceCommittee]:
        return list(self.committees_)

    def exports(self) -> list[SourceExport]:
        return sorted({SourceExport(r.committee, r.period) for r in self.rows}, key=repr)

    def thresholds(self, tables: Collection[str]) -> dict[str, int]:
        return {t: self.floors.get(t, 5) for t in tables}

    def codes(self, tables: Collection[str]) -> list[tuple[str, str, str]]:
        return sorted({(r.table, r.code1, r.code2) for r in self.rows if r.table in tables})

    def sums(
        self,
        tables: Collection[str],
        committees: Collection[str] | None,
        periods: Collection[str] | None,
        by: GroupBy,
        floors: Mapping[str, int],
    ) -> list[SummedCell]:
        found: dict[tuple[str, str, str, str], Total] = {}
        for r in self.rows:
            if r.table not in tables:
                continue
            if committees is not None and r.committee not in committees:
                continue
            if periods is not None and r.period not in periods:
                continue
            key = (r.committee if by == "committee" else r.period, r.table, r.code1, r.code2)
            small = r.value is not None and 0 < r.value < floors.get(r.table, 0)
            found[key] = plus(found.get(key, Total()), Total().plus(None if small else r.value))
        return [SummedCell(*k, v) for k, v in found.items()]

    def combined(
        self,
        tables: Collection[str],
        committees: Collection[str] | None,
        periods: Collection[str] | None,
    ) -> list[CombinedCodes]:
        held = {
            (r.committee, r.period, r.table)
            for r in self.rows
            if r.table in tables
            and (committees is None or r.committee in committees)
            and (periods is None or r.period in periods)
        }
        return [CombinedCodes(c, t, self.combined_.get((c, p, t)), p) for c, p, t in sorted(held)]


def grid(values: Mapping[str, int], columns: tuple[str, ...] = ("female", "male")) -> Grid:
    """A category x sex grid from {"debt/female": 6, ...} (absent: 0)."""
    return {
        (r, c): values.get(f"{r}/{c}", 0)
        for r in sorted({k.split("/")[0] for k in values})
        for c in columns
    }


def monthly_hub() -> FakeHub:
    hub = FakeHub()
    hub.committee("C-A", "North")
    hub.committee("C-B", "South")
    for period, extra in (("2026-09", 0), ("2026-10", 2)):
        hub.table("C-A", period, RECEIVED, grid({"debt/female": 6 + extra, "land/male": 9}))
        hub.table("C-B", period, RECEIVED, grid({"debt/female": 7, "land/male": 8 + extra}))
        hub.table("C-A", period, CLOSED, grid({"resolved_by_agreement/female": 6}))
        hub.table("C-B", period, CLOSED, grid({"resolved_by_agreement/male": 5}))
    return hub


def build(hub: FakeHub, **filters: frozenset[str]) -> Dashboard:
    return build_dashboard(hub, DashboardFilters(**filters), TODAY)


# -- honest totals ----------------------------------------------------------------------------


def test_a_total_including_a_suppressed_cell_is_at_least_never_a_zero() -> None:
    hub = FakeHub()
    hub.committee("C-A")
    hub.committee("C-B")
    hub.table("C-A", "2026-10", RECEIVED, grid({"debt/female": 6, "debt/male": 8, "land/male": 9}))
    hub.table(
        "C-B",
        "2026-10",
        RECEIVED,
        grid({"debt/female": 7, "debt/male": 3, "land/male": 12, "land/female": 2}),
        suppressed={("debt", "male"), ("land", "female")},
    )
    table = build(hub).table(RECEIVED)
    assert table is not None
    debt_male = table.cell("debt", "male")
    assert (debt_male.status, debt_male.value, str(debt_male)) == ("at_least", 8, "at least 8")
    assert table.cell("debt", "female").status == "exact"
    assert table.cell("debt", "female").value == 13
    # only C-B's 2 was suppressed and A's part is 0: shown as suppressed, not "at least 0"
    assert table.cell("land", "female").status == "suppressed"
    assert table.cell("land", "female").value is None
    assert str(table.cell(ALL, ALL)) == "47"  # the committees' margins were exact


def test_a_count_below_the_hubs_threshold_is_never_added_exactly_so_no_two_views_reveal_it() -> (
    None
):
    # C-A published debt/female 7 under its threshold of 5; C-B raised its threshold to 10,
    # so the hub's threshold for the table is 10: C-A's 7 counts as suppressed everywhere
    hub = FakeHub(floors={RECEIVED: 10})
    hub.committee("C-A", "North")
    hub.committee("C-B", "North")
    hub.table("C-A", "2026-10", RECEIVED, grid({"debt/female": 7, "land/male": 12}))
    hub.table("C-B", "2026-10", RECEIVED, grid({"debt/female": 15, "land/male": 20}))
    whole = build(hub).table(RECEIVED)
    only_b = build(hub, committees=frozenset({"C-B"})).table(RECEIVED)
    assert whole is not None and only_b is not None
    cell = whole.cell("debt", "female")
    assert cell.status == "at_least" and cell.value == 15  # C-B's part; C-A's 7 unknown
    assert only_b.cell("debt", "female").value == 15
    # the two views differ by nothing a reader could take for C-A's count
    assert (cell.value or 0) - (only_b.cell("debt", "female").value or 0) == 0
    only_a = build(hub, committees=frozenset({"C-A"})).table(RECEIVED)
    assert only_a is not None and only_a.cell("debt", "female").value is None


# -- filters ------------------------------------------------------------------------------------


def mixed_hub() -> FakeHub:
    hub = FakeHub()
    hub.committee("C-M", "North")
    hub.committee("C-Q", "South")
    for month in ("2026-07", "2026-08", "2026-09", "2026-10"):
        hub.table("C-M", month, RECEIVED, grid({"debt/female": 6, "land/male": 10}))
    hub.table("C-Q", "2026-Q3", RECEIVED, grid({"debt/female": 20, "land/male": 30}))
    return hub


def test_a_quarter_takes_its_quarterly_exports_and_the_monthly_exports_of_its_months() -> None:
    dashboard = build(mixed_hub(), periods=frozenset({"2026-Q3"}))
    assert dashboard.exports == 4 and dashboard.committees == 2
    assert dashboard.periods == ("2026-07", "2026-08", "2026-09", "2026-Q3")
    table = dashboard.table(RECEIVED)
    assert table is not None and table.cell(ALL, ALL).value == 3 * 16 + 50
    assert QUARTERLY_LEFT_OUT not in dashboard.notes


def test_a_month_takes_monthly_exports_only_and_says_quarterly_ones_were_left_out() -> None:
    dashboard = build(mixed_hub(), periods=frozenset({"2026-08"}))
    assert (dashboard.exports, dashboard.periods) == (1, ("2026-08",))
    table = dashboard.table(RECEIVED)
    assert table is not None and table.cell(ALL, ALL).value == 16
    assert QUARTERLY_LEFT_OUT in dashboard.notes
    assert QUARTERLY_LEFT_OUT not in build(mixed_hub(), periods=frozenset({"2026-10"})).notes


def test_region_and_committee_filters_choose_the_committees_added_up() -> None:
    hub = mixed_hub()
    south = build(hub, regions=frozenset({"South"}))
    assert (south.committees, south.exports, south.periods) == (1, 1, ("2026-Q3",))
    assert [s.name for s in south.committee_rows] == ["C-Q"]
    only_m = build(hub, committees=frozenset({"C-M"}))
    table = only_m.table(RECEIVED)
    assert table is not None and table.cell(ALL, ALL).value == 64
    assert [s.name for s in only_m.regions] == ["North"]
    assert build(hub, regions=frozenset({"Nowhere"})).exports == 0


def test_category_and_sex_filters_choose_rows_and_columns_not_the_cells() -> None:
    everything = build(monthly_hub()).table(RECEIVED)
    chosen = build(
        monthly_hub(), categories=frozenset({"debt"}), sexes=frozenset({"female"})
    ).table(RECEIVED)
    assert everything is not None and chosen is not None
    assert (chosen.rows, chosen.columns) == (("debt",), ("female",))
    assert everything.rows == ("debt", "land")
    assert dict(chosen.cells) == dict(everything.cells)  # control ran on the whole table


def test_the_choices_list_every_value_present() -> None:
    choices = build(mixed_hub(), regions=frozenset({"South"})).choices
    assert choices.periods == ("2026-07", "2026-08", "2026-09", "2026-Q3", "2026-10", "2026-Q4")
    assert choices.regions == ("North", "South")
    assert [c.pseudonym for c in choices.committees] == ["C-M", "C-Q"]
    assert (choices.categories, choices.sexes) == (("debt", "land"), ("female", "male"))


# -- the trend ----------------------------------------------------------------------------------


def test_the_trend_is_by_month_when_every_chosen_export_is_monthly() -> None:
    dashboard = build(monthly_hub())
    assert dashboard.trend_by == "month"
    assert [(p.period, p.received.value, p.closed.value) for p in dashboard.trend] == [
        ("2026-09", 30, 11),
        ("2026-10", 34, 11),
    ]
    debt_women = build(monthly_hub(), categories=frozenset({"debt"}), sexes=frozenset({"female"}))
    assert [p.received.value for p in debt_women.trend] == [13, 15]


def test_the_trend_is_by_quarter_with_monthly_exports_summed_into_their_quarter() -> None:
    dashboard = build(mixed_hub())
    assert dashboard.trend_by == "quarter"
    assert [(p.period, p.received.value) for p in dashboard.trend] == [
        ("2026-Q3", 3 * 16 + 50),
        ("2026-Q4", 16),
    ]


def test_a_trend_point_with_a_suppressed_cell_is_hidden_and_the_sum_is_at_least() -> None:
    hub = FakeHub()
    hub.committee("C-A")
    for period in ("2026-08", "2026-09", "2026-10"):
        values = {"debt/female": 9, "debt/male": 8, "land/female": 9}
        hub.table(
            "C-A", period, RECEIVED, grid(values),
            suppressed={("debt", "female")} if period == "2026-09" else (),
        )  # fmt: skip
    debt_women = build(hub, categories=frozenset({"debt"}), sexes=frozenset({"female"}))
    points = {p.period: p.received for p in debt_women.trend}
    assert points["2026-09"].hidden and points["2026-09"].value is None
    assert [points[p].value for p in ("2026-08", "2026-10")] == [9, 9]
    # the programme's debt/female cell is "at least 18": September's part is never derived
    table = debt_women.table(RECEIVED)
    assert table is not None and table.cell("debt", "female").status == "at_least"
    assert table.cell("debt", "female").value == 18


def test_a_trend_point_with_a_suppressed_part_is_at_least() -> None:
    hub = monthly_hub()
    hub.committee("C-C")
    hub.table("C-C", "2026-10", CLOSED, grid({"combined/female": 3}), withheld=True)
    points = {p.period: p.closed for p in build(hub).trend}
    assert (points["2026-10"].status, points["2026-10"].value) == ("at_least", 11)
    assert points["2026-09"].status == "exact"


def test_filters_the_trend_cannot_apply_are_named_in_the_notes() -> None:
    dashboard = build(monthly_hub(), age_bands=frozenset({"18_25"}))
    assert CLOSED_IGNORES_AGE in dashboard.notes


# -- missing exports ----------------------------------------------------------------------------


def test_active_committees_without_the_export_they_owe_are_missing() -> None:
    hub = FakeHub()
    for name in ("C-UP", "C-LATE", "C-QOK", "C-QLATE", "C-NEW", "C-GONE"):
        hub.committee(name, "North", active=name != "C-GONE")
    one = grid({"debt/female": 6})
    hub.table("C-UP", "2026-10", RECEIVED, one)
    hub.table("C-LATE", "2026-09", RECEIVED, one)
    hub.table("C-QOK", "2026-Q3", RECEIVED, one)
    hub.table("C-QLATE", "2026-Q2", RECEIVED, one)
    hub.table("C-GONE", "2026-08", RECEIVED, one)
    dashboard = build(hub)
    assert dashboard.missing_for == "2026-10"
    assert {(m.committee, m.owed, m.last_period) for m in dashboard.missing} == {
        ("C-LATE", "2026-10", "2026-09"),
        ("C-QLATE", "2026-Q3", "2026-Q2"),
        ("C-NEW", "2026-10", ""),
    }
    assert build(hub, committees=frozenset({"C-UP"})).missing == ()


# -- indicators per scope -----------------------------------------------------------------------


def test_indicators_per_scope_and_a_suppressed_input_gives_none_with_its_reason() -> None:
    hub = monthly_hub()
    hub.committee("C-C", "South")
    hub.table("C-C", "2026-10", RECEIVED, grid({"debt/female": 6, "land/male": 9}))
    hub.table(
        "C-C",
        "2026-10",
        CLOSED,
        grid({"resolved_by_agreement/female": 6, "resolved_by_agreement/male": 2}),
        suppressed={("resolved_by_agreement", "male")},
    )
    dashboard = build(hub)
    assert dashboard.programme.label == "Programme" and dashboard.programme.committees == 3
    by_name = {s.name: s for s in dashboard.committee_rows}
    assert value_of(list(by_name["C-A"].indicators), "cases_received").value == 32
    assert value_of(list(by_name["C-A"].indicators), "cases_received", "female").value == 14
    assert value_of(list(by_name["C-A"].indicators), "cases_resolved").value == 12
    male = value_of(list(by_name["C-C"].indicators), "cases_resolved", "male")
    assert (male.value, male.reason) == (None, SUPPRESSED_REASON)
    # the programme's summed table cannot give it: pooled from the two committees that can
    male = value_of(list(dashboard.programme.indicators), "cases_resolved", "male")
    assert (male.value, male.at_least, male.covered, male.of) == (5 + 5, True, 2, 3)
    regions = {s.name: s for s in dashboard.regions}
    assert [s.name for s in dashboard.regions] == ["North", "South"]
    assert regions["North"].committees == 1
    assert value_of(list(regions["North"].indicators), "cases_received").value == 32
    assert value_of(list(dashboard.programme.indicators), "cases_received").value == 32 + 32 + 15
    assert dashboard.programme.received.value == 79


def test_a_scope_count_with_a_suppressed_part_is_hidden_and_the_programme_is_at_least() -> None:
    hub = FakeHub()
    for name in ("C-A", "C-B", "C-C"):
        hub.committee(name, name[-1])
    hub.table("C-A", "2026-10", RECEIVED, grid({"debt/female": 3}), withheld=True)
    hub.table("C-B", "2026-10", RECEIVED, grid({"debt/female": 9}))
    hub.table("C-C", "2026-10", RECEIVED, grid({"debt/female": 12}))
    dashboard = build(hub)
    received = {s.name: s.received for s in dashboard.committee_rows}
    assert received["C-A"].hidden and received["C-A"].value is None
    assert (received["C-B"].value, received["C-C"].value) == (9, 12)
    programme = dashboard.programme.received
    assert programme.status == "at_least" and programme.value == 21  # never 24
    a = next(s for s in dashboard.committee_rows if s.name == "C-A")
    held = [
        i for i in a.indicators if i.name in ("cases_received", "disputes_brought_to_committee")
    ]
    assert held and all(i.value is None for i in held)  # no indicator holds the hidden count


def test_an_indicator_of_a_hidden_count_is_hidden_with_it() -> None:
    from desktop.domain.services.hub_headline import hidden_count
    from desktop.domain.services.indicators import Indicator

    found = (
        Indicator("cases_received", "all", 7),
        Indicator("cases_received", "female", 7),
        Indicator("share_resolved_by_agreement", "all", 0.5, 3, 6),
        Indicator("share_agreements_kept", "all", 1.0, 5, 5),
    )
    received = hidden_count(found, received=True, closed=False)
    assert [i.value for i in received] == [None, None, 0.5, 1.0]
    closed = hidden_count(found, received=False, closed=True)
    assert [(i.value, i.numerator) for i in closed][2] == (None, None)
    assert hidden_count(found, received=False, closed=False) == found


def test_the_headline_count_comes_from_the_one_way_table_when_the_two_way_one_was_withheld() -> (
    None
):
    hub = monthly_hub()
    # October: C-A withheld its category x sex table (too few cases to pass), but published
    # its cases by category (8 + 9, kept from monthly_hub); C-B published both (7 + 10)
    hub.rows = [
        r
        for r in hub.rows
        if not (r.committee == "C-A" and r.period == "2026-10" and r.table == RECEIVED)
    ]
    hub.table("C-A", "2026-10", RECEIVED, grid({"debt/female": 8, "land/male": 9}), withheld=True)
    hub.rows = [r for r in hub.rows if r.table != "received_by_category" or r.value is not None]
    dashboard = build(hub, periods=frozenset({"2026-10"}))
    two_way = dashboard.table(RECEIVED)
    assert two_way is not None and two_way.cell(ALL, ALL).status != "exact"
    assert dashboard.programme.received.status == "exact"
    assert dashboard.programme.received.value == 8 + 9 + 7 + 10
    # the indicator of the cases received is that exact count, not a pooled "at least"
    indicator = value_of(list(dashboard.programme.indicators), "cases_received")
    assert (indicator.value, indicator.at_least, indicator.covered) == (34, False, None)


def test_a_category_one_committee_put_into_combined_is_at_least_in_the_table_and_the_trend() -> (
    None
):
    hub = FakeHub()
    hub.committee("C-A")
    hub.committee("C-B")
    # C-A had too few debt cases: it published them inside "combined" (with two other kinds)
    hub.table("C-A", "2026-10", RECEIVED, grid({"combined/female": 6, "land/male": 9}))
    for table in (RECEIVED, "received_by_category"):
        codes = (frozenset({"debt", "gbv", "other"}), frozenset())
        hub.combined_[("C-A", "2026-10", table)] = codes
        hub.combined_[("C-B", "2026-10", table)] = (frozenset(), frozenset())
    hub.table("C-B", "2026-10", RECEIVED, grid({"debt/female": 7, "land/male": 8}))
    debt = build(hub, categories=frozenset({"debt"}))
    table = debt.table(RECEIVED)
    assert table is not None and table.rows == ("debt",)
    cell = table.cell("debt", ALL)
    assert cell.status != "exact"  # never 7 as if C-A had no debt case
    assert [p.received.status for p in debt.trend] != ["exact"]
    land = build(hub, categories=frozenset({"land"})).table(RECEIVED)
    assert land is not None and land.cell("land", ALL).status == "exact"
    assert land.cell("land", ALL).value == 17
