"""What the dashboard's charts share: their data, a width that follows the window, and an
accessible name that reads every bar out (a screen reader hears "Debt, Cases: ≥ 24; ...")."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.views.hub.chart_model import EMPTY, ChartData


class ChartWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = EMPTY
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.setAccessibleName(
            "; ".join(
                f"{data.groups[b.group]} {data.series[b.series]}: {b.text}" for b in data.bars
            )
        )
        self.updateGeometry()
        self.update()
