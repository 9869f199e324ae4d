"""The question asked when an unsaved dispute form is closed."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class CloseChoice(Enum):
    KEEP_DRAFT = "keep"
    DISCARD = "discard"
    GO_BACK = "back"


def _t(text: str) -> str:
    return QCoreApplication.translate("RegisterDialog", text)


def ask_on_close(parent: QWidget) -> CloseChoice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_t("Unsaved dispute"))
    box.setText(_t("This dispute is not saved yet."))
    box.setInformativeText(_t("Keep it as a draft to finish later, or discard what you typed?"))
    keep = box.addButton(_t("Keep as draft"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_t("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(_t("Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return CloseChoice.KEEP_DRAFT
    if clicked is discard:
        return CloseChoice.DISCARD
    return CloseChoice.GO_BACK
