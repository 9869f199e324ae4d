"""The foot of a form dialog: a busy bar, a message line, and the Ok and Cancel buttons.

Not a widget of its own: the parts are children of the dialog and go into the dialog's layout,
so they sit, and take focus, just as if the dialog had made them itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QPushButton, QVBoxLayout

from desktop.views.widgets.message_label import MessageLabel


class DialogFooter(NamedTuple):
    busy: QProgressBar
    message: MessageLabel
    buttons: QDialogButtonBox
    ok_button: QPushButton


def add_dialog_footer(
    dialog: QDialog,
    layout: QVBoxLayout,
    *,
    ok_text: str,
    cancel_text: str,
    submit: Callable[[], None],
) -> DialogFooter:
    """Make the footer, add it to ``layout``; Ok calls ``submit``, Cancel the dialog's reject.

    The texts come already translated, through the dialog's own ``tr``.
    """
    busy = QProgressBar(dialog)
    busy.setRange(0, 0)
    busy.setTextVisible(False)
    busy.hide()
    message = MessageLabel(dialog)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    layout.addWidget(busy)
    layout.addWidget(message)
    layout.addWidget(buttons)
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    return DialogFooter(busy, message, buttons, ok_button)
