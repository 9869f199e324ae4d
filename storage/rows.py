"""How a case's domain objects become column values: one place for the repositories and the bulk
loader (storage/bulk.py), so both write the same encodings.

Each ``*_values`` function gives the columns that are never sealed (without ``id``); each
``*_plain`` function gives the text columns listed in :data:`storage.sealing.SEALED_COLUMNS`,
which the caller seals when the dispute is restricted. Timestamps (``created_at``,
``updated_at``) and referral consents are the caller's (see ``consents_to_text``).

JSON columns are encoded by :func:`dumps` and party names compared by :func:`name_key`; both
are re-exported by :mod:`storage.repositories._common`, which holds the matching decoders.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from desktop.domain.model.dispute import Dispute, Party
from desktop.domain.model.proceedings import Agreement, FollowUp, Hearing, Outcome, PartyView
from desktop.domain.model.referrals import Referral

ANSWERS = ("voice", "fair_process", "respect", "fair_outcome", "resolved")

# What json.dumps(value, ensure_ascii=False, separators=(",", ":")) builds on every call.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(value: Any) -> str:
    """A JSON column's text: compact, non-ASCII kept as is."""
    return _JSON.encode(value)


def name_key(name: str) -> str:
    """The form names are compared in: NFC, whitespace collapsed, casefolded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def dispute_values(dispute: Dispute) -> dict[str, Any]:
    return {
        "number": dispute.number,
        "received_on": dispute.received_on,
        "channel": dispute.channel.value,
        "category": dispute.category,
        "area": dispute.area,
        "risk_flags": dumps(sorted(flag.value for flag in dispute.risk_flags)),
        "restricted": dispute.restricted,
        "status": dispute.status.value,
        "created_by": dispute.created_by,
        "referred_by_actor": dispute.referred_by_actor,
        "referred_by_reference": dispute.referred_by_reference,
    }


def dispute_plain(dispute: Dispute) -> dict[str, str]:
    return {"description": dispute.description}


def assignee_rows(dispute_id: int, assigned: tuple[int, ...]) -> list[dict[str, int]]:
    """One row per assigned user, in order, without repeats."""
    return [
        {"dispute_id": dispute_id, "user_id": user_id, "position": position}
        for position, user_id in enumerate(dict.fromkeys(assigned))
    ]


def search_names(dispute: Dispute) -> str:
    """The ``names`` column of ``dispute_search`` (only for disputes that are not restricted)."""
    return "\n".join(party.name for party in dispute.parties)


def party_values(dispute_id: int, party: Party, restricted: bool) -> dict[str, Any]:
    return {
        "dispute_id": dispute_id,
        "role": party.role.value,
        "name_key": None if restricted else name_key(party.name),
        "sex": party.sex.value,
        "age": party.age,
        "age_band": party.age_band,
        "disability": party.disability,
        "displacement": party.displacement.value,
        "consent_reporting": party.consent_reporting,
        "related_member": party.related_member,
    }


def party_plain(party: Party) -> dict[str, str]:
    return {"name": party.name, "phone": party.phone, "village": party.village}


def hearing_values(hearing: Hearing) -> dict[str, Any]:
    return {
        "dispute_id": hearing.dispute_id,
        "held_on": hearing.held_on,
        "mediators": dumps(list(hearing.mediators)),
        "parties_present": dumps(list(hearing.parties_present)),
        "next_date": hearing.next_date,
    }


def hearing_plain(hearing: Hearing) -> dict[str, str]:
    return {"notes": hearing.notes, "next_step": hearing.next_step}


def agreement_values(agreement: Agreement) -> dict[str, Any]:
    return {
        "dispute_id": agreement.dispute_id,
        "agreed_on": agreement.agreed_on,
        "signatories": dumps(list(agreement.signatories)),
        "compliance_due": agreement.compliance_due,
    }


def agreement_plain(agreement: Agreement) -> dict[str, str]:
    return {"terms": agreement.terms}


def follow_up_values(follow_up: FollowUp) -> dict[str, Any]:
    return {
        "dispute_id": follow_up.dispute_id,
        "due_on": follow_up.due_on,
        "done_on": follow_up.done_on,
        "result": None if follow_up.result is None else follow_up.result.value,
    }


def follow_up_plain(follow_up: FollowUp) -> dict[str, str]:
    return {"note": follow_up.note}


def view_json(view: PartyView) -> dict[str, Any]:
    return {"party_id": view.party_id} | {name: getattr(view, name).value for name in ANSWERS}


def outcome_values(outcome: Outcome) -> dict[str, Any]:
    return {
        "dispute_id": outcome.dispute_id,
        "kind": outcome.kind,
        "closed_on": outcome.closed_on,
        "views": dumps([view_json(view) for view in outcome.views]),
    }


def outcome_plain(outcome: Outcome) -> dict[str, str]:
    return {"note": outcome.note}


def referral_values(referral: Referral) -> dict[str, Any]:
    """Without ``consents`` (``consents_to_text`` seals witnesses and needs the row id)."""
    return {
        "dispute_id": referral.dispute_id,
        "actor_id": referral.actor_id,
        "direction": referral.direction.value,
        "urgency": referral.urgency.value,
        "status": referral.status.value,
        "shared_fields": dumps(list(referral.shared_fields)),
        "code": referral.code or None,
        "sent_on": referral.sent_on,
        "due_on": referral.due_on,
        "feedback_on": referral.feedback_on,
        "created_by": referral.created_by,
        "created_on": referral.created_on,
        "acknowledged_on": referral.acknowledged_on,
        "decided_on": referral.decided_on,
        "completed_on": referral.completed_on,
        "withdrawn_on": referral.withdrawn_on,
        "outcome": None if referral.outcome is None else referral.outcome.value,
        "feedback_via": None if referral.feedback_via is None else referral.feedback_via.value,
    }


def referral_plain(referral: Referral) -> dict[str, str]:
    return {
        "reason": referral.reason,
        "feedback": referral.feedback,
        "status_reason": referral.status_reason,
        "feedback_from": referral.feedback_from,
        "consent_override": referral.consent_override,
        "their_reference": referral.their_reference,
    }
