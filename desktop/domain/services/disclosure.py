"""Disclosure control: from true counts to the counts that may leave the laptop (pure functions).

The rules, in the order they run (docs/exports.md explains them with examples):

1. **Small populations are withheld.** A table whose population (e.g. the cases received in the
   month) is between 1 and the threshold publishes nothing: every cell and total is suppressed.
2. **Small values are combined.** A value of a dimension (a category, an age band, a sex...)
   with fewer cases in the population than its threshold is not shown on its own: it goes into
   the "combined" row or column, and when the combined bucket is itself small the smallest
   shown value joins it. So every row and column total published is 0 or at least the
   threshold, and the same in every table of the export that shows that dimension.
3. **Primary suppression.** A cell with 0 < count < threshold is suppressed. The threshold is
   the rules' base (default 5), or the sensitive threshold (default 10) in the row of a
   sensitive category (GBV, child abuse: the taxonomy's ``sensitive`` flag).
4. **Attribute disclosure.** In a two-way table, a row or column holding fewer than
   ``attribute_factor`` times its threshold cases, all in one cell ("all 7 debt complainants
   are women"), has every one of its cells suppressed, zeros included, unless the totals
   already say it (every other crossing line is empty). One-way tables repeat totals that the
   two-way tables publish anyway, so they have no such rule.
5. **Secondary suppression**, until the audit passes: every suppressed cell must have at least
   two feasible values given everything published (the totals, the zeros, and the known lower
   bounds: a suppressed cell is at least 1, or at least 0 when its whole row or column is
   suppressed). A table that cannot pass even fully suppressed is withheld.

The audit is exact for a table with known totals: a suppressed cell can take another value iff
it lies on a cycle of suppressed cells (rows and columns as the two sides of a bipartite graph;
a one-way table's cells all join its one row to a free "ground" node) along which moving one
case keeps every cell at or above its lower bound. Any second solution differs from the first
by a sum of such cycles (conformal decomposition), so this is also necessary.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from desktop.domain.errors import ValidationError
from desktop.domain.model.export_tables import (
    COMBINED,
    SUPPRESSED,
    Cell,
    Key,
    Population,
    Table,
)

BASE_THRESHOLD = 5
SENSITIVE_THRESHOLD = 10
ATTRIBUTE_FACTOR = 2


@dataclass(frozen=True)
class DisclosureRules:
    """The thresholds; a committee may raise them, never lower them."""

    threshold: int = BASE_THRESHOLD
    sensitive_threshold: int = SENSITIVE_THRESHOLD
    attribute_factor: int = ATTRIBUTE_FACTOR

    def __post_init__(self) -> None:
        if self.threshold < BASE_THRESHOLD:
            raise ValidationError("threshold", f"The threshold cannot be below {BASE_THRESHOLD}.")
        if self.sensitive_threshold < max(SENSITIVE_THRESHOLD, self.threshold):
            raise ValidationError(
                "sensitive_threshold",
                "The threshold for sensitive categories cannot be below "
                f"{SENSITIVE_THRESHOLD} nor below the general threshold.",
            )
        if self.attribute_factor < ATTRIBUTE_FACTOR:
            raise ValidationError(
                "attribute_factor", f"The attribute factor cannot be below {ATTRIBUTE_FACTOR}."
            )

    def for_value(self, sensitive: bool) -> int:
        return self.sensitive_threshold if sensitive else self.threshold


# --- 2. combining small values ---------------------------------------------------------------


def combined_values(
    totals: Mapping[str, int], domain: Sequence[str], thresholds: Mapping[str, int]
) -> frozenset[str]:
    """The values of ``domain`` to show as "combined": those with 0 < total < their threshold,
    plus the smallest shown values while the combined total is below the highest threshold of
    its members. Every value when the population is too small for anything."""
    combined = {v for v in domain if 0 < totals.get(v, 0) < thresholds.get(v, 0)}
    while combined:
        size = sum(totals.get(v, 0) for v in combined)
        if size >= max(thresholds.get(v, 0) for v in combined):
            break
        shown = [v for v in domain if v not in combined and totals.get(v, 0) > 0]
        if not shown:
            return frozenset(domain)
        combined.add(min(shown, key=lambda v: (totals[v], domain.index(v))))
    return frozenset(combined)


# --- 5. the audit ----------------------------------------------------------------------------

Node = tuple[str, str]
GROUND: Node = ("ground", "")


def _ends(key: Key) -> tuple[Node, Node]:
    """A cell joins its row node to its column node (or, one-way, to the ground)."""
    if len(key) == 2:
        return ("row", key[0]), ("column", key[1])
    return ("row", ""), GROUND


def lower_bounds(keys: Iterable[Key], suppressed: Iterable[Key]) -> dict[Key, int]:
    """What anyone knows from below about each suppressed cell: zeros are published, so a
    suppressed cell is at least 1, unless its whole row or column is suppressed (the attribute
    rule suppresses zeros too)."""
    hidden = set(suppressed)
    lines: dict[Node, list[Key]] = {}
    for key in keys:
        for node in _ends(key):
            lines.setdefault(node, []).append(key)
    full = {node for node, line in lines.items() if all(k in hidden for k in line)}
    return {k: 0 if any(n in full for n in _ends(k)) else 1 for k in hidden}


def _path(start: Node, goal: Node, edges: Mapping[Key, tuple[int, int]], skip: Key) -> bool:
    """Is there a path from ``start`` to ``goal`` moving one case along suppressed cells other
    than ``skip``: out of a row node a cell may grow; into a row node it must be able to shrink
    (value - 1 >= its lower bound)?"""
    arcs: dict[Node, list[Node]] = {}
    for key, (value, low) in edges.items():
        if key == skip:
            continue
        row, other = _ends(key)
        arcs.setdefault(row, []).append(other)  # the cell grows
        if value - 1 >= low:
            arcs.setdefault(other, []).append(row)  # the cell shrinks
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for nxt in arcs.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _protected(key: Key, edges: Mapping[Key, tuple[int, int]]) -> bool:
    row, other = _ends(key)
    value, low = edges[key]
    if _path(other, row, edges, key):  # it can grow
        return True
    return value - 1 >= low and _path(row, other, edges, key)  # or shrink


def _edges(values: Mapping[Key, int], hidden: Iterable[Key]) -> dict[Key, tuple[int, int]]:
    hidden = sorted(set(hidden))
    bounds = lower_bounds(values, hidden)
    return {k: (values[k], bounds[k]) for k in hidden}


def unprotected(values: Mapping[Key, int], suppressed: Iterable[Key]) -> list[Key]:
    """The suppressed cells whose value follows from what is published (all totals known)."""
    edges = _edges(values, suppressed)
    return [key for key in edges if not _protected(key, edges)]


# --- 3 to 5: one table -----------------------------------------------------------------------


def _attribute_groups(values: Mapping[Key, int]) -> list[list[Key]]:
    """The rows and columns of a two-way table whose concentration in one cell would say
    something the totals do not: those crossing at least two non-empty lines."""
    groups: list[list[Key]] = []
    for side in (0, 1):
        lines: dict[str, list[Key]] = {}
        for key in values:
            lines.setdefault(key[side], []).append(key)
        crossing: dict[str, int] = {}
        for key, value in values.items():
            crossing[key[1 - side]] = crossing.get(key[1 - side], 0) + value
        if sum(1 for total in crossing.values() if total > 0) >= 2:
            groups += lines.values()
    return groups


def _secondary(values: Mapping[Key, int], suppressed: set[Key]) -> bool:
    """Suppress more cells until every suppressed cell is protected; False when impossible."""
    while True:
        open_cells = unprotected(values, suppressed)
        if not open_cells:
            return True
        target = open_cells[0]
        candidates = sorted(
            (k for k, v in values.items() if v > 0 and k not in suppressed),
            key=lambda k: (values[k], k),
        )
        if not candidates:
            return False
        for candidate in candidates:
            if _protected(target, _edges(values, suppressed | {candidate})):
                suppressed.add(candidate)
                break
        else:
            near = [k for k in candidates if k[0] == target[0]] or [
                k for k in candidates if k[-1] == target[-1]
            ]
            suppressed.add((near or candidates)[0])


def protect(
    values: Mapping[Key, int],
    threshold_of: Callable[[Key], int],
    rules: DisclosureRules,
    two_way: bool,
) -> set[Key] | None:
    """The cells to suppress (primary, attribute, secondary), or None to withhold the table."""
    suppressed = {k for k, v in values.items() if 0 < v < threshold_of(k)}
    for group in _attribute_groups(values) if two_way else []:
        size = sum(values[k] for k in group)
        limit = rules.attribute_factor * max(threshold_of(k) for k in group)
        nonzero = [k for k in group if values[k] > 0]
        if 0 < size < limit and len(nonzero) == 1:
            suppressed.update(group)
    return suppressed if _secondary(values, suppressed) else None


@dataclass(frozen=True)
class Layout:
    """What a table shows: name, population, dimensions, each dimension's full domain of codes
    and the codes combined in it."""

    name: str
    population: Population
    dimensions: tuple[str, ...]
    domains: tuple[tuple[str, ...], ...]
    combined: tuple[frozenset[str], ...]

    def shown(self, index: int) -> tuple[str, ...]:
        hidden = self.combined[index]
        codes = tuple(v for v in self.domains[index] if v not in hidden)
        return (*codes, COMBINED) if hidden else codes

    def place(self, index: int, code: str) -> str:
        return COMBINED if code in self.combined[index] else code

    def combined_codes(self) -> tuple[tuple[str, ...], ...]:
        return tuple(
            tuple(v for v in domain if v in self.combined[i])
            for i, domain in enumerate(self.domains)
        )

    def keys(self) -> list[Key]:
        if len(self.dimensions) == 2:
            return [(r, c) for r in self.shown(0) for c in self.shown(1)]
        return [(r,) for r in self.shown(0)]


def publish(
    layout: Layout,
    counts: Mapping[Key, int],
    threshold_of: Callable[[Key], int],
    rules: DisclosureRules,
) -> Table:
    """The table of ``counts`` (keys already placed in the layout's shown values) as it may be
    published."""
    keys = layout.keys()
    values = {k: counts.get(k, 0) for k in keys}
    population = sum(values.values())
    two_way = len(layout.dimensions) == 2
    hidden: set[Key] | None = set()
    if 0 < population < rules.threshold:
        hidden = None
    elif population:
        hidden = protect(values, threshold_of, rules, two_way)
    if hidden is None:
        return withheld(layout, rules)
    # Totals are published in full: combining made each 0 or at least the threshold.
    cells: dict[Key, Cell] = {k: SUPPRESSED if k in hidden else v for k, v in values.items()}
    rows: dict[str, Cell] = {
        c: sum(v for k, v in values.items() if k[0] == c) for c in layout.shown(0)
    }
    columns: dict[str, Cell] = (
        {c: sum(v for k, v in values.items() if k[1] == c) for c in layout.shown(1)}
        if two_way
        else {}
    )
    return Table(
        name=layout.name,
        population=layout.population,
        dimensions=layout.dimensions,
        values=tuple(layout.shown(i) for i in range(len(layout.dimensions))),
        cells=cells,
        row_totals=rows,
        column_totals=columns,
        total=population,
        threshold=rules.threshold,
        combined=layout.combined_codes(),
    )


def withheld(layout: Layout, rules: DisclosureRules) -> Table:
    """A table that publishes nothing (too few cases)."""
    everything = tuple(frozenset(d) for d in layout.domains)
    nothing = Layout(layout.name, layout.population, layout.dimensions, layout.domains, everything)
    keys = nothing.keys()
    return Table(
        name=layout.name,
        population=layout.population,
        dimensions=layout.dimensions,
        values=tuple(nothing.shown(i) for i in range(len(layout.dimensions))),
        cells=dict.fromkeys(keys, SUPPRESSED),
        row_totals=dict.fromkeys(nothing.shown(0), SUPPRESSED),
        column_totals=(
            dict.fromkeys(nothing.shown(1), SUPPRESSED) if len(layout.dimensions) == 2 else {}
        ),
        total=SUPPRESSED,
        threshold=rules.threshold,
        combined=tuple(layout.domains),
    )


# --- a quarter read as the sum of its published months ---------------------------------------


def sum_tables(months: Sequence[Table], domains: Sequence[Sequence[str]]) -> Table:
    """A quarter's table as a reader computes it from its months' published tables: each cell
    the sum of the months' cells that fall in it, SUPPRESSED when any of them is; a value
    combined in any month is combined in the sum. It holds nothing the months do not already
    give away (and is not itself exported: the months are)."""
    first = months[0]
    combined = tuple(
        frozenset(v for m in months for v in m.combined[i]) for i in range(len(first.dimensions))
    )
    layout = Layout(
        first.name,
        first.population,
        first.dimensions,
        tuple(tuple(d) for d in domains),
        combined,
    )
    cells: dict[Key, Cell] = dict.fromkeys(layout.keys(), 0)
    for month in months:
        for key, value in month.cells.items():
            target = tuple(
                layout.place(i, code) if code != COMBINED else COMBINED
                for i, code in enumerate(key)
            )
            cells[target] = _add(cells[target], value)
    rows = _summed_totals(layout, months, 0, lambda t: t.row_totals)
    columns = (
        _summed_totals(layout, months, 1, lambda t: t.column_totals)
        if len(first.dimensions) == 2
        else {}
    )
    total: Cell = 0
    for month in months:
        total = _add(total, month.total)
    return Table(
        name=first.name,
        population=first.population,
        dimensions=first.dimensions,
        values=tuple(layout.shown(i) for i in range(len(first.dimensions))),
        cells=cells,
        row_totals=rows,
        column_totals=columns,
        total=total,
        threshold=max(m.threshold for m in months),
        combined=layout.combined_codes(),
    )


def _add(a: Cell, b: Cell) -> Cell:
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return SUPPRESSED


def _summed_totals(
    layout: Layout,
    months: Sequence[Table],
    index: int,
    totals_of: Callable[[Table], Mapping[str, Cell]],
) -> dict[str, Cell]:
    result: dict[str, Cell] = dict.fromkeys(layout.shown(index), 0)
    for month in months:
        for code, value in totals_of(month).items():
            target = COMBINED if code == COMBINED else layout.place(index, code)
            result[target] = _add(result[target], value)
    return result
