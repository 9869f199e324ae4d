"""The tables of an export: which tables, over which fixed dimensions, counted from which facts,
and the use case that builds them (docs/exports.md).

Overlapping periods (docs/exports.md): a committee exports months or quarters, chosen once
(:class:`Cadence`), never both, so no quarter can be set against its months. A monthly
committee's quarter is read as the sums of its months' published tables (:func:`quarter_of`).

Which date counts: a case is in the "received" tables of the month it was received, in the
"closed" (and party views) tables of the month its outcome was recorded, and a referral in the
month it was sent (out) or received (in).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet

from desktop.domain.errors import ValidationError
from desktop.domain.model.export_tables import (
    COMBINED,
    UNKNOWN,
    Cadence,
    CaseCounts,
    CaseFact,
    ExportTables,
    Key,
    Period,
    PeriodKind,
    Population,
    Table,
)
from desktop.domain.model.referral_board import ReferralFact
from desktop.domain.model.users import Actor
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services import disclosure
from desktop.domain.services.disclosure import DisclosureRules, Layout
from desktop.domain.services.export_dimensions import (
    CASE_TABLES,
    DIMENSIONS,
    REFERRAL_TABLES,
    TABLES,
    Record,
)
from desktop.domain.services.permissions import use_case
from desktop.domain.taxonomy import Taxonomy

Cases = Mapping[str, Mapping[Key, AbstractSet[int]]]  # table -> key -> the cases behind it
Progress = Callable[[int, int], None]  # (tables done, tables in all); may raise to cancel


def _thresholds(
    name: str, domain: Sequence[str], taxonomy: Taxonomy, rules: DisclosureRules
) -> dict[str, int]:
    if name != "category":
        return dict.fromkeys(domain, rules.threshold)
    return {code: rules.for_value(taxonomy.is_sensitive(code)) for code in domain}


def count_records(
    records: Mapping[Population, Sequence[Record]],
    tables: Mapping[str, tuple[Population, tuple[str, ...]]] = TABLES,
) -> dict[str, dict[Key, int]]:
    """Each table's count of tuples of codes as read (of the tables whose population is in
    ``records``). Each record's code in each dimension is read once."""
    read: dict[tuple[Population, str], list[str]] = {}
    result: dict[str, dict[Key, int]] = {}
    for name, (population, dims) in tables.items():
        if population not in records:
            continue
        for dim in dims:
            if (population, dim) not in read:
                get = DIMENSIONS[dim].value
                read[(population, dim)] = [get(r) for r in records[population]]
        result[name] = Counter(zip(*(read[(population, d)] for d in dims), strict=True))
    return result


def cases_of_referrals(
    referrals: Sequence[ReferralFact],
    tables: Mapping[str, tuple[Population, tuple[str, ...]]] = REFERRAL_TABLES,
) -> dict[str, dict[Key, set[int]]]:
    """Each referral table's cases (dispute ids) per tuple of codes as read: what the counts
    of :func:`count_records` stand for in people (docs/exports.md, "Referrals count cases")."""
    result: dict[str, dict[Key, set[int]]] = {}
    for name, (_, dims) in tables.items():
        getters = [DIMENSIONS[d].value for d in dims]
        cells: dict[Key, set[int]] = {}
        for r in referrals:
            cells.setdefault(tuple(get(r) for get in getters), set()).add(r.dispute_id)
        result[name] = cells
    return result


def counts_of_facts(
    facts: Sequence[CaseFact], tables: Mapping[str, tuple[Population, tuple[str, ...]]]
) -> CaseCounts:
    """What ReportingQueries.case_counts gives, from the facts ReportingQueries.case_facts
    gives for the same dates (every fact's months fall in them): for fakes and tests."""
    counted = [f for f in facts if f.consented]
    closed = [f for f in counted if f.closed_in is not None]
    records: dict[Population, Sequence[Record]] = {
        Population.RECEIVED: [f for f in counted if f.received_in is not None],
        Population.CLOSED: closed,
        Population.PARTY_VIEWS: [v for f in closed for v in f.views],
    }
    return CaseCounts(count_records(records, tables), sum(1 for f in facts if not f.consented))


