"""Trust on first use: the officer confirms a committee's key fingerprint (read out by the
committee by phone or in person) before its exports are taken in; a changed key is warned."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget


@dataclass(frozen=True)
class KeyQuestion:
    committee: str  # pseudonym
    fingerprint: str  # the key that signed the files, in groups of four
    changed: bool = False  # a known committee's key changed (else: a new committee)
    trusted: str = ""  # the key trusted until now, when known
    files: int = 1


def ask_key(parent: QWidget, question: KeyQuestion) -> bool:
    """Confirm or refuse one key; True only on an explicit Confirm."""
    box = QMessageBox(parent)
    fingerprint = f"<p><tt style='font-size: large'>{html.escape(question.fingerprint)}</tt></p>"
    committee = html.escape(question.committee)
    if question.changed:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(box.tr("A committee's key has changed"))
        text = box.tr(
            "<p><b>%1 signed %n file(s) with a different key.</b></p><p>New key:</p>%3"
            "<p>Key trusted until now:</p>%4<p>This happens when a committee reinstalled its "
            "laptop without its backup, but it is also what a forged file looks like. Accept the "
            "new key only if the committee reads out exactly this fingerprint to you.</p>",
            "",
            question.files,
        )
        trusted = f"<p><tt>{html.escape(question.trusted or '?')}</tt></p>"
        text = text.replace("%4", trusted)
    else:
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(box.tr("A new committee"))
        text = box.tr(
            "<p><b>%1 is not yet known to this hub</b> (%n file(s)).</p><p>Its key fingerprint:"
            "</p>%3<p>Ask the committee to read out the fingerprint shown in Suluhu's Settings "
            "or on its recovery sheet. Confirm only if every group matches.</p>",
            "",
            question.files,
        )
    text = text.replace("%1", committee)
    box.setText(text.replace("%3", fingerprint))
    confirm = box.addButton(box.tr("Confirm"), QMessageBox.ButtonRole.AcceptRole)
    refuse = box.addButton(box.tr("Refuse"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(refuse)
    box.exec()
    return box.clickedButton() is confirm
