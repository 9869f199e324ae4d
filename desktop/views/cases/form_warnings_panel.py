"""Warnings before saving a dispute: possible duplicates (earlier cases, named by number only)
and conflicts of interest (an assigned member with a party's name, or recorded as a party's
relative; named as the form's own members). The user goes back to check, or saves anyway."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain.services.disputes import ConflictKind, ConflictWarning, DuplicateCandidate
from desktop.domain.taxonomy import Taxonomy, UnknownCode
from desktop.views.cases.form_labels import role_label, status_label


class WarningsPanel(QFrame):
    go_on = Signal()
    go_back = Signal()

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self.setObjectName("warningsPanel")
        self.setStyleSheet(
            "QFrame#warningsPanel { background: #fff6e0; border: 1px solid #e0c27a;"
            " border-radius: 4px; }"
        )
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.back_button = QPushButton(self.tr("Go back and check"), self)
        self.on_button = QPushButton(self.tr("Save anyway"), self)
        for button in (self.back_button, self.on_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.on_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._back)
        self.on_button.clicked.connect(self._on)
        self.hide()

    def show_warnings(
        self,
        duplicates: list[DuplicateCandidate],
        conflicts: list[ConflictWarning],
        member_names: dict[int, str] | None = None,
    ) -> None:
        """Show the warnings; ``member_names``: user id -> name, for the members the form
        offers (a member not in it is shown by number)."""
        names = member_names or {}
        lines = []
        if duplicates:
            lines.append(
                self.tr("A party with the same name is in a recent case. Is it the same dispute?")
            )
            for candidate in duplicates:
                lines.append(
                    "  \u2022 "
                    + self.tr("%1, received %2, %3, %4")
                    .replace("%1", candidate.number)
                    .replace("%2", candidate.received_on.isoformat())
                    .replace("%3", self._category(candidate.category))
                    .replace("%4", status_label(candidate.status))
                )
        same_name = [c for c in conflicts if c.kind is ConflictKind.SAME_NAME]
        if same_name:
            lines.append(
                self.tr(
                    "An assigned member has the same name as a party. Check they are not "
                    "involved in the dispute, or assign someone else."
                )
            )
            for conflict in same_name:
                lines.append(
                    "  \u2022 "
                    + self.tr("%1 (assigned) and a party (%2)")
                    .replace("%1", self._member(names, conflict.user_id))
                    .replace("%2", role_label(conflict.party_role))
                )
        relatives = [c for c in conflicts if c.kind is ConflictKind.RELATIVE]
        if relatives:
            lines.append(
                self.tr(
                    "An assigned member is recorded as a relative of a party. Assign someone "
                    "else, or check the relation."
                )
            )
            for conflict in relatives:
                lines.append(
                    "  \u2022 "
                    + self.tr("%1 (assigned) is a relative of a party (%2)")
                    .replace("%1", self._member(names, conflict.user_id))
                    .replace("%2", role_label(conflict.party_role))
                )
        self.text.setText("\n".join(lines))
        self.show()
        self.back_button.setFocus()

    def _member(self, names: dict[int, str], user_id: int) -> str:
        return names.get(user_id) or self.tr("user %1").replace("%1", str(user_id))

    def _category(self, code: str) -> str:
        try:
            return self._taxonomy.category(code).label
        except UnknownCode:
            return code

    def _back(self) -> None:
        self.hide()
        self.go_back.emit()

    def _on(self) -> None:
        self.hide()
        self.go_on.emit()
