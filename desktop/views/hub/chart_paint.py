"""Painting shared by the dashboard's charts: series colours, one bar (solid, or hatched with
an open end for "at least"), and the legend row (a swatch per series, and the hatch)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from desktop.views.appearance import ACCENT
from desktop.views.hub.chart_model import ChartData, PlacedBar

COLOURS = ("#2f5d62", "#c9822b", "#7a6fa8", "#5b8c3a", "#a04a4a", "#4a7aa0", "#8c8c8c")
TEXT = QColor("#303030")
AXIS = QColor("#9a968c")


def colour(series: int) -> QColor:
    return QColor(COLOURS[series % len(COLOURS)] if series else ACCENT)


def mirrored(rect: QRectF, width: float, rtl: bool) -> QRectF:
    """``rect`` laid out left to right, placed for the widget's direction."""
    if not rtl:
        return rect
    return QRectF(width - rect.right(), rect.top(), rect.width(), rect.height())


def paint_bar(painter: QPainter, rect: QRectF, kind: str, series: int, open_end: str) -> None:
    """A solid bar, or for "at least" a hatched one whose ``open_end`` ("top", "left" or
    "right") has no edge: the count may go on beyond it."""
    fill = colour(series)
    if kind != "at_least":
        painter.fillRect(rect, fill)
        return
    painter.fillRect(rect, QBrush(fill, Qt.BrushStyle.BDiagPattern))
    painter.setPen(QPen(fill, 1.5))
    left, right = QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top())
    bottom_left, bottom_right = QPointF(rect.left(), rect.bottom()), rect.bottomRight()
    edges = {
        "top": [(left, bottom_left), (bottom_left, bottom_right), (bottom_right, right)],
        "right": [(right, left), (left, bottom_left), (bottom_left, bottom_right)],
        "left": [(left, right), (right, bottom_right), (bottom_right, bottom_left)],
    }[open_end]
    for start, end in edges:
        painter.drawLine(start, end)


def paint_labels(
    painter: QPainter, placed: list[PlacedBar], width: float, rtl: bool, centre: bool
) -> None:
    """Each bar's value ("240", "≥ 212", "—") beside its end, or centred above it."""
    painter.setPen(TEXT)
    if centre:
        align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
    else:
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        align = side | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute
    for item in placed:
        painter.drawText(mirrored(item.label, width, rtl), int(align), item.bar.text)


def paint_legend(painter: QPainter, data: ChartData, top: float, width: float, rtl: bool) -> float:
    """The series swatches (and the hatch, when a bar is "at least") in a row at ``top``;
    returns the row's height."""
    metrics = QFontMetricsF(painter.font())
    entries = (
        [(name, n, "exact") for n, name in enumerate(data.series)] if len(data.series) > 1 else []
    )
    if any(b.kind == "at_least" for b in data.bars):
        entries.append((QCoreApplication.translate("HubCharts", "at least"), 0, "at_least"))
    if any(b.cell.hidden for b in data.bars):
        entries.append((QCoreApplication.translate("HubCharts", "hidden"), 0, "suppressed"))
    if not entries:
        return 0.0
    size = metrics.height() * 0.8
    x = 0.0
    for name, series, kind in entries:
        swatch = QRectF(x, top + (metrics.height() - size) / 2, size, size)
        if kind == "suppressed":  # the mark a hidden value has instead of a bar
            painter.setPen(TEXT)
            painter.drawText(
                mirrored(swatch, width, rtl), int(Qt.AlignmentFlag.AlignCenter), "\u2014"
            )
        else:
            paint_bar(painter, mirrored(swatch, width, rtl), kind, series, "right")
        text = QRectF(x + size + 6, top, metrics.horizontalAdvance(name) + 2, metrics.height())
        painter.setPen(TEXT)
        painter.drawText(mirrored(text, width, rtl), int(Qt.AlignmentFlag.AlignVCenter), name)
        x = text.right() + 18
    return metrics.height() + 8
