"""Disclosure control: thresholds, combining, primary, attribute and secondary suppression, and
the audit, checked against an independent brute-force attacker (tests/unit/brute_force.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.errors import ValidationError
from desktop.domain.model.export_tables import COMBINED, SUPPRESSED, Key, Population, Table
from desktop.domain.services import disclosure
from desktop.domain.services.disclosure import DisclosureRules, Layout
from tests.unit.brute_force import determined

RULES = DisclosureRules()


def _layout(rows: list[str], columns: list[str] | None = None) -> Layout:
    if columns is None:
        return Layout("t", Population.RECEIVED, ("a",), (tuple(rows),), (frozenset(),))
    return Layout(
        "t",
        Population.RECEIVED,
        ("a", "b"),
        (tuple(rows), tuple(columns)),
        (frozenset(), frozenset()),
    )


def _grid(matrix: list[list[int]]) -> tuple[Layout, dict[Key, int]]:
    rows = [f"r{i}" for i in range(len(matrix))]
    columns = [f"c{j}" for j in range(len(matrix[0]))]
    counts: dict[Key, int] = {
        (r, c): matrix[i][j] for i, r in enumerate(rows) for j, c in enumerate(columns)
    }
    return _layout(rows, columns), counts


def _publish(matrix: list[list[int]], threshold: int = 5) -> Table:
    layout, counts = _grid(matrix)
    return disclosure.publish(layout, counts, lambda key: threshold, RULES)


def _hidden(table: Table) -> set[Key]:
    return {k for k, v in table.cells.items() if v is SUPPRESSED}


# --- the rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [{"threshold": 4}, {"sensitive_threshold": 9}, {"threshold": 12}, {"attribute_factor": 1}],
)
def test_thresholds_can_only_be_raised(change: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        DisclosureRules(**change)


def test_raised_thresholds_are_kept() -> None:
    rules = DisclosureRules(threshold=8, sensitive_threshold=15)
    assert (rules.for_value(False), rules.for_value(True)) == (8, 15)


def test_small_values_are_combined_until_the_bucket_is_big_enough() -> None:
    domain = ("land", "debt", "gbv", "family", "housing")
    thresholds = {"land": 5, "debt": 5, "gbv": 10, "family": 5, "housing": 5}
    totals = {"land": 30, "debt": 4, "gbv": 1, "family": 6, "housing": 0}
    # debt and gbv are small; together 5, below gbv's 10: family (the smallest shown) joins
    assert disclosure.combined_values(totals, domain, thresholds) == {"debt", "gbv", "family"}
    assert disclosure.combined_values({"land": 30, "debt": 7}, domain, thresholds) == set()
    # a population too small for anything: everything is combined
    assert disclosure.combined_values({"land": 2, "debt": 1}, domain, thresholds) == set(domain)


# --- the audit -------------------------------------------------------------------------------


def test_one_way_a_single_suppressed_cell_follows_from_the_total() -> None:
    values: dict[Key, int] = {("a",): 10, ("b",): 3, ("c",): 12}
    assert disclosure.unprotected(values, [("b",)]) == [("b",)]
    assert disclosure.unprotected(values, [("b",), ("a",)]) == []


def test_one_way_two_ones_are_given_away_by_their_lower_bounds() -> None:
    # the suppressed remainder (2) equals the sum of the lower bounds (1 + 1)
    values: dict[Key, int] = {("a",): 1, ("b",): 1, ("c",): 12}
    assert sorted(disclosure.unprotected(values, [("a",), ("b",)])) == [("a",), ("b",)]
    values = {("a",): 1, ("b",): 3, ("c",): 12}
    assert disclosure.unprotected(values, [("a",), ("b",)]) == []


def test_two_way_a_suppressed_cell_needs_a_cycle() -> None:
    layout, values = _grid([[2, 9, 8], [7, 3, 9], [9, 9, 9]])
    alone = [("r0", "c0")]
    assert disclosure.unprotected(values, alone) == alone
    row_only = [("r0", "c0"), ("r0", "c1")]
    assert sorted(disclosure.unprotected(values, row_only)) == row_only
    square = [("r0", "c0"), ("r0", "c1"), ("r1", "c0"), ("r1", "c1")]
    assert disclosure.unprotected(values, square) == []


def test_two_way_a_cycle_of_ones_that_cannot_move_is_not_enough() -> None:
    # moving one case around the square would take a 1 to 0 whichever way: all are pinned
    values: dict[Key, int] = {("r0", "c0"): 1, ("r0", "c1"): 1, ("r1", "c0"): 1, ("r1", "c1"): 1}
    values |= {("r0", "c2"): 9, ("r1", "c2"): 9, ("r2", "c0"): 9, ("r2", "c1"): 9}
    values |= {("r2", "c2"): 9}
    square = [("r0", "c0"), ("r0", "c1"), ("r1", "c0"), ("r1", "c1")]
    assert sorted(disclosure.unprotected(values, square)) == square


# --- publishing one table ---------------------------------------------------------------------


def test_primary_and_secondary_suppression_in_a_two_way_table() -> None:
    table = _publish([[2, 9, 8], [7, 6, 9], [9, 9, 9]])
    assert table.cell("r0", "c0") is SUPPRESSED
    assert len(_hidden(table)) >= 4  # a cycle needs two per row and column
    assert determined(table) == []
    assert table.row_totals == {"r0": 19, "r1": 22, "r2": 27}
    assert table.total == 68


def test_a_small_group_all_in_one_cell_is_hidden_zeros_included() -> None:
    # row r0: 7 cases, all in c0 ("all 7 are women"): every r0 cell is suppressed
    table = _publish([[7, 0, 0], [9, 8, 6], [12, 9, 7]])
    assert {table.cell("r0", c) for c in ("c0", "c1", "c2")} == {SUPPRESSED}
    assert determined(table) == []


def test_a_concentration_the_totals_already_say_is_left_alone() -> None:
    # no column but c0 has anything: "everyone is in c0" is in the column totals already
    table = _publish([[7, 0], [9, 0], [12, 0]])
    assert _hidden(table) == set()


def test_a_population_below_the_threshold_is_withheld() -> None:
    table = _publish([[1, 2], [0, 1]])
    assert table.withheld
    assert set(table.cells.values()) == {SUPPRESSED}
    assert set(table.row_totals.values()) == {SUPPRESSED}
    assert table.values == ((COMBINED,), (COMBINED,))


def test_an_empty_table_publishes_zeros() -> None:
    table = _publish([[0, 0], [0, 0]])
    assert set(table.cells.values()) == {0} and table.total == 0


# --- properties against the brute-force attacker -----------------------------------------------

matrices = st.integers(1, 4).flatmap(
    lambda rows: st.integers(2, 4).flatmap(
        lambda columns: st.lists(
            st.lists(
                st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 11]),
                min_size=columns,
                max_size=columns,
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


def _check(table: Table, threshold: int) -> None:
    for value in table.cells.values():
        assert not isinstance(value, int) or value == 0 or value >= threshold
    assert determined(table) == [], table.cells


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrices, st.sampled_from([5, 10]))
def test_every_published_cell_is_safe_and_no_suppressed_cell_is_determined(
    matrix: list[list[int]], threshold: int
) -> None:
    if len(matrix) == 1:  # a one-way table
        layout = _layout([f"v{j}" for j in range(len(matrix[0]))])
        counts: dict[Key, int] = {(f"v{j}",): v for j, v in enumerate(matrix[0])}
        table = disclosure.publish(layout, counts, lambda key: threshold, RULES)
    else:
        table = _publish(matrix, threshold)
    _check(table, threshold)
