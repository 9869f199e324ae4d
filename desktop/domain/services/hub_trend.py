"""The dashboard's trend: cases received and closed per month or quarter, matching the
category, sex and age filters, through the hub's disclosure control (hub_dashboard.py says
which table each count comes from and the notes it gives)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from desktop.domain.model.export_tables import Period, PeriodKind
from desktop.domain.model.hub_dashboard import DashboardFilters, TrendPoint
from desktop.domain.services.disclosure import BASE_THRESHOLD
from desktop.domain.services.export_dimensions import TABLES
from desktop.domain.services.hub_totals import (
    ALL,
    HubCell,
    Total,
    plus,
    protect_parts,
    table_from_totals,
)

TREND_TABLES = (
    "received_by_category",
    "received_by_category_and_sex",
    "closed_by_agreement_kept",
    "complainants_by_sex_and_age",
    "closed_by_outcome_and_sex",
    "closed_by_category_and_outcome",
)
RECEIVED_IGNORES_CATEGORY = "trend_received_ignores_category"
CLOSED_IGNORES_AGE = "trend_closed_ignores_age"
CLOSED_IGNORES_SEX = "trend_closed_ignores_sex"

Sums = Mapping[str, Mapping[tuple[str, str], Total]]
# a count: the table, the codes chosen in its first and second dimension (empty: all)
Spec = tuple[str, frozenset[str], frozenset[str]]


def specs(filters: DashboardFilters) -> tuple[Spec, Spec, tuple[str, ...]]:
    """Which table and cells the received and closed counts add up, and the notes."""
    notes: list[str] = []
    if filters.age_bands:
        received = ("complainants_by_sex_and_age", filters.sexes, filters.age_bands)
        if filters.categories:
            notes.append(RECEIVED_IGNORES_CATEGORY)
    elif filters.sexes:
        received = ("received_by_category_and_sex", filters.categories, filters.sexes)
    else:  # a one-way table: withheld less often than a two-way one in a small month
        received = ("received_by_category", filters.categories, frozenset())
    none: frozenset[str] = frozenset()
    if filters.categories:
        closed = ("closed_by_category_and_outcome", filters.categories, none)
        if filters.sexes:
            notes.append(CLOSED_IGNORES_SEX)
    elif filters.sexes:
        closed = ("closed_by_outcome_and_sex", none, filters.sexes)
    else:
        closed = ("closed_by_agreement_kept", none, none)
    if filters.age_bands:
        notes.append(CLOSED_IGNORES_AGE)
    return received, closed, tuple(notes)


def _bucket(label: str, by: str) -> str:
    period = Period.parse(label)
    if by == "month" or period.kind is PeriodKind.QUARTER:
        return period.label
    return Period.quarter(period.year, (period.number - 1) // 3 + 1).label


def _order(label: str) -> date:
    return Period.parse(label).last


def _count(sums: Sums, spec: Spec, thresholds: Mapping[str, int]) -> HubCell:
    """The chosen cells of one period's table, summed; hidden when any of them is hidden
    in that period's table (shown with the others, it could be worked out)."""
    name, first, second = spec
    table = table_from_totals(
        name, TABLES[name][1], sums.get(name, {}), thresholds.get(name, BASE_THRESHOLD)
    )
    total, hidden = Total(), table.withheld
    for code1 in sorted(first) or [ALL]:
        for code2 in sorted(second) or [ALL if table.two_way else ""]:
            cell = table.cell(code1, code2)
            total = plus(total, cell.total)
            hidden = hidden or cell.hidden
    return HubCell(total, hidden)


def trend(
    by_period: Mapping[str, Sums], by: str, filters: DashboardFilters, thresholds: Mapping[str, int]
) -> tuple[tuple[TrendPoint, ...], tuple[str, ...]]:
    """The points, oldest first, and the notes on the filters the trend could not apply."""
    received_spec, closed_spec, notes = specs(filters)
    buckets: dict[str, dict[str, dict[tuple[str, str], Total]]] = {}
    for label, sums in by_period.items():
        into = buckets.setdefault(_bucket(label, by), {})
        for name, cells in sums.items():
            target = into.setdefault(name, {})
            for key, total in cells.items():
                target[key] = plus(target.get(key, Total()), total)
    order = sorted(buckets, key=_order)
    counts = []
    for spec in (received_spec, closed_spec):
        points = {p: _count(buckets[p], spec, thresholds) for p in order}
        whole = Total()
        for cell in points.values():
            whole = plus(whole, cell.total)
        counts.append(protect_parts(points, whole, thresholds.get(spec[0], BASE_THRESHOLD)))
    return tuple(TrendPoint(p, counts[0][p], counts[1][p]) for p in order), notes
