"""Add an actor to the directory, or correct one; the service's validation errors appear under
the field they are about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationError
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.services.actors import add_actor, update_actor
from desktop.domain.taxonomy import Mechanism
from desktop.tasks import run_in_background
from desktop.views.cases.form_field import FormField
from desktop.views.errors import error_text
from desktop.views.widgets.dialog_footer import add_dialog_footer
from desktop.workspace import OpenWorkspace


class ActorDialog(QDialog):
    saved = Signal(object)  # JusticeActor, with its id

    def __init__(
        self,
        workspace: OpenWorkspace,
        entry: JusticeActor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._entry = entry
        self.setWindowTitle(self.tr("Add an actor") if entry is None else self.tr("Edit actor"))
        self.name_edit = self._line("actorName", 120)
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("actorKind")
        self.kind_box.addItem(self.tr("Choose a kind\u2026"), "")
        for mechanism in (Mechanism.FORMAL, Mechanism.INFORMAL):
            self.kind_box.insertSeparator(self.kind_box.count())
            for kind in workspace.taxonomy.actor_kinds_of(mechanism):
                self.kind_box.addItem(kind.label, kind.code)
        self.mechanism_note = QLabel(self)
        self.mechanism_note.setObjectName("pageText")
        self.mechanism_note.setWordWrap(True)
        self.contact_edit = self._line("actorContact", 120)
        self.phone_edit = self._line("actorPhone", 40)
        self.phone_edit.setPlaceholderText(self.tr("e.g. +254 700 000 001"))
        self.area_edit = self._line("actorArea", 300)
        self.hours_edit = self._line("actorHours", 300)
        self.hours_edit.setPlaceholderText(self.tr("e.g. Mon-Fri 8:00-17:00"))
        self.services_edit = QPlainTextEdit(self)
        self.services_edit.setObjectName("actorServices")
        self.services_edit.setTabChangesFocus(True)
        self.services_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.fields = {
            "name": FormField(self.tr("Name"), self.name_edit, self),
            "kind": FormField(self.tr("Kind"), self.kind_box, self),
            "contact_person": FormField(self.tr("Contact person"), self.contact_edit, self),
            "phone": FormField(self.tr("Phone"), self.phone_edit, self),
            "area": FormField(self.tr("Area"), self.area_edit, self),
            "hours": FormField(self.tr("Hours"), self.hours_edit, self),
            "services": FormField(self.tr("Services offered"), self.services_edit, self),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.fields["name"], 0, 0, top)
        grid.addWidget(self.fields["kind"], 0, 1, top)
        grid.addWidget(self.mechanism_note, 1, 0, 1, 2)
        grid.addWidget(self.fields["contact_person"], 2, 0, top)
        grid.addWidget(self.fields["phone"], 2, 1, top)
        grid.addWidget(self.fields["area"], 3, 0, top)
        grid.addWidget(self.fields["hours"], 3, 1, top)
        grid.addWidget(self.fields["services"], 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        # grow when an error appears under a field, rather than squeezing the fields
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.busy, self.message, self.buttons, self.ok_button = add_dialog_footer(
            self,
            layout,
            ok_text=self.tr("Add actor") if entry is None else self.tr("Save"),
            cancel_text=self.tr("Cancel"),
            submit=self.submit,
        )
        if entry is not None:
            self._fill(entry)
        self.kind_box.currentIndexChanged.connect(self._show_mechanism)
        for key, edit in self._edits().items():
            edit.textChanged.connect(lambda _text, f=self.fields[key]: f.clear_error())
        self.services_edit.textChanged.connect(lambda: self.fields["services"].clear_error())
        self.kind_box.currentIndexChanged.connect(lambda _i: self.fields["kind"].clear_error())
        self._show_mechanism()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 48, self.sizeHint().height())

    def _line(self, name: str, length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(length)
        return edit

    def _edits(self) -> dict[str, QLineEdit]:
        return {
            "name": self.name_edit,
            "contact_person": self.contact_edit,
            "phone": self.phone_edit,
            "area": self.area_edit,
            "hours": self.hours_edit,
        }

    def _fill(self, entry: JusticeActor) -> None:
        self.name_edit.setText(entry.name)
        index = self.kind_box.findData(entry.kind)
        self.kind_box.setCurrentIndex(max(index, 0))
        self.contact_edit.setText(entry.contact_person)
        self.phone_edit.setText(entry.phone)
        self.area_edit.setText(entry.area)
        self.hours_edit.setText(entry.hours)
        self.services_edit.setPlainText(entry.services)

    def _show_mechanism(self) -> None:
        code = str(self.kind_box.currentData() or "")
        taxonomy = self._workspace.taxonomy
        if not taxonomy.has_actor_kind(code):
            self.mechanism_note.clear()
            self.mechanism_note.hide()
            return
        kind = taxonomy.actor_kind(code)
        mechanism = (
            self.tr("Formal justice") if kind.mechanism == Mechanism.FORMAL else self.tr("Informal")
        )
        self.mechanism_note.setText(
            self.tr("%1; counted in reports as \u201c%2\u201d.")
            .replace("%1", mechanism)
            .replace("%2", kind.sdg_mechanism)
        )
        self.mechanism_note.show()

    def entry(self) -> JusticeActor:
        """The form as an entry; the service tidies and checks it."""
        previous = self._entry
        return JusticeActor(
            kind=str(self.kind_box.currentData() or ""),
            name=self.name_edit.text(),
            contact_person=self.contact_edit.text(),
            phone=self.phone_edit.text(),
            area=self.area_edit.text(),
            services=self.services_edit.toPlainText(),
            hours=self.hours_edit.text(),
            active=previous.active if previous is not None else True,
            id=previous.id if previous is not None else None,
        )

    def submit(self) -> None:
        if self.busy.isVisible():
            return
        entry = self.entry()
        workspace = self._workspace
        use_case = add_actor if entry.id is None else update_actor
        self.busy.show()
        self.ok_button.setEnabled(False)
        self.message.clear_message()
        run_in_background(
            lambda: use_case(
                workspace.unit_of_work(),
                workspace.actor,
                workspace.clock,
                workspace.taxonomy,
                entry,
            ),
            on_done=self._saved,
            on_error=self._failed,
            parent=self,
        )

    def _saved(self, entry: object) -> None:
        self.busy.hide()
        self.saved.emit(entry)
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

    def reject(self) -> None:
        if not self.busy.isVisible():
            super().reject()
