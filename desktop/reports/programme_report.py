"""The programme report (PDF): what one :class:`Dashboard` holds, for a donor.

Page 1: the title, the periods, committees and exports counted, the filters, the headline
figures, the trend and how to read the numbers. Then each table (a chart and the numbers), the
indicators per region and per committee, and the committees that have not sent their export.

Only what the Dashboard holds is written, and it has been through the hub's disclosure control
already: a hidden cell is printed "—" and never drawn, an "at least" total is printed "≥ N"
(desktop/reports/programme_words.py decides both). The house style is the committee summary's
(desktop/reports/letterhead.py: styles, margins, letterhead, footer with the page number).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from desktop.domain.model.hub_dashboard import Dashboard, ScopeIndicators
from desktop.domain.services.hub_totals import ALL, HubCell, HubTable
from desktop.domain.services.indicators import ALL as EVERYONE
from desktop.domain.services.indicators import Indicator
from desktop.reports import letterhead as lh
from desktop.reports.programme_charts import bar_chart, trend_chart
from desktop.reports.programme_words import (
    HIDDEN_MARK,
    POOLED_MARK,
    Labels,
    ProgrammeWords,
    cell_text,
    dimensions,
    indicator_text,
    pooled_text,
)

HEADLINE = (
    "cases_resolved",
    "share_resolved_by_agreement",
    "share_agreements_kept",
    "referral_completion_rate",
    "median_days_to_feedback",
    "share_found_process_fair",
)
SCOPE_COLUMNS = HEADLINE[1:5]
COLUMN_CHART = {"complainants_by_sex_and_age"}  # charted by column (age), not by row
GRID = "#999999"
LONG_TABLE = 10
MAX_COLUMNS = 7  # more, and a table with fewer rows is printed turned


def programme_report_pdf(
    dashboard: Dashboard,
    title: str = "",
    made_on: date | str = "",
    *,
    words: ProgrammeWords | None = None,
    labels: Labels | None = None,
) -> bytes:
    """The report as PDF bytes (A4). ``title`` defaults to the words' "Programme report";
    ``made_on`` is a date or the date already in words."""
    w, names = words or ProgrammeWords(), labels or Labels()
    heading = title.strip() or w.title
    when = lh.format_date(made_on) if isinstance(made_on, date) else made_on
    buffer = io.BytesIO()
    periods = periods_text(dashboard, names)
    doc = lh.document(buffer, heading, True, lh.footer(w.periods, periods, w.page))
    width = doc.width
    st = lh.styles()
    story = _first_page(dashboard, heading, when, periods, w, names, width, st)
    for table in dashboard.tables:
        story += _table_section(table, w, names, width, st)
    story += _scopes(dashboard, w, names, width, st)
    story += _missing(dashboard, w, width, st)
    doc.build(story)
    return buffer.getvalue()


def periods_text(dashboard: Dashboard, labels: Labels) -> str:
    named = [labels.period(p) for p in dashboard.periods]
    if len(named) <= 4:
        return ", ".join(named) or HIDDEN_MARK
    return f"{named[0]} \u2013 {named[-1]} ({len(named)})"


def filters_text(dashboard: Dashboard, words: ProgrammeWords, labels: Labels) -> str:
    chosen = dashboard.filters
    committee_names = {
        c.pseudonym: c.display_name or c.pseudonym for c in dashboard.choices.committees
    }
    named = {
        "regions": sorted(chosen.regions),
        "committees": sorted(committee_names.get(c, c) for c in chosen.committees),
        "categories": sorted(labels.value("category", c) for c in chosen.categories),
        "sexes": sorted(labels.value("complainant_sex", c) for c in chosen.sexes),
        "age_bands": sorted(labels.value("complainant_age", c) for c in chosen.age_bands),
    }
    parts = [f"{title}: {', '.join(named[key])}" for key, title in words.filter_names if named[key]]
    return "; ".join(parts) or words.no_filters


def _first_page(
    dashboard: Dashboard,
    heading: str,
    when: str,
    periods: str,
    w: ProgrammeWords,
    labels: Labels,
    width: float,
    st: dict[str, Any],
) -> list[Any]:
    from reportlab.platypus import PageBreak, Spacer

    facts = [
        (w.periods, periods),
        (w.committees, str(dashboard.committees)),
        (w.exports, str(dashboard.exports)),
        (w.filters, filters_text(dashboard, w, labels)),
    ]
    facts += [("", w.notes.get(code, code)) for code in dashboard.notes]
    story: list[Any] = [
        *lh.letterhead(lh.Letterhead(heading), f"{w.made_on}: {when}" if when else "", width, st),
        lh.facts_table(facts, width, st),
        Spacer(1, 6),
        lh.para(w.headline, st["title"]),
        lh.facts_grid(headline(dashboard.programme, w, labels), width, st),
        Spacer(1, 6),
        lh.para(w.trend if dashboard.trend_by == "month" else w.trend_quarter, st["title"]),
        trend_chart(
            [(_axis(p.period, dashboard, labels), p.received, p.closed) for p in dashboard.trend],
            width,
            (w.received, w.closed),
            w.hidden,
        ),
        Spacer(1, 6),
        lh.para(w.how_to_read, st["heading"]),
        lh.para(w.how_to_read_text.format(threshold=thresholds(dashboard)), st["small"]),
        *([lh.para(w.pooled_note, st["small"])] if any_pooled(dashboard) else []),
        PageBreak(),
    ]
    return story


def any_pooled(dashboard: Dashboard) -> bool:
    scopes = (dashboard.programme, *dashboard.regions)
    return any(i.covered is not None for s in scopes for i in s.indicators)


def _axis(period: str, dashboard: Dashboard, labels: Labels) -> str:
    """A period's name under the trend, or its code when names would not fit side by side."""
    return labels.period(period) if len(dashboard.trend) <= 6 else period


