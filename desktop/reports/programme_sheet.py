"""The programme report as a spreadsheet (XLSX) and as CSV: the indicator table of every scope
(the programme, each region, each committee), the trend and each table, written from a
:class:`Dashboard` and nothing else.

Numbers are numbers; what a number means sits in a status column beside it: ``exact``,
``at least`` (a committee suppressed part of it: the value is the known part) or ``hidden``
(no value: the hub does not show it). ``covered`` and ``of``: an indicator pooled from
``covered`` of the scope's ``of`` committees (hub_pooling.py; empty when not pooled). A hidden
value is an empty cell, never 0. No formulas.

The CSV is UTF-8 with a byte-order mark: Excel, which most programme offices open a CSV with,
reads a CSV without one in the computer's old code page and garbles "≥", accents and any
non-Latin committee name; with the mark it reads UTF-8. Python (``utf-8-sig``), LibreOffice and
R read the mark without trouble.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from typing import Any

from desktop.domain.model.hub_dashboard import Dashboard, ScopeIndicators
from desktop.domain.services.hub_totals import ALL, HubCell, HubTable
from desktop.domain.services.indicators import NOTHING_REASON, Indicator
from desktop.reports.programme_words import Labels, ProgrammeWords, dimensions

EXACT = "exact"
AT_LEAST = "at least"
HIDDEN = "hidden"
NOT_COUNTED = "nothing to count"
HUB_HIDDEN_REASON = "hidden by the hub: small, or it would give a small number away"
TOTALS = ("cases_received_total", "cases_closed_total")  # the headline cells, as rows


@dataclass(frozen=True)
class IndicatorRow:
    scope: str  # programme, region, committee
    name: str  # "" for the programme; the region; the committee's pseudonym
    label: str  # what the report prints for it
    committees: int
    indicator: str  # the indicator's code (docs/indicators.md), or one of TOTALS
    title: str
    by: str
    value: float | int | str | None  # None: not shown (see status and reason)
    numerator: int | None
    denominator: int | None
    status: str  # exact, at least, hidden, nothing to count
    reason: str
    # pooled from ``covered`` of the scope's ``of`` committees (hub_pooling.py); else empty
    covered: int | None = None
    of: int | None = None


HEADER = tuple(f.name for f in fields(IndicatorRow))


def _cell_status(cell: HubCell) -> str:
    return HIDDEN if cell.hidden else AT_LEAST if cell.total.includes_suppressed else EXACT


def _total_row(scope: ScopeIndicators, code: str, title: str, cell: HubCell) -> IndicatorRow:
    status = _cell_status(cell)
    return IndicatorRow(
        scope.scope, scope.name, scope.label, scope.committees, code, title, "all",
        cell.value, None, None, status, HUB_HIDDEN_REASON if cell.hidden else "",
    )  # fmt: skip


def _indicator_row(
    scope: ScopeIndicators, found: Indicator, words: ProgrammeWords, labels: Labels
) -> IndicatorRow:
    if found.value is None:
        status = NOT_COUNTED if found.reason == NOTHING_REASON else HIDDEN
        reason = words.reasons.get(found.reason or "", found.reason or "")
    else:
        status, reason = (AT_LEAST if found.at_least else EXACT), ""
    value = found.value
    if isinstance(value, str):
        value = labels.value("feedback_time", value)
    return IndicatorRow(
        scope.scope, scope.name, scope.label, scope.committees, found.name,
        labels.indicator(found.name), found.by, value,
        None if found.value is None else found.numerator,
        None if found.value is None else found.denominator, status, reason,
        found.covered, found.of,
    )  # fmt: skip


def scopes(dashboard: Dashboard) -> tuple[ScopeIndicators, ...]:
    return (dashboard.programme, *dashboard.regions, *dashboard.committee_rows)


def indicator_rows(
    dashboard: Dashboard, words: ProgrammeWords | None = None, labels: Labels | None = None
) -> list[IndicatorRow]:
    """One row per scope and indicator (and the scope's cases received and closed, which may
    be "at least"), the programme first, then the regions, then the committees."""
    w, names = words or ProgrammeWords(), labels or Labels()
    rows: list[IndicatorRow] = []
    for scope in scopes(dashboard):
        rows.append(_total_row(scope, TOTALS[0], w.received, scope.received))
        rows.append(_total_row(scope, TOTALS[1], w.closed, scope.closed))
        rows += [_indicator_row(scope, found, w, names) for found in scope.indicators]
    return rows


def _csv_value(value: object) -> str:
    """A number as written; a text (a committee's name or region, typed at the hub) that a
    spreadsheet would take for a formula gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def programme_csv(
    dashboard: Dashboard, words: ProgrammeWords | None = None, labels: Labels | None = None
) -> bytes:
    """The indicator table as CSV (UTF-8 with a byte-order mark, for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in indicator_rows(dashboard, words, labels):
        writer.writerow([_csv_value(v) for v in astuple(row)])
    return out.getvalue().encode("utf-8-sig")


def trend_rows(dashboard: Dashboard) -> list[tuple[object, ...]]:
    return [
        (
            point.period,
            point.received.value,
            _cell_status(point.received),
            point.closed.value,
            _cell_status(point.closed),
        )
        for point in dashboard.trend
    ]


TREND_HEADER = ("period", "received", "received_status", "closed", "closed_status")
TABLE_HEADER = ("row", "column", "row_code", "column_code", "value", "status")
MISSING_HEADER = ("committee", "name", "region", "owed", "last_period")


def table_rows(table: HubTable, labels: Labels, words: ProgrammeWords) -> list[tuple[object, ...]]:
    """Every cell and total of ``table`` shown (``*``: the total over that dimension)."""
    if table.withheld:
        return []
    first = dimensions(table)[0]
    second = dimensions(table)[1] if table.two_way else ""
    columns = [*table.columns, ALL] if table.two_way else [""]
    rows: list[tuple[object, ...]] = []
    for code1 in [*table.rows, ALL]:
        for code2 in columns:
            cell = table.cell(code1, code2)
            row_label = words.total if code1 == ALL else labels.value(first, code1)
            column_label = (
                "" if not second else words.total if code2 == ALL else labels.value(second, code2)
            )
            rows.append((row_label, column_label, code1, code2, cell.value, _cell_status(cell)))
    return rows


def _sheet_title(text: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip() or "Table"
    base = clean[:31]
    title, number = base, 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.lower())
    return title


def programme_xlsx(
    dashboard: Dashboard, words: ProgrammeWords | None = None, labels: Labels | None = None
) -> bytes:
    """Sheets: Indicators, Trend, one per table, Missing exports; the header row bold and
    frozen; numbers as numbers (shares as fractions shown in per cent), no formulas."""
    from openpyxl import Workbook

    w, names = words or ProgrammeWords(), labels or Labels()
    book = Workbook()
    taken: set[str] = set()
    sheet: Any = book.active
    sheet.title = _sheet_title("Indicators", taken)
    rows = indicator_rows(dashboard, w, names)
    _fill(sheet, HEADER, [astuple(r) for r in rows])
    value_column = HEADER.index("value") + 1
    for index, row in enumerate(rows, start=2):
        if row.denominator is not None and isinstance(row.value, float):
            sheet.cell(row=index, column=value_column).number_format = "0.0%"
    _fill(book.create_sheet(_sheet_title("Trend", taken)), TREND_HEADER, trend_rows(dashboard))
    for table in dashboard.tables:
        title = _sheet_title(names.table(table.name), taken)
        _fill(book.create_sheet(title), TABLE_HEADER, table_rows(table, names, w))
    missing = [
        (m.committee, m.display_name, m.region, m.owed, m.last_period) for m in dashboard.missing
    ]
    _fill(book.create_sheet(_sheet_title("Missing exports", taken)), MISSING_HEADER, missing)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(sheet: Any, header: tuple[str, ...], rows: Sequence[tuple[object, ...]]) -> None:
    from openpyxl.styles import Font

    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text that starts with "=" stays text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        longest = max([len(name)] + [len(str(r[index - 1] or "")) for r in rows])
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = min(48, max(8, longest + 2))
