"""The casebook walked through the real main window as a committee secretary would, over a real
SQLCipher workspace (cheap KDF): register a dispute, find it by a piece of a name, two hearings,
an agreement printed to PDF, a breach that reopens the case, a new agreement, closure; and a
member without restricted access who cannot reach a restricted case through any screen.

The gestures go through the widgets (texts, clicks, key presses); services are called only to
set up the other cases in the workspace and to check results."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QWidget
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop import tasks  # noqa: E402
from desktop.domain.errors import NotFound  # noqa: E402
from desktop.domain.model.case_list import CaseFilter  # noqa: E402
from desktop.domain.model.dispute import Dispute, PartyRole, Sex, Status  # noqa: E402
from desktop.domain.model.proceedings import Answer, FollowUpResult  # noqa: E402
from desktop.domain.services import case_list, disputes, hearings  # noqa: E402
from desktop.views.cases import agreement_section  # noqa: E402
from desktop.views.cases.agreement_dialog import AgreementDialog  # noqa: E402
from desktop.views.cases.case_list_page import CaseListPage  # noqa: E402
from desktop.views.cases.case_screen import CaseScreen  # noqa: E402
from desktop.views.cases.cases_area import CasesArea  # noqa: E402
from desktop.views.cases.closure_dialog import ClosureDialog  # noqa: E402
from desktop.views.cases.follow_up_dialog import FollowUpDialog  # noqa: E402
from desktop.views.cases.hearing_dialog import HearingDialog  # noqa: E402
from desktop.views.cases.proceedings_dialog import ProceedingsDialog  # noqa: E402
from desktop.views.cases.register_dialog import RegisterDialog  # noqa: E402
from desktop.views.home.home_page import HomePage  # noqa: E402
from desktop.views.main_window import MainWindow  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402
from storage.workspace import SqlCipherWorkspace  # noqa: E402
from tests.support import register_case  # noqa: E402
from tests.ui.fakes import ADMIN_PASSPHRASE  # noqa: E402
from tests.ui.real import MEMBER_PASSPHRASE, real_workspace  # noqa: E402

WAIT = 20_000
COMPLAINANT = "Grace Achieng"
RESPONDENT = "Peter Kiprono"
TERMS = "Peter Kiprono moves the fence back two metres to the old sisal line by the end of June."
NEW_TERMS = "Peter Kiprono rebuilds the fence on the surveyed line and pays 3,000 shillings."


@pytest.fixture
def workspace(tmp_path: Path) -> SqlCipherWorkspace:
    return real_workspace(tmp_path / "workspace")


@pytest.fixture
def admin(workspace: SqlCipherWorkspace) -> Iterator[OpenWorkspace]:
    opened = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    yield opened
    opened.close()


# -- gestures -------------------------------------------------------------------------------


def _window(qtbot: QtBot, opened: OpenWorkspace) -> MainWindow:
    window = MainWindow(opened)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    _idle(qtbot)
    return window


def _idle(qtbot: QtBot) -> None:
    """Every background query has delivered its result."""
    qtbot.waitUntil(lambda: tasks.active_tasks() == 0, timeout=WAIT)


def _click(qtbot: QtBot, button: QWidget) -> None:
    # a button added to a shown layout is shown by a queued event: let it arrive
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _set_date(edit: QDateEdit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def _area(window: MainWindow) -> CasesArea:
    assert window.cases_area is not None
    return window.cases_area


def _screen(window: MainWindow) -> CaseScreen:
    screen = _area(window).case_screen
    assert screen is not None
    return screen


def _screen_ready(qtbot: QtBot, window: MainWindow, status: Status | None = None) -> CaseScreen:
    """The case on screen with all its sections loaded (and in ``status``, when given)."""

    def ready() -> bool:
        screen = _area(window).case_screen
        return (
            screen is not None
            and _area(window).currentWidget() is screen
            and tasks.active_tasks() == 0
            and screen.view.is_loaded()
            and screen.hearings.case is not None
            and screen.agreement.case is not None
            and (status is None or screen.view.dispute.status is status)  # type: ignore[union-attr]
            and (status is None or screen.agreement.case.dispute.status is status)
        )

    qtbot.waitUntil(ready, timeout=WAIT)
    return _screen(window)


def _submit(qtbot: QtBot, dialog: ProceedingsDialog) -> None:
    _click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible() or dialog.message.isVisible(), timeout=WAIT)
    assert not dialog.message.isVisible() or not dialog.message.text(), dialog.message.text()


def _home(qtbot: QtBot, window: MainWindow) -> HomePage:
    """Home, as shown by its navigation entry (it reads the agenda again)."""
    home = window.home_page
    assert home is not None
    with qtbot.waitSignal(home.loaded, timeout=WAIT):
        window.show_page("home")
    return home


def _listed(home: HomePage, dispute_id: int) -> dict[str, int]:
    """Group title -> how many lines of that group are about ``dispute_id``."""
    found = {}
    for group in home.groups():
        model = group.model
        lines = sum(
            1
            for r in range(model.rowCount())
            if model.item(r).dispute_id == dispute_id  # type: ignore[union-attr]
        )
        if lines:
            found[group.title()] = lines
    return found


def _search(qtbot: QtBot, page: CaseListPage, text: str) -> None:
    """Type ``text`` over whatever is in the search box and wait for its rows (the debounce,
    then the query on the background worker)."""
    page.search.setFocus()
    page.search.selectAll()
    qtbot.keyClicks(page.search, text)
    assert page.search.text() == text
    qtbot.waitUntil(lambda: not page._timer.isActive() and tasks.active_tasks() == 0, timeout=WAIT)


def _start_mediation(qtbot: QtBot, window: MainWindow) -> CaseScreen:
    screen = _screen(window)
    _click(qtbot, screen.view.action_buttons[Status.IN_MEDIATION])
    return _screen_ready(qtbot, window, Status.IN_MEDIATION)


def _record_hearing(
    qtbot: QtBot, window: MainWindow, held_on: date, notes: str, next_on: date | None
) -> None:
    screen = _screen(window)
    screen.view.sections.setCurrentWidget(screen.hearings)
    before = screen.hearings.model.rowCount()
    _click(qtbot, screen.hearings.record_button)
    dialog = screen.hearings.dialog
    assert isinstance(dialog, HearingDialog) and dialog.isVisible()
    assert dialog.mediators.checked_ids() == (window._workspace.actor.user_id,)
    _set_date(dialog.held_on, held_on)
    for party in screen.hearings.case.dispute.parties:  # type: ignore[union-attr]
        dialog.parties.set_checked(party.id or 0)
    qtbot.keyClicks(dialog.notes, notes)
    qtbot.keyClicks(dialog.next_step, "Walk the boundary with the village elder")
    if next_on is not None:
        dialog.has_next.setChecked(True)
        _set_date(dialog.next_date, next_on)
    _submit(qtbot, dialog)
    qtbot.waitUntil(lambda: screen.hearings.model.rowCount() == before + 1, timeout=WAIT)
    _screen_ready(qtbot, window)


def _record_agreement(
    qtbot: QtBot, window: MainWindow, terms: str, agreed_on: date, days: tuple[int, int]
) -> CaseScreen:
    screen = _screen(window)
    _click(qtbot, screen.view.action_buttons[Status.AGREEMENT])  # "Record agreement" in the header
    assert screen.view.sections.currentWidget() is screen.agreement
    dialog = screen.agreement.dialog
    assert isinstance(dialog, AgreementDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.terms, terms)
    _set_date(dialog.agreed_on, agreed_on)
    assert len(dialog.signatories.checked_ids()) == 2  # both parties sign by default
    dialog.first.setValue(days[0])
    dialog.second.setValue(days[1])
    _submit(qtbot, dialog)
    screen = _screen_ready(qtbot, window, Status.AGREEMENT)
    qtbot.waitUntil(lambda: screen.agreement.terms.text() == terms, timeout=WAIT)
    return screen


def _stored(opened: OpenWorkspace, dispute_id: int) -> Dispute:
    return disputes.get_dispute(opened.unit_of_work(), opened.actor, opened.clock, dispute_id)


# -- the walk -------------------------------------------------------------------------------


def test_a_dispute_from_registration_to_closure(
    qtbot: QtBot,
    admin: OpenWorkspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two older cases in the register, so that the search has something to leave out.
    register_case(admin, name="Amina Wanjiru", respondent="Juma Otieno", category="debt")
    register_case(admin, name="Neema Wekesa", respondent="Otieno Opiyo", category="family")
    today = admin.clock.today()
    received = today - timedelta(days=200)
    window = _window(qtbot, admin)
    area = _area(window)

    # Cases > New case: the register form, with two parties.
    window.show_page("cases")
    _click(qtbot, area.list_page.new_button)
    dialog = area.findChild(RegisterDialog)
    assert isinstance(dialog, RegisterDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    fields = dialog.fields
    fields.category_box.setCurrentIndex(fields.category_box.findData("land_boundary"))
    fields.received_edit.setDate(QDate(received.year, received.month, received.day))
    qtbot.keyClicks(fields.description_edit, "The fence between the two plots was moved at night.")
    first, second = dialog.parties.rows
    assert first.role_box.currentData() == PartyRole.COMPLAINANT.value
    assert second.role_box.currentData() == PartyRole.RESPONDENT.value
    qtbot.keyClicks(first.name_edit, COMPLAINANT)
    first.sex_box.setCurrentIndex(first.sex_box.findData(Sex.FEMALE.value))
    qtbot.keyClicks(first.age_edit, "41")
    qtbot.keyClicks(first.phone_edit, "+254 722 000 111")
    qtbot.keyClicks(second.name_edit, RESPONDENT)
    second.sex_box.setCurrentIndex(second.sex_box.findData(Sex.MALE.value))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        _click(qtbot, dialog.save_button)
    dispute_id = saved.args[0]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    screen = _screen_ready(qtbot, window, Status.REGISTERED)  # the new case opens
    number = screen.view.number_label.text()
    stored = _stored(admin, dispute_id)
    assert number == stored.number and number.startswith("KBR-2026-")
    assert [(p.role, p.name) for p in stored.parties] == [
        (PartyRole.COMPLAINANT, COMPLAINANT),
        (PartyRole.RESPONDENT, RESPONDENT),
    ]
    assert stored.received_on == received and stored.category == "land_boundary"

    # Back to the list; type part of the respondent's name: only this case is left.
    _click(qtbot, screen.back_button)
    page = area.list_page
    assert area.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT)
    _search(qtbot, page, "kipr")
    assert [r.id for r in page.model.rows()] == [dispute_id]
    assert page.count.text() == "1 matching case"
    # Down from the search box moves to the list; Enter opens the case.
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() or page.table.currentIndex().isValid()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    screen = _screen_ready(qtbot, window, Status.REGISTERED)
    assert screen.dispute_id == dispute_id
    assert COMPLAINANT in screen.view.parties_label.text()

    # Mediation and two hearings; the first plans the second, which home shows as overdue.
    _start_mediation(qtbot, window)
    _record_hearing(
        qtbot,
        window,
        received + timedelta(days=10),
        "Both sides told their story.",
        received + timedelta(days=20),
    )
    home = _home(qtbot, window)
    assert _listed(home, dispute_id) == {"Hearings overdue (1)": 1}
    window.show_page("cases")
    assert area.currentWidget() is _screen(window)
    _record_hearing(
        qtbot, window, received + timedelta(days=20), "They walked the boundary together.", None
    )
    screen = _screen(window)
    assert screen.hearings.model.rowCount() == 2
    assert "walked the boundary" in screen.hearings.model.index(1, 3).data()
    assert _listed(_home(qtbot, window), dispute_id) == {}
    window.show_page("cases")

    # The agreement (reached 170 days ago: its follow-ups, 30 and 90 days on, are overdue).
    agreed = today - timedelta(days=170)
    screen = _record_agreement(qtbot, window, TERMS, agreed, (30, 90))
    assert screen.agreement.follow_ups.rowCount() == 2
    assert screen.agreement.print_button.isEnabled()
    assert _listed(_home(qtbot, window), dispute_id) == {"Follow-ups overdue (2)": 2}
    window.show_page("cases")

    # Print it: the save dialog answers with a file in tmp_path.
    target = tmp_path / "printed" / f"{number}-agreement.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(
        agreement_section.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args, **kwargs: (str(target), "PDF files (*.pdf)")),
    )
    with qtbot.waitSignal(screen.agreement.printed, timeout=WAIT):
        _click(qtbot, screen.agreement.print_button)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert number in text
    assert "fence back two metres to the old sisal line" in text
    assert COMPLAINANT in text and RESPONDENT in text and "Amina Otieno" in text  # the mediator

    # The first follow-up finds the agreement breached: the case reopens.
    _click(qtbot, screen.agreement.follow_up_button)
    follow_up = screen.agreement.dialog
    assert isinstance(follow_up, FollowUpDialog) and follow_up.isVisible()
    follow_up.results.button(list(FollowUpResult).index(FollowUpResult.BREACHED)).click()
    qtbot.keyClicks(follow_up.note, "The fence was moved again.")
    _click(qtbot, follow_up.ok_button)
    qtbot.waitUntil(follow_up.refer_button.isVisible, timeout=WAIT)
    assert "reopened" in follow_up.message.text()
    _click(
        qtbot, follow_up.buttons.button(follow_up.buttons.StandardButton.Cancel)
    )  # mediate again
    qtbot.waitUntil(lambda: not follow_up.isVisible(), timeout=WAIT)
    screen = _screen_ready(qtbot, window, Status.REOPENED)
    assert screen.view.status_label.text() == "Reopened"
    assert screen.agreement.follow_ups.item(0, 2).text() == "Breached"
    assert _stored(admin, dispute_id).status is Status.REOPENED

    # Mediate again; a new agreement, 60 days ago, checked 30 and 40 days on: its monitoring
    # period has passed without a breach, so the case may close without an override.
    _start_mediation(qtbot, window)
    screen = _record_agreement(qtbot, window, NEW_TERMS, today - timedelta(days=60), (30, 40))
    assert screen.agreement.state.isHidden()  # nothing is monitored any more
    overdue = _listed(_home(qtbot, window), dispute_id)
    assert sum(overdue.values()) >= 2 and set(overdue) <= {
        f"Follow-ups overdue ({n})" for n in range(1, 10)
    }
    window.show_page("cases")

    _click(qtbot, screen.view.action_buttons[Status.CLOSED])  # "Close case" in the header
    closure = screen.agreement.dialog
    assert isinstance(closure, ClosureDialog) and closure.isVisible()
    assert closure.reason.isHidden()  # no early closure: no reason asked
    closure.outcome.setCurrentIndex(closure.outcome.findData("resolved_by_agreement"))
    complainant, respondent = (p.id or 0 for p in screen.agreement.case.dispute.parties)  # type: ignore[union-attr]
    closure.set_answer(complainant, "fair_process", Answer.YES)
    closure.set_answer(complainant, "resolved", Answer.YES)
    closure.set_answer(respondent, "fair_process", Answer.YES)
    closure.set_answer(respondent, "resolved", Answer.PARTLY)
    qtbot.keyClicks(closure.note, "The new fence stands; both families greet each other again.")
    _submit(qtbot, closure)
    screen = _screen_ready(qtbot, window, Status.CLOSED)
    assert screen.view.status_label.text() == "Closed"
    assert screen.agreement.reopen_button.isEnabled()
    assert not screen.agreement.close_button.isEnabled()

    proceedings = hearings.get_proceedings(
        admin.unit_of_work(), admin.actor, admin.clock, dispute_id
    )
    assert proceedings.outcome is not None and proceedings.outcome.kind == "resolved_by_agreement"
    views = {v.party_id: v for v in proceedings.outcome.views}
    assert views[respondent].resolved is Answer.PARTLY
    assert views[complainant].fair_process is Answer.YES
    assert len(proceedings.hearings) == 2 and len(proceedings.agreements) == 2

    # The timeline tells the story in order.
    screen.view.sections.setCurrentWidget(screen.timeline)
    with qtbot.waitSignal(screen.timeline.loaded, timeout=WAIT):
        screen.timeline.refresh()
    model = screen.timeline.model
    # Each entry sits where it happened: the hearings and agreements were recorded late, with
    # their own dates; starting mediation, the follow-up and the closure happened today.
    assert [(model.entry(r).on, model.entry(r).action) for r in range(model.rowCount())] == [
        (received, "register_dispute"),
        (received + timedelta(days=10), "record_hearing"),
        (received + timedelta(days=20), "record_hearing"),
        (agreed, "record_agreement"),
        (today - timedelta(days=60), "record_agreement"),
        (today, "start_mediation"),
        (today, "record_follow_up"),
        (today, "start_mediation"),
        (today, "close_case"),
    ]
    assert model.index(model.rowCount() - 1, 3).data() == "Amina Otieno"

    # Home lists nothing for the closed case any more.
    home = _home(qtbot, window)
    assert _listed(home, dispute_id) == {}


# -- restricted cases -----------------------------------------------------------------------


def test_a_member_without_restricted_access_never_reaches_a_restricted_case(
    qtbot: QtBot, workspace: SqlCipherWorkspace
) -> None:
    admin = workspace.sign_in("amina", ADMIN_PASSPHRASE)
    try:
        # Received long ago and never mediated: both would be "waiting too long" on home.
        secret = register_case(
            admin, name="Zawadi Siri", respondent="Hidden Mwenye", category="gbv"
        )
        open_case = register_case(admin, name="Zawadi Wanjiku", respondent="Otieno Opiyo")
    finally:
        admin.close()
    assert secret.restricted and secret.id is not None and open_case.id is not None

    member = workspace.sign_in("baraka", MEMBER_PASSPHRASE)
    try:
        assert not member.actor.restricted_access
        window = _window(qtbot, member)
        area = _area(window)

        # Home: the open case waits too long; the restricted one is nowhere.
        home = window.home_page
        assert home is not None and home.agenda is not None
        assert _listed(home, open_case.id) and _listed(home, secret.id) == {}
        shown = " ".join(
            str(g.model.index(r, 0).data())
            for g in home.groups()
            for r in range(g.model.rowCount())
        )
        assert secret.number not in shown

        # The list: not there at all, nor by its number, nor by either party's name.
        window.show_page("cases")
        page = area.list_page
        qtbot.waitUntil(
            lambda: tasks.active_tasks() == 0 and page.model.rowCount() > 0, timeout=WAIT
        )
        assert [r.id for r in page.model.rows()] == [open_case.id]
        for text, left in (
            (secret.number, []),
            ("Zawadi", [open_case.id]),
            ("Siri", []),
            ("hidden mw", []),
        ):
            _search(qtbot, page, text)
            assert [r.id for r in page.model.rows()] == left, text
            assert (page.stack.currentWidget() is page.empty) == (not left), text

        # Opened by its id (as from a stale link): the case view shows an error, not the case.
        area.open_case(secret.id)
        screen = _screen(window)
        qtbot.waitUntil(
            lambda: tasks.active_tasks() == 0 and screen.view.message.isVisible(), timeout=WAIT
        )
        assert screen.view.dispute is None
        assert screen.view.message.text()
        assert secret.number not in screen.view.number_label.text()
        assert "Zawadi" not in screen.view.parties_label.text()
        assert screen.hearings.case is None and screen.agreement.case is None
        assert not screen.view.action_buttons

        # The services refuse too, not only the screens.
        with pytest.raises(NotFound):
            disputes.get_dispute(member.unit_of_work(), member.actor, member.clock, secret.id)
        rows = case_list.list_cases(member.unit_of_work(), member.actor, member.clock, CaseFilter())
        assert secret.id not in {r.id for r in rows} and open_case.id in {r.id for r in rows}
        for text in (secret.number, "Siri"):
            found = case_list.list_cases(
                member.unit_of_work(), member.actor, member.clock, CaseFilter(text=text)
            )
            assert found == []
        window.close()
    finally:
        member.close()
