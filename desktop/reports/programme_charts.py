"""The programme report's charts, drawn with reportlab graphics shapes.

A hidden value is never drawn as a bar of any height: its place is a labelled gap ("—
hidden"). A value that is "at least N" is drawn as an open, hatched bar up to N with the label
"≥ N", so that it never reads as an exact count. reportlab is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.domain.services.hub_totals import HubCell
from desktop.reports.programme_words import HIDDEN_MARK, cell_text

BLUE = "#2f6f8f"
PALE = "#9fc1d3"
SECOND = "#d08c2f"
RED = "#8a1c1c"
BAR_ROW = 20.0
LABEL_WIDTH = 150.0


def _step(top: int) -> int:
    """A whole, round tick step giving about five ticks up to ``top``."""
    raw = max(1, -(-top // 5))
    for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if nice >= raw:
            return nice
    return raw


def _bar(drawing: Any, x: float, y: float, w: float, h: float, cell: HubCell, colour: str) -> None:
    """A filled bar, or an open hatched one when the value is only a lower bound."""
    from reportlab.graphics.shapes import Line, Rect
    from reportlab.lib import colors

    if not cell.total.includes_suppressed:
        drawing.add(Rect(x, y, w, h, fillColor=colors.HexColor(colour), strokeColor=None))
        return
    drawing.add(
        Rect(x, y, w, h, fillColor=colors.white, strokeColor=colors.HexColor(colour),
             strokeWidth=0.8, strokeDashArray=[2, 1.5])
    )  # fmt: skip
    gap = 4.0
    offset = 0.0
    while offset < w + h:  # diagonal hatching, clipped to the bar by hand
        x0, y0 = x + max(0.0, offset - h), y + min(h, offset)
        x1, y1 = x + min(w, offset), y + max(0.0, offset - w)
        drawing.add(Line(x0, y0, x1, y1, strokeColor=colors.HexColor(colour), strokeWidth=0.5))
        offset += gap


def _label(text: str, x: float, y: float, hidden: bool, anchor: str = "start") -> Any:
    from reportlab.graphics.shapes import String
    from reportlab.lib import colors

    return String(
        x, y, text,
        fontName="Helvetica-Oblique" if hidden else "Helvetica",
        fontSize=8,
        fillColor=colors.HexColor(RED) if hidden else colors.black,
        textAnchor=anchor,
    )  # fmt: skip


def bar_chart(bars: Sequence[tuple[str, HubCell]], width: float, hidden_word: str) -> Any:
    """Horizontal bars, one per (label, cell), each labelled with its number as printed."""
    from reportlab.graphics.shapes import Drawing, Line, String
    from reportlab.lib import colors

    height = len(bars) * BAR_ROW + 22
    drawing = Drawing(width, height)
    span = width - LABEL_WIDTH - 60
    step = _step(max([c.value or 0 for _, c in bars] + [1]))
    top = step * (-(-max([c.value or 0 for _, c in bars] + [1]) // step))
    base_y = 14.0
    for tick in range(0, top + 1, step):
        x = LABEL_WIDTH + span * tick / top
        drawing.add(Line(x, base_y, x, height, strokeColor=colors.HexColor("#dddddd")))
        drawing.add(String(x, 3, str(tick), fontName="Helvetica", fontSize=7, textAnchor="middle"))
    for index, (label, cell) in enumerate(bars):
        y = height - (index + 1) * BAR_ROW
        drawing.add(
            String(LABEL_WIDTH - 6, y + 6, _short(label), fontName="Helvetica", fontSize=8,
                   textAnchor="end")
        )  # fmt: skip
        if cell.hidden:
            drawing.add(_label(f"{HIDDEN_MARK} {hidden_word}", LABEL_WIDTH + 4, y + 6, True))
            continue
        reach = span * (cell.value or 0) / top
        _bar(drawing, LABEL_WIDTH, y + 3, reach, BAR_ROW - 8, cell, BLUE)
        drawing.add(_label(cell_text(cell), LABEL_WIDTH + reach + 4, y + 6, False))
    return drawing


def trend_chart(
    points: Sequence[tuple[str, HubCell, HubCell]],
    width: float,
    series: tuple[str, str],
    hidden_word: str,
) -> Any:
    """Received and closed per period, side by side, with a legend."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    height = 190.0
    drawing = Drawing(width, height)
    left, bottom, plot_h = 34.0, 30.0, height - 62
    plot_w = width - left - 8
    highest = max([c.value or 0 for _, r, k in points for c in (r, k)] + [1])
    step = _step(highest)
    top = step * (-(-highest // step) + (1 if highest % step == 0 else 0))
    for tick in range(0, top + 1, step):
        y = bottom + plot_h * tick / top
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=colors.HexColor("#dddddd")))
        drawing.add(
            String(left - 4, y - 2.5, str(tick), fontName="Helvetica", fontSize=7,
                   textAnchor="end")
        )  # fmt: skip
    slot = plot_w / max(1, len(points))
    bar_w = min(26.0, slot / 3)
    for index, (period, received, closed) in enumerate(points):
        centre = left + (index + 0.5) * slot
        for shift, cell, colour in ((-bar_w / 2, received, BLUE), (bar_w / 2, closed, SECOND)):
            x = centre + shift
            if cell.hidden:
                drawing.add(_label(HIDDEN_MARK, x, bottom + 4, True, "middle"))
                continue
            reach = plot_h * (cell.value or 0) / top
            _bar(drawing, x - bar_w / 2 + 1, bottom, bar_w - 2, reach, cell, colour)
            drawing.add(_label(cell_text(cell), x, bottom + reach + 3, False, "middle"))
        drawing.add(
            String(centre, bottom - 12, period, fontName="Helvetica", fontSize=8,
                   textAnchor="middle")
        )  # fmt: skip
    x = left
    for name, colour in zip(series, (BLUE, SECOND), strict=True):
        drawing.add(Rect(x, height - 12, 9, 9, fillColor=colors.HexColor(colour), strokeColor=None))
        drawing.add(String(x + 13, height - 11, name, fontName="Helvetica", fontSize=8.5))
        x += 24 + 5.2 * len(name)
    drawing.add(_label(f"{HIDDEN_MARK} {hidden_word}", x + 10, height - 11, True))
    return drawing


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "\u2026"
