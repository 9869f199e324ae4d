"""Totals across committees and periods that stay honest (docs/hub.md), pure functions.

The hub adds up the current exports' cells of one table. Two rules keep that honest:

- **A total that includes a suppressed cell says so.** It is a :class:`Total` with the sum of
  the published parts (``known``) and ``includes_suppressed``: shown "at least N", never as if
  the suppressed part were zero.
- **The hub publishes no more than a committee may.** An exact aggregated cell with
  0 < count < threshold is suppressed again, and then more cells are hidden until no hidden cell
  can be recomputed from the aggregated margins (the audit of
  :mod:`desktop.domain.services.disclosure`, not written twice). A cell that only has a lower
  bound counts as hidden in that audit and as unable to shrink (the worst case: its true value
  may be its lower bound); an exact hidden cell is known to be at least 1. If no choice of
  cells protects them, or an exact margin is itself small (the committees' combining makes
  that rare), the table is withheld. A partial cell or margin whose known part is below the
  threshold is shown as suppressed, not as "at least 2".

Filters (periods, regions, committees) choose the cells added up; a filter on a dimension's
values only chooses the rows and columns shown, after disclosure control ran on the whole
table, so the margins stay those of the whole table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from desktop.domain.model.export_tables import COMBINED, UNKNOWN, Key
from desktop.domain.services.disclosure import lower_bounds, unprotected

ALL = "*"  # a total's code, as the hub stores it


@dataclass(frozen=True)
class StoredCell:
    """One cell (or total, with ``*``) of one current export, as the hub holds it."""

    committee: str  # pseudonym
    region: str
    period: str  # "2026-10"
    code1: str
    code2: str  # "" in a one-way table
    value: int | None  # None: suppressed by the committee


@dataclass(frozen=True)
class Filters:
    """What to add up; an empty set means everything."""

    periods: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    committees: frozenset[str] = frozenset()
    values1: frozenset[str] = frozenset()  # shown rows (the first dimension's codes)
    values2: frozenset[str] = frozenset()  # shown columns (the second dimension's codes)

    def takes(self, cell: StoredCell) -> bool:
        return (
            (not self.periods or cell.period in self.periods)
            and (not self.regions or cell.region in self.regions)
            and (not self.committees or cell.committee in self.committees)
        )


@dataclass(frozen=True)
class Total:
    """A sum of cells: exact, or at least ``known`` when some part of it was suppressed."""

    known: int = 0
    includes_suppressed: bool = False

    def plus(self, value: int | None) -> Total:
        if value is None:
            return Total(self.known, True)
        return Total(self.known + value, self.includes_suppressed)

    def __str__(self) -> str:
        return f"at least {self.known}" if self.includes_suppressed else str(self.known)


@dataclass(frozen=True)
class HubCell:
    """An aggregated cell as the hub shows it: its total, unless ``hidden`` by the hub."""

    total: Total
    hidden: bool = False

    @property
    def status(self) -> str:
        if self.hidden:
            return "suppressed"
        return "at_least" if self.total.includes_suppressed else "exact"

    @property
    def value(self) -> int | None:
        return None if self.hidden else self.total.known

    def __str__(self) -> str:
        return "suppressed" if self.hidden else str(self.total)


@dataclass(frozen=True)
class HubTable:
    """One table added up over committees and periods, as the hub may show it."""

    name: str
    dimensions: tuple[str, ...]
    rows: tuple[str, ...]
    columns: tuple[str, ...]  # () for a one-way table
    cells: Mapping[tuple[str, str], HubCell]  # (code1, code2); totals with "*"
    threshold: int
    committees: int  # how many committees contributed
    periods: tuple[str, ...]
    withheld: bool = False

    @property
    def two_way(self) -> bool:
        return len(self.dimensions) == 2

    def cell(self, code1: str, code2: str = "") -> HubCell:
        return self.cells.get((code1, code2), HubCell(Total()))


def add_up(cells: Iterable[StoredCell], filters: Filters) -> dict[tuple[str, str], Total]:
    """Every cell and total of the chosen exports, summed (no disclosure control yet)."""
    totals: dict[tuple[str, str], Total] = {}
    for cell in cells:
        if filters.takes(cell):
            key = (cell.code1, cell.code2)
            totals[key] = totals.get(key, Total()).plus(cell.value)
    return totals


def _key(code1: str, code2: str, two_way: bool) -> Key:
    return (code1, code2) if two_way else (code1,)


def hide(
    totals: Mapping[tuple[str, str], Total],
    threshold: int,
    two_way: bool,
    forced: Iterable[tuple[str, str]] = (),
) -> set[Key] | None:
    """The interior cells the hub must not show exactly, or None when no choice of cells
    protects them (the table is withheld). ``forced`` cells are hidden whatever their value
    (e.g. a trend point made of a cell hidden elsewhere), and protected like the others."""
    interior = {k: v for k, v in totals.items() if ALL not in k}
    values = {_key(*k, two_way): v.known for k, v in interior.items()}
    partial = {_key(*k, two_way) for k, v in interior.items() if v.includes_suppressed}
    hidden = partial | {k for k, v in values.items() if 0 < v < threshold}
    hidden |= {_key(*k, two_way) for k in forced if k in interior}
    while True:
        open_cells = _unprotected(values, hidden, partial)
        if not open_cells:
            return hidden
        target = open_cells[0]
        candidates = sorted(
            (k for k, v in values.items() if v > 0 and k not in hidden),
            key=lambda k: (k[0] != target[0] and k[-1] != target[-1], values[k], k),
        )
        if not candidates:
            return None
        hidden.add(
            next(
                (
                    c
                    for c in candidates
                    if target not in _unprotected(values, hidden | {c}, partial)
                ),
                candidates[0],
            )
        )


def _unprotected(values: Mapping[Key, int], hidden: set[Key], partial: set[Key]) -> list[Key]:
    """The hidden exact cells an attacker could recompute from the margins (the disclosure
    audit), told what a reader of the hub knows: an exact hidden cell is at least 1 (the hub
    shows its zeros), a partial one may be as small as its known part, so for the audit it
    can grow but never shrink. Partial cells are the committees' to protect: not reported."""
    bounds = lower_bounds(values, hidden)
    audited = {
        k: 0 if k in partial else v - 1 if k in hidden and bounds[k] == 0 else v
        for k, v in values.items()
    }
    return [k for k in unprotected(audited, hidden) if k not in partial]