def tables_of_counts(
    counts: Mapping[str, Mapping[Key, int]],
    taxonomy: Taxonomy,
    rules: DisclosureRules,
    progress: Progress | None = None,
    cases_of: Cases | None = None,
) -> list[Table]:
    """The published tables from each table's counts of codes as read (_in_domains), values
    combined per population and dimension from the margins (the same in every table of a
    population). ``cases_of`` holds the cases behind the counts of the tables whose records
    are not cases (referrals: :func:`cases_of_referrals`): such a table's population, values
    and cells are then judged by their distinct cases. ``progress(done, total)`` is called
    after each table (it may raise: a cancel)."""
    domains = {name: d.codes(taxonomy) for name, d in DIMENSIONS.items()}
    placed = {
        name: _in_domains(counts.get(name, {}), dims, domains) for name, (_, dims) in TABLES.items()
    }
    behind = {
        name: _sets_in_domains(found, TABLES[name][1], domains)
        for name, found in (cases_of or {}).items()
    }
    combined: dict[tuple[Population, str], frozenset[str]] = {}
    cases = _case_populations(placed, behind)
    result = []
    for table_name, (population, dims) in TABLES.items():
        table = placed[table_name]
        if 0 < cases[population] < rules.threshold:
            result.append(disclosure.withheld(_layout(table_name, domains), rules))
            if progress is not None:
                progress(len(result), len(TABLES))
            continue
        for index, dim in enumerate(dims):
            if (population, dim) not in combined:
                thresholds = _thresholds(dim, domains[dim], taxonomy, rules)
                combined[(population, dim)] = _combined(
                    table, behind.get(table_name), index, domains[dim], thresholds
                )
        layout = Layout(
            table_name,
            population,
            dims,
            tuple(domains[d] for d in dims),
            tuple(combined[(population, d)] for d in dims),
        )
        shown: Counter[Key] = Counter()
        for key, count in table.items():
            shown[tuple(layout.place(i, code) for i, code in enumerate(key))] += count
        threshold_of = _threshold_of(layout, taxonomy, rules)
        if table_name in behind:
            threshold_of = _by_cases(threshold_of, layout, shown, behind[table_name])
        result.append(disclosure.publish(layout, shown, threshold_of, rules))
        if progress is not None:
            progress(len(result), len(TABLES))
    return result


def _case_populations(
    placed: Mapping[str, Counter[Key]], behind: Mapping[str, Mapping[Key, AbstractSet[int]]]
) -> dict[Population, int]:
    """How many cases stand behind each population's tables. A party's view is not a case:
    three closed cases of two parties each are six views, and a views table published while
    the closed tables are withheld would say what "everyone" of those few cases thought. So
    the views tables count as their closed cases (withheld whenever those are too few).
    Nor is a referral: one case sent to five actors is one case, so a table whose cases are
    known (``behind``) counts its distinct cases."""
    result: dict[Population, int] = {}
    for name, (population, _) in TABLES.items():
        if population in result:
            continue
        if name in behind:
            result[population] = len(set().union(*behind[name].values()))
        else:
            result[population] = sum(placed[name].values())
    result[Population.PARTY_VIEWS] = min(result[Population.PARTY_VIEWS], result[Population.CLOSED])
    return result


def _combined(
    table: Mapping[Key, int],
    found: Mapping[Key, AbstractSet[int]] | None,
    index: int,
    domain: Sequence[str],
    thresholds: Mapping[str, int],
) -> frozenset[str]:
    """The values of dimension ``index`` to combine, from the table's margin; with ``found``
    (the cases behind each cell) a value's size is its distinct cases, and so is the combined
    bucket's (a case behind two combined values counts once)."""
    margin: Counter[str] = Counter()
    if found is None:
        for key, count in table.items():
            margin[key[index]] += count
        return disclosure.combined_values(margin, domain, thresholds)
    members: dict[str, set[int]] = {}
    for key, cases in found.items():
        members.setdefault(key[index], set()).update(cases)
    margin.update({code: len(cases) for code, cases in members.items()})
    result = set(disclosure.combined_values(margin, domain, thresholds))
    while result and len(set().union(*(members.get(v, set()) for v in result))) < max(
        thresholds.get(v, 0) for v in result
    ):
        shown = [v for v in domain if v not in result and margin[v] > 0]
        if not shown:
            return frozenset(domain)
        result.add(min(shown, key=lambda v: (margin[v], domain.index(v))))
    return frozenset(result)


