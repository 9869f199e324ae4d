"""The recovery sheet panel with the programme hub's texts: the key opens the hub's recovery
slot, not a committee workspace."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.reports.recovery_sheet import SheetTexts
from desktop.views.widgets.recovery_sheet_panel import RecoverySheetPanel


class HubRecoverySheetPanel(RecoverySheetPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explanation.setText(
            self.tr(
                "This recovery key opens the programme hub if its passphrase is forgotten. It "
                "is shown only now. Save the recovery sheet and print it, or write the key on "
                "paper, and keep it locked away from the laptop."
            )
        )

    def hub_name(self) -> str:
        """What the sheet names: the hub, never a committee."""
        return self.tr("Suluhu programme hub")

    def _texts(self) -> SheetTexts:
        return SheetTexts(
            title=self.tr("Suluhu recovery sheet"),
            committee=self.tr("For"),
            created_on=self.tr("Created on"),
            key_heading=self.tr("Recovery key"),
            instructions=(
                self.tr("Keep this sheet locked away, apart from the laptop."),
                self.tr(
                    "With this key the programme hub can be opened even if its passphrase is "
                    "forgotten: anyone who holds it can read the hub's figures."
                ),
                self.tr("The hub holds anonymised figures only, never a case or a name."),
            ),
            fingerprint="",
        )
