"""Show a newly made recovery key with its sheet; closes only once the sheet is confirmed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.views.widgets.recovery_sheet_panel import RecoverySheetPanel


class NewRecoveryKeyDialog(QDialog):
    def __init__(
        self,
        committee_name: str,
        recovery_key: str,
        fingerprint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New recovery key"))
        self.panel = RecoverySheetPanel(self)
        self.panel.set_key(committee_name, recovery_key, fingerprint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Done"))
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        self.panel.confirmed_changed.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 48, self.sizeHint().height())

    def reject(self) -> None:
        """The old key already stopped working: do not close before the new one is saved."""
        if self.panel.is_confirmed():
            super().reject()
