"""The dashboard's words: a hub number ("—" hidden, "≥ N" at least), the labels of the filter
values (categories and age bands by their names in the default taxonomy, committees by name or
pseudonym) and the line that says what is shown. Table, dimension and indicator words come
from desktop/views/reports/report_labels.py, shared with the committee's Reports page."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication

from desktop.domain.model.export_tables import Period
from desktop.domain.model.hub_dashboard import CommitteeChoice, Dashboard
from desktop.domain.services.export_dimensions import TABLES
from desktop.domain.services.hub_totals import HubCell, HubTable
from desktop.domain.services.indicators import Indicator
from desktop.domain.taxonomy import Taxonomy, default_taxonomy
from desktop.views.reports.report_labels import (
    SUPPRESSED_MARK,
    indicator_value,
    period_label,
    value_label,
)

AT_LEAST_MARK = "\u2265"  # ≥
POOLED_MARK = "*"  # an indicator pooled from some of a scope's committees (hub_pooling.py)


def _t(text: str) -> str:
    return QCoreApplication.translate("HubDashboard", text)


@cache
def taxonomy() -> Taxonomy:
    """The hub has no taxonomy of its own: codes are named as the default taxonomy names them."""
    return default_taxonomy()


def cell_text(cell: HubCell) -> str:
    """ "—" for a hidden cell, "≥ 212" for an at-least total, "240" for an exact one."""
    if cell.hidden:
        return SUPPRESSED_MARK
    if cell.total.includes_suppressed:
        return f"{AT_LEAST_MARK}\u00a0{cell.total.known}"
    return str(cell.total.known)


def indicator_text(indicator: Indicator) -> str:
    """An indicator as the committee's Reports page words it; a pooled count that lacks some
    committees is "≥ N"."""
    if indicator.at_least and isinstance(indicator.value, int):
        return f"{AT_LEAST_MARK}\u00a0{indicator.value}"
    return indicator_value(indicator, taxonomy())


def pooled_legend_text() -> str:
    return (
        _t(
            "%1 pooled from the committees that could give it (the others hid a number it "
            "needs): a share of those committees only; %2 N: at least N."
        )
        .replace("%1", POOLED_MARK)
        .replace("%2", AT_LEAST_MARK)
    )


def legend_text() -> str:
    return (
        _t(
            "%1 hidden by the hub so that nobody can be recognised: it can be any number. "
            "%2 N: at least N, because some committees hid part of this count."
        )
        .replace("%1", SUPPRESSED_MARK)
        .replace("%2", AT_LEAST_MARK)
    )


def table_dimensions(table: HubTable) -> tuple[str, ...]:
    """The table's dimension names as export_dimensions names them (for the labels)."""
    known = TABLES.get(table.name)
    return known[1] if known is not None else table.dimensions


def code_label(dimension: str, code: str) -> str:
    return value_label(dimension, code, taxonomy())


def period_text(label: str) -> str:
    try:
        return period_label(Period.parse(label))
    except ValueError:
        return label


def committee_text(choice: CommitteeChoice) -> str:
    if choice.display_name:
        return f"{choice.display_name} ({choice.pseudonym})"
    return choice.pseudonym


def region_text(region: str) -> str:
    return region or _t("No region")


def summary_text(dashboard: Dashboard) -> str:
    """ "Committees: 3, exports: 9, 2026-08 to 2026-10." and what was left out."""
    if not dashboard.exports:
        return _t("No exports match these filters yet.")
    periods = dashboard.periods
    span = periods[0] if len(periods) == 1 else _t("%1 to %2")
    span = span.replace("%1", periods[0] if periods else "").replace(
        "%2", periods[-1] if periods else ""
    )
    text = (
        _t("Committees: %1, exports: %2, %3")
        .replace("%1", str(dashboard.committees))
        .replace("%2", str(dashboard.exports))
        .replace("%3", span)
    )
    notes = [note_text(n) for n in dashboard.notes]
    return " ".join([text + ".", *notes])


def note_text(code: str) -> str:
    return {
        "quarterly_left_out": _t(
            "Committees that export by quarter are left out of a single month's figures."
        ),
        "trend_received_ignores_category": _t(
            "The trend of cases received counts every kind of dispute."
        ),
        "trend_closed_ignores_age": _t("The trend of cases closed counts every age."),
        "trend_closed_ignores_sex": _t("The trend of cases closed counts every sex."),
    }.get(code, code)
