"""What the dashboard's charts draw, as plain data, and where each bar goes.

A chart is groups (periods, categories, age bands) of bars, one bar per series (received and
closed; female, male...). A bar is a hub cell: an exact count is a solid bar; an "at least"
count is a hatched bar with an open end, labelled "≥ N"; a hidden count is a gap labelled "—",
never a bar of zero. The geometry is computed here, apart from the painting, so that tests can
check it without pixels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRectF

from desktop.domain.model.hub_dashboard import Dashboard
from desktop.domain.services.hub_totals import ALL, HubCell, HubTable
from desktop.views.hub.dashboard_labels import cell_text, code_label, table_dimensions


def _t(text: str) -> str:
    return QCoreApplication.translate("HubCharts", text)


@dataclass(frozen=True)
class Bar:
    group: int  # index into ChartData.groups
    series: int  # index into ChartData.series
    cell: HubCell

    @property
    def kind(self) -> str:
        """ "exact", "at_least" or "suppressed" (HubCell.status)."""
        return self.cell.status

    @property
    def text(self) -> str:
        return cell_text(self.cell)


@dataclass(frozen=True)
class ChartData:
    groups: tuple[str, ...]  # labels, in drawing order
    series: tuple[str, ...]  # labels
    bars: tuple[Bar, ...]

    @property
    def top(self) -> int:
        """The largest value drawn (1 when nothing is): the length of a full bar."""
        shown = [b.cell.total.known for b in self.bars if not b.cell.hidden]
        return max([1, *shown])


@dataclass(frozen=True)
class PlacedBar:
    bar: Bar
    rect: QRectF | None  # None: a hidden value, a gap
    label: QRectF  # where its text goes


EMPTY = ChartData((), (), ())


def trend_chart(dashboard: Dashboard) -> ChartData:
    """Cases received and closed per period, oldest first."""
    points = dashboard.trend
    bars: list[Bar] = []
    for number, point in enumerate(points):
        bars.append(Bar(number, 0, point.received))
        bars.append(Bar(number, 1, point.closed))
    return ChartData(tuple(p.period for p in points), (_t("Received"), _t("Closed")), tuple(bars))


def totals_chart(table: HubTable | None) -> ChartData:
    """One bar per row of ``table``: its row total (e.g. cases by kind of dispute)."""
    if table is None or table.withheld:
        return EMPTY
    dimension = table_dimensions(table)[0]
    column = ALL if table.two_way else ""
    bars = tuple(Bar(n, 0, table.cell(code, column)) for n, code in enumerate(table.rows))
    return ChartData(
        tuple(code_label(dimension, code) for code in table.rows), (_t("Cases"),), bars
    )


def crossed_chart(table: HubTable | None) -> ChartData:
    """A group per column of a two-way ``table`` and a bar per row in it (e.g. a group per
    age band, a bar per sex)."""
    if table is None or table.withheld or not table.two_way:
        return EMPTY
    rows_dimension, columns_dimension = table_dimensions(table)[:2]
    bars = tuple(
        Bar(g, s, table.cell(row, column))
        for g, column in enumerate(table.columns)
        for s, row in enumerate(table.rows)
    )
    return ChartData(
        tuple(code_label(columns_dimension, c) for c in table.columns),
        tuple(code_label(rows_dimension, r) for r in table.rows),
        bars,
    )


def horizontal_layout(
    data: ChartData, plot: QRectF, bar_height: float, gap: float, label_width: float
) -> list[PlacedBar]:
    """Bars growing from ``plot``'s left edge; each group's bars one under the other."""
    placed: list[PlacedBar] = []
    per_group = max(1, len(data.series))
    band = per_group * bar_height + gap
    for bar in data.bars:
        y = plot.top() + bar.group * band + bar.series * bar_height
        length = _length(bar, plot.width() - label_width, data.top)
        rect = None if length is None else QRectF(plot.left(), y, length, bar_height - 2)
        end = plot.left() + (length or 0.0)
        placed.append(PlacedBar(bar, rect, QRectF(end + 4, y, label_width, bar_height - 2)))
    return placed


def vertical_layout(
    data: ChartData, plot: QRectF, label_height: float, gap: float, widest: float
) -> list[PlacedBar]:
    """Bars standing on ``plot``'s bottom edge; each group's bars side by side, centred in
    its slot, no wider than ``widest``."""
    placed: list[PlacedBar] = []
    groups = max(1, len(data.groups))
    per_group = max(1, len(data.series))
    slot = plot.width() / groups
    width = min(widest, max(4.0, (slot - gap) / per_group))
    inset = (slot - width * per_group) / 2
    for bar in data.bars:
        x = plot.left() + bar.group * slot + inset + bar.series * width
        length = _length(bar, plot.height() - label_height, data.top)
        bottom = plot.bottom()
        rect = None if length is None else QRectF(x, bottom - length, width - 2, length)
        top = bottom - (length or 0.0) - label_height
        placed.append(PlacedBar(bar, rect, QRectF(x - gap / 2, top, width + gap, label_height)))
    return placed


def _length(bar: Bar, room: float, top: int) -> float | None:
    if bar.cell.hidden:
        return None
    return max(0.0, room) * bar.cell.total.known / top
