"""Settings for the workspace: auto-lock (administrators), a backup now (committee), and
importing an existing register (case workers)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.tasks import run_in_background
from desktop.views.appearance import enlarge
from desktop.views.errors import error_text
from desktop.views.users.service_adapter import can
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace

MIN_LOCK, MAX_LOCK = 1, 15


class SettingsPage(QWidget):
    auto_lock_changed = Signal(int)  # minutes

    def __init__(
        self, workspace: OpenWorkspace, minutes: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        heading = QLabel(self.tr("Settings"), self)
        heading.setObjectName("pageTitle")
        enlarge(heading, 1.6)
        self.message = MessageLabel(self)

        self.auto_lock = QSpinBox(self)
        self.auto_lock.setObjectName("autoLock")
        self.auto_lock.setRange(MIN_LOCK, MAX_LOCK)
        self.auto_lock.setValue(max(MIN_LOCK, min(MAX_LOCK, minutes)))
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.auto_lock)
        lock_row.addWidget(self.save_button)
        lock_row.addStretch(1)
        lock_hint = QLabel(
            self.tr(
                "Suluhu locks itself when nobody has touched the keyboard or mouse for this long."
            ),
            self,
        )
        lock_hint.setWordWrap(True)

        self.contact = QLineEdit(self)
        self.contact.setObjectName("letterContact")
        self.contact.setMaxLength(200)
        self.contact.setText(workspace.committee().contact)
        self.contact.setPlaceholderText(self.tr("e.g. 0712 000 111, Chief's camp, Kibera"))
        self.contact.setMinimumWidth(self.contact.fontMetrics().horizontalAdvance("m") * 30)
        self.contact_button = QPushButton(self.tr("Save"), self)
        self.contact_button.setObjectName("saveContact")
        self.contact_button.clicked.connect(self.save_contact)
        contact_row = QHBoxLayout()
        contact_row.addWidget(self.contact, 1)
        contact_row.addWidget(self.contact_button)
        contact_hint = QLabel(
            self.tr(
                "A phone number or address printed under the committee's name on referral and "
                "feedback letters, so the people who receive them can reach you."
            ),
            self,
        )
        contact_hint.setWordWrap(True)

        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up)
        backup_hint = QLabel(
            self.tr(
                "An encrypted, checked copy goes into the workspace's backups folder; the newest "
                "ten are kept. Copy that folder to a USB stick from time to time."
            ),
            self,
        )
        backup_hint.setWordWrap(True)

        self.import_button = QPushButton(self.tr("Import a register…"), self)
        self.import_button.setObjectName("importRegister")
        self.import_button.clicked.connect(self.import_register)
        import_hint = QLabel(
            self.tr(
                "Bring in the cases of your paper or spreadsheet register from a CSV file "
                "(the template is in the README). Nothing is imported until every row is right."
            ),
            self,
        )
        import_hint.setWordWrap(True)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)

        form = QFormLayout()
        form.setVerticalSpacing(18)
        if can(workspace.actor, "update_settings"):
            form.addRow(self.tr("Lock after"), _with_hint(lock_row, lock_hint))
            form.addRow(
                self.tr("Contact printed on letters"), _with_hint(contact_row, contact_hint)
            )
        else:
            self.auto_lock.hide()
            self.save_button.hide()
            lock_hint.hide()
            self.contact.hide()
            self.contact_button.hide()
            contact_hint.hide()
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addStretch(1)
        if can(workspace.actor, "backup"):
            form.addRow(self.tr("Backup"), _with_hint(backup_row, backup_hint))
        else:
            self.backup_button.hide()
            backup_hint.hide()

        if can(workspace.actor, "import_register"):
            form.addRow(self.tr("Register"), _with_hint(import_row, import_hint))
        else:
            self.import_button.hide()
            import_hint.hide()

        from desktop.views.settings.signing_key_line import SigningKeyLine

        self.signing_key = SigningKeyLine(workspace, self)  # every role: the key is public
        key_hint = QLabel(
            self.tr(
                "Exports are signed with this workspace's key. Programme staff confirm this "
                "fingerprint once, by phone or in person; it is also on the recovery sheet."
            ),
            self,
        )
        key_hint.setWordWrap(True)
        key_row = QHBoxLayout()
        key_row.addWidget(self.signing_key, 1)
        form.addRow(self.tr("Export-signing key"), _with_hint(key_row, key_hint))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        for label in (lock_hint, contact_hint, backup_hint, import_hint, key_hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setMaximumWidth(label.fontMetrics().horizontalAdvance("m") * 60)

    def save(self) -> None:
        minutes = self.auto_lock.value()
        workspace = self._workspace

        def update() -> int:
            from desktop.domain.services.committee import UpdateSettings, update_settings

            committee = update_settings(
                workspace.unit_of_work(),
                workspace.actor,
                workspace.clock,
                workspace.taxonomy,
                UpdateSettings(auto_lock_minutes=minutes),
            )
            return committee.auto_lock_minutes

        self.save_button.setEnabled(False)
        run_in_background(update, on_done=self._saved, on_error=self._failed, parent=self)

    def _saved(self, minutes: object) -> None:
        self.save_button.setEnabled(True)
        assert isinstance(minutes, int)
        self.message.show_info(self.tr("Saved: Suluhu locks after %n idle minute(s).", "", minutes))
        self.auto_lock_changed.emit(minutes)

    def save_contact(self) -> None:
        contact = self.contact.text()
        workspace = self._workspace

        def update() -> str:
            from desktop.domain.services.committee import UpdateSettings, update_settings

            committee = update_settings(
                workspace.unit_of_work(),
                workspace.actor,
                workspace.clock,
                workspace.taxonomy,
                UpdateSettings(contact=contact),
            )
            return committee.contact

        self.contact_button.setEnabled(False)
        run_in_background(update, on_done=self._contact_saved, on_error=self._failed, parent=self)

    def _contact_saved(self, contact: object) -> None:
        self.contact_button.setEnabled(True)
        assert isinstance(contact, str)
        self.contact.setText(contact)
        if contact:
            self.message.show_info(
                self.tr("Saved: letters print %1 as your contact.").replace("%1", contact)
            )
        else:
            self.message.show_info(self.tr("Saved: letters print no contact."))

    def back_up(self) -> None:
        self.backup_button.setEnabled(False)
        self.message.show_info(self.tr("Making the backup…"))
        run_in_background(
            self._workspace.backup, on_done=self._backed_up, on_error=self._failed, parent=self
        )

    def _backed_up(self, path: object) -> None:
        self.backup_button.setEnabled(True)
        assert isinstance(path, Path)
        self.message.show_info(self.tr("Backup written and checked: %1").replace("%1", str(path)))

    def import_register(self) -> None:
        from desktop.views.register_import.import_wizard import ImportWizard

        wizard = ImportWizard(self._workspace, self)
        wizard.imported.connect(self._imported)
        wizard.open()

    def _imported(self, count: int) -> None:
        self.message.show_info(self.tr("%n case(s) imported from the register.", "", count))

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.contact_button.setEnabled(True)
        self.backup_button.setEnabled(True)
        self.message.show_error(error_text(error))


def _with_hint(row: QHBoxLayout, hint: QLabel) -> QVBoxLayout:
    """A setting's controls with its explanation right under them, in the field column."""
    column = QVBoxLayout()
    column.setSpacing(4)
    column.addLayout(row)
    column.addWidget(hint)
    return column
