"""The PDF summary of an export period: one page per section (the totals and indicators, cases
by category, outcomes, referrals by actor kind, referral completion), each a chart and the
numbers it is drawn from.

Plain data in, PDF out: :class:`SummarySheet` holds published numbers only (built from an
export's tables by :mod:`desktop.reports.summary_sheet`) and already translated words. A
suppressed value is ``None``: it is never drawn as a bar of any height, but as a labelled gap,
and written as ``texts.suppressed`` in the numbers. reportlab is imported inside the functions
only. The wall copy may carry the committee's name; a summary inside an export file carries only
the committee's pseudonym (the caller chooses ``committee``).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from desktop.reports import letterhead as lh

CHART_HEIGHT_PER_BAR = 22.0


@dataclass(frozen=True)
class SummaryTexts:
    title: str = "Summary of cases"
    committee: str = "Committee"
    period: str = "Period"
    generated: str = "Made on"
    totals: str = "Totals and indicators"
    figure: str = "Figure"
    value: str = "Number"
    total: str = "Total"
    suppressed: str = "hidden"
    legend: str = (
        "hidden: not shown, so that nobody can be recognised from this number or worked out "
        "from the others. It can be any number."
    )
    withheld: str = "Too few cases in this period to show this section."
    completed: str = "Completed"
    not_completed: str = "Not completed yet"
    no_completion: str = "The completion rate cannot be shown for this period."
    page: str = "Page {page}"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: suppressed, drawn as a labelled gap


@dataclass(frozen=True)
class Section:
    """One page: a chart of ``bars`` and the same numbers in a table."""

    title: str
    intro: str
    bars: tuple[Bar, ...]
    total: int | None  # None: withheld (too few cases)
    note: str = ""  # e.g. which values are combined
    vertical: bool = False
    completion: tuple[int, int] | None = None  # (completed, not completed): a pie


@dataclass(frozen=True)
class SummarySheet:
    committee: str  # the name (wall copy) or the pseudonym (inside an export)
    period: str
    generated: str
    figures: tuple[tuple[str, str], ...]  # the totals page: (label, value as text)
    sections: tuple[Section, ...]
    not_included: str = ""


def write_summary(
    path: str | os.PathLike[str], sheet: SummarySheet, texts: SummaryTexts | None = None
) -> Path:
    """Write the summary to ``path`` atomically."""
    words = texts or SummaryTexts()
    return lh.write_atomically(path, ".summary-", lambda out: _render(out, sheet, words))


def summary_bytes(sheet: SummarySheet, texts: SummaryTexts | None = None) -> bytes:
    """The summary as bytes (for an export bundle: no temporary file)."""
    buffer = io.BytesIO()
    _render(buffer, sheet, texts or SummaryTexts())
    return buffer.getvalue()


def _number(value: int | None, texts: SummaryTexts) -> str:
    return texts.suppressed if value is None else str(value)


def _render(stream: BinaryIO, sheet: SummarySheet, texts: SummaryTexts) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer

    st = lh.styles()
    margin = lh.MARGIN_MM * mm
    width = A4[0] - 2 * margin

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(margin, 10 * mm, f"{sheet.committee}  \u00b7  {sheet.period}")
        canvas.drawRightString(
            A4[0] - margin, 10 * mm, texts.page.format(page=canvas.getPageNumber())
        )
        canvas.restoreState()

    story: list[Any] = _head(sheet, texts, width, st)
    story.append(lh.para(texts.totals, st["title"]))
    story.append(_numbers([(label, value) for label, value in sheet.figures], texts, width, st))
    if sheet.not_included:
        story += [Spacer(1, 8), lh.para(sheet.not_included, st["body"])]
    story += [Spacer(1, 6), lh.para(texts.legend, st["small"])]
    for section in sheet.sections:
        story.append(PageBreak())
        story += _head(sheet, texts, width, st)
        story += _section(section, texts, width, st)
    doc = SimpleDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=texts.title,
        author="",
        creator="Suluhu",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _head(sheet: SummarySheet, texts: SummaryTexts, width: float, st: dict[str, Any]) -> list[Any]:
    sender = lh.Letterhead(sheet.committee, f"{texts.period}: {sheet.period}")
    return [
        *lh.letterhead(sender, f"{texts.generated}: {sheet.generated}", width, st),
        lh.para(texts.title, st["small"]),
    ]


def _numbers(
    rows: list[tuple[str, str]], texts: SummaryTexts, width: float, st: dict[str, Any]
) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    data = [[lh.para(texts.figure, st["bold"]), lh.para(texts.value, st["bold"])]]
    data += [[lh.para(label, st["body"]), lh.para(value, st["right"])] for label, value in rows]
    table = Table(data, colWidths=[width * 0.75, width * 0.25], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _section(section: Section, texts: SummaryTexts, width: float, st: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer

    parts: list[Any] = [lh.para(section.title, st["title"])]
    if section.intro:
        parts.append(lh.para(section.intro, st["body"]))
    parts.append(Spacer(1, 8))
    if section.total is None:
        parts.append(lh.para(texts.withheld, st["bold"]))
        return parts
    if section.bars:
        parts += [_chart(section, texts, width), Spacer(1, 8)]
    if section.completion is not None:
        parts += [_pie(section.completion, texts, width), Spacer(1, 8)]
    rows = [(bar.label, _number(bar.value, texts)) for bar in section.bars]
    rows.append((texts.total, str(section.total)))
    parts.append(_numbers(rows, texts, width, st))
    if section.note:
        parts += [Spacer(1, 4), lh.para(section.note, st["small"])]
    if any(bar.value is None for bar in section.bars):
        parts += [Spacer(1, 4), lh.para(texts.legend, st["small"])]
    return parts


def _chart(section: Section, texts: SummaryTexts, width: float) -> Any:
    """Bars of the published values; a suppressed value is a gap labelled ``suppressed``."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    bars = section.bars
    count = len(bars)
    top = max([b.value or 0 for b in bars] + [1])
    if section.vertical:
        height = 230.0
        chart: Any = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 40, 60, width - 60, height - 80
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    else:
        height = max(count * CHART_HEIGHT_PER_BAR + 40, 90.0)
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 170, 20, width - 230, height - 30
        chart.categoryAxis.reverseDirection = 1
        chart.categoryAxis.labels.boxAnchor = "e"
    drawing = Drawing(width, height)
    chart.data = [[b.value for b in bars]]
    chart.categoryAxis.categoryNames = [_short(b.label) for b in bars]
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 8
    step = max(1, -(-top // 5))  # whole-number ticks, about five of them
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (-(-top // step) + 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor("#2f6f8f")
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    drawing.add(chart)
    slot = (chart.width if section.vertical else chart.height) / count
    span = chart.height if section.vertical else chart.width
    for index, bar in enumerate(bars):
        centre = (index + 0.5) * slot
        reach = 0.0 if bar.value is None else span * bar.value / chart.valueAxis.valueMax
        text = _number(bar.value, texts)
        grey = colors.HexColor("#8a1c1c") if bar.value is None else colors.black
        font = "Helvetica-Oblique" if bar.value is None else "Helvetica"
        if section.vertical:
            x, y, anchor = chart.x + centre, chart.y + reach + 3, "middle"
        else:
            x, y, anchor = chart.x + reach + 4, chart.y + chart.height - centre - 3, "start"
        drawing.add(
            String(x, y, text, fontName=font, fontSize=8, fillColor=grey, textAnchor=anchor)
        )
    return drawing


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "\u2026"


def _pie(completion: tuple[int, int], texts: SummaryTexts, width: float) -> Any:
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    done, left = completion
    drawing = Drawing(width, 150)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 40, 10, 130, 130
    pie.data = [done, left] if done + left else [1]
    pie.labels = [f"{texts.completed}: {done}", f"{texts.not_completed}: {left}"]
    pie.sideLabels = True
    pie.slices.strokeColor = colors.white
    pie.slices[0].fillColor = colors.HexColor("#2f6f8f")
    pie.slices[1].fillColor = colors.HexColor("#c9d6de")
    drawing.add(pie)
    return drawing
