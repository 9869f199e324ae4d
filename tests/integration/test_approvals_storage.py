"""Approval requests and a case's timeline on a real SQLCipher workspace."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest, ApprovalStatus
from desktop.domain.model.dispute import Status
from desktop.domain.model.users import Role, User
from desktop.domain.services import approvals, committee, disputes, outcomes, timeline
from storage import tables
from storage.open_workspace import SqlOpenWorkspace
from storage.sealing import REDACTED, is_sealed
from tests.integration.conftest import NewWorkspace
from tests.support import register_case

PASSPHRASE = "harbour-violet-cinnamon-kettle"
NOTE = "Parties reconciled at the chief's baraza."


def _approvals_on(admin: SqlOpenWorkspace) -> None:
    cmd = committee.UpdateSettings(approvals_required=True)
    committee.update_settings(admin.unit_of_work(), admin.actor, admin.clock, admin.taxonomy, cmd)


def _member(new_workspace: NewWorkspace, admin: SqlOpenWorkspace) -> SqlOpenWorkspace:
    admin.add_user(User("neema", "Neema Secretary", Role.MEMBER), PASSPHRASE)
    return new_workspace.workspace.sign_in("neema", PASSPHRASE)


def _request(opened: SqlOpenWorkspace, dispute_id: int) -> ApprovalRequest:
    cmd = outcomes.CloseCase(dispute_id, "unresolved", note=NOTE)
    result = outcomes.close_case(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, cmd
    )
    assert isinstance(result, ApprovalRequest)
    return result


def test_a_request_round_trips_and_approving_closes_the_case(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    _approvals_on(admin)
    dispute = register_case(admin)
    assert dispute.id is not None
    member = _member(new_workspace, admin)
    try:
        request = _request(member, dispute.id)
        listed = approvals.list_approvals(member.unit_of_work(), member.actor)
    finally:
        member.close()
    assert [r.id for r in listed] == [request.id]
    stored = listed[0]
    assert stored.kind is ApprovalKind.CLOSE_CASE and stored.note == NOTE
    assert stored.requested_at == request.requested_at
    assert request.id is not None
    cmd = approvals.DecideApproval(request.id, True, "Seen and agreed.")
    decided = approvals.decide_approval(
        admin.unit_of_work(), admin.actor, admin.clock, admin.taxonomy, cmd
    )
    assert decided.status is ApprovalStatus.APPROVED
    uow = admin.unit_of_work()
    again = approvals.list_approvals(uow, admin.actor, status=None, dispute_id=dispute.id)
    assert again[0].decided_by == admin.actor.user_id and again[0].comment == "Seen and agreed."
    assert again[0].decided_at is not None
    case = disputes.get_dispute(admin.unit_of_work(), admin.actor, admin.clock, dispute.id)
    assert case.status is Status.CLOSED
    entries = timeline.case_timeline(admin.unit_of_work(), admin.actor, admin.clock, dispute.id)
    assert [e.action for e in entries] == [
        "register_dispute",
        "request_approval",
        "close_case",
        "decide_approval",
    ]
    assert entries[1].who == "Neema Secretary" and entries[2].who == "Test Administrator"


def test_a_restricted_cases_request_text_is_sealed(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    _approvals_on(admin)
    dispute = register_case(admin, category="gbv", restricted=True)
    assert dispute.id is not None
    from desktop.domain.model.approvals import ApprovalRequest as Request

    uow = admin.unit_of_work()
    with uow:
        request = Request(
            dispute.id, ApprovalKind.CLOSE_CASE, admin.actor.user_id, admin.clock.now(), note=NOTE
        )
        uow.approvals.add(request)
        uow.commit()
        raw = uow.connection.execute(select(tables.approvals.c.note)).scalar_one()  # type: ignore[attr-defined]
        assert is_sealed(raw) and NOTE not in raw
        assert uow.approvals.for_dispute(dispute.id)[0].note == NOTE
    member = _member(new_workspace, admin)  # no restricted key
    try:
        uow = member.unit_of_work()
        with uow:
            assert uow.approvals.with_status(ApprovalStatus.PENDING)[0].note == REDACTED
        assert approvals.list_approvals(member.unit_of_work(), member.actor) == []
    finally:
        member.close()
