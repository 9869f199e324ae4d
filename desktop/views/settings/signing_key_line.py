"""The export-signing key's fingerprint, read-only, for Settings: the programme office reads it
back by phone to confirm that exports come from this committee (docs/export-format.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QWidget

from desktop.tasks import run_in_background
from desktop.workspace import OpenWorkspace


class SigningKeyLine(QLabel):
    """The fingerprint in two lines of eight groups, fixed-width and selectable, read in the
    background when the label is made."""

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reading…") + "\n", parent)  # two lines, as it will be
        self._workspace = workspace
        self.setObjectName("signingFingerprint")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(self.font().pointSizeF())  # follows the app's text scale
        self.setFont(fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # hex digits read left to right
        run_in_background(self._read, on_done=self._show, on_error=self._failed, parent=self)

    def _read(self) -> str:
        from desktop.domain.services.export_log import export_key

        workspace = self._workspace
        return export_key(workspace.unit_of_work(), workspace.actor).fingerprint

    def _show(self, fingerprint: object) -> None:
        assert isinstance(fingerprint, str)
        groups = fingerprint.split(" ")
        self.setText(" ".join(groups[:8]) + "\n" + " ".join(groups[8:]))

    def _failed(self, error: BaseException) -> None:
        self.setText(self.tr("The key could not be read."))