def thresholds(dashboard: Dashboard) -> str:
    values = sorted({t.threshold for t in dashboard.tables})
    return " / ".join(str(v) for v in values) or HIDDEN_MARK


def headline(scope: ScopeIndicators, w: ProgrammeWords, labels: Labels) -> list[tuple[str, str]]:
    rows = [(w.received, cell_text(scope.received)), (w.closed, cell_text(scope.closed))]
    for name in HEADLINE:
        found = _find(scope, name)
        if found is not None:
            text = indicator_text(found, w, labels)
            pooled = pooled_text(found, w)
            rows.append((labels.indicator(name), f"{text}, {pooled}" if pooled else text))
    return rows


def _find(scope: ScopeIndicators, name: str) -> Indicator | None:
    return next((i for i in scope.indicators if i.name == name and i.by == EVERYONE), None)


def _table_section(
    table: HubTable, w: ProgrammeWords, labels: Labels, width: float, st: dict[str, Any]
) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    head = [
        lh.para(labels.table(table.name), st["title"]),
        lh.para(
            w.table_intro.format(committees=table.committees, periods=len(table.periods)),
            st["small"],
        ),
        Spacer(1, 4),
    ]
    if table.withheld:
        return [KeepTogether([*head, lh.para(w.withheld, st["bold"]), Spacer(1, 10)])]
    bars = _bars(table, w, labels)
    chart = [bar_chart(bars, width, w.hidden), Spacer(1, 4)] if len(bars) > 1 else []
    numbers = grid(table, w, labels, width, st)
    if len(table.rows) > LONG_TABLE:  # the numbers may run on to the next page
        return [KeepTogether([*head, *chart]), numbers, Spacer(1, 12)]
    return [KeepTogether([*head, *chart, numbers, Spacer(1, 12)])]


def _bars(table: HubTable, w: ProgrammeWords, labels: Labels) -> list[tuple[str, HubCell]]:
    if table.two_way and table.name in COLUMN_CHART:
        dimension = dimensions(table)[1]
        return [(labels.value(dimension, c), table.cell(ALL, c)) for c in table.columns]
    dimension = dimensions(table)[0]
    other = ALL if table.two_way else ""
    return [(labels.value(dimension, r), table.cell(r, other)) for r in table.rows]


