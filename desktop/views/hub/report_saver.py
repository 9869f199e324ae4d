"""Saving the programme report from the hub window (the dashboard's "Programme report…"):
the dialog asks for a title and which files, then where; the dashboard for the filters on
screen is read and every file built and written on the background worker, all or none.

Words are translated here, on the GUI thread; the worker only reads and writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from desktop.domain.model.hub_dashboard import DashboardFilters
from desktop.reports.letterhead import write_atomically
from desktop.reports.programme_files import ReportNotWritten, build_files, write_all
from desktop.reports.programme_words import Labels, ProgrammeWords
from desktop.tasks import run_in_background
from desktop.views.errors import error_text
from desktop.views.hub.report_dialog import ProgrammeReportDialog
from desktop.views.hub.report_words import made_on_text, programme_labels, programme_words
from desktop.views.referrals.letter_print import documents_folder
from desktop.workspace import HubWorkspace


class NothingToReport(Exception):
    pass


def _t(text: str) -> str:
    return QCoreApplication.translate("HubReport", text)


def _write_private(path: Path, data: bytes) -> None:
    """Atomic and owner-only (a temporary file beside ``path``, then renamed)."""

    def render(stream: BinaryIO) -> None:
        stream.write(data)

    write_atomically(path, ".report-", render)


def write_report(
    hub: HubWorkspace,
    filters: DashboardFilters,
    title: str,
    paths: dict[str, Path],
    words: ProgrammeWords,
    labels: Labels,
    made_on: str,
) -> list[Path]:
    """On the worker: the dashboard for ``filters``, every file built, then all written."""
    dashboard = hub.dashboard(filters)
    if dashboard.exports == 0:
        raise NothingToReport
    made = build_files(dashboard, list(paths), title, made_on, words, labels)
    return write_all(paths, made, _write_private)


def _error(error: BaseException) -> str:
    if isinstance(error, NothingToReport):
        return _t("Nothing on this hub matches the filters on screen: there is nothing to report.")
    if isinstance(error, ReportNotWritten):
        return (
            _t("The report could not be saved in %1 (%2). No file was written.")
            .replace("%1", str(error.path.parent))
            .replace("%2", error.reason)
        )
    return error_text(error)


def save_programme_report(parent: QWidget, hub: HubWorkspace, filters: DashboardFilters) -> None:
    """Open the dialog (window-modal, not blocking); it closes itself when the user is done."""
    words, labels = programme_words(), programme_labels()
    made_on = made_on_text(date.today())
    suggested = documents_folder() / (_t("programme-report") + ".pdf")
    dialog: ProgrammeReportDialog

    def start(title: str, paths: dict[str, Path]) -> None:
        run_in_background(
            lambda: write_report(hub, filters, title, paths, words, labels, made_on),
            on_done=lambda written: dialog.saved(written),
            on_error=lambda error: dialog.failed(_error(error)),
            parent=dialog,
        )

    dialog = ProgrammeReportDialog(parent, suggested, start)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