def _by_cases(
    threshold_of: Callable[[Key], int],
    layout: Layout,
    shown: Mapping[Key, int],
    found: Mapping[Key, AbstractSet[int]],
) -> Callable[[Key], int]:
    """``threshold_of`` for a table whose records are not cases: a cell whose count comes
    from fewer distinct cases than its threshold is held to its count plus one, so primary
    suppression hides it (five referrals of one case are not published as 5)."""
    cells: dict[Key, set[int]] = {}
    for key, cases in found.items():
        placed = tuple(layout.place(i, code) for i, code in enumerate(key))
        cells.setdefault(placed, set()).update(cases)

    def threshold(key: Key) -> int:
        least = threshold_of(key)
        if len(cells.get(key, ())) >= least:
            return least
        return max(least, shown.get(key, 0) + 1)

    return threshold


def _layout(name: str, domains: Mapping[str, tuple[str, ...]]) -> Layout:
    population, dims = TABLES[name]
    domain = tuple(domains[d] for d in dims)
    return Layout(name, population, dims, domain, tuple(frozenset() for _ in dims))


def _placer(dims: Sequence[str], domains: Mapping[str, Sequence[str]]) -> Callable[[Key], Key]:
    """A key with a code outside its dimension's domain (a category dropped from the
    taxonomy) read as "unknown", or as the domain's last value ("other")."""
    known = [frozenset(domains[d]) for d in dims]
    fallback = [
        UNKNOWN if UNKNOWN in k else domains[d][-1] for k, d in zip(known, dims, strict=True)
    ]
    return lambda key: tuple(
        code if code in known[i] else fallback[i] for i, code in enumerate(key)
    )


def _in_domains(
    counts: Mapping[Key, int], dims: Sequence[str], domains: Mapping[str, Sequence[str]]
) -> Counter[Key]:
    """Counts with their keys placed in the domains (:func:`_placer`)."""
    place = _placer(dims, domains)
    result: Counter[Key] = Counter()
    for key, count in counts.items():
        result[place(key)] += count
    return result


def _sets_in_domains(
    found: Mapping[Key, AbstractSet[int]],
    dims: Sequence[str],
    domains: Mapping[str, Sequence[str]],
) -> dict[Key, set[int]]:
    """Cases per key with the keys placed in the domains (:func:`_placer`)."""
    place = _placer(dims, domains)
    result: dict[Key, set[int]] = {}
    for key, cases in found.items():
        result.setdefault(place(key), set()).update(cases)
    return result


def _threshold_of(
    layout: Layout, taxonomy: Taxonomy, rules: DisclosureRules
) -> Callable[[Key], int]:
    if "category" not in layout.dimensions:
        return lambda key: rules.threshold
    index = layout.dimensions.index("category")
    members = layout.combined[index]

    def threshold(key: Key) -> int:
        code = key[index]
        codes = members if code == COMBINED else (code,)
        return max(rules.for_value(taxonomy.is_sensitive(c)) for c in codes)

    return threshold


def _records_of(
    period: Period, facts: Iterable[CaseFact], referrals: Iterable[ReferralFact]
) -> dict[Population, list[Record]]:
    months = period.months()
    counted = [f for f in facts if f.consented]
    closed = [f for f in counted if f.closed_in in months]
    return {
        Population.RECEIVED: [f for f in counted if f.received_in in months],
        Population.CLOSED: list(closed),
        Population.PARTY_VIEWS: [v for f in closed for v in f.views],
        Population.REFERRALS: [
            r for r in referrals if r.sent_on is not None and period.contains(r.sent_on)
        ],
    }


def _referrals_of(records: Mapping[Population, Sequence[Record]]) -> list[ReferralFact]:
    return [r for r in records[Population.REFERRALS] if isinstance(r, ReferralFact)]


def classified(fact: CaseFact, taxonomy: Taxonomy) -> CaseFact:
    """The fact with its category's SDG group and sensitivity from ``taxonomy`` (the query
    reads codes only; the tables need neither: thresholds come from the taxonomy itself)."""
    if not taxonomy.has_category(fact.category):
        return dataclasses.replace(fact, sdg_group=UNKNOWN, sensitive=False)
    category = taxonomy.category(fact.category)
    return dataclasses.replace(fact, sdg_group=category.sdg_group, sensitive=category.sensitive)