def hub_table(
    name: str,
    dimensions: Sequence[str],
    cells: Iterable[StoredCell],
    threshold: int,
    filters: Filters = Filters(),  # noqa: B008 - frozen
) -> HubTable:
    """The table ``name`` added up in Python over the cells ``filters`` takes (tests and the
    sample dashboard). The app adds up in SQL (storage/hub/queries.py), where a committee's
    count below the hub's threshold also counts as suppressed; this does not do that."""
    chosen = [c for c in cells if filters.takes(c)]
    return table_from_totals(
        name,
        dimensions,
        add_up(chosen, filters),
        threshold,
        committees=len({c.committee for c in chosen}),
        periods=tuple(sorted({c.period for c in chosen})),
        values1=filters.values1,
        values2=filters.values2,
    )


def _order(code: str) -> tuple[bool, str]:
    """Codes in order, "combined" and "unknown" last (they are not kinds of their own)."""
    return code in (COMBINED, UNKNOWN), code


def table_from_totals(
    name: str,
    dimensions: Sequence[str],
    totals: Mapping[tuple[str, str], Total],
    threshold: int,
    committees: int = 0,
    periods: tuple[str, ...] = (),
    values1: frozenset[str] = frozenset(),
    values2: frozenset[str] = frozenset(),
) -> HubTable:
    """A table from its cells and totals already added up (by the hub's SQL, or
    :func:`add_up`), through the hub's disclosure control; ``values1``/``values2`` choose the
    rows and columns shown (empty: all) after the control ran on the whole table."""
    two_way = len(dimensions) == 2
    small_margin = any(
        ALL in k and not v.includes_suppressed and 0 < v.known < threshold
        for k, v in totals.items()
    )
    hidden = None if small_margin else hide(totals, threshold, two_way)
    shown: dict[tuple[str, str], HubCell] = {}
    for key, total in totals.items():
        if hidden is None:
            secret = True
        elif total.includes_suppressed:
            secret = total.known < threshold  # "at least 2" would only hint
        else:
            secret = ALL not in key and _key(*key, two_way) in hidden
        shown[key] = HubCell(total, secret)
    rows = sorted({k[0] for k in totals if k[0] != ALL}, key=_order)
    columns = sorted({k[1] for k in totals if k[1] not in (ALL, "")}, key=_order) if two_way else []
    return HubTable(
        name=name,
        dimensions=tuple(dimensions),
        rows=tuple(r for r in rows if not values1 or r in values1),
        columns=tuple(c for c in columns if not values2 or c in values2),
        cells=shown,
        threshold=threshold,
        committees=committees,
        periods=periods,
        withheld=hidden is None,
    )


def plus(left: Total, right: Total) -> Total:
    """Two totals added up (a part suppressed in either: the sum is "at least")."""
    return Total(left.known + right.known, left.includes_suppressed or right.includes_suppressed)


def protect_parts(cells: Mapping[str, HubCell], whole: Total, threshold: int) -> dict[str, HubCell]:
    """Counts of the parts of a whole that is shown (the committees' cases received, or a
    trend's points): besides those already hidden, hide what could be worked out from
    ``whole`` minus the others shown (:func:`hide` on a one-way table of the parts)."""
    totals = {(name, ""): cell.total for name, cell in cells.items()}
    totals[(ALL, "")] = whole
    forced = [(name, "") for name, cell in cells.items() if cell.hidden]
    hidden = hide(totals, threshold, False, forced)
    result = {}
    for name, cell in cells.items():
        if hidden is None or cell.hidden:
            secret = True
        elif cell.total.includes_suppressed:
            secret = cell.total.known < threshold
        else:
            secret = (name,) in hidden
        result[name] = HubCell(cell.total, secret)
    return result
