"""One party of a dispute in the form: role, name, sex, age or age band, disability,
displacement, phone, village, consent to be counted in reports, and whether the party is a
relative of a committee member (for the conflict-of-interest check)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.dispute import Displacement, Party, PartyRole, Sex
from desktop.domain.model.users import User
from desktop.domain.taxonomy import Taxonomy
from desktop.views.appearance import enlarge
from desktop.views.cases.form_field import FormField
from desktop.views.cases.form_labels import displacement_label, role_label, sex_label

_TOP = Qt.AlignmentFlag.AlignTop
FIELDS = (
    "role",
    "name",
    "sex",
    "age",
    "age_band",
    "phone",
    "village",
    "displacement",
    "related_member",
)


class PartyRow(QFrame):
    changed = Signal()
    remove_requested = Signal(object)  # this row

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.party_id: int | None = None
        self.title = QLabel(self)
        enlarge(self.title, 1.05)
        self.remove_button = QPushButton(self.tr("Remove this party"), self)
        self.remove_button.setAutoDefault(False)
        self.role_box = QComboBox()
        for role in PartyRole:
            self.role_box.addItem(role_label(role), role.value)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(120)
        self.sex_box = QComboBox()
        for sex in Sex:
            self.sex_box.addItem(sex_label(sex), sex.value)
        self.sex_box.setCurrentIndex(list(Sex).index(Sex.UNKNOWN))
        self.age_edit = QLineEdit()
        self.age_edit.setValidator(QIntValidator(0, 120, self.age_edit))
        self.age_edit.setPlaceholderText(self.tr("Years"))
        self.band_box = QComboBox()
        self.band_box.addItem(self.tr("Not known"), "")
        for band in taxonomy.age_bands:
            self.band_box.addItem(band.label, band.code)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText("+254712345678")
        self.village_edit = QLineEdit()
        self.displacement_box = QComboBox()
        for value in Displacement:
            self.displacement_box.addItem(displacement_label(value), value.value)
        self.displacement_box.setCurrentIndex(list(Displacement).index(Displacement.UNKNOWN))
        self.relative_box = QComboBox()
        self.relative_box.addItem(self.tr("No"), None)
        self.disability_box = QCheckBox(self.tr("Has a disability"))
        self.consent_box = QCheckBox(self.tr("Agrees to be counted (anonymously) in reports"))
        self.consent_box.setChecked(True)
        self.fields: dict[str, FormField] = {
            "role": FormField(self.tr("Role"), self.role_box, self),
            "name": FormField(self.tr("Name"), self.name_edit, self),
            "sex": FormField(self.tr("Sex"), self.sex_box, self),
            "age": FormField(self.tr("Age"), self.age_edit, self),
            "age_band": FormField(self.tr("or age band"), self.band_box, self),
            "phone": FormField(self.tr("Phone"), self.phone_edit, self),
            "village": FormField(self.tr("Village"), self.village_edit, self),
            "displacement": FormField(self.tr("Displacement"), self.displacement_box, self),
            "related_member": FormField(
                self.tr("Relative of a committee member"), self.relative_box, self
            ),
        }
        self.disability_box.setParent(self)
        self.consent_box.setParent(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        positions = {
            "role": (0, 0, 1, 1),
            "name": (0, 1, 1, 2),
            "sex": (0, 3, 1, 1),
            "age": (1, 0, 1, 1),
            "age_band": (1, 1, 1, 1),
            "phone": (1, 2, 1, 1),
            "village": (1, 3, 1, 1),
            "displacement": (2, 0, 1, 1),
            "related_member": (2, 1, 1, 1),
        }
        for name, (row, column, rows, columns) in positions.items():
            grid.addWidget(self.fields[name], row, column, rows, columns, _TOP)
        bottom = Qt.AlignmentFlag.AlignBottom  # level with the boxes beside it
        grid.addWidget(self.disability_box, 2, 2, 1, 2, bottom)
        grid.addWidget(self.consent_box, 3, 0, 1, 4)  # a long text: a row of its own
        for column in range(4):
            grid.setColumnStretch(column, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addLayout(top)
        layout.addLayout(grid)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        for edit in (self.name_edit, self.age_edit, self.phone_edit, self.village_edit):
            edit.textEdited.connect(self._edited)
        boxes = (self.role_box, self.sex_box, self.band_box, self.displacement_box)
        for box in (*boxes, self.relative_box):
            box.activated.connect(self._edited)
        for check in (self.disability_box, self.consent_box):
            check.toggled.connect(self._edited)
        self.age_edit.textChanged.connect(self._sync_band)

    def focus_chain(self) -> list[QWidget]:
        """The row's widgets in the order Tab visits them."""
        fields: list[QWidget] = [self.fields[name].field for name in FIELDS]
        return [*fields, self.disability_box, self.consent_box, self.remove_button]

    def set_members(self, users: list[User]) -> None:
        """Offer ``users`` (the committee's case workers) as the member a party is related to;
        a choice already made stays."""
        chosen = self.relative_box.currentData()
        self.relative_box.clear()
        self.relative_box.addItem(self.tr("No"), None)
        for user in users:
            self.relative_box.addItem(user.display_name, user.id)
        self._choose_relative(chosen)

    def _choose_relative(self, user_id: object) -> None:
        """Select member ``user_id``; one the list does not offer (a former member) is added
        by number, so editing a case never drops the tie."""
        if not isinstance(user_id, int):
            self.relative_box.setCurrentIndex(0)
            return
        if self.relative_box.findData(user_id) < 0:
            self.relative_box.addItem(self.tr("user %1").replace("%1", str(user_id)), user_id)
        self.relative_box.setCurrentIndex(self.relative_box.findData(user_id))

    def set_number(self, number: int) -> None:
        self.title.setText(self.tr("Party %1").replace("%1", str(number)))

    def _edited(self) -> None:
        self.changed.emit()

    def _sync_band(self) -> None:
        """An age given makes the band follow it (the service derives it the same way)."""
        self.band_box.setEnabled(not self.age_edit.text().strip())

    def _age(self) -> int | None:
        text = self.age_edit.text().strip()
        return int(text) if text.isdigit() else None

    def party(self) -> Party:
        age = self._age()
        return Party(
            role=PartyRole(self.role_box.currentData()),
            name=self.name_edit.text(),
            sex=Sex(self.sex_box.currentData()),
            age=age,
            age_band=None if age is not None else (self.band_box.currentData() or None),
            disability=self.disability_box.isChecked(),
            displacement=Displacement(self.displacement_box.currentData()),
            phone=self.phone_edit.text(),
            village=self.village_edit.text(),
            consent_reporting=self.consent_box.isChecked(),
            related_member=self.relative_box.currentData(),
            id=self.party_id,
        )

    def values(self) -> dict[str, Any]:
        """The fields as typed, for a draft."""
        party = self.party()
        return {
            "id": self.party_id,
            "role": party.role.value,
            "name": self.name_edit.text(),
            "sex": party.sex.value,
            "age": self.age_edit.text(),
            "age_band": self.band_box.currentData(),
            "disability": party.disability,
            "displacement": party.displacement.value,
            "phone": self.phone_edit.text(),
            "village": self.village_edit.text(),
            "consent_reporting": party.consent_reporting,
            "related_member": party.related_member,
        }

    def set_values(self, values: dict[str, Any]) -> None:
        party_id = values.get("id")
        self.party_id = party_id if isinstance(party_id, int) else None
        _choose(self.role_box, values.get("role"))
        self.name_edit.setText(str(values.get("name") or ""))
        _choose(self.sex_box, values.get("sex"))
        age = values.get("age")
        self.age_edit.setText("" if age is None else str(age))
        _choose(self.band_box, values.get("age_band") or "")
        self.disability_box.setChecked(bool(values.get("disability")))
        _choose(self.displacement_box, values.get("displacement"))
        self.phone_edit.setText(str(values.get("phone") or ""))
        self.village_edit.setText(str(values.get("village") or ""))
        self.consent_box.setChecked(bool(values.get("consent_reporting", True)))
        self._choose_relative(values.get("related_member"))

    def set_party(self, party: Party) -> None:
        values = self.values()
        values.update(
            id=party.id,
            role=party.role.value,
            name=party.name,
            sex=party.sex.value,
            age=party.age,
            age_band=party.age_band if party.age is None else "",
            disability=party.disability,
            displacement=party.displacement.value,
            phone=party.phone,
            village=party.village,
            consent_reporting=party.consent_reporting,
            related_member=party.related_member,
        )
        self.set_values(values)

    def show_error(self, field: str, message: str) -> bool:
        """Show ``message`` beside ``field``; False when this row has no such field."""
        target = self.fields.get(field)
        if target is None:
            return False
        target.show_error(message)
        return True

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear_error()


def _choose(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    if index >= 0:
        box.setCurrentIndex(index)