def check_cadence(period: Period, cadence: Cadence) -> None:
    """A monthly committee exports months, a quarterly one quarters: never both."""
    wanted = PeriodKind.MONTH if cadence is Cadence.MONTHLY else PeriodKind.QUARTER
    if period.kind is not wanted:
        raise ValidationError(
            "period",
            "This committee exports months; choose a month."
            if cadence is Cadence.MONTHLY
            else "This committee exports quarters; choose a quarter.",
        )


def tables_for(
    period: Period,
    facts: Sequence[CaseFact],
    referrals: Sequence[ReferralFact],
    taxonomy: Taxonomy,
    rules: DisclosureRules,
    cadence: Cadence = Cadence.MONTHLY,
    progress: Progress | None = None,
) -> ExportTables:
    """The export's tables from the period's facts (pure, for tests and previews of made-up
    facts; the use cases count in the database instead: :func:`tables_of_period`)."""
    check_cadence(period, cadence)
    records = _records_of(period, facts, referrals)
    counts = count_records(records)
    cases_of = cases_of_referrals(_referrals_of(records))
    tables = tables_of_counts(counts, taxonomy, rules, progress, cases_of)
    months = period.months()
    in_period = [f for f in facts if f.received_in in months or f.closed_in in months]
    return ExportTables(
        period=period,
        tables=tuple(tables),
        not_consented=sum(1 for f in in_period if not f.consented),
    )


def quarter_of(months: Sequence[ExportTables], taxonomy: Taxonomy) -> ExportTables:
    """A monthly committee's quarter as the programme office reads it: the sums of its three
    months' published tables (a cell is SUPPRESSED when any month's is). Not an export: it
    holds nothing the months do not."""
    periods = sorted(m.period for m in months)
    first = periods[0]
    quarter = Period.quarter(first.year, (first.number + 2) // 3)
    if first.kind is not PeriodKind.MONTH or tuple(periods) != quarter.months():
        raise ValidationError("months", "A quarter is read from its three months' exports.")
    ordered = sorted(months, key=lambda m: m.period)
    tables = []
    for index, (_, dims) in enumerate(TABLES.values()):
        domains = [DIMENSIONS[d].codes(taxonomy) for d in dims]
        tables.append(disclosure.sum_tables([m.tables[index] for m in ordered], domains))
    return ExportTables(quarter, tuple(tables))


@use_case("build_export_tables")
def build_export_tables(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    period: Period,
    progress: Progress | None = None,
) -> ExportTables:
    """The tables of ``period`` exactly as an export would publish them: counts of cases whose
    parties all consented to reporting, after disclosure control under the committee's own
    cadence and thresholds (never the caller's: a month of a quarterly committee could be
    subtracted from its published quarter). Only a period that has ended can be exported (a
    month still running would be exported again, larger, and the two could be subtracted).
    ``progress(done, total)`` is called after each table; it may raise to cancel (the
    background task's cancel does)."""
    if period.last >= clock.today():
        raise ValidationError("period", "A period can be exported once it has ended.")
    with uow:
        committee = uow.committee.get()
        check_cadence(period, Cadence(committee.export_cadence))
        rules = DisclosureRules(
            threshold=committee.export_threshold,
            sensitive_threshold=committee.export_sensitive_threshold,
        )
        return tables_of_period(uow, period, taxonomy, rules, progress)


def tables_of_period(
    uow: UnitOfWork,
    period: Period,
    taxonomy: Taxonomy,
    rules: DisclosureRules,
    progress: Progress | None = None,
) -> ExportTables:
    """The tables of ``period`` read in the open ``uow`` (no checks: the use cases make
    them): the same tables as :func:`tables_for` over the period's facts, with the cases
    counted in the database (ReportingQueries.case_counts) instead of one fact per case."""
    cases = uow.reporting.case_counts(period.first, period.last, CASE_TABLES)
    referrals = uow.reporting.referral_facts(period.first, period.last)
    if progress is not None:
        progress(0, len(TABLES))
    records = _records_of(period, [], referrals)
    counts = {**cases.tables, **count_records(records, REFERRAL_TABLES)}
    cases_of = cases_of_referrals(_referrals_of(records))
    tables = tables_of_counts(counts, taxonomy, rules, progress, cases_of)
    return ExportTables(period, tuple(tables), not_consented=cases.not_consented)
