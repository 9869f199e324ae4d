"""An attacker's solver, written apart from desktop.domain.services.disclosure: given a table as
published, enumerate every table of whole numbers that agrees with it (the totals, the
published cells and the known lower bounds) and say which suppressed cells take one value only.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.domain.model.export_tables import SUPPRESSED, Key, Table


def _lines(table: Table) -> list[tuple[list[Key], int]]:
    """Every published sum: (the keys it covers, its value)."""
    lines: list[tuple[list[Key], int]] = []
    if table.two_way:
        for row in table.values[0]:
            total = table.row_totals[row]
            assert isinstance(total, int)
            lines.append(([k for k in table.cells if k[0] == row], total))
        for column in table.values[1]:
            total = table.column_totals[column]
            assert isinstance(total, int)
            lines.append(([k for k in table.cells if k[1] == column], total))
    else:
        assert isinstance(table.total, int)
        lines.append((list(table.cells), table.total))
    return lines


def lower_bound(table: Table, key: Key, zeros_possible: bool) -> int:
    """Zeros are published, so a suppressed cell is at least 1, unless its whole row or column
    is suppressed (or, in a quarter, always: a sum of hidden month zeros may be 0)."""
    if zeros_possible:
        return 0
    for index in range(len(key)):
        line = [v for k, v in table.cells.items() if k[index] == key[index]]
        if all(v is SUPPRESSED for v in line) and (table.two_way or index == 1):
            return 0
    if not table.two_way and all(v is SUPPRESSED for v in table.cells.values()):
        return 0
    return 1


def feasible_values(table: Table, zeros_possible: bool = False) -> dict[Key, set[int]]:
    """For each suppressed cell, values it takes in tables agreeing with what is published:
    the value of one such table and, when there is one, a different value from another
    (enough to tell a determined cell from one that is not)."""
    hidden = [k for k, v in table.cells.items() if v is SUPPRESSED]
    if not hidden or table.withheld:
        return {k: {0, 1} for k in hidden}
    lines = []
    for keys, total in _lines(table):
        known = sum(v for k in keys if isinstance(v := table.cells[k], int))
        unknown = [k for k in keys if table.cells[k] is SUPPRESSED]
        if unknown:
            lines.append((unknown, total - known))
    low = {k: lower_bound(table, k, zeros_possible) for k in hidden}
    high = {k: min(rest for keys, rest in lines if k in keys) for k in hidden}
    order = sorted(hidden)

    def fits(assigned: Mapping[Key, int]) -> bool:
        for keys, rest in lines:
            done = sum(assigned[k] for k in keys if k in assigned)
            left = [k for k in keys if k not in assigned]
            if done + sum(low[k] for k in left) > rest:
                return False
            if done + sum(high[k] for k in left) < rest:
                return False
        return True

    def solve(avoid: tuple[Key, int] | None) -> dict[Key, int] | None:
        """One table agreeing with the publication (with ``avoid``'s cell not at its value)."""
        assigned: dict[Key, int] = {}

        def search(index: int) -> bool:
            if index == len(order):
                return True
            key = order[index]
            for value in range(low[key], high[key] + 1):
                if avoid is not None and avoid == (key, value):
                    continue
                assigned[key] = value
                if fits(assigned) and search(index + 1):
                    return True
                del assigned[key]
            return False

        return dict(assigned) if search(0) else None

    first = solve(None)
    assert first is not None, "the published table has no solution at all"
    seen = {k: {v} for k, v in first.items()}
    for key in order:
        other = solve((key, first[key]))
        if other is not None:
            seen[key].add(other[key])
    return seen


def determined(table: Table, zeros_possible: bool = False) -> list[Key]:
    """The suppressed cells an attacker can recompute exactly."""
    return [k for k, values in feasible_values(table, zeros_possible).items() if len(values) < 2]
