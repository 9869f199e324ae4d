"""Drafts in a real SQLCipher workspace: kept and replaced, sealed for restricted forms, and
unreadable to a co-user without the restricted-case key."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.domain.model.drafts import Draft
from desktop.domain.model.users import Role, User
from desktop.domain.services import drafts
from storage import tables
from storage.open_workspace import SqlOpenWorkspace
from storage.repositories.drafts import SqlDraftRepository
from storage.sealing import MARKER, RestrictedKeyRequired, Sealer
from tests.integration.conftest import NewWorkspace
from tests.support import register_case

SECRET = "Wanjiru Kamau called from 0712 345 678"


def _raw_bodies(opened: SqlOpenWorkspace) -> list[bytes]:
    with opened.unit_of_work() as uow:
        rows = uow.connection.execute(select(tables.drafts.c.body)).all()  # type: ignore[attr-defined]
    return [bytes(row[0]) for row in rows]


def test_a_draft_survives_reopening_and_is_replaced(new_workspace: NewWorkspace) -> None:
    opened = new_workspace.sign_in()
    drafts.save_draft(opened.unit_of_work(), opened.actor, opened.clock, drafts.NEW_DISPUTE, "1")
    drafts.save_draft(opened.unit_of_work(), opened.actor, opened.clock, drafts.NEW_DISPUTE, "2")
    opened.close()
    opened = new_workspace.sign_in()
    try:
        draft = drafts.get_draft(opened.unit_of_work(), opened.actor, drafts.NEW_DISPUTE)
        assert draft is not None and draft.body == "2" and not draft.restricted
        assert _raw_bodies(opened) == [b"2"]
        drafts.discard_draft(opened.unit_of_work(), opened.actor, drafts.NEW_DISPUTE)
        assert _raw_bodies(opened) == []
    finally:
        opened.close()


def test_a_restricted_draft_is_sealed_in_the_database(admin: SqlOpenWorkspace) -> None:
    body = f'{{"name": "{SECRET}"}}'
    drafts.save_draft(
        admin.unit_of_work(), admin.actor, admin.clock, drafts.NEW_DISPUTE, body, restricted=True
    )
    drafts.save_draft(
        admin.unit_of_work(), admin.actor, admin.clock, drafts.NEW_DISPUTE, body, restricted=True
    )  # the update path seals too
    (stored,) = _raw_bodies(admin)
    assert stored.startswith(MARKER.encode()) and SECRET.encode() not in stored
    draft = drafts.get_draft(admin.unit_of_work(), admin.actor, drafts.NEW_DISPUTE)
    assert draft is not None and draft.body == body and draft.restricted
    with admin.unit_of_work() as uow:
        keyless = SqlDraftRepository(uow.connection, Sealer(None))  # type: ignore[attr-defined]
        assert keyless.get(admin.actor.username, drafts.NEW_DISPUTE) is None


def test_the_edit_draft_of_a_restricted_case_is_sealed(admin: SqlOpenWorkspace) -> None:
    case = register_case(admin, category="gbv")
    assert case.id is not None and case.restricted
    kind = drafts.edit_kind(case.id)
    drafts.save_draft(admin.unit_of_work(), admin.actor, admin.clock, kind, SECRET)
    (stored,) = _raw_bodies(admin)
    assert SECRET.encode() not in stored


def test_a_user_without_the_restricted_key_cannot_write_a_sealed_draft(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    admin.add_user(User("baraka", "Baraka Mwangi", Role.MEMBER), "blue goat under tree")
    member = new_workspace.sign_in("baraka", "blue goat under tree")
    try:
        uow = member.unit_of_work()
        with pytest.raises(RestrictedKeyRequired):
            drafts.save_draft(uow, member.actor, member.clock, drafts.NEW_DISPUTE, SECRET, True)
        assert _raw_bodies(member) == []
        plain = drafts.save_draft(uow, member.actor, member.clock, drafts.NEW_DISPUTE, "{}")
        assert isinstance(plain, Draft) and not plain.restricted
    finally:
        member.close()
