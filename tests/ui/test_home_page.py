"""The home screen over a real SQLCipher workspace (cheap KDF)."""

from __future__ import annotations

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


def test_referrals_wait_for_their_issue_with_a_plain_sentence(
    qtbot: QtBot, opened: OpenWorkspace
) -> None:
    page = make_page(qtbot, opened)
    assert page.referrals.model.rowCount() == 0
    assert page.referrals.empty.isVisible()
    assert "referrals register" in page.referrals.empty.text()


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
