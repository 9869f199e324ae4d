"""Setup wizard, last page: the recovery key, the recovery sheet, and the tick box."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizardPage

from desktop.views.widgets.message_label import MessageLabel
from desktop.views.widgets.recovery_sheet_panel import RecoverySheetPanel
from desktop.workspace import Created, KeyringState


class RecoveryKeyPage(QWizardPage):
    def __init__(
        self, parent: QWidget | None = None, panel: RecoverySheetPanel | None = None
    ) -> None:
        """``panel``: another recovery sheet panel (the programme hub's)."""
        super().__init__(parent)
        self.setTitle(self.tr("Your recovery key"))
        self.setFinalPage(True)
        self.panel = panel or RecoverySheetPanel(self)
        self.keyring_note = MessageLabel(self)
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.show_info(
            self.tr("This computer has no password store, so Suluhu works on passphrases alone.")
        )
        self.keyring_note.hide()
        self.reminder = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.panel)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.reminder)
        layout.addStretch(1)
        self.panel.confirmed_changed.connect(self._confirmed_changed)

    def show_created(self, committee_name: str, created: Created, keyring: KeyringState) -> None:
        self.panel.set_key(committee_name, created.recovery_key, created.signing_fingerprint)
        self.keyring_note.setVisible(keyring == KeyringState.NO_BACKEND)

    def show_hub_key(self, name: str, recovery_key: str) -> None:
        """The programme hub's recovery key (no signing key: a hub signs nothing)."""
        self.setTitle(self.tr("The hub's recovery key"))
        self.panel.set_key(name, recovery_key)
        self.keyring_note.hide()

    def remind(self) -> None:
        self.reminder.show_error(
            self.tr(
                "Save or print the recovery sheet first, then tick the box. The key is not "
                "shown again."
            )
        )

    def _confirmed_changed(self, confirmed: bool) -> None:
        if confirmed:
            self.reminder.clear_message()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.panel.is_confirmed()
