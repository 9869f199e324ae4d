"""The actor directory: who cases are referred to and come from. Search as you type, filter by
kind or by formal/informal, add, edit, deactivate or reactivate, and import a list.

The directory is small (tens to a few hundred entries): it is read once in the background and
searched in memory by the domain's ``filter_actors`` on every keystroke."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model.referrals import JusticeActor
from desktop.domain.services.actors import (
    ImportResult,
    deactivate_actor,
    filter_actors,
    list_actors,
    reactivate_actor,
)
from desktop.domain.services.permissions import can
from desktop.tasks import run_in_background
from desktop.views.actors.actor_dialog import ActorDialog
from desktop.views.actors.actor_filter_bar import ActorFilterBar
from desktop.views.actors.actors_model import ActorsTableModel, Column
from desktop.views.actors.import_dialog import ActorImportDialog
from desktop.views.appearance import enlarge
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace


class ActorsPage(QWidget):
    actors_changed = Signal()  # an actor was added, edited, (de/re)activated or imported
    loaded = Signal()  # the directory was (re)read and is showing

    def __init__(self, workspace: OpenWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._all: list[JusticeActor] = []
        self._select: int | None = None
        title = QLabel(self.tr("Justice actors"), self)
        title.setObjectName("pageTitle")
        enlarge(title, 1.6)
        intro = QLabel(
            self.tr(
                "Who cases are referred to and come from. A deactivated actor is not offered "
                "for new referrals; past referrals keep it."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.filters = ActorFilterBar(workspace.taxonomy, self)
        self.model = ActorsTableModel(workspace.taxonomy, self)
        self.table = QTableView(self)
        self.table.setObjectName("actorsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # see _fit_columns
        self.count = QLabel(self)
        self.count.setObjectName("pageText")

        self.add_button = QPushButton(self.tr("Add actor\u2026"), self)
        self.edit_button = QPushButton(self.tr("Edit\u2026"), self)
        self.deactivate_button = QPushButton(self.tr("Deactivate\u2026"), self)
        self.reactivate_button = QPushButton(self.tr("Reactivate"), self)
        self.import_button = QPushButton(self.tr("Import a list\u2026"), self)
        self.message = MessageLabel(self)
        actor = workspace.actor
        self.add_button.setVisible(can(actor, "add_actor"))
        self.edit_button.setVisible(can(actor, "update_actor"))
        self.deactivate_button.setVisible(can(actor, "deactivate_actor"))
        self.reactivate_button.setVisible(False)  # shown for a deactivated actor, if allowed
        self.import_button.setVisible(can(actor, "import_actors"))
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (
            self.add_button,
            self.edit_button,
            self.deactivate_button,
            self.reactivate_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)

        self.filters.changed.connect(self._apply_filters)
        self.add_button.clicked.connect(self.add_actor)
        self.edit_button.clicked.connect(self.edit_actor)
        self.deactivate_button.clicked.connect(self.confirm_deactivate)
        self.reactivate_button.clicked.connect(self.reactivate)
        self.import_button.clicked.connect(self.import_list)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.reload()

    # -- reading -----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the whole directory (deactivated actors too) in the background."""
        self._select = select
        workspace = self._workspace
        run_in_background(
            lambda: list_actors(workspace.unit_of_work(), workspace.actor, include_inactive=True),
            on_done=self._loaded,
            on_error=self._failed,
            parent=self,
        )

    def _loaded(self, entries: object) -> None:
        assert isinstance(entries, list)
        self._all = entries
        self._apply_filters()
        if not entries and can(self._workspace.actor, "import_actors"):
            self.message.show_info(
                self.tr(
                    "The directory is empty. Add the actors your committee works with, or "
                    "import the starter list with \u201cImport a list\u2026\u201d and correct it."
                )
            )
        self.loaded.emit()

    def _apply_filters(self) -> None:
        keep = self._select if self._select is not None else self._selected_id()
        self._select = None
        criteria = self.filters.criteria()
        shown = filter_actors(
            self._all,
            self._workspace.taxonomy,
            text=criteria.text,
            kind=criteria.kind,
            mechanism=criteria.mechanism,
            include_inactive=criteria.include_inactive,
        )
        self.model.set_actors(shown)
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        active = sum(1 for a in self._all if a.active)
        self.count.setText(
            self.tr("Showing %1 of %2 active actors.")
            .replace("%1", str(len(shown)))
            .replace("%2", str(active))
        )
        self.count.setVisible(bool(self._all))
        self._update_buttons()
        self._fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Fit again when shown: a page loaded while hidden was fitted to a table that its
        layout had not sized yet (the page's own size may not change when it is shown)."""
        super().showEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column as wide as its text when they fit. When not (a narrow window, 150 %
        text), kind and phone keep their width, the name gets up to 45 % of the rest, and the
        contact person, area and hours share what is left (elided; the tooltip has it all)."""
        header = self.table.horizontalHeader()
        wanted = {
            c: max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in Column
        }
        free = self.table.viewport().width() - wanted[Column.KIND] - wanted[Column.PHONE]
        texts = (Column.CONTACT, Column.AREA, Column.HOURS)
        widths = dict(wanted)
        if sum(wanted[c] for c in (Column.NAME, *texts)) > free:
            widths[Column.NAME] = min(wanted[Column.NAME], int(free * 0.45))
            rest = free - widths[Column.NAME]
            share = rest / max(sum(wanted[c] for c in texts), 1)
            for column in texts:
                widths[column] = max(int(wanted[column] * share), header.minimumSectionSize())
        else:
            widths[Column.NAME] = free - sum(wanted[c] for c in texts)
        for column, width in widths.items():
            header.resizeSection(column, width)

    # -- selection ---------------------------------------------------------------------------

    def selected_actor(self) -> JusticeActor | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def _selected_id(self) -> int | None:
        entry = self.selected_actor()
        return entry.id if entry is not None else None

    def _update_buttons(self) -> None:
        entry = self.selected_actor()
        actor = self._workspace.actor
        self.edit_button.setEnabled(entry is not None)
        self.deactivate_button.setEnabled(entry is not None and entry.active)
        inactive = entry is not None and not entry.active
        self.deactivate_button.setVisible(can(actor, "deactivate_actor") and not inactive)
        self.reactivate_button.setVisible(can(actor, "reactivate_actor") and inactive)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and can(self._workspace.actor, "update_actor"):
            self.edit_actor()

    # -- changes -----------------------------------------------------------------------------

    def add_actor(self) -> None:
        dialog = ActorDialog(self._workspace, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda entry: self._changed(entry, self.tr("%1 is added.")))
        dialog.open()

    def edit_actor(self) -> None:
        entry = self.selected_actor()
        if entry is None:
            return
        dialog = ActorDialog(self._workspace, entry, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda saved: self._changed(saved, self.tr("%1 is saved.")))
        dialog.open()

    def confirm_deactivate(self) -> None:
        entry = self.selected_actor()
        if entry is None or entry.id is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Deactivate actor"),
            self.tr(
                "Deactivate %1? It will no longer be offered for new referrals. Past referrals "
                "keep it, and you can reactivate it later."
            ).replace("%1", entry.name),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(self.tr("Deactivate"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setObjectName("confirmDeactivate")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        actor_id = entry.id
        box.buttonClicked.connect(
            lambda button: self._set_active(actor_id, False) if button is yes else None
        )
        box.open()

    def reactivate(self) -> None:
        entry = self.selected_actor()
        if entry is not None and entry.id is not None:
            self._set_active(entry.id, True)

    def _set_active(self, actor_id: int, active: bool) -> None:
        workspace = self._workspace
        use_case = reactivate_actor if active else deactivate_actor
        done = self.tr("%1 is reactivated.") if active else self.tr("%1 is deactivated.")
        self.setEnabled(False)
        run_in_background(
            lambda: use_case(workspace.unit_of_work(), workspace.actor, workspace.clock, actor_id),
            on_done=lambda entry: self._changed(entry, done),
            on_error=self._failed,
            parent=self,
        )

    def import_list(self) -> None:
        dialog = ActorImportDialog(self._workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._imported)
        dialog.open()

    def _imported(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        text = self.tr("%n actor(s) imported.", "", len(result.added))
        if result.duplicates:
            skipped = self.tr("%n skipped (already in the directory).", "", result.duplicates)
            text += " " + skipped
        self.message.show_info(text)
        self.reload(select=result.added[0].id if result.added else None)
        self.actors_changed.emit()

    def _changed(self, entry: object, text: str) -> None:
        assert isinstance(entry, JusticeActor)
        self.setEnabled(True)
        self.message.show_info(text.replace("%1", entry.name))
        self.reload(select=entry.id)
        self.actors_changed.emit()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.message.show_error(error_text(error))
