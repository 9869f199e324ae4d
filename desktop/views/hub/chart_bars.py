"""A horizontal bar chart drawn with QPainter: a group per line (a kind of dispute, an age
band) with its label, and a bar per series in it; values beside the bars. A hidden value is a
gap labelled "—", an "at least" value a hatched bar with an open end labelled "≥ N". The
chart is as tall as its groups need; right to left it grows from the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent

from desktop.views.hub.chart_model import PlacedBar, horizontal_layout
from desktop.views.hub.chart_paint import (
    AXIS,
    TEXT,
    mirrored,
    paint_bar,
    paint_labels,
    paint_legend,
)
from desktop.views.hub.chart_widget import ChartWidget

MAX_LABEL_SHARE = 0.35  # of the width, for the group labels


class BarChart(ChartWidget):
    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _legend_height(self) -> float:
        metrics = self._metrics()
        marked = any(b.kind != "exact" for b in self.data.bars)
        return metrics.height() + 8 if len(self.data.series) > 1 or marked else 0.0

    def _band(self) -> tuple[float, float]:
        height = self._metrics().height() + 6
        return height, height * 0.6

    def _label_column(self) -> float:
        metrics = self._metrics()
        widest = max((metrics.horizontalAdvance(g) for g in self.data.groups), default=0.0)
        return min(widest + 12, self.width() * MAX_LABEL_SHARE)

    def plot_rect(self) -> QRectF:
        left = self._label_column()
        return QRectF(left, self._legend_height(), self.width() - left - 8, self._groups_height())

    def _groups_height(self) -> float:
        bar, gap = self._band()
        return len(self.data.groups) * (max(1, len(self.data.series)) * bar + gap)

    def placed(self) -> list[PlacedBar]:
        """Each bar's rectangle (None for a hidden value) and label, left to right."""
        bar, gap = self._band()
        room = self._metrics().horizontalAdvance("\u2265 000000") + 8
        return horizontal_layout(self.data, self.plot_rect(), bar, gap, room)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(400, int(self._legend_height() + self._groups_height() + 4))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(200, self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LayoutDirectionChange):
            self.updateGeometry()
        super().changeEvent(event)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.data.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = float(self.width())
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        paint_legend(painter, self.data, 0.0, width, rtl)
        plot = self.plot_rect()
        bar, gap = self._band()
        band = max(1, len(self.data.series)) * bar + gap
        painter.setPen(TEXT)
        side = Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
        metrics = self._metrics()
        for number, group in enumerate(self.data.groups):
            rect = QRectF(0, plot.top() + number * band, plot.left() - 10, bar)
            text = metrics.elidedText(group, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(
                mirrored(rect, width, rtl),
                int(side | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute),
                text,
            )
        placed = self.placed()
        for item in placed:
            if item.rect is not None:
                open_end = "left" if rtl else "right"
                paint_bar(
                    painter, mirrored(item.rect, width, rtl), item.bar.kind,
                    item.bar.series, open_end,
                )  # fmt: skip
        painter.setPen(AXIS)
        axis = mirrored(QRectF(plot.left() - 1, plot.top(), 1, plot.height()), width, rtl)
        painter.drawLine(axis.topLeft(), axis.bottomLeft())
        paint_labels(painter, placed, width, rtl, centre=False)
        painter.end()
