"""The hub window's committees: the list (desktop.views.hub.committees_model) and "Edit
committee…" (or double-click, or Enter on a row) to name a committee, place it in a region, or
mark it inactive."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import tasks
from desktop.views.hub.committee_dialog import CommitteeDialog
from desktop.views.hub.committees_model import HubCommitteesModel
from desktop.workspace import HubCommittee, HubWorkspace


class HubCommitteesPanel(QWidget):
    committee_saved = Signal(str)  # a pseudonym; the list has been asked to refresh

    def __init__(
        self,
        hub: HubWorkspace,
        model: HubCommitteesModel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``model``: the hub window's own committees model, when it keeps one."""
        super().__init__(parent)
        self.hub = hub
        self.model = model or HubCommitteesModel(self)
        self.dialog: CommitteeDialog | None = None  # the one open, for tests

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.installEventFilter(self)
        self.empty = QLabel(
            self.tr("No committees yet: a committee is added when its first export is imported.")
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #5a5a5a;")
        self.edit_button = QPushButton(self.tr("Edit committee…"), self)
        self.edit_button.setObjectName("editCommittee")
        self.edit_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTrailing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.edit_button.clicked.connect(self.edit_selected)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

    def refresh(self) -> None:
        """Read the hub's committees again (in the background), keeping the selected one."""
        tasks.run_in_background(
            self.hub.committees,
            on_done=self._show,
            on_error=lambda _error: None,
            parent=self,
        )

    def _show(self, committees: list[HubCommittee]) -> None:
        selected = self.selected()
        self.model.replace_items(committees)
        if selected is not None:
            self.select(selected.pseudonym)

    def select(self, pseudonym: str) -> None:
        """Select that committee's row (QTableView.selectRow misses it right to left)."""
        for row, committee in enumerate(self.model.committees()):
            if committee.pseudonym == pseudonym:
                flags = QItemSelectionModel.SelectionFlag
                self.view.selectionModel().select(
                    self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
                )
                self.view.setCurrentIndex(self.model.index(row, 0))

    def selected(self) -> HubCommittee | None:
        rows = self.view.selectionModel().selectedRows()
        item = self.model.item_at(rows[0].row()) if rows else None
        return item if isinstance(item, HubCommittee) else None

    def _selection_changed(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.selected() is not None)
        self.empty.setVisible(self.model.rowCount() == 0)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.select(str(self.model.index(index.row(), 0).data()))
        self.edit_selected()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self.view
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected() is not None
        ):
            self.edit_selected()
            return True
        return super().eventFilter(watched, event)

    def edit_selected(self) -> None:
        committee = self.selected()
        if committee is None or self.dialog is not None:
            return
        dialog = CommitteeDialog(self.hub, committee, self.model.committees(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(self._dialog_finished)
        self.dialog = dialog
        dialog.open()

    def _dialog_finished(self, _result: int) -> None:
        self.dialog = None

    def _saved(self, pseudonym: str) -> None:
        self.refresh()
        self.committee_saved.emit(pseudonym)
