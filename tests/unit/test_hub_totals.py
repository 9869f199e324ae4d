"""The hub's totals (desktop/domain/services/hub_totals.py): a total that includes a suppressed
cell says so, small aggregates are suppressed again, and no hidden aggregate can be worked out
from the aggregated margins (checked against an attacker written apart, by enumeration)."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.services.hub_totals import (
    ALL,
    Filters,
    HubTable,
    StoredCell,
    Total,
    add_up,
    hub_table,
)

T = 5  # the threshold
DIMS = ("category", "sex")


def one_way(committee: str, period: str, counts: Mapping[str, int | None], region: str = "r1"):
    """A committee's one-way table as stored: its cells and its total (``None``: suppressed)."""
    total = sum(v for v in counts.values() if v is not None)
    hidden_total = all(v is None for v in counts.values())
    cells = [StoredCell(committee, region, period, c, "", v) for c, v in counts.items()]
    return [*cells, StoredCell(committee, region, period, ALL, "", None if hidden_total else total)]


def two_way(
    committee: str,
    grid: Mapping[tuple[str, str], int],
    hidden: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    period: str = "2026-10",
    region: str = "r1",
) -> list[StoredCell]:
    """A committee's two-way table: cells (those in ``hidden`` suppressed) and exact margins."""
    rows = sorted({k[0] for k in grid})
    columns = sorted({k[1] for k in grid})
    cells = [
        StoredCell(committee, region, period, r, c, None if (r, c) in hidden else v)
        for (r, c), v in grid.items()
    ]
    for r in rows:
        cells.append(
            StoredCell(committee, region, period, r, ALL, sum(grid[r, c] for c in columns))
        )
    for c in columns:
        cells.append(StoredCell(committee, region, period, ALL, c, sum(grid[r, c] for r in rows)))
    cells.append(StoredCell(committee, region, period, ALL, ALL, sum(grid.values())))
    return cells


def test_a_total_with_a_suppressed_part_is_at_least_its_known_part() -> None:
    cells = one_way("C-A", "2026-10", {"debt": 9, "land": None, "family": 6}) + one_way(
        "C-B", "2026-10", {"debt": 7, "land": 8, "family": 5}
    )
    totals = add_up(cells, Filters())
    assert totals["land", ""] == Total(8, includes_suppressed=True)
    assert str(totals["land", ""]) == "at least 8"
    assert totals["debt", ""] == Total(16) and str(totals["debt", ""]) == "16"
    table = hub_table("received_by_category", ("category",), cells, T)
    land = table.cell("land")
    assert (land.status, land.value, str(land)) == ("at_least", 8, "at least 8")
    assert table.cell("debt").status == "exact" and table.cell("debt").value == 16


def test_a_partial_total_below_the_threshold_is_not_shown_as_a_small_lower_bound() -> None:
    cells = one_way("C-A", "2026-10", {"debt": 9, "land": None, "family": 6}) + one_way(
        "C-B", "2026-10", {"debt": 7, "land": 0, "family": 12}
    )
    table = hub_table("received_by_category", ("category",), cells, T)
    assert table.cell("land").total == Total(0, True)
    assert table.cell("land").status == "suppressed" and table.cell("land").value is None


def test_a_small_aggregate_is_suppressed_again_with_a_second_cell() -> None:
    cells = one_way("C-A", "2026-10", {"debt": 20, "land": 3, "family": 9}) + one_way(
        "C-A", "2026-11", {"debt": 10, "land": 1, "family": 7}
    )
    table = hub_table("received_by_category", ("category",), cells, T)
    assert table.cell("land").total == Total(4)
    assert table.cell("land").status == "suppressed"
    # With the total published, land alone would be total minus the others: one more goes.
    assert table.cell("family").status == "suppressed"  # the smallest other
    assert table.cell("debt").value == 30 and table.cell(ALL).value == 50
    assert not table.withheld


def test_filters_choose_periods_regions_committees_and_shown_values() -> None:
    cells = (
        one_way("C-A", "2026-10", {"debt": 9, "land": 6}, region="north")
        + one_way("C-B", "2026-10", {"debt": 7, "land": 8}, region="south")
        + one_way("C-B", "2026-11", {"debt": 5, "land": 5}, region="south")
    )
    name, dims = "received_by_category", ("category",)
    assert hub_table(name, dims, cells, T).cell("debt").value == 21
    north = hub_table(name, dims, cells, T, Filters(regions=frozenset({"north"})))
    assert north.cell("debt").value == 9 and north.committees == 1
    october = hub_table(name, dims, cells, T, Filters(periods=frozenset({"2026-10"})))
    assert october.cell("debt").value == 16 and october.periods == ("2026-10",)
    b = hub_table(name, dims, cells, T, Filters(committees=frozenset({"C-B"})))
    assert b.cell("land").value == 13 and b.periods == ("2026-10", "2026-11")
    only = hub_table(name, dims, cells, T, Filters(values1=frozenset({"land"})))
    assert only.rows == ("land",) and only.cell(ALL).value == 40  # the whole table's total


