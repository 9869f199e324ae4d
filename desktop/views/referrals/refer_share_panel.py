"""What a referral shares, field by field: a few facts of the case and, per party, their
details and their consent. Minimum necessary: only the type of dispute is ticked at first.

Which ticked details lack consent is worked out live by the domain's rule
(``parties_needing_consent``) and shown beside each party."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.model.dispute import Dispute
from desktop.domain.model.referrals import CASE_FIELDS, Consent
from desktop.domain.services.referrals import parties_needing_consent
from desktop.views.appearance import enlarge
from desktop.views.referrals.refer_labels import case_field_label
from desktop.views.referrals.refer_party_box import PartyShareBox

DEFAULT_SHARED = frozenset({"case.category"})
CASE_COLUMNS = 4  # as the parties' boxes
LONG_FIELD = "case.description"  # "What happened (the complainants' account)"


class SharePanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dispute: Dispute | None = None
        heading = QLabel(self.tr("About the case"), self)
        enlarge(heading, 1.0)
        self.note = QLabel(
            self.tr(
                "Share only what the actor needs. A party's details need that party's consent; "
                "what happened needs every complainant's."
            ),
            self,
        )
        self.note.setObjectName("pageText")
        self.note.setWordWrap(True)
        self.case_boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        short = [key for key in CASE_FIELDS if key != LONG_FIELD]
        for key in CASE_FIELDS:
            box = QCheckBox(case_field_label(key), self)
            box.setChecked(key in DEFAULT_SHARED)
            box.toggled.connect(self._changed)
            self.case_boxes[key] = box
            if key == LONG_FIELD:  # its long label on a line of its own, not widening a column
                grid.addWidget(box, -(-len(short) // CASE_COLUMNS), 0, 1, CASE_COLUMNS)
            else:
                index = short.index(key)
                grid.addWidget(box, index // CASE_COLUMNS, index % CASE_COLUMNS)
        grid.setColumnStretch(CASE_COLUMNS, 1)
        self.party_boxes: dict[int, PartyShareBox] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.note)
        self._layout.addWidget(heading)
        self._layout.addLayout(grid)

    def set_dispute(self, dispute: Dispute, today: date) -> None:
        """One box per party, in the case's order (called once, when the case has loaded)."""
        self.dispute = dispute
        for party in dispute.parties:
            if party.id is None:
                continue
            box = PartyShareBox(party, today, self)
            box.changed.connect(self._changed)
            self.party_boxes[party.id] = box
            self._layout.addWidget(box)
        self._layout.addStretch(1)
        self._changed()

    def set_shared(self, fields: tuple[str, ...], consents: tuple[Consent, ...]) -> None:
        """Tick ``fields`` (and only them) and fill in the recorded consents: a draft's
        choices, after set_dispute."""
        for key, box in self.case_boxes.items():
            box.setChecked(key in fields)
        for party_box in self.party_boxes.values():
            party_box.set_fields(fields)
        for consent in consents:
            found = self.party_boxes.get(consent.party_id)
            if found is not None:
                found.consent_row.set_consent(consent.given_on, consent.method, consent.witness)
        self._changed()

    def shared_fields(self) -> tuple[str, ...]:
        chosen = [key for key, box in self.case_boxes.items() if box.isChecked()]
        for box in self.party_boxes.values():
            chosen += box.fields()
        return tuple(chosen)

    def consents(self) -> tuple[Consent, ...]:
        found = (box.consent() for box in self.party_boxes.values())
        return tuple(consent for consent in found if consent is not None)

    def missing_consent(self) -> tuple[int, ...]:
        """The parties whose ticked details (or the account) lack a recorded consent."""
        if self.dispute is None:
            return ()
        consented = {c.party_id for c in self.consents()}
        needed = parties_needing_consent(self.dispute, self.shared_fields())
        return tuple(p for p in needed if p not in consented)

    def _changed(self) -> None:
        missing = set(self.missing_consent())
        for party_id, box in self.party_boxes.items():
            box.show_missing(party_id in missing)
        self.changed.emit()
