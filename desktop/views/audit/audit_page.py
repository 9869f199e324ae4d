"""The audit viewer (administrators): who did what and when, filtered; the hash chain is verified
each time the log is read (in the background, first when the page opens) and the page says
plainly whether it holds."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.services.audit_view import AuditFilter, AuditLog, read_audit_log
from desktop.tasks import run_in_background
from desktop.views.appearance import enlarge
from desktop.views.audit.audit_filters import AuditFilters
from desktop.views.audit.audit_model import AuditTableModel, Column
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class AuditPage(QWidget):
    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.log: AuditLog | None = None
        title = QLabel(self.tr("Audit log"), self)
        title.setObjectName("pageTitle")
        enlarge(title, 1.6)
        intro = QLabel(
            self.tr(
                "Every sign-in, change, view of a restricted case, import and backup, newest "
                "first. Each entry is linked to the one before, so a changed or removed entry "
                "shows."
            ),
            self,
        )
        intro.setObjectName("pageText")
        intro.setWordWrap(True)
        self.chain = MessageLabel(self)
        self.chain.setObjectName("chainStatus")
        self.chain.show_info(self.tr("Checking the audit log\u2026"))
        self.filters = AuditFilters(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("pageText")
        self.message = MessageLabel(self)
        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.DETAIL, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.chain)
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

        self.filters.changed.connect(self.load)
        self.load(AuditFilter())

    def load(self, audit_filter: object) -> None:
        assert isinstance(audit_filter, AuditFilter)
        workspace = self._workspace
        self.filters.setEnabled(False)
        run_in_background(
            lambda: read_audit_log(workspace.unit_of_work(), workspace.actor, audit_filter),
            on_done=self._show,
            on_error=self._failed,
            parent=self,
        )

    def _show(self, log: object) -> None:
        assert isinstance(log, AuditLog)
        self.log = log
        self.filters.setEnabled(True)
        self.message.clear_message()
        self.filters.set_choices(log.usernames, log.actions)
        self.model.set_events(log.events, log.broken_at)
        if log.chain_holds:
            self.chain.show_info(
                self.tr(
                    "The audit log is intact: all %1 entries are linked and unchanged."
                ).replace("%1", self.locale().toString(log.total))
            )
        else:
            self.chain.show_error(
                self.tr(
                    "The audit log has been tampered with or damaged: the chain breaks at entry "
                    "%1. Entries from there on cannot be trusted; keep this laptop as it is and "
                    "tell the programme staff."
                ).replace("%1", str(log.broken_at))
            )
        shown = (
            self.tr("Showing %1 of %2 matching entries.")
            if log.matched > len(log.events)
            else self.tr("%2 matching entries.")
        )
        self.count_label.setText(
            shown.replace("%1", self.locale().toString(len(log.events))).replace(
                "%2", self.locale().toString(log.matched)
            )
        )

    def _failed(self, error: BaseException) -> None:
        self.filters.setEnabled(True)
        self.message.show_error(error_text(error))
        if self.log is None:
            self.chain.show_error(self.tr("The audit log could not be read."))
