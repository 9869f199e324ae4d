"""The Reports page: choose an ended month (or quarter, by the committee's cadence), see every
table exactly as the export will write it, the indicators computed from them, and what is left
out and why; then save the signed export file (and its summary PDF beside it, under the
committee's pseudonym) and the PDF summary for the wall. Administrators also see the export log.

The tables are built on the background worker with a progress bar and Cancel; a result of an
older request is dropped (each build has a generation number).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.export_tables import Cadence, Period
from desktop.domain.services.export_log import ExportDone
from desktop.tasks import Task, TaskContext, run_in_background
from desktop.views.appearance import enlarge
from desktop.views.errors import error_text
from desktop.views.referrals.letter_print import ask_pdf_path
from desktop.views.reports import reports_service as service
from desktop.views.reports import summary_words
from desktop.views.reports.export_log_panel import ExportLogPanel
from desktop.views.reports.export_saver import ExportSaver
from desktop.views.reports.preview_tabs import PreviewTabs
from desktop.views.reports.report_labels import period_label
from desktop.views.reports.summary_saver import SummarySaver, beside
from desktop.views.users.service_adapter import can
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class ReportsPage(QWidget):
    built = Signal()  # a preview is on screen (for tests and benchmarks)
    summary_saved = Signal(Path)
    export_saved = Signal(object)  # the Path of the export file written

    def __init__(
        self, workspace: OpenWorkspace, parent: QWidget | None = None, autoload: bool = True
    ) -> None:
        """``autoload=False`` builds nothing until :meth:`refresh` (the main window may build
        when the page is first shown)."""
        super().__init__(parent)
        self._workspace = workspace
        self._generation = 0
        self._pending: Task | None = None
        self.preview: service.Preview | None = None
        self.exported: tuple[service.Preview, Path, str] | None = None  # preview, file, pseudonym
        committee = workspace.committee()
        self._cadence = service.cadence_of(committee)

        title = QLabel(self.tr("Reports"), self)
        title.setObjectName("pageTitle")
        enlarge(title, 1.6)
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        for period in service.ended_periods(self._cadence, workspace.clock.today()):
            self.period.addItem(period_label(period), period.label)
        period_caption = QLabel(
            self.tr("Quarter:") if self._cadence is Cadence.QUARTERLY else self.tr("Month:"), self
        )
        period_caption.setBuddy(self.period)
        self.intro = QLabel(self._intro_text(), self)
        self.intro.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("buildProgress")
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelBuild")
        self.status = QLabel(self)
        self.status.setObjectName("buildStatus")
        self.status.setWordWrap(True)  # a saved file's path can be long
        self.message = MessageLabel(self)
        self.not_included = QLabel(self)
        self.not_included.setObjectName("notIncluded")
        self.not_included.setWordWrap(True)
        self.not_included.setTextFormat(Qt.TextFormat.PlainText)
        self.not_included.setStyleSheet(
            "QLabel { background: #f3f0e6; border: 1px solid #d8d1b8; padding: 8px; }"
        )

        self.tabs = PreviewTabs(workspace.taxonomy, self)
        self.tables_names = self.tabs.tables_names  # for tests and screenshots
        self.table_preview = self.tabs.table_preview
        self.indicators_model = self.tabs.indicators_model
        self.log_panel: ExportLogPanel | None = None
        if can(workspace.actor, "list_exports"):
            self.log_panel = ExportLogPanel(workspace, self)
            self.tabs.addTab(self.log_panel, self.tr("Export log"))

        self.summary_button = QPushButton(self.tr("Save summary PDF\u2026"), self)
        self.summary_button.setObjectName("saveSummary")
        self.export_button = QPushButton(self.tr("Save export\u2026"), self)
        self.export_button.setObjectName("saveExport")
        self.export_button.setToolTip(
            self.tr(
                "Save the tables on screen as one signed file for your programme office "
                "(for example on a USB stick)."
            )
        )
        self.saver = ExportSaver(workspace, self)
        self.summary_saver = SummarySaver(workspace, self)
        self.beside_button = QPushButton(self.tr("Save the summary PDF beside it"), self)
        self.beside_button.setObjectName("saveSummaryBeside")
        self.beside_button.setToolTip(
            self.tr(
                "A PDF of the same tables, named like the export file and under the "
                "committee's code name, to send with it."
            )
        )
        self.beside_button.hide()
        self._may_export = can(workspace.actor, "export_period")
        self.export_button.setVisible(self._may_export)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(period_caption)
        top.addWidget(self.period)
        top.addSpacing(12)
        top.addWidget(self.summary_button)  # up here, the tables get the height of a row more
        top.addWidget(self.export_button)
        busy = QHBoxLayout()
        busy.addWidget(self.status, 1)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        busy.addWidget(self.beside_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addLayout(busy)
        layout.addWidget(self.message)
        layout.addWidget(self.not_included)
        layout.addWidget(self.tabs, 1)

        self.period.currentIndexChanged.connect(lambda _index: self.refresh())
        self.cancel_button.clicked.connect(self.cancel)
        self.summary_button.clicked.connect(lambda: self.save_summary())
        self.beside_button.clicked.connect(self.save_summary_beside)
        self.summary_saver.saved.connect(self._summary_written)
        self.summary_saver.failed.connect(self._summary_failed)
        self.tabs.currentChanged.connect(self._tab_chosen)
        self.export_button.clicked.connect(lambda: self.save_export())
        self.saver.progress.connect(
            lambda done, total: self._progress(self._generation, done, total)
        )
        self.saver.saved.connect(self._export_saved)
        self.saver.failed.connect(self._export_failed)
        self.saver.cancelled.connect(self._export_cancelled)
        self._set_busy(False)
        self._show_preview(None)
        if self.period.count() == 0:
            self._say(self.tr("No period has ended yet."))
        elif autoload:
            self.refresh()

    def _intro_text(self) -> str:
        if self._cadence is Cadence.QUARTERLY:
            return self.tr(
                "Your committee reports by quarter. Choose a quarter that has ended: below is "
                "exactly what the export for your programme will hold."
            )
        return self.tr(
            "Your committee reports by month. Choose a month that has ended: below is exactly "
            "what the export for your programme will hold."
        )

    def current_period(self) -> Period | None:
        data = self.period.currentData()
        return Period.parse(data) if isinstance(data, str) else None

    def choose_period(self, period: Period) -> None:
        index = self.period.findData(period.label)
        if index >= 0:
            self.period.setCurrentIndex(index)

    # -- building ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Build the chosen period's tables in the background; an older build is cancelled."""
        period = self.current_period()
        if period is None:
            return
        if self._pending is not None:
            self._pending.cancel()
        self._generation += 1
        generation = self._generation
        workspace = self._workspace
        self.message.clear_message()
        self.exported = None
        self.beside_button.hide()
        self._show_preview(None)
        self.progress.setRange(0, 0)  # busy until the first table is done
        self._say(self.tr("Counting %1\u2026").replace("%1", period_label(period)))
        self._set_busy(True)

        def build(context: TaskContext) -> service.Preview:
            return service.build_preview(workspace, period, context)

        self._pending = run_in_background(
            build,
            on_done=lambda preview: self._built(generation, preview),
            on_error=lambda error: self._failed(generation, error),
            on_progress=lambda done, total: self._progress(generation, done, total),
            with_context=True,
            parent=self,
        )

    def cancel(self) -> None:
        if self.saver.busy():
            self.saver.cancel()
            return
        if self._pending is None:
            return
        self._pending.cancel()
        self._pending = None
        self._generation += 1
        self._set_busy(False)
        self._say(self.tr("Stopped. Choose a period to count again."))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def is_building(self) -> bool:
        return self._pending is not None

    def _progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _built(self, generation: int, preview: object) -> None:
        if generation != self._generation or not isinstance(preview, service.Preview):
            return
        self._pending = None
        self._set_busy(False)
        self._show_preview(preview)
        self._say("")
        self.built.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._pending = None
        self._set_busy(False)
        self._say("")
        self.message.show_error(error_text(error))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.summary_button.setEnabled(not busy and self.preview is not None)
        self.export_button.setEnabled(not busy and self.preview is not None)
        self.period.setEnabled(not busy or self.saver.task is None)

    # -- showing -------------------------------------------------------------------------------

    def _show_preview(self, preview: service.Preview | None) -> None:
        self.preview = preview
        if preview is None:
            self.tabs.show_export(None, [])
            self.not_included.hide()
        else:
            self.tabs.show_export(preview.export, preview.indicators)
            self.not_included.setText(
                self.tr("Below is exactly what the export of %1 will hold.").replace(
                    "%1", period_label(preview.export.period)
                )
                + " "
                + summary_words.not_included_text(preview)
            )
            self.not_included.show()
        self.intro.setVisible(preview is None)  # the box above the tables says it then
        self.summary_button.setEnabled(preview is not None and self._pending is None)
        self.export_button.setEnabled(preview is not None and self._pending is None)

    def show_table(self, name: str) -> None:
        """Show the table called ``name`` (for tests and screenshots)."""
        self.tabs.show_table(name)

    def _tab_chosen(self, index: int) -> None:
        if self.log_panel is not None and self.tabs.widget(index) is self.log_panel:
            self.log_panel.reload()

    # -- saving --------------------------------------------------------------------------------

    def save_summary(self, path: Path | None = None) -> None:
        """Write the PDF summary of the period on screen (the wall copy: with the committee's
        name) to ``path``, or where the user chooses."""
        preview = self.preview
        if preview is None or self.summary_saver.busy():
            return
        if path is None:
            name = f"summary-{preview.export.period.label}.pdf"
            path = ask_pdf_path(self, self.tr("Save the summary"), name)
            if path is None:
                return
        self._write_summary(preview, path, None)

    def save_summary_beside(self) -> None:
        """Write the summary of the export just saved beside its file, under the pseudonym."""
        if self.exported is not None and not self.summary_saver.busy():
            preview, path, pseudonym = self.exported
            self._write_summary(preview, beside(path), pseudonym)

    def _write_summary(self, preview: service.Preview, path: Path, pseudonym: str | None) -> None:
        self.summary_button.setEnabled(False)
        self.beside_button.setEnabled(False)
        self._say(self.tr("Writing the summary\u2026"))
        self.summary_saver.save(preview, path, pseudonym)

    def _summary_written(self, path: Path) -> None:
        self.summary_button.setEnabled(self.preview is not None)
        self.beside_button.setEnabled(True)
        self._say(self.tr("The summary is saved: %1").replace("%1", str(path)))
        self.summary_saved.emit(path)

    def _summary_failed(self, error: object) -> None:
        self.summary_button.setEnabled(self.preview is not None)
        self.beside_button.setEnabled(True)
        self._say("")
        if isinstance(error, BaseException):
            self.message.show_error(error_text(error))

    def save_export(self, path: Path | None = None) -> None:
        """Save the period on screen as the signed export file, at ``path`` or where the user
        chooses; what is written is what the preview shows (or nothing, if cases changed)."""
        preview = self.preview
        if preview is None or self.saver.busy() or not self._may_export:
            return
        if path is None:
            path = self.saver.ask_path(preview)
            if path is None:
                return
        self.message.clear_message()
        self.progress.setRange(0, 0)
        self._say(self.tr("Saving the export\u2026"))
        self._set_busy(True)
        self.saver.save(preview, path)

    def _export_saved(self, done: object) -> None:
        assert isinstance(done, ExportDone)
        self._set_busy(False)
        self._say("")
        self.message.show_info(
            self.tr(
                "The export is saved: %1 (export %2, number %3 for this period). The programme "
                "office can check it came from this committee with the key fingerprint %4."
            )
            .replace("%1", str(self.saver.path))
            .replace("%2", done.entry.export_id[:8])
            .replace("%3", str(done.entry.sequence))
            .replace("%4", done.fingerprint)
        )
        if self.preview is not None and self.saver.path is not None:
            self.exported = (self.preview, self.saver.path, done.manifest.committee)
            self.beside_button.setEnabled(True)
            self.beside_button.show()
        if self.log_panel is not None:
            self.log_panel.reload()
        self.export_saved.emit(self.saver.path)

    def _export_failed(self, error: object) -> None:
        self._set_busy(False)
        self._say("")
        if isinstance(error, BaseException):
            self.message.show_error(error_text(error))

    def _export_cancelled(self) -> None:
        self._set_busy(False)
        self._say(self.tr("Stopped: no export file was written."))
