"""A hand-made :class:`Dashboard` for the dashboard view's and the programme report's tests and
screenshots: three committees in two regions over three months, with a committee's suppressed
cell (shown "at least") and a trend point the hub hides. Synthetic numbers only."""

from __future__ import annotations

import random

from desktop.domain.model.hub_dashboard import (
    CommitteeChoice,
    Dashboard,
    DashboardChoices,
    DashboardFilters,
    MissingExport,
    ScopeIndicators,
    TrendPoint,
)
from desktop.domain.services.hub_totals import (
    ALL,
    Filters,
    HubCell,
    HubTable,
    StoredCell,
    Total,
    hub_table,
)
from desktop.domain.services.indicators import ALL as EVERYONE
from desktop.domain.services.indicators import SUPPRESSED_REASON, Indicator

PERIODS = ("2026-08", "2026-09", "2026-10")
COMMITTEES = (
    CommitteeChoice("C-3F9A01BC2D", "Kibera Peace Committee", "Nairobi"),
    CommitteeChoice("C-7D20E4A9B1", "Mathare Elders", "Nairobi"),
    CommitteeChoice("C-19BC03F5E2", "", "Kisumu"),
)
CATEGORIES = ("land_boundary", "family", "debt", "gbv", "other")
SEXES = ("female", "male", "unknown")
AGES = ("18_25", "26_40", "41_60", "61_plus", "unknown")


def _two_way(
    name: str, rows: tuple[str, ...], columns: tuple[str, ...], seed: int, filters: Filters
) -> HubTable:
    """A two-way table of every committee and period, with totals, one suppressed cell."""
    chance = random.Random(seed)
    cells: list[StoredCell] = []
    for committee in COMMITTEES:
        for period in PERIODS:
            values = {(r, c): chance.choice([0, 6, 7, 9, 12, 15]) for r in rows for c in columns}
            if committee.pseudonym == COMMITTEES[2].pseudonym and period == PERIODS[0]:
                values[(rows[-1], columns[0])] = None  # type: ignore[assignment]
            for (r, c), v in values.items():
                cells.append(StoredCell(committee.pseudonym, committee.region, period, r, c, v))
            for r in rows:
                part = [values[(r, c)] for c in columns]
                total = None if None in part else sum(part)
                cells.append(
                    StoredCell(committee.pseudonym, committee.region, period, r, ALL, total)
                )
            for c in columns:
                part = [values[(r, c)] for r in rows]
                total = None if None in part else sum(part)
                cells.append(
                    StoredCell(committee.pseudonym, committee.region, period, ALL, c, total)
                )
            every = sum(v for v in values.values() if v is not None)
            cells.append(StoredCell(committee.pseudonym, committee.region, period, ALL, ALL, every))
    return hub_table(name, ("a", "b"), cells, 5, filters)


def _indicators(received: int, closed: int) -> tuple[Indicator, ...]:
    return (
        Indicator("cases_received", EVERYONE, received),
        Indicator("cases_received", "female", received // 2),
        Indicator("cases_resolved", EVERYONE, closed * 3 // 4),
        Indicator("share_resolved_by_agreement", EVERYONE, 0.62, 31, 50),
        Indicator("share_agreements_kept", EVERYONE, 0.8, 24, 30),
        Indicator("referral_completion_rate", EVERYONE, 0.55, 11, 20),
        Indicator("median_days_to_feedback", EVERYONE, "8_14", None, 20),
        Indicator("share_found_process_fair", EVERYONE, None, reason=SUPPRESSED_REASON),
        Indicator("disputes_brought_to_committee", "informal", received),
    )


def _scope(scope: str, name: str, label: str, committees: int, received: int) -> ScopeIndicators:
    closed = received * 2 // 3
    return ScopeIndicators(
        scope,
        name,
        label,
        committees,
        _indicators(received, closed),
        HubCell(Total(received)),
        HubCell(Total(closed)),
    )


def sample_dashboard(filters: DashboardFilters = DashboardFilters()) -> Dashboard:  # noqa: B008
    keep = Filters(values1=filters.categories, values2=filters.sexes)
    tables = (
        _two_way("received_by_category_and_sex", CATEGORIES, SEXES, 1, keep),
        _two_way(
            "complainants_by_sex_and_age",
            SEXES,
            AGES,
            2,
            Filters(values1=filters.sexes, values2=filters.age_bands),
        ),
        _two_way(
            "referrals_by_direction_and_status", ("out", "in"), ("sent", "completed"), 3, Filters()
        ),
    )
    trend = (
        TrendPoint("2026-08", HubCell(Total(212, True)), HubCell(Total(150))),
        TrendPoint("2026-09", HubCell(Total(240)), HubCell(Total(198))),
        TrendPoint("2026-10", HubCell(Total(3), hidden=True), HubCell(Total(180))),
    )
    return Dashboard(
        filters=filters,
        choices=DashboardChoices(
            periods=(*PERIODS, "2026-Q3"),
            regions=("Kisumu", "Nairobi"),
            committees=COMMITTEES,
            categories=CATEGORIES,
            sexes=SEXES,
            age_bands=AGES,
        ),
        committees=3,
        exports=9,
        periods=PERIODS,
        trend_by="month",
        trend=trend,
        tables=tables,
        programme=_scope("programme", "", "Programme", 3, 632),
        regions=(
            _scope("region", "Kisumu", "Kisumu", 1, 190),
            _scope("region", "Nairobi", "Nairobi", 2, 442),
        ),
        committee_rows=(
            _scope("committee", COMMITTEES[2].pseudonym, COMMITTEES[2].pseudonym, 1, 190),
            _scope("committee", COMMITTEES[0].pseudonym, COMMITTEES[0].display_name, 1, 230),
            _scope("committee", COMMITTEES[1].pseudonym, COMMITTEES[1].display_name, 1, 212),
        ),
        missing=(
            MissingExport(
                COMMITTEES[1].pseudonym,
                COMMITTEES[1].display_name,
                COMMITTEES[1].region,
                "2026-11",
                "2026-10",
            ),
        ),
        missing_for="2026-11",
    )
