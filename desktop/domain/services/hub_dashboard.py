"""The hub's dashboard for one set of filters (desktop/domain/model/hub_dashboard.py), a pure
function of what the hub holds (the :class:`~desktop.domain.services.hub_source.DashboardSource`
port: the database does the sums).

- **Which exports.** The committees the region and committee filters take, times the periods
  the period filter takes: a quarter takes the quarterly exports of that quarter and the
  monthly exports of its months; a month takes monthly exports of that month only (note
  ``quarterly_left_out`` when a chosen month leaves a quarterly export of it out).
- **Tables.** Every table of :data:`SHOWN`, added up over those exports, through the hub's
  disclosure control (hub_totals.table_from_totals) on the whole table; the category, sex and
  age filters then choose the rows and columns shown.
- **Indicators** per scope (the programme, each region, each committee) from that scope's own
  disclosure-controlled tables (hub_indicators, knowing which codes each export combined); an
  indicator of the programme or a region those cannot give is pooled from its committees'
  own (hub_pooling: a sum of published numbers, with its coverage). The scopes' received and
  closed counts are also protected against differencing: a hidden one cannot be worked out
  from the programme's count minus the others shown.
- **Trend**: cases received and closed per month (per quarter when any chosen export is
  quarterly), matching the category, sex and age filters, each point hidden when it needs a
  cell hidden in its period's table or could be worked out from the other points and their
  total. No table crosses category with age, nor closed cases with age, nor category with sex
  for closed cases: the trend then ignores a filter and says so in ``notes``
  (``trend_received_ignores_category``, ``trend_closed_ignores_age``,
  ``trend_closed_ignores_sex``).
- **Missing**: the active committees (of the region and committee filters) without the export
  of the last ended month as of ``today`` (a quarterly committee: the last ended quarter).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from datetime import date

from desktop.domain.model.export_tables import COMBINED, Period, PeriodKind
from desktop.domain.model.hub_dashboard import (
    CommitteeChoice,
    Dashboard,
    DashboardChoices,
    DashboardFilters,
    MissingExport,
    ScopeIndicators,
)
from desktop.domain.services.disclosure import BASE_THRESHOLD
from desktop.domain.services.export_dimensions import TABLES
from desktop.domain.services.hub_headline import CLOSED, RECEIVED, counted, headline, hidden_count
from desktop.domain.services.hub_indicators import (
    INDICATOR_TABLES,
    Combined,
    add_combined,
    mark_combined,
    scope_indicators,
)
from desktop.domain.services.hub_pooling import pooled
from desktop.domain.services.hub_source import DashboardSource, SourceCommittee, SourceExport
from desktop.domain.services.hub_totals import (
    ALL,
    HubTable,
    Total,
    plus,
    protect_parts,
    table_from_totals,
)
from desktop.domain.services.hub_trend import TREND_TABLES, trend
from desktop.domain.taxonomy import default_taxonomy

REQUIRED = (
    "received_by_category_and_sex",
    "complainants_by_sex_and_age",
    "closed_by_outcome_and_sex",
    "closed_by_category_and_outcome",
    "referrals_by_direction_and_status",
    "referrals_by_direction_and_actor_kind",
)
# the tables shown, in the export's order
SHOWN = tuple(n for n in TABLES if n in REQUIRED or n in INDICATOR_TABLES)
QUARTERLY_LEFT_OUT = "quarterly_left_out"

Sums = dict[str, dict[tuple[str, str], Total]]  # table -> (code1, code2) -> total


def takes_period(label: str, chosen: Collection[str]) -> bool:
    """Whether an export of period ``label`` is added up for the period filter ``chosen``."""
    if not chosen:
        return True
    period = Period.parse(label)
    for text in chosen:
        wanted = Period.parse(text)
        if period == wanted or (wanted.kind is PeriodKind.QUARTER and period in wanted.months()):
            return True
    return False


def quarter_of(period: Period) -> Period:
    if period.kind is PeriodKind.QUARTER:
        return period
    return Period.quarter(period.year, (period.number - 1) // 3 + 1)


def _order(label: str) -> tuple[date, bool]:
    period = Period.parse(label)
    return (period.last, period.kind is PeriodKind.QUARTER)


def _add(into: Sums, sums: Mapping[str, Mapping[tuple[str, str], Total]]) -> None:
    for name, cells in sums.items():
        target = into.setdefault(name, {})
        for key, total in cells.items():
            target[key] = plus(target.get(key, Total()), total)


def _tables(
    sums: Sums,
    names: Iterable[str],
    thresholds: Mapping[str, int],
    committees: int,
    periods: tuple[str, ...],
) -> dict[str, HubTable]:
    """Each of ``names`` from its summed cells, through the hub's disclosure control."""
    return {
        name: table_from_totals(
            name,
            TABLES[name][1],
            sums.get(name, {}),
            thresholds.get(name, BASE_THRESHOLD),
            committees,
            periods,
        )
        for name in names
    }


