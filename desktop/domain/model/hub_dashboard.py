"""What the hub's dashboard and its programme report show (docs/hub.md), as plain data.

One :class:`Dashboard` is built for one :class:`DashboardFilters` by
``desktop.domain.services.hub_dashboard.build_dashboard`` and is drawn by the hub window's
dashboard (desktop/views/hub/) and written by the programme report (desktop/reports/, PDF,
XLSX and CSV). Every number in it has been through the hub's disclosure control
(desktop/domain/services/hub_totals.py): a hidden cell has no value, a total that includes a
committee's suppressed cell is "at least N", never shown as if the suppressed part were zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.services.hub_totals import HubCell, HubTable
from desktop.domain.services.indicators import Indicator


@dataclass(frozen=True)
class DashboardFilters:
    """What the dashboard adds up; an empty set means everything.

    ``periods`` are period labels ("2026-10", "2026-Q4"): a quarter takes the quarterly
    exports of that quarter and the monthly exports of its three months; a month takes the
    monthly exports of that month only (quarterly committees cannot be split into months).
    ``categories``, ``sexes`` and ``age_bands`` choose the rows and columns shown in the tables
    that have those dimensions (category; complainant sex; complainant age band) and what the
    trend counts; the indicators stay those of every category, sex and age (they are computed
    from whole tables)."""

    periods: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    committees: frozenset[str] = frozenset()  # pseudonyms
    categories: frozenset[str] = frozenset()  # category codes
    sexes: frozenset[str] = frozenset()  # complainant sex codes
    age_bands: frozenset[str] = frozenset()  # complainant age band codes


@dataclass(frozen=True)
class CommitteeChoice:
    pseudonym: str
    display_name: str  # "" when the programme office has not named it
    region: str  # "" when not set


@dataclass(frozen=True)
class DashboardChoices:
    """What the filters can choose from: every value present in the hub."""

    periods: tuple[str, ...] = ()  # oldest first, months and quarters
    regions: tuple[str, ...] = ()
    committees: tuple[CommitteeChoice, ...] = ()
    categories: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrendPoint:
    """One period of the trend: cases received and closed in it (matching the category, sex
    and age filters), each hidden when the hub must not show it."""

    period: str  # "2026-10", or "2026-Q4" when the trend is by quarter
    received: HubCell
    closed: HubCell


@dataclass(frozen=True)
class ScopeIndicators:
    """The indicators of one scope: the whole programme, one region or one committee, over
    the chosen periods (docs/indicators.md; computed from the hub's disclosure-controlled
    tables, so an indicator that would need a hidden cell is None with its reason)."""

    scope: str  # "programme", "region" or "committee"
    name: str  # "" for the programme; the region; the committee's pseudonym
    label: str  # what to print: "Programme", the region, the committee's name or pseudonym
    committees: int  # how many committees contributed
    indicators: tuple[Indicator, ...]
    received: HubCell  # cases received (the headline count)
    closed: HubCell  # cases closed


@dataclass(frozen=True)
class MissingExport:
    """An active committee that has not sent the export of the period it owes."""

    committee: str  # pseudonym
    display_name: str
    region: str
    owed: str  # the period owed ("2026-11", or "2026-Q3" for a quarterly committee)
    last_period: str  # the last period received, "" when none ever


@dataclass(frozen=True)
class Dashboard:
    """The dashboard for one set of filters."""

    filters: DashboardFilters
    choices: DashboardChoices
    committees: int  # committees whose exports were added up
    exports: int  # current exports added up
    periods: tuple[str, ...]  # the periods those exports cover
    trend_by: str  # "month" or "quarter"
    trend: tuple[TrendPoint, ...]  # oldest first
    tables: tuple[HubTable, ...]  # in the order shown (names from export_dimensions.TABLES)
    programme: ScopeIndicators
    regions: tuple[ScopeIndicators, ...] = ()  # by region name; "" (no region) last
    committee_rows: tuple[ScopeIndicators, ...] = ()  # by committee label
    missing: tuple[MissingExport, ...] = ()
    missing_for: str = ""  # the last ended month the missing list is about ("2026-11")
    notes: tuple[str, ...] = field(default_factory=tuple)  # codes, e.g. "quarterly_left_out"

    def table(self, name: str) -> HubTable | None:
        return next((t for t in self.tables if t.name == name), None)
