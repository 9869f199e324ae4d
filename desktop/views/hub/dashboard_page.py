"""The hub's dashboard page (docs/hub.md): the filter bar, a line that says what is shown, then
the dashboard itself (DashboardContent) in a page that scrolls up and down, never sideways.

The dashboard is built by HubWorkspace.dashboard(filters) on the background worker; while it
loads the page says so, a failure says what to do, and filters chosen meanwhile are loaded
next. ``reload()`` is called by the hub window after an import that changed the hub."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import tasks
from desktop.domain.model.hub_dashboard import Dashboard, DashboardFilters
from desktop.views.appearance import enlarge
from desktop.views.errors import error_text
from desktop.views.hub.dashboard_content import DashboardContent
from desktop.views.hub.dashboard_filters import DashboardFilterBar
from desktop.views.hub.dashboard_labels import summary_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import HubWorkspace


class DashboardPage(QWidget):
    loaded = Signal()  # a dashboard (or a failure) is on screen

    def __init__(self, hub: HubWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._task: tasks.Task | None = None
        self._again = False
        self.dashboard: Dashboard | None = None

        title = QLabel(self.tr("Programme dashboard"), self)
        title.setObjectName("pageTitle")
        enlarge(title, 1.4)
        self.report_button = QPushButton(self.tr("Programme report…"), self)
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.save_report)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.report_button)

        self.filter_bar = DashboardFilterBar(self)
        self.filter_bar.changed.connect(self.reload)
        self.summary = QLabel(self)
        self.summary.setObjectName("pageText")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.message = MessageLabel(self)
        self.retry = QPushButton(self.tr("Try again"), self)
        self.retry.clicked.connect(self.reload)
        self.retry.hide()

        self.content = DashboardContent()
        self.content.hide()
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setWidget(self.content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 8)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.scroll_area, 1)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def filters(self) -> DashboardFilters:
        return self.filter_bar.filters()

    def reload(self) -> None:
        """Build the dashboard for the filters chosen, in the background (not once the
        window has locked the hub: it disables the page)."""
        if not self.isEnabled():
            return
        if self._task is not None:
            self._again = True
            return
        hub, filters = self.hub, self.filters()
        self.progress.show()
        self.retry.hide()
        self.message.clear_message()
        self.summary.setText(self.tr("Adding up the committees' exports…"))
        self._task = tasks.run_in_background(
            lambda: hub.dashboard(filters), on_done=self._show, on_error=self._failed, parent=self
        )

    def _finish(self) -> bool:
        """The task is over; True when newer filters are waiting (and are now loading)."""
        self._task = None
        self.progress.hide()
        if self._again:
            self._again = False
            self.reload()
            return True
        return False

    def _show(self, dashboard: Dashboard) -> None:
        if self._finish():
            return
        self.dashboard = dashboard
        self.filter_bar.set_choices(dashboard.choices, dashboard.filters)
        self.summary.setText(summary_text(dashboard))
        self.content.show_dashboard(dashboard)
        self.content.show()
        self.report_button.setEnabled(True)
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        if self._finish():
            return
        self.summary.setText("")
        self.message.show_error(
            self.tr(
                "The dashboard could not be shown: %1 Try again; if it fails again, close the hub "
                "and open it again."
            ).replace("%1", error_text(error))
        )
        self.retry.show()
        self.loaded.emit()

    def save_report(self) -> None:
        """Engineer D's dialog: where to save the programme report for these filters."""
        from desktop.views.hub.report_saver import save_programme_report

        save_programme_report(self, self.hub, self.filters())