def _shown(table: HubTable, filters: DashboardFilters) -> HubTable:
    """``table`` with the rows and columns the category, sex and age filters choose (the
    disclosure control ran on the whole table)."""
    chosen = {
        "category": filters.categories,
        "complainant_sex": filters.sexes,
        "complainant_age": filters.age_bands,
    }
    first = chosen.get(table.dimensions[0], frozenset())
    second = chosen.get(table.dimensions[1], frozenset()) if table.two_way else frozenset()
    return replace(
        table,
        rows=tuple(r for r in table.rows if not first or r in first),
        columns=tuple(c for c in table.columns if not second or c in second),
    )


def _scope(
    scope: str,
    name: str,
    label: str,
    committees: int,
    tables: Mapping[str, HubTable],
    period: Period,
    combined: Mapping[str, Combined],
) -> ScopeIndicators:
    taxonomy = default_taxonomy()
    received = headline(tables, RECEIVED)
    found = scope_indicators(tables, period, taxonomy, combined)
    return ScopeIndicators(
        scope,
        name,
        label,
        committees,
        tuple(counted(indicator, received) for indicator in found),
        received,
        headline(tables, CLOSED),
    )


def _protected_scopes(
    scopes: list[ScopeIndicators], programme: ScopeIndicators, threshold: int
) -> tuple[ScopeIndicators, ...]:
    received = protect_parts(
        {s.name: s.received for s in scopes}, programme.received.total, threshold
    )
    closed = protect_parts({s.name: s.closed for s in scopes}, programme.closed.total, threshold)
    return tuple(
        ScopeIndicators(
            s.scope,
            s.name,
            s.label,
            s.committees,
            hidden_count(s.indicators, received[s.name].hidden, closed[s.name].hidden),
            received[s.name],
            closed[s.name],
        )
        for s in scopes
    )


def _choices(
    source: DashboardSource, committees: list[SourceCommittee], exports: list[SourceExport]
) -> DashboardChoices:
    labels = {e.period for e in exports}
    labels |= {quarter_of(Period.parse(p)).label for p in labels}
    found: dict[str, set[str]] = defaultdict(set)
    for table, code1, code2 in source.codes(
        ("received_by_category_and_sex", "complainants_by_sex_and_age")
    ):
        if table == "received_by_category_and_sex":
            found["category"].add(code1)
            found["sex"].add(code2)
        else:
            found["sex"].add(code1)
            found["age"].add(code2)
    codes = {k: tuple(sorted(v - {ALL, COMBINED, ""})) for k, v in found.items()}
    return DashboardChoices(
        periods=tuple(sorted(labels, key=_order)),
        regions=tuple(sorted({c.region for c in committees if c.region})),
        committees=tuple(
            CommitteeChoice(c.pseudonym, c.display_name, c.region)
            for c in sorted(committees, key=lambda c: (c.display_name or c.pseudonym).casefold())
        ),
        categories=codes.get("category", ()),
        sexes=codes.get("sex", ()),
        age_bands=codes.get("age", ()),
    )


def _missing(
    committees: Iterable[SourceCommittee], exports: Iterable[SourceExport], today: date
) -> tuple[str, tuple[MissingExport, ...]]:
    this_month = Period.of_day(today)
    last_month = Period.of_day(this_month.first.replace(day=1) - _ONE_DAY)
    last_quarter = Period.of_day(quarter_of(this_month).first - _ONE_DAY)
    last_quarter = quarter_of(last_quarter)
    held: dict[str, set[Period]] = defaultdict(set)
    for export in exports:
        held[export.committee].add(Period.parse(export.period))
    missing = []
    for committee in committees:
        if not committee.active:
            continue
        periods = held.get(committee.pseudonym, set())
        quarterly = any(p.kind is PeriodKind.QUARTER for p in periods)
        owed = last_quarter if quarterly else last_month
        if owed not in periods:
            latest = max(periods, key=lambda p: (p.last, p.kind), default=None)
            missing.append(
                MissingExport(
                    committee.pseudonym,
                    committee.display_name,
                    committee.region,
                    owed.label,
                    latest.label if latest else "",
                )
            )
    missing.sort(key=lambda m: (m.region == "", m.region, m.display_name or m.committee))
    return last_month.label, tuple(missing)


