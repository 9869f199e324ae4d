"""Setup wizard: the committee's name, case-number code and area."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget, QWizardPage

from desktop.domain.model.committee import Committee
from desktop.views.widgets.hinted_field import HintedField
from desktop.views.wizard.case_code import CODE_PATTERN, suggest_code


class CommitteePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your committee"))
        self.setSubTitle(self.tr("These appear on the sign-in window and on printed papers."))
        self._code_edited = False

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("committeeName")
        self.name_edit.setPlaceholderText(self.tr("for example: Kibera Peace Committee"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("caseCode")
        self.code_edit.setMaxLength(5)
        self.code_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,5}"), self.code_edit)
        )
        self.code_edit.setMaximumWidth(self.code_edit.fontMetrics().horizontalAdvance("W") * 9)
        code_field = HintedField(
            self.code_edit,
            self.tr(
                "2 to 5 letters at the start of every case number, as in %1-2026-0001."
            ).replace("%1", "KBR"),
            self,
        )
        self.area_edit = QLineEdit(self)
        self.area_edit.setObjectName("area")
        self.area_edit.setPlaceholderText(self.tr("for example: Nairobi, Kibera"))

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("Committee name"), self.name_edit)
        form.addRow(self.tr("Case number code"), code_field)
        form.addRow(self.tr("Area"), self.area_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

        self.name_edit.textChanged.connect(self._name_changed)
        self.code_edit.textEdited.connect(self._code_typed)
        self.code_edit.textChanged.connect(self.completeChanged)
        self.area_edit.textChanged.connect(self.completeChanged)

    def _name_changed(self, name: str) -> None:
        if not self._code_edited:
            self.code_edit.setText(suggest_code(name))
        self.completeChanged.emit()

    def _code_typed(self, text: str) -> None:
        self._code_edited = bool(text)
        position = self.code_edit.cursorPosition()
        self.code_edit.setText(text.upper())
        self.code_edit.setCursorPosition(position)

    def code(self) -> str:
        return self.code_edit.text().strip().upper()

    def isComplete(self) -> bool:
        code_ok = QRegularExpression(f"^{CODE_PATTERN}$").match(self.code()).hasMatch()
        return (
            bool(self.name_edit.text().strip()) and code_ok and bool(self.area_edit.text().strip())
        )

    def committee(self) -> Committee:
        return Committee(
            name=" ".join(self.name_edit.text().split()),
            code=self.code(),
            area=" ".join(self.area_edit.text().split()),
        )
