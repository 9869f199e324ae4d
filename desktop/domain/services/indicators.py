"""The programme indicators, computed from the published tables of an export (never from the
facts behind them), so the programme office can recompute every one of them from the file.
docs/indicators.md names and defines each.

An indicator that would need a suppressed cell, or a value hidden in a "combined" row, is
``None`` with a ``reason``: it never guesses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.domain.model.export_tables import (
    COMBINED,
    SUPPRESSED,
    Cell,
    ExportTables,
    FeedbackBand,
    Table,
)
from desktop.domain.model.proceedings import Answer
from desktop.domain.model.referrals import Direction, ReferralStatus
from desktop.domain.taxonomy import Taxonomy, UnknownCode

ALL = "all"
SUPPRESSED_REASON = "suppressed"  # needs a suppressed cell
COMBINED_REASON = "combined"  # needs a value shown only inside "combined"
NOTHING_REASON = "nothing_to_count"  # the denominator is 0
AGREED = "resolved_by_agreement"


@dataclass(frozen=True)
class Indicator:
    """One indicator for one group (``by``: "all", a sex, a mechanism...). ``value`` is a count
    or a share (0 to 1) or, for banded medians, the band code; None with ``reason`` when it
    cannot be computed from what is published."""

    name: str
    by: str
    value: float | int | str | None
    numerator: int | None = None
    denominator: int | None = None
    reason: str | None = None
    # Pooled by the programme hub (hub_pooling.py) from ``covered`` of the ``of`` committees of
    # its scope; None when computed from the scope's own tables (always, outside the hub).
    covered: int | None = None
    of: int | None = None
    at_least: bool = False  # a pooled count that lacks some committees: "≥ value"


class _Unknown(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _total(cells: Iterable[Cell]) -> int:
    values = list(cells)
    if any(v is SUPPRESSED for v in values):
        raise _Unknown(SUPPRESSED_REASON)
    return sum(v for v in values if isinstance(v, int))


def _select(
    table: Table, rows: Callable[[str], bool] | None = None, column: str | None = None
) -> list[Cell]:
    """What the selected cells add up to, as published: the rows ``rows`` accepts (every row
    when None), in ``column`` only when given; totals are used where they cover the selection.
    A combined row holding both accepted and other values makes the sum unknown, and so does
    a column shown only inside "combined"."""
    if table.withheld:
        raise _Unknown(SUPPRESSED_REASON)
    if column is not None and column not in table.values[1]:
        raise _Unknown(COMBINED_REASON)
    if rows is None:
        return [table.total if column is None else table.column_totals[column]]
    members = table.combined[0]
    accepted = [rows(code) for code in members]
    if any(accepted) and not all(accepted):
        raise _Unknown(COMBINED_REASON)

    def wanted(code: str) -> bool:
        if code == COMBINED:  # asked for by name, or made only of accepted values
            return rows(code) or (bool(members) and all(accepted))
        return rows(code)

    chosen = [code for code in table.values[0] if wanted(code)]
    if column is None:
        return [table.row_totals[c] for c in chosen]
    return [table.cells[(c, column)] for c in chosen]


def _count(name: str, by: str, compute: Callable[[], int]) -> Indicator:
    try:
        return Indicator(name, by, compute())
    except _Unknown as unknown:
        return Indicator(name, by, None, reason=unknown.reason)


def _share(
    name: str, by: str, numerator: Callable[[], int], denominator: Callable[[], int]
) -> Indicator:
    try:
        bottom = denominator()
        top = numerator()
    except _Unknown as unknown:
        return Indicator(name, by, None, reason=unknown.reason)
    if bottom == 0:
        return Indicator(name, by, None, top, bottom, NOTHING_REASON)
    return Indicator(name, by, top / bottom, top, bottom)


def _sum(
    table: Table, rows: Callable[[str], bool] | None = None, column: str | None = None
) -> Callable[[], int]:
    """The sum of the selected cells, computed when called (it may raise _Unknown)."""
    return lambda: _total(_select(table, rows, column))


def _columns(table: Table) -> list[str | None]:
    return [None, *table.values[1]]


def _by(column: str | None) -> str:
    return ALL if column is None else column


def _received(export: ExportTables) -> list[Indicator]:
    table = export.table("received_by_category_and_sex")
    return [_count("cases_received", _by(c), _sum(table, None, c)) for c in _columns(table)]


def _closed(export: ExportTables, taxonomy: Taxonomy) -> list[Indicator]:
    table = export.table("closed_by_outcome_and_sex")

    def resolved(code: str) -> bool:
        try:
            return taxonomy.outcome(code).resolved
        except UnknownCode:
            return False

    result = []
    for c in _columns(table):
        by = _by(c)
        result.append(_count("cases_resolved", by, _sum(table, resolved, c)))
        agreed = _sum(table, lambda code: code == AGREED, c)
        result.append(_share("share_resolved_by_agreement", by, agreed, _sum(table, None, c)))
    return result


def _kept(export: ExportTables) -> list[Indicator]:
    table = export.table("closed_by_agreement_kept")
    checked = {"kept", "partly", "breached"}
    return [
        _share(
            "share_agreements_kept",
            ALL,
            lambda: _total(_select(table, lambda code: code == "kept")),
            lambda: _total(_select(table, lambda code: code in checked)),
        )
    ]


def _referrals(export: ExportTables, taxonomy: Taxonomy) -> list[Indicator]:
    status = export.table("referrals_by_direction_and_status")
    out = Direction.OUT.value
    done = ReferralStatus.COMPLETED.value

    def out_row(table: Table) -> Callable[[str], bool]:
        return lambda code: code == out

    def completed() -> int:
        return _total(_select(status, out_row(status), done))

    def sent() -> int:
        return _total(_select(status, out_row(status)))

    result = [_share("referral_completion_rate", ALL, completed, sent)]
    result.append(_median_feedback(export.table("referrals_by_direction_and_feedback_time")))
    kinds = export.table("referrals_by_direction_and_actor_kind")
    for mechanism in sorted({k.mechanism.value for k in taxonomy.actor_kinds}):
        members = {k.code for k in taxonomy.actor_kinds if k.mechanism.value == mechanism}

        def by_mechanism(members: set[str] = members) -> int:
            if members & set(kinds.combined[1]):
                raise _Unknown(COMBINED_REASON)
            return sum(_total(_select(kinds, out_row(kinds), code)) for code in sorted(members))

        result.append(_count("referrals_out_by_mechanism", mechanism, by_mechanism))
    return result


def _median_feedback(table: Table) -> Indicator:
    """The band holding the median of the days to feedback of the referrals out with feedback
    (banded data: the band where the cumulative count first reaches half)."""
    name = "median_days_to_feedback"
    bands = [b.value for b in FeedbackBand if b is not FeedbackBand.NONE]
    try:
        counts = [_total(_select(table, lambda c: c == Direction.OUT.value, b)) for b in bands]
    except _Unknown as unknown:
        return Indicator(name, ALL, None, reason=unknown.reason)
    total = sum(counts)
    if total == 0:
        return Indicator(name, ALL, None, 0, 0, NOTHING_REASON)
    running = 0
    for band, count in zip(bands, counts, strict=True):
        running += count
        if 2 * running >= total:
            return Indicator(name, ALL, band, None, total)
    raise AssertionError("unreachable")


def _views(export: ExportTables) -> list[Indicator]:
    table = export.table("views_fair_process_by_sex")
    asked = {Answer.YES.value, Answer.PARTLY.value, Answer.NO.value}
    result = []
    for sex in [None, *table.values[0]]:
        rows = None if sex is None else (lambda code, sex=sex: code == sex)

        def yes(rows: Callable[[str], bool] | None = rows) -> int:
            return _total(_select(table, rows, Answer.YES.value))

        def answered(rows: Callable[[str], bool] | None = rows) -> int:
            return sum(_total(_select(table, rows, a)) for a in sorted(asked))

        result.append(_share("share_found_process_fair", _by(sex), yes, answered))
    return result


def _sdg(export: ExportTables) -> list[Indicator]:
    """SDG 16.3.3-style: disputes brought to this committee (an informal mechanism)."""
    table = export.table("received_by_category")
    return [
        _count(
            "disputes_brought_to_committee",
            "informal",
            lambda: _total(_select(table)),
        )
    ]


def indicators(export: ExportTables, taxonomy: Taxonomy) -> list[Indicator]:
    """Every indicator of the export's tables (an export, or a monthly committee's quarter
    from exports.quarter_of), in the order of docs/indicators.md."""
    return [
        *_received(export),
        *_closed(export, taxonomy),
        *_kept(export),
        *_referrals(export, taxonomy),
        *_views(export),
        *_sdg(export),
    ]


def value_of(found: list[Indicator], name: str, by: str = ALL) -> Indicator:
    for indicator in found:
        if indicator.name == name and indicator.by == by:
            return indicator
    raise KeyError((name, by))