def build_dashboard(source: DashboardSource, filters: DashboardFilters, today: date) -> Dashboard:
    committees = list(source.committees())
    exports = list(source.exports())
    known = {c.pseudonym: c for c in committees}
    chosen_committees = {
        c.pseudonym
        for c in committees
        if (not filters.committees or c.pseudonym in filters.committees)
        and (not filters.regions or c.region in filters.regions)
    }
    chosen = [
        e
        for e in exports
        if e.committee in chosen_committees and takes_period(e.period, filters.periods)
    ]
    notes = []
    months = {Period.parse(p) for p in filters.periods}
    if any(
        e.committee in chosen_committees
        and Period.parse(e.period).kind is PeriodKind.QUARTER
        and any(m.kind is PeriodKind.MONTH and m in Period.parse(e.period).months() for m in months)
        for e in exports
    ):
        notes.append(QUARTERLY_LEFT_OUT)
    periods = tuple(sorted({e.period for e in chosen}, key=_order))
    thresholds = source.thresholds(set(SHOWN) | set(TREND_TABLES))
    narrowed = bool(filters.committees or filters.regions)
    by_committee: dict[str, Sums] = defaultdict(dict)
    by_period: dict[str, Sums] = defaultdict(dict)
    said: dict[str, dict[str, Combined]] = defaultdict(dict)  # committee -> table -> codes
    said_in: dict[str, dict[str, Combined]] = defaultdict(dict)  # period -> table -> codes
    if chosen:
        committee_arg = chosen_committees if narrowed else None
        period_arg = set(periods) if filters.periods else None
        for s in source.sums(SHOWN, committee_arg, period_arg, "committee", thresholds):
            cells = by_committee[s.group].setdefault(s.table, {})
            cells[(s.code1, s.code2)] = plus(cells.get((s.code1, s.code2), Total()), s.total)
        for s in source.sums(TREND_TABLES, committee_arg, period_arg, "period", thresholds):
            cells = by_period[s.group].setdefault(s.table, {})
            cells[(s.code1, s.code2)] = plus(cells.get((s.code1, s.code2), Total()), s.total)
        for c in source.combined(set(SHOWN) | set(TREND_TABLES), committee_arg, period_arg):
            add_combined(said[c.committee], {c.table: c.codes})
            add_combined(said_in[c.period], {c.table: c.codes})
    contributing = sorted({e.committee for e in chosen})
    whole: Sums = {}
    whole_said: dict[str, Combined] = {}
    regions: dict[str, Sums] = defaultdict(dict)
    regions_said: dict[str, dict[str, Combined]] = defaultdict(dict)
    region_members: dict[str, list[str]] = defaultdict(list)
    for pseudonym in contributing:
        _add(whole, by_committee.get(pseudonym, {}))
        add_combined(whole_said, said.get(pseudonym, {}))
        region = known[pseudonym].region if pseudonym in known else ""
        _add(regions[region], by_committee.get(pseudonym, {}))
        add_combined(regions_said[region], said.get(pseudonym, {}))
        region_members[region].append(pseudonym)
    latest = Period.parse(periods[-1]) if periods else Period.of_day(today)
    programme_tables = _tables(whole, SHOWN, thresholds, len(contributing), periods)
    programme = _scope(
        "programme", "", "Programme", len(contributing), programme_tables, latest, whole_said
    )
    threshold = thresholds.get(RECEIVED[0][0], BASE_THRESHOLD)
    region_scopes = [
        _scope(
            "region",
            region,
            region,
            len(region_members[region]),
            _tables(
                regions[region], INDICATOR_TABLES, thresholds, len(region_members[region]), periods
            ),
            latest,
            regions_said[region],
        )
        for region in sorted(regions, key=lambda r: (r == "", r.casefold()))
    ]
    committee_scopes = []
    for pseudonym in contributing:
        entry = known.get(pseudonym)
        label = entry.display_name if entry and entry.display_name else pseudonym
        committee_scopes.append(
            _scope(
                "committee",
                pseudonym,
                label,
                1,
                _tables(by_committee.get(pseudonym, {}), INDICATOR_TABLES, thresholds, 1, periods),
                latest,
                said.get(pseudonym, {}),
            )
        )
    # the committees' counts protected first: what is hidden there is never pooled
    committee_rows = _protected_scopes(committee_scopes, programme, threshold)
    # what a scope's summed tables cannot give, pooled from its committees (hub_pooling)
    own = {s.name: s for s in committee_rows}
    programme = pooled(programme, [own[p] for p in contributing])
    region_scopes = [pooled(r, [own[p] for p in region_members[r.name]]) for r in region_scopes]
    committee_rows = tuple(sorted(committee_rows, key=lambda s: (s.label.casefold(), s.name)))
    trend_by = (
        "quarter" if any(Period.parse(p).kind is PeriodKind.QUARTER for p in periods) else "month"
    )
    marked = {  # a category some export put into "combined" is only "at least" in a period
        label: {n: mark_combined(cells, said_in[label].get(n, ())) for n, cells in sums.items()}
        for label, sums in by_period.items()
    }
    points, trend_notes = trend(marked, trend_by, filters, thresholds)
    missing_for, missing = _missing(
        (c for c in committees if c.pseudonym in chosen_committees), exports, today
    )
    # the tables shown: a row or column some export put into "combined" is "at least"
    whole_marked = {n: mark_combined(cells, whole_said.get(n, ())) for n, cells in whole.items()}
    display = _tables(whole_marked, SHOWN, thresholds, len(contributing), periods)
    shown = {n: _shown(t, filters) for n, t in display.items()}
    return Dashboard(
        filters=filters,
        choices=_choices(source, committees, exports),
        committees=len(contributing),
        exports=len(chosen),
        periods=periods,
        trend_by=trend_by,
        trend=points,
        tables=tuple(shown[n] for n in SHOWN),
        programme=programme,
        regions=_protected_scopes(region_scopes, programme, threshold),
        committee_rows=committee_rows,
        missing=missing,
        missing_for=missing_for,
        notes=(*notes, *trend_notes),
    )


_ONE_DAY = date(2000, 1, 2) - date(2000, 1, 1)
