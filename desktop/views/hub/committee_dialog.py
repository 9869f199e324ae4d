"""Edit one committee the hub knows: its display name, region and whether the hub still takes
its exports. The rules are desktop.domain.services.hub_registry's; the hub saves in the
background; an error appears under the field it is about."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationError
from desktop.domain.services.hub_registry import NAME_LIMIT, committee_details, known_regions
from desktop.tasks import run_in_background
from desktop.views.cases.form_field import FormField
from desktop.views.errors import error_text
from desktop.views.widgets.dialog_footer import add_dialog_footer
from desktop.workspace import HubCommittee, HubWorkspace


class CommitteeDialog(QDialog):
    saved = Signal(str)  # the pseudonym, once the hub has saved it

    def __init__(
        self,
        hub: HubWorkspace,
        committee: HubCommittee,
        others: Iterable[HubCommittee] = (),
        parent: QWidget | None = None,
    ) -> None:
        """``others``: the hub's other committees (their names are taken, their regions
        offered)."""
        super().__init__(parent)
        self._hub = hub
        self._committee = committee
        others = [c for c in others if c.pseudonym != committee.pseudonym]
        self._taken = [c.display_name for c in others if c.display_name]
        self.setWindowTitle(self.tr("Edit committee"))

        heading = QLabel(self.tr("Committee %1").replace("%1", committee.pseudonym), self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key = QLabel(self.tr("Key fingerprint: %1").replace("%1", committee.fingerprint), self)
        key.setWordWrap(True)
        key.setStyleSheet("color: #5a5a5a;")

        self.name_edit = QLineEdit(committee.display_name, self)
        self.name_edit.setObjectName("committeeName")
        self.name_edit.setMaxLength(NAME_LIMIT + 50)  # a paste too long is said, not cut
        self.name_edit.setPlaceholderText(self.tr("as the programme office calls it"))
        self.region_box = QComboBox(self)
        self.region_box.setObjectName("committeeRegion")
        self.region_box.setEditable(True)
        self.region_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.region_box.addItems(known_regions([*(c.region for c in others), committee.region]))
        self.region_box.setCurrentText(committee.region)
        line = self.region_box.lineEdit()
        assert line is not None  # editable
        line.setMaxLength(NAME_LIMIT + 50)
        line.setPlaceholderText(self.tr("choose one or type a new one"))
        self.active_box = QCheckBox(self.tr("Active"), self)
        self.active_box.setChecked(committee.active)
        self.active_note = QLabel(
            self.tr(
                "An inactive committee's new exports are refused. What the hub already holds "
                "from it stays in the totals."
            ),
            self,
        )
        self.active_note.setWordWrap(True)
        self.active_note.setStyleSheet("color: #5a5a5a;")
        self.fields = {
            "display_name": FormField(self.tr("Name"), self.name_edit, self),
            "region": FormField(self.tr("Region"), self.region_box, self),
        }

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        # grow when an error appears under a field, rather than squeezing the fields
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(heading)
        layout.addWidget(key)
        layout.addWidget(self.fields["display_name"])
        layout.addWidget(self.fields["region"])
        layout.addSpacing(4)
        layout.addWidget(self.active_box)
        layout.addWidget(self.active_note)
        layout.addStretch(1)
        footer = add_dialog_footer(
            self, layout, ok_text=self.tr("Save"), cancel_text=self.tr("Cancel"),
            submit=self.submit,
        )  # fmt: skip
        self.busy, self.message, self.ok_button = footer.busy, footer.message, footer.ok_button
        self.name_edit.textChanged.connect(lambda _t: self.fields["display_name"].clear_error())
        self.region_box.editTextChanged.connect(lambda _t: self.fields["region"].clear_error())
        # a width that follows the text scale (the layout's minimum size sets the dialog's)
        self.name_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.name_edit.setFocus()

    def submit(self) -> None:
        if self.busy.isVisible():
            return
        try:
            details = committee_details(
                self._committee.pseudonym,
                self.name_edit.text(),
                self.region_box.currentText(),
                self.active_box.isChecked(),
                self._taken,
            )
        except ValidationError as error:
            self._failed(error)
            return
        hub = self._hub
        self.busy.show()
        self.ok_button.setEnabled(False)
        self.message.clear_message()
        run_in_background(
            lambda: hub.update_committee(
                details.pseudonym, details.display_name, details.region, details.active
            ),
            on_done=lambda _none: self._saved(),
            on_error=self._failed,
            parent=self,
        )

    def _saved(self) -> None:
        self.busy.hide()
        self.saved.emit(self._committee.pseudonym)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        self.ok_button.setEnabled(True)
        field = self.fields.get(error.field) if isinstance(error, ValidationError) else None
        if field is not None:
            assert isinstance(error, ValidationError)
            field.show_error(error.message)
            field.setFocus()
        else:
            self.message.show_error(error_text(error))
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # room for it

    def reject(self) -> None:
        if not self.busy.isVisible():
            super().reject()