def grid(
    table: HubTable, w: ProgrammeWords, labels: Labels, width: float, st: dict[str, Any]
) -> Any:
    """The table's rows and columns with their totals, every number as printed; a table with
    many columns and few rows is printed turned (its columns as rows), so that it fits."""
    from reportlab.lib.styles import ParagraphStyle

    small = ParagraphStyle("grid", parent=st["body"], fontSize=8.5, leading=10.5)
    bold = ParagraphStyle("grid_bold", parent=small, fontName="Helvetica-Bold")
    right = ParagraphStyle("grid_right", parent=small, alignment=2)
    right_bold = ParagraphStyle("grid_right_bold", parent=right, fontName="Helvetica-Bold")
    head = ParagraphStyle("grid_head", parent=right_bold, fontSize=7.5, leading=9)
    names = dimensions(table)
    turned = table.two_way and len(table.columns) > MAX_COLUMNS >= len(table.rows)
    down, across = (1, 0) if turned else (0, 1)
    codes = (table.rows, table.columns)

    def cell(row: str, column: str) -> HubCell:
        return table.cell(column, row) if turned else table.cell(row, column)

    if table.two_way:
        keys = [*codes[across], ALL]
        header = [labels.value(names[across], c) for c in codes[across]] + [w.total]
    else:
        keys, header = [""], [w.value]
    rows = [[lh.para(labels.dimension(names[down]), bold)] + [lh.para(h, head) for h in header]]
    for code in [*codes[down], ALL]:
        name = w.total if code == ALL else labels.value(names[down], code)
        style = right_bold if code == ALL else right
        rows.append(
            [lh.para(name, bold if code == ALL else small)]
            + [lh.para(cell_text(cell(code, k)), style) for k in keys]
        )
    label_width = width * (0.3 if len(keys) > 4 else 0.4)
    widths = [label_width] + [(width - label_width) / len(keys)] * len(keys)
    return _ruled(rows, widths)


def _ruled(rows: list[list[Any]], widths: list[float]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(GRID)),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _scopes(
    dashboard: Dashboard, w: ProgrammeWords, labels: Labels, width: float, st: dict[str, Any]
) -> list[Any]:
    """One line per region, then per committee: counts and the main indicators."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Spacer

    small = ParagraphStyle("scope", parent=st["body"], fontSize=8, leading=10)
    bold = ParagraphStyle("scope_bold", parent=small, fontName="Helvetica-Bold")
    right = ParagraphStyle("scope_right", parent=small, alignment=2)
    head = ParagraphStyle("scope_head", parent=bold, fontSize=7.5, leading=9)
    columns = [w.committee_count, w.received, w.closed, *map(labels.indicator, SCOPE_COLUMNS)]
    story: list[Any] = [PageBreak(), lh.para(w.scopes, st["title"])]
    label_width, count_width = width * 0.22, width * 0.12
    widths = [label_width, count_width] + [(width - label_width - count_width) / 6] * 6
    for title, scopes in (
        (w.by_region, dashboard.regions),
        (w.by_committee, dashboard.committee_rows),
    ):
        if not scopes:
            continue
        rows = [[lh.para(title, bold)] + [lh.para(h, head) for h in columns]]
        for scope in scopes:
            name = scope.label or w.no_region
            values = [str(scope.committees), cell_text(scope.received), cell_text(scope.closed)]
            for indicator in SCOPE_COLUMNS:
                found = _find(scope, indicator)
                values.append(HIDDEN_MARK if found is None else _short_text(found, w, labels))
            rows.append([lh.para(name, small)] + [lh.para(v, right) for v in values])
        story += [Spacer(1, 6), _ruled(rows, widths)]
    return story


def _short_text(found: Indicator, w: ProgrammeWords, labels: Labels) -> str:
    """A share as its per cent only (the indicator table has its parts), else as in full."""
    if isinstance(found.value, float) and found.denominator is not None:
        text = w.percent_only.format(percent=round(100 * found.value))
    else:
        text = indicator_text(found, w, labels)
    return f"{text}\u00a0{POOLED_MARK}" if found.covered is not None else text


def _missing(
    dashboard: Dashboard, w: ProgrammeWords, width: float, st: dict[str, Any]
) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    head = [Spacer(1, 14), lh.para(w.missing, st["title"])]
    if not dashboard.missing:
        return [KeepTogether([*head, lh.para(w.missing_none, st["body"])])]
    rows = [[lh.para(h, st["bold"]) for h in (w.committee, w.region, w.owed, w.last_period)]]
    for m in dashboard.missing:
        name = f"{m.display_name} ({m.committee})" if m.display_name else m.committee
        rows.append(
            [lh.para(v, st["body"]) for v in (name, m.region, m.owed, m.last_period or w.never)]
        )
    intro = lh.para(w.missing_intro.format(period=dashboard.missing_for), st["small"])
    return [
        KeepTogether([*head, intro, Spacer(1, 4)]),
        _ruled(rows, [width * 0.46, width * 0.2, width * 0.17, width * 0.17]),
    ]
