"""Saving the signed export file from the Reports page: where to (the user chooses, e.g. a USB
stick), then export_period in the background with progress and Cancel. The file is written
only if the cases are still those of the preview on screen (the use case checks it), and the
export is recorded in the workspace's export log. A cancelled or failed save writes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.domain.model.export_log import FILE_SUFFIX
from desktop.domain.services.export_log import ExportDone, export_period
from desktop.tasks import Task, TaskContext, run_in_background
from desktop.version import app_version
from desktop.views.referrals.letter_print import documents_folder
from desktop.views.reports.reports_service import Cancelled, Preview
from desktop.workspace import OpenWorkspace

SUFFIX = FILE_SUFFIX


def write_export(
    workspace: OpenWorkspace,
    preview: Preview,
    path: Path,
    context: TaskContext,
    stop: threading.Event,
) -> ExportDone:
    """On the worker: export the preview's period to ``path`` (refused if the cases changed).
    ``stop`` set before the file is written cancels it; the result is always delivered, so a
    Cancel pressed too late still reports the file that was written."""

    def progress(done: int, total: int) -> None:
        if stop.is_set():
            raise Cancelled
        context.report(done, total)

    return export_period(
        workspace.unit_of_work(),
        workspace.actor,
        workspace.clock,
        workspace.taxonomy,
        preview.export.period,
        workspace.export_writer(path),
        app_version=app_version(),
        preview=preview.export,
        progress=progress,
    )


def suggested_name(preview: Preview) -> str:
    pseudonym = preview.committee.pseudonym or "committee"
    return f"{pseudonym}-{preview.export.period.label}{SUFFIX}"


class ExportSaver(QObject):
    """Runs one save at a time for ``parent`` (the Reports page)."""

    progress = Signal(int, int)  # tables done, tables in all
    saved = Signal(object)  # ExportDone
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(self, workspace: OpenWorkspace, parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._parent = parent
        self.task: Task | None = None
        self.path: Path | None = None
        self._stop = threading.Event()

    def ask_path(self, preview: Preview) -> Path | None:
        suggested = str(documents_folder() / suggested_name(preview))
        chosen, _filter = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Save the export file"),
            suggested,
            self.tr("Suluhu exports (*%1)").replace("%1", SUFFIX),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.name.endswith(SUFFIX) else path.with_name(path.name + SUFFIX)

    def save(self, preview: Preview, path: Path) -> None:
        if self.task is not None:
            return
        workspace = self._workspace
        self.path = path
        stop = self._stop = threading.Event()
        self.task = run_in_background(
            lambda context: write_export(workspace, preview, path, context, stop),
            on_done=self._done,
            on_error=self._error,
            on_progress=lambda done, total: self.progress.emit(done, total),
            with_context=True,
            parent=self,
        )

    def cancel(self) -> None:
        """Stop before the file is written; the outcome (cancelled, or saved if it was too
        late) still arrives through the signals."""
        self._stop.set()

    def busy(self) -> bool:
        return self.task is not None

    def _done(self, done: object) -> None:
        self.task = None
        self.saved.emit(done)

    def _error(self, error: BaseException) -> None:
        self.task = None
        if isinstance(error, Cancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(error)