def test_a_two_way_table_adds_up_and_stays_protected() -> None:
    grid = {("debt", "female"): 6, ("debt", "male"): 7, ("land", "female"): 2, ("land", "male"): 9}
    cells = two_way("C-A", grid, {("land", "female"), ("debt", "female")}) + two_way(
        "C-B", {k: 0 if k == ("land", "female") else 5 for k in grid}
    )
    table = hub_table("received_by_category_sex", DIMS, cells, T)
    assert table.cell("debt", "female").total == Total(5, True)
    assert table.cell("debt", "female").status == "at_least"
    assert table.cell("land", "female").status == "suppressed"
    assert table.cell("land", ALL).value == 16 and table.cell(ALL, ALL).value == 39
    assert not determined(table, truth=None)


# -- an attacker, written apart: every table agreeing with what the hub shows -----------------


def _bounds(table: HubTable, key: tuple[str, str]) -> int:
    cell = table.cell(*key)
    if cell.total.includes_suppressed:
        return cell.total.known if not cell.hidden else 0
    return 1  # the hub shows exact zeros


def _lines(table: HubTable, keys: list[tuple[str, str]]) -> list[tuple[list, int]]:
    """Every exact margin shown: (the cells it covers, its value)."""
    lines = []
    if table.two_way:
        for side, codes in ((0, table.rows), (1, table.columns)):
            for code in codes:
                margin = table.cell(*((code, ALL) if side == 0 else (ALL, code)))
                if margin.status == "exact":
                    lines.append(([k for k in keys if k[side] == code], margin.total.known))
    grand = table.cell(ALL, ALL if table.two_way else "")
    if grand.status == "exact":
        lines.append((keys, grand.total.known))
    return lines


def determined(table: HubTable, truth: Mapping[tuple[str, str], int] | None) -> list:
    """The hidden exact cells that take one value in every table agreeing with what is shown
    (a backtracking search; the true table must be one of them)."""
    columns = table.columns if table.two_way else ("",)
    keys = [(r, c) for r in table.rows for c in columns]
    hidden = sorted(k for k in keys if table.cell(*k).status != "exact")
    rests = []
    for line, total in _lines(table, keys):
        unknown = [k for k in line if k in hidden]
        if unknown:
            known = sum(table.cell(*k).total.known for k in line if k not in hidden)
            rests.append((unknown, total - known))
    low = {k: _bounds(table, k) for k in hidden}
    high = {k: min((r for ks, r in rests if k in ks), default=low[k] + 1) for k in hidden}

    def solve(avoid: tuple[tuple[str, str], int] | None) -> dict | None:
        assigned: dict[tuple[str, str], int] = {}

        def fits() -> bool:
            for ks, rest in rests:
                done = sum(assigned[k] for k in ks if k in assigned)
                left = [k for k in ks if k not in assigned]
                if (
                    not done + sum(low[k] for k in left)
                    <= rest
                    <= done + sum(high[k] for k in left)
                ):
                    return False
            return True

        def search(i: int) -> bool:
            if i == len(hidden):
                return True
            for value in range(low[hidden[i]], high[hidden[i]] + 1):
                if avoid != (hidden[i], value):
                    assigned[hidden[i]] = value
                    if fits() and search(i + 1):
                        return True
                    del assigned[hidden[i]]
            return False

        return dict(assigned) if search(0) else None

    first = solve(None)
    assert first is not None, "the shown table has no solution"
    if truth is not None:
        assert all(low[k] <= truth[k] <= high[k] for k in hidden), "truth must fit"
    exact_hidden = [k for k in hidden if not table.cell(*k).total.includes_suppressed]
    return [k for k in exact_hidden if solve((k, first[k])) is None]


ROWS, COLUMNS = ("debt", "land"), ("female", "male", "unknown")
KEYS = [(r, c) for r in ROWS for c in COLUMNS]
committee_grid = st.tuples(
    st.fixed_dictionaries({k: st.integers(0, 4) for k in KEYS}),
    st.sets(st.sampled_from(KEYS), max_size=2),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(committee_grid, min_size=1, max_size=3))
def test_no_small_aggregate_is_shown_and_no_hidden_one_can_be_worked_out(
    committees: list[tuple[dict[tuple[str, str], int], set[tuple[str, str]]]],
) -> None:
    cells: list[StoredCell] = []
    truth: dict[tuple[str, str], int] = dict.fromkeys(KEYS, 0)
    for index, (grid, hidden) in enumerate(committees):
        cells += two_way(f"C-{index}", grid, hidden)
        for k, v in grid.items():
            truth[k] += v
    table = hub_table("received_by_category_sex", DIMS, cells, T)
    for cell in table.cells.values():
        if cell.status == "exact":
            assert not 0 < cell.total.known < T
        if cell.status == "at_least":
            assert cell.total.known >= T
    if not table.withheld:
        assert determined(table, truth) == []
