"""The export indicators (desktop/domain/services/indicators.py) computed from the hub's
disclosure-controlled tables, for the programme, a region or a committee.

The hub's tables are turned back into export :class:`Table` s, honestly: a cell the hub hides,
a cell that is only "at least N" (a committee suppressed part of it) and every cell of a
withheld table become SUPPRESSED, so an indicator that needs one is None with the reason
"suppressed", never a guess.

A "combined" row or column holds the small values the committees collapsed into it. Each
export says exactly which codes it combined, and the hub keeps them (``export_tables.combined``),
so a scope's "combined" holds at most the union of the codes its exports combined: an indicator
that needs a code no export of the scope combined is computed; one that needs a code some export
combined (with others) is None with the reason "combined". For exports imported before the hub
kept those codes (unknown), "combined" may hold any code of its dimension, as before. A column
code that some exports combined and others showed is only partly in its column: its column's
cells are SUPPRESSED (the hub cannot publish that column exactly).

The hub has no committee taxonomy: the default one says which outcomes resolve a case and
which actor kinds belong to which mechanism.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.domain.model.export_tables import (
    COMBINED,
    SUPPRESSED,
    Cell,
    ExportTables,
    Key,
    Period,
    Table,
)
from desktop.domain.services.export_dimensions import DIMENSIONS, TABLES
from desktop.domain.services.hub_totals import ALL, HubCell, HubTable, Total
from desktop.domain.services.indicators import Indicator, indicators
from desktop.domain.taxonomy import Taxonomy

# the tables indicators() reads (indicators.py)
INDICATOR_TABLES = (
    "received_by_category",
    "received_by_category_and_sex",
    "closed_by_outcome_and_sex",
    "closed_by_agreement_kept",
    "views_fair_process_by_sex",
    "referrals_by_direction_and_actor_kind",
    "referrals_by_direction_and_status",
    "referrals_by_direction_and_feedback_time",
)


def _published(cell: HubCell, withheld: bool) -> Cell:
    if withheld or cell.hidden or cell.total.includes_suppressed:
        return SUPPRESSED
    return cell.total.known


Combined = tuple[frozenset[str], ...] | None  # per dimension; None: unknown


def export_table(table: HubTable, taxonomy: Taxonomy, combined_codes: Combined = None) -> Table:
    """``table`` (built with every row and column) as an export table would publish it;
    ``combined_codes``: the union of the codes its exports combined, per dimension (None:
    unknown, any code may be combined)."""
    population, dimensions = TABLES[table.name]
    two_way = len(dimensions) == 2
    present: list[set[str]] = [set(), set()]
    for code1, code2 in table.cells:
        if code1 != ALL:
            present[0].add(code1)
        if two_way and code2 != ALL:
            present[1].add(code2)
    empty = not table.cells
    values: list[tuple[str, ...]] = []
    combined: list[tuple[str, ...]] = []
    for index, name in enumerate(dimensions):
        known = DIMENSIONS[name].codes(taxonomy)
        codes = sorted(present[index]) if not empty else list(known)
        values.append(tuple(codes))
        combined.append(_members(known, codes, combined_codes, index))
    # a column some exports combined and others showed is only partly in its column
    partial = set(combined[1]) & set(values[1]) if two_way else set()

    def cell(code1: str, code2: str) -> Cell:
        if code2 in partial:
            return SUPPRESSED
        return _published(table.cell(code1, code2), table.withheld)

    other = ALL if two_way else ""
    keys: list[Key] = (
        [(r, c) for r in values[0] for c in values[1]] if two_way else [(r,) for r in values[0]]
    )
    cells: Mapping[Key, Cell] = {k: cell(k[0], k[1] if two_way else "") for k in keys}
    return Table(
        name=table.name,
        population=population,
        dimensions=dimensions,
        values=tuple(values),
        cells=cells,
        row_totals={r: cell(r, other) for r in values[0]},
        column_totals={c: cell(ALL, c) for c in values[1]} if two_way else {},
        total=cell(ALL, other),
        threshold=table.threshold,
        combined=tuple(combined),
    )


def _members(
    known: tuple[str, ...], codes: list[str], combined_codes: Combined, index: int
) -> tuple[str, ...]:
    """The codes the scope's "combined" value of dimension ``index`` may hold."""
    if combined_codes is None or index >= len(combined_codes):
        # unknown which codes a committee put into "combined": it may be any of them
        return tuple(c for c in known if c != COMBINED) if COMBINED in codes else ()
    said = combined_codes[index] - {COMBINED}
    return (*(c for c in known if c in said), *sorted(said - set(known)))


def add_combined(into: dict[str, Combined], more: Mapping[str, Combined]) -> None:
    """Adds ``more`` (per table, the codes some exports combined) to the union ``into``; an
    unknown (None) stays unknown."""
    for name, codes in more.items():
        if name not in into:
            into[name] = codes
            continue
        held = into[name]
        if held is None or codes is None:
            into[name] = None
            continue
        size = max(len(held), len(codes))
        into[name] = tuple(
            (held[i] if i < len(held) else frozenset())
            | (codes[i] if i < len(codes) else frozenset())
            for i in range(size)
        )


def mark_combined(
    cells: Mapping[tuple[str, str], Total], codes: Combined
) -> dict[tuple[str, str], Total]:
    """``cells`` (one table's sums) with every row and column that some export put into its
    "combined" row or column marked "at least": that export's part of it is not in it.
    ``codes`` None (exports imported before the hub kept them): every code of a dimension that
    has a "combined" row or column may be in it."""
    if codes is None:
        first = {k[0] for k in cells}
        second = {k[1] for k in cells}
        rows = first - {ALL, COMBINED} if COMBINED in first else set()
        columns = second - {ALL, COMBINED, ""} if COMBINED in second else set()
    else:
        rows = set(codes[0]) if codes else set()
        columns = set(codes[1]) if len(codes) > 1 else set()
    if not rows and not columns:
        return dict(cells)
    return {
        key: Total(total.known, True) if key[0] in rows or key[1] in columns else total
        for key, total in cells.items()
    }


def scope_indicators(
    tables: Mapping[str, HubTable],
    period: Period,
    taxonomy: Taxonomy,
    combined: Mapping[str, Combined] | None = None,
) -> tuple[Indicator, ...]:
    """The indicators of one scope from its hub tables (each of INDICATOR_TABLES; a missing
    one counts as empty) and, per table, the union of the codes its exports combined (a table
    missing from ``combined``, or None: unknown)."""
    said = combined or {}
    published = tuple(
        export_table(tables.get(name) or _empty(name), taxonomy, said.get(name))
        for name in INDICATOR_TABLES
    )
    return tuple(indicators(ExportTables(period, published), taxonomy))


def _empty(name: str) -> HubTable:
    dimensions = TABLES[name][1]
    return HubTable(name, dimensions, (), (), {}, 0, 0, ())
