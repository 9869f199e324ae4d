"""The trend chart drawn with QPainter: a group of bars per period (cases received and closed),
oldest on the left (on the right, right to left), each bar's value above it. A hidden value is
a gap labelled "—" on the axis, never a bar of zero; an "at least" value is a hatched bar with
an open top labelled "≥ N"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent

from desktop.views.hub.chart_model import PlacedBar, vertical_layout
from desktop.views.hub.chart_paint import (
    AXIS,
    TEXT,
    mirrored,
    paint_bar,
    paint_labels,
    paint_legend,
)
from desktop.views.hub.chart_widget import ChartWidget

LINES = 13  # the chart's height, in lines of text


class TrendChart(ChartWidget):
    def _line(self) -> float:
        return QFontMetricsF(self.font()).height()

    def plot_rect(self) -> QRectF:
        """Where bars stand: under the legend, over the period labels."""
        line = self._line()
        top = line + 8
        return QRectF(8, top, self.width() - 16, self.height() - top - line - 8)

    def placed(self) -> list[PlacedBar]:
        """Each bar's rectangle (None for a hidden value) and label, left to right."""
        line = self._line()
        return vertical_layout(self.data, self.plot_rect(), line + 2, self._gap(), line * 4)

    def _gap(self) -> float:
        return max(16.0, self.plot_rect().width() / max(1, len(self.data.groups)) * 0.3)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(400, int(self._line() * LINES))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.data.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = float(self.width())
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        paint_legend(painter, self.data, 0.0, width, rtl)
        plot = self.plot_rect()
        placed = self.placed()
        for item in placed:
            if item.rect is not None:
                paint_bar(
                    painter, mirrored(item.rect, width, rtl), item.bar.kind, item.bar.series,
                    "top",
                )  # fmt: skip
        painter.setPen(AXIS)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        paint_labels(painter, placed, width, rtl, centre=True)
        painter.setPen(TEXT)
        slot = plot.width() / max(1, len(self.data.groups))
        for number, group in enumerate(self.data.groups):
            rect = QRectF(plot.left() + number * slot, plot.bottom() + 4, slot, self._line())
            painter.drawText(mirrored(rect, width, rtl), int(Qt.AlignmentFlag.AlignHCenter), group)
        painter.end()
