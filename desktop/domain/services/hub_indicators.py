"""The export indicators (desktop/domain/services/indicators.py) computed from the hub's
disclosure-controlled tables, for the programme, a region or a committee.

The hub's tables are turned back into export :class:`Table` s, honestly: a cell the hub hides,
a cell that is only "at least N" (a committee suppressed part of it) and every cell of a
withheld table become SUPPRESSED, so an indicator that needs one is None with the reason
"suppressed", never a guess. A "combined" row or column (a committee collapsed small values
into it; the hub does not know which) may hold any code of its dimension, so an indicator that
needs one code of that dimension is None with the reason "combined". The hub has no committee
taxonomy: the default one says which outcomes resolve a case and which actor kinds belong to
which mechanism.
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
from desktop.domain.services.hub_totals import ALL, HubCell, HubTable
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


def export_table(table: HubTable, taxonomy: Taxonomy) -> Table:
    """``table`` (built with every row and column) as an export table would publish it."""
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
        # which codes a committee put into "combined" is unknown: it may be any of them
        combined.append(tuple(c for c in known if c != COMBINED) if COMBINED in codes else ())

    def cell(code1: str, code2: str) -> Cell:
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


def scope_indicators(
    tables: Mapping[str, HubTable], period: Period, taxonomy: Taxonomy
) -> tuple[Indicator, ...]:
    """The indicators of one scope from its hub tables (each of INDICATOR_TABLES; a missing
    one counts as empty)."""
    published = tuple(
        export_table(tables.get(name) or _empty(name), taxonomy) for name in INDICATOR_TABLES
    )
    return tuple(indicators(ExportTables(period, published), taxonomy))


def _empty(name: str) -> HubTable:
    dimensions = TABLES[name][1]
    return HubTable(name, dimensions, (), (), {}, 0, 0, ())
