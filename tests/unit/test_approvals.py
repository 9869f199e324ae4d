"""Approvals: with approvals on, a member's closure or do-no-harm override waits for the chair."""

from __future__ import annotations

import pytest

from desktop.domain.errors import DomainError, NotFound, PermissionDenied, ValidationError
from desktop.domain.model.approvals import ApprovalKind, ApprovalRequest, ApprovalStatus
from desktop.domain.model.dispute import Status
from desktop.domain.model.proceedings import Answer, Outcome, PartyView
from desktop.domain.services import agreements, approvals, case_status, outcomes
from tests.unit.world import World

REASON = "Survivor insists; formal actors unreachable during floods."


def _approvals_on(w: World) -> None:
    committee = w.uow.committed.committee
    assert committee is not None
    committee.approvals_required = True


def _case(w: World, category: str = "land_boundary", **changes: object) -> int:
    dispute = w.register(category, **changes)
    assert dispute.id is not None
    return dispute.id


def _request_close(w: World, i: int, **changes: object) -> ApprovalRequest:
    party = w.stored(i).parties[0].id
    assert party is not None
    view = PartyView(party, voice=Answer.YES, fair_outcome=Answer.PARTLY)
    cmd = outcomes.CloseCase(i, "unresolved", note="Parties stopped coming.", views=(view,))
    result = outcomes.close_case(w.uow, w.member, w.clock, w.taxonomy, cmd)
    assert isinstance(result, ApprovalRequest)
    return result


def _decide(w: World, request_id: int | None, approve: bool, comment: str = "") -> ApprovalRequest:
    assert request_id is not None
    cmd = approvals.DecideApproval(request_id, approve, comment)
    return approvals.decide_approval(w.uow, w.admin, w.clock, w.taxonomy, cmd)


def test_without_approvals_a_member_closes_at_once(world: World) -> None:
    i = _case(world)
    result = outcomes.close_case(
        world.uow, world.member, world.clock, world.taxonomy, outcomes.CloseCase(i, "unresolved")
    )
    assert isinstance(result, Outcome)
    assert world.stored(i).status is Status.CLOSED


def test_a_member_closing_files_a_request_and_the_case_stays_open(world: World) -> None:
    _approvals_on(world)
    i = _case(world)
    request = _request_close(world, i)
    assert request.status is ApprovalStatus.PENDING
    assert request.kind is ApprovalKind.CLOSE_CASE
    assert request.requested_by == world.user_id("member")
    assert world.stored(i).status is Status.REGISTERED
    assert world.uow.committed.outcomes == {}
    assert world.uow.committed.audit[-1].action == "request_approval"
    assert "Parties" not in world.uow.committed.audit[-1].detail
    with pytest.raises(DomainError, match="already waiting"):
        _request_close(world, i)


def test_an_administrator_closes_at_once_even_with_approvals_on(world: World) -> None:
    _approvals_on(world)
    i = _case(world)
    cmd = outcomes.CloseCase(i, "unresolved")
    result = outcomes.close_case(world.uow, world.admin, world.clock, world.taxonomy, cmd)
    assert isinstance(result, Outcome)


def test_a_request_is_checked_before_it_is_filed(world: World) -> None:
    _approvals_on(world)
    i = _case(world)
    cmd = outcomes.CloseCase(i, "resolved_by_agreement")
    with pytest.raises(ValidationError):
        outcomes.close_case(world.uow, world.member, world.clock, world.taxonomy, cmd)
    assert world.uow.committed.approvals == {}


def test_approving_closes_the_case_with_the_requested_outcome_and_views(world: World) -> None:
    _approvals_on(world)
    i = _case(world)
    request = _request_close(world, i)
    world.clock.advance(days=2)
    decided = _decide(world, request.id, True, "Agreed at the committee meeting.")
    assert decided.status is ApprovalStatus.APPROVED
    assert decided.decided_by == world.user_id("administrator")
    assert decided.decided_at == world.clock.now()
    assert decided.comment == "Agreed at the committee meeting."
    assert world.stored(i).status is Status.CLOSED
    outcome = world.uow.committed.outcomes[i]
    assert outcome.kind == "unresolved" and outcome.note == "Parties stopped coming."
    assert outcome.closed_on == request.requested_at.date()
    assert outcome.views[0].voice is Answer.YES and outcome.views[0].fair_outcome is Answer.PARTLY
    actions = [e.action for e in world.uow.committed.audit[-2:]]
    assert actions == ["close_case", "decide_approval"]
    assert f"approval={request.id}" in world.uow.committed.audit[-2].detail
    with pytest.raises(DomainError, match="already been decided"):
        _decide(world, request.id, False, "Too late.")


