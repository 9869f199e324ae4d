"""What one Dashboard shows, top to bottom: the headline tiles, the trend, cases by kind of
dispute and complainants by sex and age (charts), one table at a time (chosen from a list),
the indicators per region and per committee, and the committees whose export is missing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.model.hub_dashboard import Dashboard
from desktop.views.appearance import enlarge
from desktop.views.hub.chart_bars import BarChart
from desktop.views.hub.chart_model import crossed_chart, totals_chart, trend_chart
from desktop.views.hub.chart_trend import TrendChart
from desktop.views.hub.dashboard_labels import (
    cell_text,
    indicator_text,
    legend_text,
    pooled_legend_text,
    table_dimensions,
)
from desktop.views.hub.dashboard_missing_model import MissingExportsModel
from desktop.views.hub.dashboard_scopes_model import COLUMNS, ScopeIndicatorsModel, indicator
from desktop.views.hub.dashboard_table_model import HubTableModel
from desktop.views.hub.dashboard_table_view import FittedTable
from desktop.views.hub.dashboard_tile import DashboardTile
from desktop.views.reports.report_labels import (
    SUPPRESSED_MARK,
    dimension_title,
    reason_text,
    table_title,
)

TILE_COLUMNS = 3
RATES = ("share_resolved_by_agreement", "share_agreements_kept", "referral_completion_rate")


class DashboardContent(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dashboard: Dashboard | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.tiles = {
            "received": DashboardTile(self.tr("Cases received")),
            "closed": DashboardTile(self.tr("Cases closed")),
            RATES[0]: DashboardTile(self.tr("Closed cases resolved by agreement")),
            RATES[1]: DashboardTile(self.tr("Checked agreements kept")),
            RATES[2]: DashboardTile(self.tr("Referrals completed")),
            "missing": DashboardTile(self.tr("Committees yet to send their export")),
        }
        grid = QGridLayout()
        grid.setSpacing(10)
        for n, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, n // TILE_COLUMNS, n % TILE_COLUMNS)
        self._layout.addLayout(grid)

        self.trend_heading = self._heading("")
        self.trend = TrendChart(self)
        self._layout.addWidget(self.trend)
        self._heading(self.tr("Cases received, by kind of dispute"))
        self.categories = BarChart(self)
        self._layout.addWidget(self.categories)
        self._heading(self.tr("Complainants, by age and sex"))
        self.sex_age = BarChart(self)
        self._layout.addWidget(self.sex_age)
        self.legend = QLabel(legend_text(), self)
        self.legend.setObjectName("pageText")
        self.legend.setWordWrap(True)
        self._layout.addWidget(self.legend)

        self._heading(self.tr("Tables"))
        self.table_choice = QComboBox(self)
        self.table_choice.setAccessibleName(self.tr("Table shown"))
        self.table_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.table_choice.currentIndexChanged.connect(self._choose_table)
        self._layout.addWidget(self.table_choice, 0, Qt.AlignmentFlag.AlignLeading)
        self.table_axes = self._text()
        self.table_model = HubTableModel(self)
        self.table_view = FittedTable(self.table_model, parent=self)
        self.table_view.setSelectionMode(FittedTable.SelectionMode.NoSelection)
        self._layout.addWidget(self.table_view)
        self.table_note = self._text()
        self.table_legend = self._text()
        self.table_legend.setText(legend_text())

        self._heading(self.tr("Indicators by region"))
        self.regions = ScopeIndicatorsModel(self.tr("Region"), self)
        self.regions_view = FittedTable(
            self.regions, wrap_titles=True, fit_contents=True, parent=self
        )
        self._layout.addWidget(self.regions_view)
        self._heading(self.tr("Indicators by committee"))
        self.committees = ScopeIndicatorsModel(self.tr("Committee"), self)
        self.committees_view = FittedTable(
            self.committees, wrap_titles=True, fit_contents=True, parent=self
        )
        self._layout.addWidget(self.committees_view)
        self.pooled_legend = self._text()
        self.pooled_legend.setText(pooled_legend_text())
        self.missing_heading = self._heading("")
        self.missing = MissingExportsModel(self)
        self.missing_view = FittedTable(self.missing, parent=self)
        self._layout.addWidget(self.missing_view)
        self._layout.addStretch(1)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("tableTitle")
        label.setWordWrap(True)
        enlarge(label, 1.15)
        self._layout.addSpacing(6)
        self._layout.addWidget(label)
        return label

    def _text(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("pageText")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self._layout.addWidget(label)
        return label

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self._show_tiles(dashboard)
        self.trend_heading.setText(
            self.tr("Cases received and closed, by month")
            if dashboard.trend_by == "month"
            else self.tr("Cases received and closed, by quarter")
        )
        self.trend.set_data(trend_chart(dashboard))
        by_category = dashboard.table("received_by_category") or dashboard.table(
            "received_by_category_and_sex"
        )  # the one-way table is withheld less often in a small month
        self.categories.set_data(totals_chart(by_category))
        self.sex_age.set_data(crossed_chart(dashboard.table("complainants_by_sex_and_age")))
        shown = self.table_choice.currentData()
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in dashboard.tables:
            self.table_choice.addItem(table_title(table.name), table.name)
        names = [t.name for t in dashboard.tables]
        self.table_choice.setCurrentIndex(names.index(shown) if shown in names else 0)
        self.table_choice.blockSignals(False)
        self._choose_table()
        self.regions.replace_items(dashboard.regions)
        self.committees.replace_items(dashboard.committee_rows)
        marked = any(
            found is not None and found.covered is not None
            for scope in dashboard.regions
            for found in (indicator(scope, name) for name in COLUMNS)
        )
        self.pooled_legend.setVisible(marked)  # says what "*" means, when one is shown
        self.missing.replace_items(dashboard.missing)
        owed = dashboard.missing_for
        if dashboard.missing:
            text = self.tr("Committees that have not sent their export for %1").replace("%1", owed)
        else:
            text = self.tr("Every active committee has sent its export for %1.").replace("%1", owed)
        self.missing_heading.setText(text)
        self.missing_view.setVisible(bool(dashboard.missing))

    def _show_tiles(self, dashboard: Dashboard) -> None:
        programme = dashboard.programme
        self.tiles["received"].show_value(cell_text(programme.received))
        self.tiles["closed"].show_value(cell_text(programme.closed))
        for name in RATES:
            found = indicator(programme, name)
            if found is None:
                self.tiles[name].show_value(SUPPRESSED_MARK)
            else:
                pooled = found.covered is not None
                detail = self.regions.coverage(found) if pooled else reason_text(found.reason)
                self.tiles[name].show_value(indicator_text(found), detail)
        owed = self.tr("for %1").replace("%1", dashboard.missing_for)
        self.tiles["missing"].show_value(
            str(len(dashboard.missing)), owed if dashboard.missing_for else ""
        )

    def _choose_table(self) -> None:
        dashboard = self.dashboard
        name = self.table_choice.currentData()
        table = dashboard.table(name) if dashboard is not None and name else None
        self.table_model.set_table(table)
        if table is None:
            self.table_axes.setText("")
            self.table_note.setText(self.tr("No table to show for these filters."))
            return
        titles = [dimension_title(d) for d in table_dimensions(table)]
        self.table_axes.setText(
            self.tr("Rows: %1. Columns: %2.").replace("%1", titles[0]).replace("%2", titles[1])
            if table.two_way and len(titles) > 1
            else self.tr("Rows: %1.").replace("%1", titles[0] if titles else "")
        )
        self.table_note.setText(
            self.tr("Too few cases to show this table for these filters: only dashes.")
            if table.withheld
            else self.tr("Committees counted: %1.").replace("%1", str(table.committees))
        )
