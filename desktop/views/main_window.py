"""The main window after sign-in: navigation on the side, pages, and the status bar with Lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop.views.idle_watcher import IdleWatcher
from desktop.views.labels import role_label
from desktop.views.users.change_passphrase_dialog import ChangePassphraseDialog
from desktop.views.users.service_adapter import can, current_user
from desktop.views.widgets.placeholder_page import PlaceholderPage
from desktop.workspace import OpenWorkspace

if TYPE_CHECKING:
    from desktop.views.actors.actors_page import ActorsPage
    from desktop.views.cases.cases_area import CasesArea
    from desktop.views.home.home_page import HomePage
    from desktop.views.referrals.board_page import ReferralBoardPage
    from desktop.views.reports.reports_page import ReportsPage

DEFAULT_AUTO_LOCK_MINUTES = 5


class MainWindow(QMainWindow):
    locked = Signal()  # Lock pressed, Ctrl+L, or idle: the controller closes the workspace
    closed = Signal()  # the window was closed: the controller closes the workspace and quits

    def __init__(
        self,
        workspace: OpenWorkspace,
        *,
        idle_lock_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._workspace = workspace
        self._locking = False
        committee = workspace.committee()
        self._committee = committee
        user = current_user(workspace)
        self.display_name = user.display_name if user else workspace.actor.username
        self.setWindowTitle(self.tr("Suluhu \u2013 %1").replace("%1", committee.name))

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.pages = QStackedWidget(self)
        self._add_pages()
        metrics = self.nav.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(self.nav.item(r).text()) for r in range(self.nav.count())
        )
        self.nav.setFixedWidth(max(widest + 60, metrics.horizontalAdvance("M") * 11))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.currentRowChanged.connect(self._page_shown)
        self.nav.setCurrentRow(0)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.lock_action = QAction(self.tr("Lock"), self)
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self._build_status_bar(role_label(workspace.actor.role))

        minutes = committee.auto_lock_minutes or DEFAULT_AUTO_LOCK_MINUTES
        self.idle = IdleWatcher(idle_lock_ms or minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        self.resize(1100, 700)

    def _add_pages(self) -> None:
        actor = self._workspace.actor
        self.home_page: HomePage | None = None
        self.cases_area: CasesArea | None = None
        if can(actor, "get_agenda"):
            from desktop.views.home.home_page import HomePage

            self.home_page = HomePage(self._workspace, self)
            self.home_page.open_case.connect(self.open_case)
            self.home_page.show_referrals.connect(lambda: self.show_page("referrals"))
            self._add_page(self.tr("Home"), self.home_page, "home")
        else:
            welcome = PlaceholderPage(
                self.tr("Welcome, %1").replace("%1", self.display_name),
                self.tr(
                    "Your role works with the programme's anonymised reports; case details "
                    "stay with the committee."
                ),
                self,
            )
            self._add_page(self.tr("Home"), welcome, "home")
        if can(actor, "list_cases"):
            from desktop.views.cases.cases_area import CasesArea

            self.cases_area = CasesArea(self._workspace, self)
            self._add_page(self.tr("Cases"), self.cases_area, "cases")
        self.referrals_page: ReferralBoardPage | None = None
        if can(actor, "referral_board"):
            from desktop.views.referrals.board_page import ReferralBoardPage

            self.referrals_page = ReferralBoardPage(self._workspace, self, autoload=False)
            self.referrals_page.open_case.connect(self.open_case)
            self.referrals_page.refer_case.connect(self.refer_case)
            self._add_page(self.tr("Referrals"), self.referrals_page, "referrals")
        self.actors_page: ActorsPage | None = None
        if can(actor, "list_actors"):
            from desktop.views.actors.actors_page import ActorsPage

            self.actors_page = ActorsPage(self._workspace, self)
            self._add_page(self.tr("Actors"), self.actors_page, "actors")
        self.reports_page: ReportsPage | None = None
        self._reports_read = False
        if can(actor, "build_export_tables"):
            from desktop.views.reports.reports_page import ReportsPage

            self.reports_page = ReportsPage(self._workspace, self, autoload=False)
            self._add_page(self.tr("Reports"), self.reports_page, "reports")
        if can(self._workspace.actor, "add_user"):
            from desktop.views.users.users_page import UsersPage

            self.users_page: UsersPage | None = UsersPage(self._workspace, self)
            self._add_page(self.tr("Users"), self.users_page, "users")
        else:
            self.users_page = None
        if can(self._workspace.actor, "read_audit_log"):
            from desktop.views.audit.audit_page import AuditPage

            self._add_page(self.tr("Audit log"), AuditPage(self._workspace, self), "audit")
        actor = self._workspace.actor
        if any(can(actor, name) for name in ("update_settings", "backup", "import_register")):
            from desktop.views.settings.settings_page import SettingsPage

            minutes = self._committee.auto_lock_minutes or DEFAULT_AUTO_LOCK_MINUTES
            self.settings_page: SettingsPage | None = SettingsPage(self._workspace, minutes, self)
            self.settings_page.auto_lock_changed.connect(self.set_auto_lock_minutes)
            self._add_page(self.tr("Settings"), self.settings_page, "settings")
        else:
            self.settings_page = None

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self.idle.timer.setInterval(minutes * 60_000)
        if self.idle.timer.isActive():
            self.idle.timer.start()

    def _add_page(self, title: str, page: QWidget, key: str) -> None:
        item = QListWidgetItem(title, self.nav)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, self.fontMetrics().height() * 2 + 8))
        self.pages.addWidget(page)

    def page_keys(self) -> list[str]:
        nav = self.nav
        return [nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(nav.count())]

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_keys().index(key))

    def _page_shown(self, row: int) -> None:
        """Home and the referral board show what is due now: read again each time shown."""
        page = self.pages.widget(row)
        if self.home_page is not None and page is self.home_page:
            self.home_page.refresh()
        if self.referrals_page is not None and page is self.referrals_page:
            self.referrals_page.refresh()
        if self.reports_page is not None and page is self.reports_page and not self._reports_read:
            self._reports_read = True  # counted once; the page has its own Count again
            self.reports_page.refresh()

    def open_case(self, dispute_id: int) -> None:
        """From home (or anywhere): the case, in the Cases area."""
        if self.cases_area is None:
            return
        self.show_page("cases")
        self.cases_area.open_case(dispute_id)

    def refer_case(self, dispute_id: int) -> None:
        """From the referral board: refer the case again, to another actor."""
        if self.cases_area is None:
            return
        self.show_page("cases")
        self.cases_area.refer_case(dispute_id)

    def _build_status_bar(self, role: str) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.setContentsMargins(12, 4, 8, 4)
        self.user_label = QLabel(
            self.tr("Signed in as %1 (%2)").replace("%1", self.display_name).replace("%2", role),
            self,
        )
        self.user_label.setObjectName("signedInAs")
        self.change_button = QPushButton(self.tr("Change my passphrase\u2026"), self)
        self.change_button.clicked.connect(self.change_passphrase)
        self.lock_button = QPushButton(self.tr("Lock"), self)
        self.lock_button.setObjectName("lock")
        self.lock_button.setToolTip(self.tr("Lock Suluhu now (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock)
        bar.addWidget(self.user_label, 1)
        bar.addPermanentWidget(self.change_button)
        bar.addPermanentWidget(self.lock_button)

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self._workspace, parent=self)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(self.tr("Your passphrase is changed."), 8000)
        )
        dialog.open()

    def lock(self) -> None:
        if self._locking:
            return
        self._locking = True
        self.idle.stop()
        self.locked.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.stop()
        if not self._locking:
            self._locking = True
            self.closed.emit()
        event.accept()
