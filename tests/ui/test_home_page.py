"""The home screen over a real SQLCipher workspace (cheap KDF)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

pytest.importorskip("sqlcipher3")

from desktop.domain.model.dispute import Channel, Party, PartyRole  # noqa: E402
from desktop.domain.model.users import Role, User  # noqa: E402
from desktop.domain.services import case_status, hearings  # noqa: E402
from desktop.domain.services.disputes import RegisterDispute, register_dispute  # noqa: E402
from desktop.views.home.agenda_model import DISPUTE_ID_ROLE  # noqa: E402
from desktop.views.home.home_page import HomePage  # noqa: E402
from desktop.workspace import OpenWorkspace  # noqa: E402

NAME = "Zawadi Kamau"
MEMBER_PASSPHRASE = "pass-word-baraka-1"


@pytest.fixture
def workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    from tests.support import create_workspace

    return create_workspace(tmp_path / "ws")[0]


@pytest.fixture
def opened(workspace) -> Iterator[OpenWorkspace]:  # type: ignore[no-untyped-def]
    from tests.support import ADMIN, ADMIN_PASSPHRASE

    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    yield admin
    admin.close()


def register(opened: OpenWorkspace, days_ago: int, **extra: object) -> int:
    command = RegisterDispute(
        received_on=opened.clock.today() - timedelta(days=days_ago),
        channel=Channel.WALK_IN,
        category=str(extra.pop("category", "debt")),
        parties=(Party(PartyRole.COMPLAINANT, NAME),),
        **extra,  # type: ignore[arg-type]
    )
    dispute = register_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, command
    )
    assert dispute.id is not None
    return dispute.id


def in_this_month(opened: OpenWorkspace, days_ago: int) -> bool:
    today = opened.clock.today()
    return (today - timedelta(days=days_ago)).month == today.month


def hearing_due_today(opened: OpenWorkspace) -> int:
    dispute_id = register(opened, 3)
    case_status.start_mediation(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, dispute_id
    )
    today = opened.clock.today()
    hearings.schedule_hearing(opened.unit_of_work(), opened.actor, opened.clock, dispute_id, today)
    return dispute_id


def make_page(qtbot: QtBot, opened: OpenWorkspace) -> HomePage:
    page = HomePage(opened)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: page.agenda is not None)
    return page


def lines(group) -> list[str]:  # type: ignore[no-untyped-def]
    model = group.model
    return [model.index(r).data() for r in range(model.rowCount())]


def test_shows_what_is_due_by_case_number_and_opens_it(qtbot: QtBot, opened: OpenWorkspace) -> None:
    due = hearing_due_today(opened)
    waiting = register(opened, 30)
    register(opened, 0)
    page = make_page(qtbot, opened)

    [hearing_line] = lines(page.hearings_today)
    assert hearing_line.startswith("KBR-") and "hearing today" in hearing_line
    assert page.hearings_today.title() == "Hearings due today (1)"
    [waiting_line] = lines(page.waiting)
    assert "Registered for 30 day(s)" in waiting_line or "Registered for 30 days" in waiting_line
    assert page.waiting.model.index(0).data(DISPUTE_ID_ROLE) == waiting
    expected = sum(in_this_month(opened, days) for days in (3, 30, 0))
    assert page.registered.number.text() == str(expected)
    assert page.hearings_overdue.empty.isVisible()
    assert not page.hearings_overdue.view.isVisible()
    shown = " ".join(lines(page.hearings_today) + lines(page.waiting))
    assert NAME not in shown

    view = page.hearings_today.view
    view.setCurrentIndex(page.hearings_today.model.index(0))
    with qtbot.waitSignal(page.open_case) as opened_case:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened_case.args == [due]


def test_no_overdue_referral_is_said_in_a_plain_sentence(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    page = make_page(qtbot, opened)
    assert page.referrals.model.rowCount() == 0
    assert page.referrals.empty.isVisible()
    assert page.referrals.empty.text() == "No referral is overdue."


def test_refresh_shows_a_new_case(qtbot: QtBot, opened: OpenWorkspace) -> None:
    page = make_page(qtbot, opened)
    assert page.waiting.model.rowCount() == 0
    register(opened, 40)
    with qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.waiting.model.rowCount() == 1


def test_a_member_never_sees_a_restricted_case_they_are_not_assigned(
    qtbot: QtBot, workspace: Any, opened: OpenWorkspace
) -> None:
    opened.add_user(User("baraka", "Baraka M", Role.MEMBER), MEMBER_PASSPHRASE)
    register(opened, 30, category="gbv")
    admin_page = make_page(qtbot, opened)
    assert admin_page.waiting.model.rowCount() == 1
    member = workspace.sign_in("baraka", MEMBER_PASSPHRASE)
    try:
        page = make_page(qtbot, member)
        assert page.waiting.model.rowCount() == 0
        assert page.registered.number.text() == "0"
        assert admin_page.registered.number.text() == str(int(in_this_month(opened, 30)))
    finally:
        member.close()


def _request_closure(opened: OpenWorkspace, category: str = "debt") -> int:
    """Approvals on, and a member's request to close a new case (as the tests of the agreement
    section file one)."""
    from desktop.domain.model.users import Actor
    from desktop.domain.services import committee, outcomes

    cmd = committee.UpdateSettings(approvals_required=True)
    committee.update_settings(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, cmd
    )
    dispute_id = register(opened, 1, category=category)
    member = Actor(opened.actor.user_id, opened.actor.username, Role.MEMBER)
    close = outcomes.CloseCase(dispute_id, "unresolved")
    outcomes.close_case(opened.unit_of_work(), member, opened.clock, opened.taxonomy, close)
    return dispute_id


def test_the_chair_sees_pending_approvals_and_opens_their_case(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    page = make_page(qtbot, opened)
    assert not page.approvals.isVisible()  # nothing waits: no group
    dispute_id = _request_closure(opened)
    with qtbot.waitSignal(page.loaded):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)

    assert page.approvals.isVisible()
    assert page.approvals.title() == "Waiting for your approval (1)"
    [line] = lines(page.approvals)
    assert line.startswith("KBR-") and "closing the case, asked by" in line
    assert NAME not in line
    view = page.approvals.view
    view.setCurrentIndex(page.approvals.model.index(0))  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.open_case) as opened_case:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened_case.args == [dispute_id]


def test_a_member_has_no_approvals_group(
    qtbot: QtBot, workspace: Any, opened: OpenWorkspace
) -> None:
    _request_closure(opened)
    opened.add_user(User("baraka", "Baraka M", Role.MEMBER), MEMBER_PASSPHRASE)
    member = workspace.sign_in("baraka", MEMBER_PASSPHRASE)
    try:
        page = make_page(qtbot, member)
        assert not page.approvals.isVisible()
        assert page.approvals.model.rowCount() == 0  # type: ignore[attr-defined]
        assert not page.message.isVisible()  # the queue was not even asked for
    finally:
        member.close()


def test_groups_fit_their_lines_and_stack_in_one_column_when_narrow(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    hearing_due_today(opened)
    page = make_page(qtbot, opened)
    assert page.columns() == 2
    # side by side, an empty group keeps its own height, not its neighbour's
    today, follow_ups = page.hearings_today, page.follow_ups_today
    assert today.y() == follow_ups.y()
    assert today.height() > follow_ups.height()
    view = today.view
    assert view.horizontalScrollBar().maximum() == 0
    assert not view.verticalScrollBar().isVisible()

    page.resize(700, 768)
    qtbot.waitUntil(lambda: page.columns() == 1)
    order = [page.hearings_today, page.hearings_overdue, page.follow_ups_today, page.waiting]
    qtbot.waitUntil(lambda: all(a.y() + a.height() < b.y() for a, b in itertools.pairwise(order)))


def test_a_line_too_long_for_its_group_wraps_instead_of_scrolling_sideways(qtbot: QtBot) -> None:
    from datetime import date

    from desktop.domain.model.agenda import AgendaItem
    from desktop.views.home.agenda_group import AgendaGroup
    from desktop.views.home.agenda_model import AgendaListModel, ItemKind

    group = AgendaGroup("Follow-ups overdue", AgendaListModel(ItemKind.FOLLOW_UP), "Nothing.")
    qtbot.addWidget(group)
    items = [AgendaItem(i, f"KBR-2026-000{i}", date(2026, 1, i), 300 + i) for i in range(1, 4)]
    group.set_items(items)
    group.resize(900, 400)
    group.show()
    view = group.view
    one_line = view.fontMetrics().height() * 1.5
    qtbot.waitUntil(lambda: view.visualRect(group.model.index(0)).height() < one_line)  # type: ignore[attr-defined]
    wide_height = view.height()

    group.resize(view.fontMetrics().horizontalAdvance(lines(group)[0]) // 2, 400)
    qtbot.waitUntil(lambda: view.visualRect(group.model.index(0)).height() > one_line)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.height() > wide_height)
    assert view.horizontalScrollBar().maximum() == 0
    rows = [view.visualRect(group.model.index(r)) for r in range(3)]  # type: ignore[attr-defined]
    assert view.viewport().height() >= rows[-1].bottom()  # every line shows, no inner scrolling
