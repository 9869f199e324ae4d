"""The words of the programme report (PDF, XLSX, CSV) and how it names codes, as plain data.

The words come in already translated: the hub window and ``suluhu hub report`` pass the user's
words (desktop/views/hub/report_words.py); the defaults here are plain English fallbacks so
that this module, like the rest of desktop/reports, needs no Qt. Codes are named by the
callables of :class:`Labels`.

How a number is written is decided once, here: a hidden cell is ``hidden`` (an em dash), never
its value and never 0; a total that includes a committee's suppressed cell is "≥ N"; an
indicator pooled from some of a scope's committees (desktop/domain/services/hub_pooling.py)
says so: "from 2 of 3 committees", "≥ N" for a count that lacks some.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.domain.services.export_dimensions import TABLES
from desktop.domain.services.hub_totals import HubCell, HubTable
from desktop.domain.services.indicators import Indicator

HIDDEN_MARK = "\u2014"  # an em dash, as on the dashboard and the Reports page
AT_LEAST = "\u2265 {n}"
POOLED_MARK = "*"


def _pooled_english(covered: int, of: int) -> str:
    return f"from {covered} of {of} committee{'' if of == 1 else 's'}"


def _code(code: str) -> str:
    return code.replace("_", " ")


def _two(dimension: str, code: str) -> str:
    return _code(code)


@dataclass(frozen=True)
class Labels:
    """How codes are named: ``value(dimension, code)``, ``table(name)``,
    ``dimension(name)``, ``indicator(name)``, ``group(by)``, ``period(label)``."""

    value: Callable[[str, str], str] = _two
    table: Callable[[str], str] = _code
    dimension: Callable[[str], str] = _code
    indicator: Callable[[str], str] = _code
    group: Callable[[str], str] = _code
    period: Callable[[str], str] = str


@dataclass(frozen=True)
class ProgrammeWords:
    title: str = "Programme report"
    made_on: str = "Made on"
    periods: str = "Periods"
    committees: str = "Committees counted"
    exports: str = "Exports counted"
    filters: str = "Filters"
    no_filters: str = "None: every region, committee, kind of dispute, sex and age"
    filter_names: tuple[tuple[str, str], ...] = (
        ("regions", "Regions"),
        ("committees", "Committees"),
        ("categories", "Kinds of dispute"),
        ("sexes", "Sex"),
        ("age_bands", "Age"),
    )
    headline: str = "Headline figures"
    figure: str = "Figure"
    value: str = "Number"
    received: str = "Cases received"
    closed: str = "Cases closed"
    trend: str = "Cases received and closed, by month"
    trend_quarter: str = "Cases received and closed, by quarter"
    how_to_read: str = "How to read this report"
    how_to_read_text: str = (
        "Every number is added up from the committees' signed exports; nobody can be named "
        "from them. \u2265 N: at least N; a committee hid part of this number because it was "
        "small, so the true number is N or more. \u2014 hidden: the hub does not show this "
        "number, because it is small or because it could be worked out from the others; it "
        "can be any number, and it is never drawn as a bar. A count smaller than {threshold} "
        "(other than 0) is never shown."
    )
    table_intro: str = "{committees} committees, {periods} periods."
    withheld: str = "Too few cases to show this table."
    total: str = "Total"
    hidden: str = "hidden"
    by_category: str = "Cases received, by kind of dispute"
    by_age: str = "Complainants, by age"
    referrals: str = "Referrals"
    completion: str = "Referral completion rate (programme)"
    scopes: str = "Indicators by region and committee"
    by_region: str = "By region"
    by_committee: str = "By committee"
    no_region: str = "No region"
    scope: str = "Region or committee"
    committee_count: str = "Committees"
    missing: str = "Committees that have not sent their export"
    missing_intro: str = "Active committees without the export they owe for {period}."
    missing_none: str = "Every active committee has sent the export it owes."
    owed: str = "Owed"
    last_period: str = "Last received"
    region: str = "Region"
    committee: str = "Committee"
    never: str = "none yet"
    notes: dict[str, str] = field(
        default_factory=lambda: {
            "quarterly_left_out": "Committees that export by quarter are left out of a month."
        }
    )
    page: str = "Page {page}"
    percent: str = "{percent}% ({top} of {bottom})"
    percent_only: str = "{percent}%"
    # an indicator pooled from ``covered`` of the scope's ``of`` committees (numerus: ``of``)
    pooled: Callable[[int, int], str] = _pooled_english
    pooled_note: str = (
        "* pooled: what the added-up tables cannot give is added up from the committees that "
        "could give it (the others hid a number it needs); a share of those committees only, "
        "never a guess about the others; \u2265 N for a count: at least N."
    )
    reasons: dict[str, str] = field(
        default_factory=lambda: {
            "suppressed": "Needs a hidden number.",
            "combined": "Needs a value that is only counted with others.",
            "nothing_to_count": "Nothing to count.",
        }
    )


def dimensions(table: HubTable) -> tuple[str, ...]:
    """The table's dimensions as the exports name them (for the labels)."""
    known = TABLES.get(table.name)
    return known[1] if known is not None else table.dimensions


def cell_text(cell: HubCell) -> str:
    """``12``, ``≥ 12`` (part of it was suppressed by a committee) or ``—`` (hidden)."""
    if cell.hidden:
        return HIDDEN_MARK
    if cell.total.includes_suppressed:
        return AT_LEAST.format(n=cell.total.known)
    return str(cell.total.known)


def pooled_text(indicator: Indicator, words: ProgrammeWords) -> str:
    """ "from 2 of 3 committees" for a pooled indicator, else ""."""
    if indicator.covered is None or indicator.of is None:
        return ""
    return words.pooled(indicator.covered, indicator.of)


def indicator_text(indicator: Indicator, words: ProgrammeWords, labels: Labels) -> str:
    """A count (``≥ N`` when pooled without some committees), a share with its parts, a band's
    name, or ``—`` when it cannot be shown."""
    value = indicator.value
    if value is None:
        return HIDDEN_MARK
    if indicator.at_least and isinstance(value, int):
        return AT_LEAST.format(n=value)
    if isinstance(value, str):
        return labels.value("feedback_time", value)
    if indicator.numerator is not None and indicator.denominator is not None:
        return words.percent.format(
            percent=round(100 * float(value)),
            top=indicator.numerator,
            bottom=indicator.denominator,
        )
    return str(value)
