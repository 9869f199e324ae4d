"""The programme report dialog: a title, which files (PDF, spreadsheet, CSV), then Save…; the
files are built and written on the background worker and the dialog says where they went (or
what went wrong). The work is desktop/views/hub/report_saver.py's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.views.widgets.dialog_footer import add_dialog_footer

TITLE_LIMIT = 120
SUFFIXES = {"pdf": ".pdf", "xlsx": ".xlsx", "csv": ".csv"}


def paths_for(chosen: Path, kinds: list[str]) -> dict[str, Path]:
    """The file of each kind beside ``chosen``: its name with each kind's suffix."""
    stem = chosen.name
    for suffix in SUFFIXES.values():
        stem = stem.removesuffix(suffix)
    return {kind: chosen.with_name(stem + SUFFIXES[kind]) for kind in kinds}


class ProgrammeReportDialog(QDialog):
    """``start(title, paths)`` is called with the files to write once the user has chosen
    where; the caller answers with :meth:`saved` or :meth:`failed`."""

    def __init__(
        self,
        parent: QWidget | None,
        suggested: Path,
        start: Callable[[str, dict[str, Path]], None],
    ) -> None:
        super().__init__(parent)
        self._suggested = suggested
        self._start = start
        self.setWindowTitle(self.tr("Programme report"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The report holds what the dashboard shows now, with the same filters: "
                "counts only, with hidden and \u201cat least\u201d numbers marked as such."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.title = QLineEdit(self)
        self.title.setMaxLength(TITLE_LIMIT)
        self.title.setPlaceholderText(self.tr("Programme report"))
        form.addRow(self.tr("Title"), self.title)
        self.pdf = QCheckBox(self.tr("Report (PDF)"), self)
        self.pdf.setChecked(True)
        self.xlsx = QCheckBox(self.tr("Spreadsheet (XLSX)"), self)
        self.csv = QCheckBox(self.tr("Indicator table (CSV)"), self)
        files = QVBoxLayout()
        for box in (self.pdf, self.xlsx, self.csv):
            files.addWidget(box)
            box.toggled.connect(self._update)
        form.addRow(self.tr("Files"), files)
        layout.addLayout(form)
        self.footer = add_dialog_footer(
            self, layout, ok_text=self.tr("Save\u2026"), cancel_text=self.tr("Cancel"),
            submit=self._submit,
        )  # fmt: skip
        self._update()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)

    def kinds(self) -> list[str]:
        boxes = (("pdf", self.pdf), ("xlsx", self.xlsx), ("csv", self.csv))
        return [kind for kind, box in boxes if box.isChecked()]

    def _update(self) -> None:
        self.footer.ok_button.setEnabled(bool(self.kinds()))

    def ask_path(self) -> Path | None:
        first = self.kinds()[0]
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the programme report"),
            str(self._suggested.with_suffix(SUFFIXES[first])),
            self.tr("Reports (*.pdf *.xlsx *.csv)"),
        )
        return Path(chosen) if chosen else None

    def _submit(self) -> None:
        kinds = self.kinds()
        if not kinds:
            return
        chosen = self.ask_path()
        if chosen is None:
            return
        paths = paths_for(chosen, kinds)
        others = [p for p in paths.values() if p != chosen and p.exists()]
        if others and not self.replace_others(others):
            return
        self.footer.message.clear_message()
        self._busy(True)
        self._start(self.title.text().strip(), paths)

    def replace_others(self, paths: list[Path]) -> bool:
        """The save dialog asked about the chosen file only: ask about its siblings."""
        names = "\n".join(p.name for p in paths)
        answer = QMessageBox.question(
            self,
            self.tr("Replace files?"),
            self.tr("These files are already there and would be replaced:\n%1").replace(
                "%1", names
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _busy(self, busy: bool) -> None:
        self.footer.busy.setVisible(busy)
        self.footer.ok_button.setEnabled(not busy)
        for box in (self.title, self.pdf, self.xlsx, self.csv):
            box.setEnabled(not busy)

    def saved(self, paths: list[Path]) -> None:
        self._busy(False)
        names = "\n".join(str(p) for p in paths)
        self.footer.message.show_info(self.tr("Saved:\n%1").replace("%1", names))
        cancel = self.footer.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Close"))

    def failed(self, text: str) -> None:
        self._busy(False)
        self.footer.message.show_error(text)
