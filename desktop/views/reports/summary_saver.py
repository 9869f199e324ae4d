"""Writing the PDF summary of the period on screen, on the background worker.

Two copies are possible (docs/exports.md, "The PDF summary"): the wall copy, saved with "Save
summary PDF...", names the committee; the copy saved beside an export file names the committee
by its pseudonym only, as the export does, since it leaves the laptop with the export.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.tasks import run_in_background
from desktop.views.reports import reports_service as service
from desktop.views.reports import summary_words
from desktop.views.reports.export_saver import SUFFIX
from desktop.workspace import OpenWorkspace


def beside(export_path: Path) -> Path:
    """Where the summary of an export goes: the export's name with ``.pdf`` instead of the
    export suffix, in the same folder."""
    name = export_path.name.removesuffix(SUFFIX)
    return export_path.with_name(f"{name}.pdf")


class SummarySaver(QObject):
    saved = Signal(Path)
    failed = Signal(object)  # the exception

    def __init__(self, workspace: OpenWorkspace, parent: QObject) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._busy = False

    def busy(self) -> bool:
        return self._busy

    def save(self, preview: service.Preview, path: Path, pseudonym: str | None = None) -> None:
        """Write the summary of ``preview`` to ``path``: under the committee's name, or under
        ``pseudonym`` when it is given (the copy that travels with an export)."""
        if self._busy:
            return
        request = summary_words.summary_request(preview, self._workspace, pseudonym)
        self._busy = True
        run_in_background(
            lambda: service.write_summary_pdf(preview, request, path),
            on_done=self._done,
            on_error=self._error,
            parent=self,
        )

    def _done(self, path: object) -> None:
        self._busy = False
        assert isinstance(path, Path)
        self.saved.emit(path)

    def _error(self, error: BaseException) -> None:
        self._busy = False
        self.failed.emit(error)
