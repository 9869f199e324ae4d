"""The case screen: the case's header (number, status, category, restriction), its parties
and assigned members, the status actions the case allows, and sections (hearings, agreement,
closure, timeline) that other screens add with :meth:`CaseView.add_section`.

Do-no-harm: "Start mediation" on a category that must not be mediated shows the service's
explanation and offers a referral to a formal actor (and an administrator an override with a
reason) instead. A referral out, from there or from its status button, asks why; the reason is
audited and shows in the case's timeline.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import DoNoHarm
from desktop.domain.model.dispute import Dispute, Party, Sex, Status, legal_next
from desktop.domain.taxonomy import UnknownCode
from desktop.tasks import run_in_background
from desktop.views.appearance import enlarge
from desktop.views.cases import form_case_service as service
from desktop.views.cases.form_do_no_harm_panel import DoNoHarmPanel
from desktop.views.cases.form_labels import (
    action_label,
    channel_label,
    role_label,
    sex_label,
    status_label,
)
from desktop.views.cases.register_dialog import RegisterDialog
from desktop.views.errors import error_text
from desktop.views.widgets.message_label import MessageLabel
from desktop.workspace import OpenWorkspace

# Status changes that other sections record with more than a status (agreement, closure).
HANDED_OVER = frozenset({Status.AGREEMENT, Status.CLOSED})


class CaseView(QWidget):
    changed = Signal(int)  # dispute id, after any change made here
    action_requested = Signal(str)  # a Status value in HANDED_OVER: "agreement", "closed"

    def __init__(
        self, workspace: OpenWorkspace, dispute_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.dispute_id = dispute_id
        self.dispute: Dispute | None = None
        self._busy = False
        # Set by the case screen: "Refer out" opens the referral dialog (reason so far).
        self.refer_dialog: Callable[[str], object] | None = None
        self.number_label = QLabel(self)
        self.number_label.setObjectName("caseNumber")
        enlarge(self.number_label, 1.6)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("caseStatus")
        self.status_label.setStyleSheet(
            "QLabel { background: #e4eeee; color: #1f4346; border-radius: 4px; padding: 3px 8px; }"
        )
        self.restricted_label = QLabel(self.tr("Restricted"), self)
        self.restricted_label.setStyleSheet(
            "QLabel { background: #8a1c1c; color: white; border-radius: 4px; padding: 3px 8px; }"
        )
        self.restricted_label.hide()
        self.edit_button = QPushButton(self.tr("Edit\u2026"), self)
        self.details_label = QLabel(self)
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.parties_label = QLabel(self)
        self.parties_label.setWordWrap(True)
        self.parties_label.setTextFormat(Qt.TextFormat.PlainText)
        self.parties_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.members_label = QLabel(self)
        self.members_label.setWordWrap(True)
        self.members_label.setTextFormat(Qt.TextFormat.PlainText)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(8)
        self.action_buttons: dict[Status, QPushButton] = {}
        may_override = service.may(workspace, "override_do_no_harm")
        self.do_no_harm = DoNoHarmPanel(may_override, self)
        self.message = MessageLabel(self)
        self.sections = QTabWidget(self)
        self.sections.setObjectName("caseSections")
        self.sections.setDocumentMode(True)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.number_label)
        top.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.restricted_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        facts = QGridLayout()
        facts.setHorizontalSpacing(16)
        facts.setVerticalSpacing(6)
        for row, (title, label) in enumerate(
            (
                (self.tr("Parties"), self.parties_label),
                (self.tr("Assigned"), self.members_label),
            )
        ):
            heading = QLabel(title, self)
            enlarge(heading, 1.0)
            facts.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(label, row, 1)
        facts.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.details_label)
        layout.addLayout(facts)
        layout.addLayout(self.action_row)
        layout.addWidget(self.do_no_harm)
        layout.addWidget(self.message)
        layout.addWidget(self.sections, 1)
        self.edit_button.clicked.connect(self.edit)
        self.do_no_harm.refer.connect(self.refer_out)
        self.do_no_harm.override.connect(self._override)
        self.reload()

    # -- what other screens plug in ----------------------------------------------------------

    def add_section(self, title: str, widget: QWidget) -> None:
        """Add a tab (hearings, agreement, closure, timeline...) under the header."""
        self.sections.addTab(widget, title)

    def is_loaded(self) -> bool:
        return self.dispute is not None and not self._busy

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        workspace, dispute_id = self._workspace, self.dispute_id
        self._busy = True
        run_in_background(
            lambda: service.load(workspace, dispute_id),
            on_done=self._loaded,
            on_error=self._failed,
            parent=self,
        )

    def _loaded(self, data: service.CaseData) -> None:
        self._busy = False
        d = data.dispute
        self.dispute = d
        self.number_label.setText(d.number)
        self.status_label.setText(status_label(d.status))
        self.restricted_label.setVisible(d.restricted)
        details = [
            self._category_label(d.category),
            self.tr("received %1").replace("%1", d.received_on.isoformat()),
            channel_label(d.channel),
            d.area,
        ]
        self.details_label.setText(" \u00b7 ".join(part for part in details if part))
        self.parties_label.setText("\n".join(self._party_line(p) for p in d.parties) or "\u2014")
        names = [
            data.member_names.get(i, self.tr("user %1").replace("%1", str(i))) for i in d.assigned
        ]
        self.members_label.setText(", ".join(names) or self.tr("Nobody yet"))
        self.edit_button.setVisible(service.may(self._workspace, "update_dispute"))
        self._build_actions(d.status)

    def _category_label(self, code: str) -> str:
        try:
            return self._workspace.taxonomy.category(code).label
        except UnknownCode:
            return code

    def _party_line(self, party: Party) -> str:
        facts = [] if party.sex is Sex.UNKNOWN else [sex_label(party.sex)]
        if party.age is not None:
            facts.append(self.tr("%1 years").replace("%1", str(party.age)))
        elif party.age_band:
            facts.append(party.age_band.replace("_", "\u2013"))
        facts.extend(v for v in (party.phone, party.village) if v)
        more = f" ({', '.join(facts)})" if facts else ""
        return f"{role_label(party.role)}: {party.name}{more}"

    def _build_actions(self, status: Status) -> None:
        for button in self.action_buttons.values():
            self.action_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for target in legal_next(status):
            use_case = service.USE_CASE_FOR.get(target)
            if use_case is None or not service.may(self._workspace, use_case):
                continue
            button = QPushButton(action_label(target), self)
            button.setObjectName(f"action_{target.value}")
            button.clicked.connect(lambda _=False, t=target: self.act(t))
            self.action_buttons[target] = button
            self.action_row.addWidget(button)
        self.action_row.addStretch(0)

    # -- actions -----------------------------------------------------------------------------

    def act(self, target: Status) -> None:
        if self._busy:
            return
        self.message.clear_message()
        if target in HANDED_OVER:
            self.action_requested.emit(target.value)
        elif target is Status.IN_MEDIATION:
            self._run(lambda w, i: service.start_mediation(w, i))
        elif target is Status.WITHDRAWN:
            note, ok = QInputDialog.getMultiLineText(
                self, self.tr("Withdraw"), self.tr("Why did the complainant withdraw? (optional)")
            )
            if ok:
                self._run(lambda w, i: service.withdraw(w, i, note))
        elif target is Status.REOPENED:
            asked = self.ask_reason(self.tr("Reopen"), self.tr("Why is the case reopened?"))
            if asked is not None:
                self._reopen(asked)
        elif target is Status.REFERRED_OUT and self.refer_dialog is not None:
            self.refer_dialog("")
        elif target is Status.REFERRED_OUT:
            asked = self.ask_reason(
                self.tr("Refer out"),
                self.tr("Why is the case referred out, and to whom? (kept in the timeline)"),
            )
            if asked is not None:
                self.refer_out(asked)
        else:
            self._run(lambda w, i: service.change_status(w, i, target))

    def ask_reason(self, title: str, question: str) -> str | None:
        """The reason the user typed, or None when they cancelled (tests replace this)."""
        reason, ok = QInputDialog.getText(self, title, question)
        return reason if ok else None

    def _reopen(self, reason: str) -> None:
        self._run(lambda w, i: service.reopen(w, i, reason))

    def refer_out(self, reason: str) -> None:
        """The case moves to "referred out" with its reason (required, audited); the referral
        itself (actor, consent, what was shared) is recorded on the referrals screen."""
        if self._busy:
            return
        self.message.clear_message()
        if self.refer_dialog is not None:
            self.refer_dialog(reason)
            return
        self._run(lambda w, i: service.refer_out(w, i, reason))

    def _override(self, reason: str) -> None:
        self._run(lambda w, i: service.start_mediation(w, i, reason))

    def _run(self, call: Callable[[OpenWorkspace, int], object]) -> None:
        workspace, dispute_id = self._workspace, self.dispute_id
        self._busy = True
        run_in_background(
            lambda: call(workspace, dispute_id),
            on_done=self._done,
            on_error=self._failed,
            parent=self,
        )

    def _done(self, result: object) -> None:
        self._busy = False
        self.do_no_harm.hide()
        if not isinstance(result, Dispute):
            self.message.show_info(self.tr("Sent to the chair for approval."))
        self.changed.emit(self.dispute_id)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, DoNoHarm):
            self.do_no_harm.explain(str(error))
            return
        self.message.show_error(error_text(error))

    def edit(self) -> None:
        dialog = RegisterDialog(self._workspace, self.dispute_id, self)
        dialog.saved.connect(self._edited)
        dialog.open()

    def _edited(self, dispute_id: int) -> None:
        self.changed.emit(dispute_id)
        self.reload()
