"""One party's consent to share their details: given or not, when, and how (signed,
thumbprint, or verbal with a witness, whose name is then asked)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from desktop.domain.model.referrals import Consent, ConsentMethod
from desktop.views.referrals.refer_labels import consent_method_label

WITNESS_MAX = 120


class ConsentRow(QWidget):
    changed = Signal()

    def __init__(self, party_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.party_id = party_id
        self.given = QCheckBox(self.tr("Consented on"), self)
        self.given_on = QDateEdit(self)
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat("yyyy-MM-dd")
        self.given_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.given_on.setDate(QDate(today.year, today.month, today.day))
        self.method = QComboBox(self)
        for method in ConsentMethod:
            self.method.addItem(consent_method_label(method), method.value)
        self.witness = QLineEdit(self)
        self.witness.setPlaceholderText(self.tr("Witness's name"))
        self.witness.setMaxLength(WITNESS_MAX)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.given)
        row.addWidget(self.given_on)
        row.addWidget(self.method)
        row.addWidget(self.witness, 1)
        row.addStretch(0)
        self.given.toggled.connect(self._show)
        self.method.currentIndexChanged.connect(self._show)
        self.given.toggled.connect(self.changed)
        self._show()

    def _show(self) -> None:
        given = self.given.isChecked()
        self.given_on.setEnabled(given)
        self.method.setEnabled(given)
        verbal = self.method.currentData() == ConsentMethod.VERBAL_WITH_WITNESS.value
        self.witness.setVisible(given and verbal)

    def set_consent(self, given_on: date, method: ConsentMethod, witness: str = "") -> None:
        self.given.setChecked(True)
        self.given_on.setDate(QDate(given_on.year, given_on.month, given_on.day))
        self.method.setCurrentIndex(self.method.findData(method.value))
        self.witness.setText(witness)

    def consent(self) -> Consent | None:
        """The consent recorded here, or None when the party has not consented."""
        if not self.given.isChecked():
            return None
        day = self.given_on.date()
        method = ConsentMethod(self.method.currentData())
        witness = self.witness.text() if method is ConsentMethod.VERBAL_WITH_WITNESS else ""
        return Consent(self.party_id, date(day.year(), day.month(), day.day()), method, witness)
