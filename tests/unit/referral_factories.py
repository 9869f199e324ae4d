"""Permission-test factories for the referral use cases (merged into test_permissions)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.domain.model.dispute import Channel, Party, PartyRole
from desktop.domain.model.referral_board import BoardFilter
from desktop.domain.model.referrals import ReferralStatus
from desktop.domain.model.users import Actor
from desktop.domain.services import (
    outcomes,
    referral_board,
    referral_drafts,
    referral_letters,
    referrals,
)
from tests.unit.world import World

Call = Callable[[Actor], object]


def _case(w: World) -> int:
    dispute = w.register()
    assert dispute.id is not None
    return dispute.id


def _referral(w: World, send: bool = True) -> int:
    dispute_id = _case(w)
    cmd = referrals.ReferCase(dispute_id, w.add_justice_actor(), "Needs legal advice.", send=send)
    referral = referrals.refer_case(w.uow, w.admin, w.clock, w.taxonomy, cmd)
    assert referral.id is not None
    return referral.id


def _refer_case(w: World) -> Call:
    cmd = referrals.ReferCase(_case(w), w.add_justice_actor(), "Needs legal advice.")
    return lambda a: referrals.refer_case(w.uow, a, w.clock, w.taxonomy, cmd)


def _override_consent(w: World) -> Call:
    dispute_id = _case(w)
    party_id = w.stored(dispute_id).parties[0].id
    assert party_id is not None
    cmd = referrals.ReferCase(
        dispute_id,
        w.add_justice_actor(),
        "Assault: she is in danger tonight.",
        shared_fields=(f"party.{party_id}.phone",),
        consent_override="She is unconscious in hospital.",
    )
    return lambda a: referrals.refer_case(w.uow, a, w.clock, w.taxonomy, cmd)


def _send(w: World) -> Call:
    referral_id = _referral(w, send=False)
    return lambda a: referrals.send_referral(w.uow, a, w.clock, w.taxonomy, referral_id)


def _update_draft(w: World) -> Call:
    referral_id = _referral(w, send=False)
    actor_id = w.uow.committed.referrals[referral_id].actor_id
    cmd = referral_drafts.UpdateDraft(referral_id, actor_id, "Needs legal advice now.")
    return lambda a: referral_drafts.update_draft_referral(w.uow, a, w.clock, w.taxonomy, cmd)


def _feedback(w: World) -> Call:
    cmd = referrals.RecordFeedback(_referral(w), ReferralStatus.ACKNOWLEDGED)
    return lambda a: referrals.record_referral_feedback(w.uow, a, w.clock, cmd)


def _withdraw(w: World) -> Call:
    referral_id = _referral(w)
    return lambda a: referrals.withdraw_referral(w.uow, a, w.clock, referral_id, "Settled.")


def _find(w: World) -> Call:
    referral_id = _referral(w)
    code = w.uow.committed.referrals[referral_id].code
    return lambda a: referrals.find_referral(w.uow, a, code)


def _letter(w: World) -> Call:
    referral_id = _referral(w)
    return lambda a: referral_letters.referral_letter(w.uow, a, w.clock, referral_id)


def _report_back(w: World) -> Call:
    dispute = w.register(
        channel=Channel.REFERRAL_IN,
        referred_by_actor=w.add_justice_actor("chief_elder", "Chief of Laini Saba"),
        referred_by_reference="LS/12/2026",
        parties=(Party(PartyRole.COMPLAINANT, "Amina Wanjiru"),),
    )
    assert dispute.id is not None
    dispute_id = dispute.id
    cmd = outcomes.CloseCase(dispute_id, "decided")
    outcomes.close_case(w.uow, w.admin, w.clock, w.taxonomy, cmd)
    return lambda a: referral_letters.report_back(w.uow, a, w.clock, w.taxonomy, dispute_id)


def _board(w: World) -> Call:
    _referral(w)
    return lambda a: referral_board.referral_board(w.uow, a, BoardFilter())


def _board_lines(w: World) -> Call:
    _referral(w)
    return lambda a: referral_board.referral_board_lines(w.uow, a, w.clock, BoardFilter())


def _counts(w: World) -> Call:
    _referral(w)
    return lambda a: referral_board.referral_counts(w.uow, a, w.clock)


def _pathway(w: World) -> Call:
    referral_id = _referral(w)
    dispute_id = w.uow.committed.referrals[referral_id].dispute_id
    return lambda a: referral_board.case_referrals(w.uow, a, w.clock, w.taxonomy, dispute_id)


def _figures(w: World) -> Call:
    _referral(w)
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    return lambda a: referral_board.referral_figures(w.uow, a, w.taxonomy, first, last)


REFERRAL_FACTORIES: dict[str, Callable[[World], Call]] = {
    "refer_case": _refer_case,
    "override_referral_consent": _override_consent,
    "send_referral": _send,
    "update_draft_referral": _update_draft,
    "record_referral_feedback": _feedback,
    "withdraw_referral": _withdraw,
    "find_referral": _find,
    "referral_letter": _letter,
    "report_back": _report_back,
    "referral_board": _board,
    "referral_board_lines": _board_lines,
    "referral_counts": _counts,
    "case_referrals": _pathway,
    "referral_figures": _figures,
}

REFERRAL_EXPECTED = {
    **dict.fromkeys(
        [
            "refer_case",
            "send_referral",
            "update_draft_referral",
            "record_referral_feedback",
            "withdraw_referral",
            "find_referral",
            "referral_letter",
            "report_back",
            "referral_board",
            "referral_board_lines",
            "referral_counts",
            "case_referrals",
        ],
        "AMP",
    ),
    "override_referral_consent": "AM",
    "referral_figures": "A",
}
