"""The fields for choosing a new passphrase: passphrase, repeat, strength, what is wrong.

Not a widget of its own: it adds its rows to the caller's form, so their labels line up with
the form's other fields.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.views import passphrase_rules
from desktop.views.widgets.strength_meter import StrengthMeter


class NewPassphraseFields(QObject):
    changed = Signal()

    def __init__(self, form: QFormLayout, parent: QWidget, label: str | None = None) -> None:
        super().__init__(parent)
        self._username = ""
        self.passphrase_edit = QLineEdit(parent)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setObjectName("newPassphrase")
        self.repeat_edit = QLineEdit(parent)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setObjectName("repeatPassphrase")
        self.show_box = QCheckBox(self.tr("Show what I type"), parent)
        self.meter = StrengthMeter(parent)
        self.hint = QLabel(parent)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setObjectName("passphraseHint")
        self.hint.setStyleSheet("color: #5a5a5a;")

        form.addRow(label or self.tr("Passphrase"), self.passphrase_edit)
        form.addRow(self.tr("Repeat passphrase"), self.repeat_edit)
        form.addRow("", self.show_box)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow("", self.hint)

        self.passphrase_edit.textChanged.connect(self._update)
        self.repeat_edit.textChanged.connect(self._update)
        self.show_box.toggled.connect(self._show_text)
        self._update()

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def set_username(self, username: str) -> None:
        """The passphrase must not be the username; re-check when it changes."""
        if username != self._username:
            self._username = username
            self._update()

    def problems(self) -> list[str]:
        found = passphrase_rules.problems(self.passphrase(), self._username)
        if not found and self.repeat_edit.text() != self.passphrase():
            found.append(self.tr("Type the same passphrase twice."))
        return found

    def is_acceptable(self) -> bool:
        return bool(self.passphrase()) and not self.problems()

    def clear(self) -> None:
        self.passphrase_edit.clear()
        self.repeat_edit.clear()

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)

    def _update(self) -> None:
        text = self.passphrase()
        self.meter.set_strength(passphrase_rules.strength(text, self._username), bool(text))
        if not text:
            self.hint.setText(
                self.tr(
                    "A passphrase of four or more ordinary words is easy to remember and hard "
                    "to guess. Do not write it on the laptop."
                )
            )
        else:
            found = self.problems()
            if not self.repeat_edit.text() and found == [
                self.tr("Type the same passphrase twice.")
            ]:
                self.hint.setText(self.tr("Now type it once more in the second box."))
            else:
                self.hint.setText("\n".join(found))
        self.changed.emit()
