"""What a referral shares of one party: their details, ticked one by one, and the party's
consent, asked as soon as a detail is ticked. A warning beside the party says when ticked
details lack consent."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.model.dispute import Party
from desktop.domain.model.referrals import PARTY_FIELDS, Consent, party_field
from desktop.views.appearance import enlarge
from desktop.views.cases.form_labels import role_label
from desktop.views.referrals.refer_consent_row import ConsentRow
from desktop.views.referrals.refer_labels import party_field_label

COLUMNS = 4
WARNING_STYLE = (
    "QLabel { color: #8a1c1c; background: #fbeaea; border-radius: 3px; padding: 2px 6px; }"
)


class PartyShareBox(QFrame):
    changed = Signal()

    def __init__(self, party: Party, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert party.id is not None
        self.party_id = party.id
        self.setObjectName("partyShareBox")
        self.setStyleSheet(
            "QFrame#partyShareBox { border: 1px solid #d9d6cf; border-radius: 4px; }"
        )
        self.title = QLabel(f"{role_label(party.role)}: {party.name}", self)
        enlarge(self.title, 1.0)
        self.missing = QLabel(self.tr("No consent recorded for the ticked details"), self)
        self.missing.setStyleSheet(WARNING_STYLE)
        self.missing.setWordWrap(True)
        self.missing.hide()
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for index, name in enumerate(PARTY_FIELDS):
            box = QCheckBox(party_field_label(name), self)
            box.toggled.connect(self._ticked)
            self.boxes[party_field(party.id, name)] = box
            grid.addWidget(box, index // COLUMNS, index % COLUMNS)
        grid.setColumnStretch(COLUMNS, 1)
        self.consent_row = ConsentRow(party.id, today, self)
        self.consent_row.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.missing)
        layout.addLayout(grid)
        layout.addWidget(self.consent_row)
        self._ticked()

    def _ticked(self) -> None:
        self.consent_row.setVisible(bool(self.fields()) or self.consent_row.given.isChecked())
        self.changed.emit()

    def tick(self, *names: str) -> None:
        for name in names:
            self.boxes[party_field(self.party_id, name)].setChecked(True)

    def fields(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def set_fields(self, fields: tuple[str, ...]) -> None:
        """Tick this party's details among ``fields`` and untick the others."""
        for key, box in self.boxes.items():
            box.setChecked(key in fields)

    def consent(self) -> Consent | None:
        return self.consent_row.consent()

    def show_missing(self, missing: bool) -> None:
        """Say whether details of this party (or the case's account) lack its consent."""
        self.missing.setVisible(missing)
        if missing:
            self.consent_row.show()
