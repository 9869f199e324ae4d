"""The dispute's own fields in the form: category, how it came (and from whom), date received,
area, risk flags, restriction and description."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.dispute import Channel, Dispute, Party, RiskFlag
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.services.disputes import RegisterDispute
from desktop.domain.taxonomy import Taxonomy
from desktop.views.cases.form_field import FormField
from desktop.views.cases.form_labels import channel_label, risk_label

_TOP = Qt.AlignmentFlag.AlignTop


class DisputeFields(QWidget):
    changed = Signal()
    restriction_changed = Signal(bool)

    def __init__(
        self, taxonomy: Taxonomy, today: date, is_admin: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._is_admin = is_admin
        self.category_box = QComboBox()
        self.category_box.addItem(self.tr("Choose a category"), "")
        for category in sorted(taxonomy.categories, key=lambda c: c.label.casefold()):
            self.category_box.addItem(category.label, category.code)
        self.channel_box = QComboBox()
        for channel in Channel:
            self.channel_box.addItem(channel_label(channel), channel.value)
        self.referrer_box = QComboBox()
        self.reference_edit = QLineEdit()
        self.reference_edit.setMaxLength(100)
        self.received_edit = QDateEdit()
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setDisplayFormat("d MMMM yyyy")
        self.received_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.received_edit.setMinimumDate(QDate(1950, 1, 1))
        self.received_edit.setDate(QDate(today.year, today.month, today.day))
        self.area_edit = QLineEdit()
        self.area_edit.setMaxLength(300)
        self.risk_boxes: dict[RiskFlag, QCheckBox] = {}
        risks = QWidget()
        risk_grid = QGridLayout(risks)
        risk_grid.setContentsMargins(0, 0, 0, 0)
        for index, flag in enumerate(RiskFlag):
            box = QCheckBox(risk_label(flag), risks)
            self.risk_boxes[flag] = box
            risk_grid.addWidget(box, index // 2, index % 2)
        self.restricted_box = QCheckBox(
            self.tr("Restricted: only assigned members with access to restricted cases see it")
        )
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        lines = self.fontMetrics().lineSpacing()
        self.description_edit.setMinimumHeight(lines * 4)
        self.description_edit.setMaximumHeight(lines * 8)
        self.fields: dict[str, FormField] = {
            "category": FormField(self.tr("Category"), self.category_box, self),
            "channel": FormField(self.tr("How it came"), self.channel_box, self),
            "referred_by_actor": FormField(self.tr("Referred by"), self.referrer_box, self),
            "referred_by_reference": FormField(
                self.tr("Their reference (optional)"), self.reference_edit, self
            ),
            "received_on": FormField(self.tr("Received on"), self.received_edit, self),
            "area": FormField(self.tr("Area"), self.area_edit, self),
            "risk_flags": FormField(self.tr("Risks"), risks, self),
            "restricted": FormField(self.tr("Who may see it"), self.restricted_box, self),
            "description": FormField(
                self.tr("What happened (in the complainant's words)"), self.description_edit, self
            ),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        f = self.fields
        grid.addWidget(f["category"], 0, 0, _TOP)
        grid.addWidget(f["channel"], 0, 1, _TOP)
        grid.addWidget(f["referred_by_actor"], 1, 0, _TOP)
        grid.addWidget(f["referred_by_reference"], 1, 1, _TOP)
        grid.addWidget(f["received_on"], 2, 0, _TOP)
        grid.addWidget(f["area"], 2, 1, _TOP)
        grid.addWidget(f["risk_flags"], 3, 0, 1, 2)
        grid.addWidget(f["restricted"], 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(f["description"])
        self._show_referrer()
        self.category_box.currentIndexChanged.connect(self._category_changed)
        self.channel_box.currentIndexChanged.connect(self._show_referrer)
        self.restricted_box.toggled.connect(self.restriction_changed)
        for combo in (self.category_box, self.channel_box, self.referrer_box):
            combo.currentIndexChanged.connect(self.changed)
        for edit in (self.reference_edit, self.area_edit):
            edit.textChanged.connect(self.changed)
        self.received_edit.dateChanged.connect(self.changed)
        for check in (*self.risk_boxes.values(), self.restricted_box):
            check.toggled.connect(self.changed)
        self.description_edit.textChanged.connect(self.changed)

    def set_choices(self, area: str, known_areas: list[str], actors: list[JusticeActor]) -> None:
        self.area_edit.setText(area)
        completer = QCompleter(sorted(set(known_areas) | {area}), self.area_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.area_edit.setCompleter(completer)
        self.referrer_box.clear()
        self.referrer_box.addItem(self.tr("Choose who referred the case"), None)
        for actor in actors:
            self.referrer_box.addItem(actor.name, actor.id)

    def _category_changed(self) -> None:
        code = self.category_box.currentData()
        sensitive = bool(code) and self._taxonomy.is_sensitive(code)
        if sensitive:
            self.restricted_box.setChecked(True)
        # Only an administrator may lift the restriction of a sensitive category (the service
        # refuses anyone else); do not offer what would be refused.
        self.restricted_box.setEnabled(self._is_admin or not sensitive)

    def _show_referrer(self) -> None:
        referred = self.channel_box.currentData() == Channel.REFERRAL_IN.value
        self.fields["referred_by_actor"].setVisible(referred)
        self.fields["referred_by_reference"].setVisible(referred)

    def restricted(self) -> bool:
        return self.restricted_box.isChecked()

    def values(self) -> dict[str, Any]:
        return {
            "category": self.category_box.currentData(),
            "channel": self.channel_box.currentData(),
            "referred_by_actor": self.referrer_box.currentData(),
            "referred_by_reference": self.reference_edit.text(),
            "received_on": self.received_edit.date().toString(Qt.DateFormat.ISODate),
            "area": self.area_edit.text(),
            "risk_flags": sorted(f.value for f, box in self.risk_boxes.items() if box.isChecked()),
            "restricted": self.restricted_box.isChecked(),
            "description": self.description_edit.toPlainText(),
        }

    def command(self, parties: tuple[Party, ...], assigned: tuple[int, ...]) -> RegisterDispute:
        """The registration command from these fields (ValueError: a value not offered)."""
        v = self.values()
        channel = Channel(v["channel"])
        referrer = v["referred_by_actor"] if channel is Channel.REFERRAL_IN else None
        return RegisterDispute(
            received_on=self.received_on(),
            channel=channel,
            category=v["category"] or "",
            area=v["area"],
            description=v["description"],
            risk_flags=frozenset(RiskFlag(f) for f in v["risk_flags"]),
            assigned=assigned,
            restricted=v["restricted"],
            parties=parties,
            referred_by_actor=referrer,
            referred_by_reference=v["referred_by_reference"] if referrer is not None else "",
        )

    def received_on(self) -> date:
        qdate = self.received_edit.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def set_values(self, values: dict[str, Any]) -> None:
        _choose(self.category_box, values.get("category") or "")
        _choose(self.channel_box, values.get("channel"))
        _choose(self.referrer_box, values.get("referred_by_actor"))
        self.reference_edit.setText(str(values.get("referred_by_reference") or ""))
        received = QDate.fromString(str(values.get("received_on") or ""), Qt.DateFormat.ISODate)
        if received.isValid():
            self.received_edit.setDate(received)
        self.area_edit.setText(str(values.get("area") or ""))
        flags = set(values.get("risk_flags") or [])
        for flag, box in self.risk_boxes.items():
            box.setChecked(flag.value in flags)
        self.restricted_box.setChecked(bool(values.get("restricted")))
        self.description_edit.setPlainText(str(values.get("description") or ""))

    def set_dispute(self, dispute: Dispute) -> None:
        self.set_values(
            {
                "category": dispute.category,
                "channel": dispute.channel.value,
                "referred_by_actor": dispute.referred_by_actor,
                "referred_by_reference": dispute.referred_by_reference,
                "received_on": dispute.received_on.isoformat(),
                "area": dispute.area,
                "risk_flags": [f.value for f in dispute.risk_flags],
                "restricted": dispute.restricted,
                "description": dispute.description,
            }
        )

    def show_error(self, field: str, message: str) -> FormField | None:
        target = self.fields.get(field)
        if target is not None:
            target.show_error(message)
        return target

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear_error()


def _choose(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    if index >= 0:
        box.setCurrentIndex(index)