def test_rejecting_needs_a_comment_and_changes_nothing_else(world: World) -> None:
    _approvals_on(world)
    i = _case(world)
    request = _request_close(world, i)
    with pytest.raises(ValidationError):
        _decide(world, request.id, False)
    rejected = _decide(world, request.id, False, "Talk to the respondent first.")
    assert rejected.status is ApprovalStatus.REJECTED
    assert world.stored(i).status is Status.REGISTERED
    assert approvals.list_approvals(world.uow, world.admin) == []
    # a new request may be filed once the last one is decided
    assert _request_close(world, i).status is ApprovalStatus.PENDING


def test_a_closure_before_monitoring_ends_is_carried_out_with_the_override(world: World) -> None:
    _approvals_on(world)
    i = _case(world)
    case_status.start_mediation(world.uow, world.member, world.clock, world.taxonomy, i)
    cmd = agreements.RecordAgreement(i, "Move the fence back 2 m.")
    agreements.record_agreement(world.uow, world.member, world.clock, cmd)
    close = outcomes.CloseCase(i, "resolved_by_agreement", override_reason="Parties moved away.")
    request = outcomes.close_case(world.uow, world.member, world.clock, world.taxonomy, close)
    assert isinstance(request, ApprovalRequest) and request.reason == "Parties moved away."
    _decide(world, request.id, True)
    assert world.stored(i).status is Status.CLOSED
    assert "override=1" in world.uow.committed.audit[-2].detail


def test_a_members_do_no_harm_override_waits_for_the_chair(world: World) -> None:
    _approvals_on(world)
    i = _case(world, "gbv", restricted=False)
    result = case_status.start_mediation(
        world.uow, world.member, world.clock, world.taxonomy, i, REASON
    )
    assert isinstance(result, ApprovalRequest)
    assert result.kind is ApprovalKind.OVERRIDE_DO_NO_HARM
    assert world.stored(i).status is Status.REGISTERED
    _decide(world, result.id, True, "Checked with the survivor.")
    assert world.stored(i).status is Status.IN_MEDIATION
    assert "override_do_no_harm" in [e.action for e in world.uow.committed.audit]


def test_without_approvals_a_members_override_is_still_refused(world: World) -> None:
    i = _case(world, "gbv", restricted=False)
    with pytest.raises(PermissionDenied):
        case_status.start_mediation(world.uow, world.member, world.clock, world.taxonomy, i, REASON)


def test_only_requests_on_visible_cases_are_listed(world: World) -> None:
    _approvals_on(world)
    open_case = _case(world)
    focal = world.user_id("focal")
    hidden = _case(world, "gbv", restricted=True, assigned=(focal,))
    _request_close(world, open_case)
    cmd = outcomes.CloseCase(hidden, "unresolved")
    outcomes.close_case(world.uow, world.actor("focal"), world.clock, world.taxonomy, cmd)
    assert len(approvals.list_approvals(world.uow, world.admin)) == 2
    listed = approvals.list_approvals(world.uow, world.member)
    assert [r.dispute_id for r in listed] == [open_case]
    with pytest.raises(NotFound):
        approvals.list_approvals(world.uow, world.member, dispute_id=hidden)
    assert len(approvals.list_approvals(world.uow, world.actor("focal"), dispute_id=hidden)) == 1
    assert approvals.list_approvals(world.uow, world.admin, status=ApprovalStatus.APPROVED) == []


def test_approval_that_no_longer_applies_changes_nothing(world: World) -> None:
    _approvals_on(world)
    i = _case(world)
    request = _request_close(world, i)
    case_status.withdraw(world.uow, world.admin, world.clock, i)
    with pytest.raises(DomainError):
        _decide(world, request.id, True)
    assert world.uow.committed.approvals[request.id or 0].status is ApprovalStatus.PENDING
