"""The dispute form's door to the services. Every function here runs on the background worker
(desktop.tasks.run_in_background) and calls use cases only; the rules live in them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from desktop.domain.model.dispute import Dispute, Party
from desktop.domain.model.drafts import Draft
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import User
from desktop.domain.services import actors, case_list, committee, disputes, drafts, parties, users
from desktop.domain.services.disputes import (
    ConflictWarning,
    DuplicateCandidate,
    RegisterDispute,
    UpdateDispute,
)
from desktop.workspace import OpenWorkspace


@dataclass(frozen=True)
class FormContext:
    """What the form needs before the user types: choices, the case being edited, a draft."""

    committee_area: str
    areas: list[str]  # the areas of the cases the user may see, for the area completer
    users: list[User]
    actors: list[JusticeActor]
    dispute: Dispute | None
    draft: Draft | None


@dataclass(frozen=True)
class Warnings:
    duplicates: list[DuplicateCandidate]
    conflicts: list[ConflictWarning]

    def __bool__(self) -> bool:
        return bool(self.duplicates or self.conflicts)


def draft_kind(dispute_id: int | None) -> str:
    return drafts.NEW_DISPUTE if dispute_id is None else drafts.edit_kind(dispute_id)


def load_context(workspace: OpenWorkspace, dispute_id: int | None) -> FormContext:
    w = workspace
    dispute = None
    if dispute_id is not None:
        dispute = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id)
    return FormContext(
        committee_area=committee.get_committee(w.unit_of_work(), w.actor).area,
        areas=case_list.list_areas(w.unit_of_work(), w.actor),
        users=users.list_users(w.unit_of_work(), w.actor, include_inactive=False),
        actors=actors.list_actors(w.unit_of_work(), w.actor),
        dispute=dispute,
        draft=drafts.get_draft(w.unit_of_work(), w.actor, draft_kind(dispute_id)),
    )


def check(workspace: OpenWorkspace, dispute_id: int | None, cmd: RegisterDispute) -> Warnings:
    """Validate the form as the service will (ValidationError names the field), then look for
    possible duplicates and conflicts of interest between the members and the parties the form
    names (so a new case is checked before its first save). Writes nothing."""
    w = workspace
    clean = disputes.check_registration(cmd, w.taxonomy, w.clock.today())
    names = [p.name for p in clean.parties]
    duplicates = disputes.possible_duplicates(
        w.unit_of_work(), w.actor, w.clock, names, exclude_id=dispute_id
    )
    conflicts = disputes.check_conflicts(w.unit_of_work(), w.actor, clean.assigned, clean.parties)
    return Warnings(duplicates, conflicts)


def save(workspace: OpenWorkspace, dispute_id: int | None, cmd: RegisterDispute) -> int:
    """Register the case, or write the edit (details, then each party added, changed or
    removed); the draft is discarded once saved. Returns the case id."""
    w = workspace
    kind = draft_kind(dispute_id)
    if dispute_id is None:
        dispute = disputes.register_dispute(w.unit_of_work(), w.actor, w.clock, w.taxonomy, cmd)
        assert dispute.id is not None
        drafts.discard_draft(w.unit_of_work(), w.actor, kind)
        return dispute.id
    clean = disputes.check_registration(cmd, w.taxonomy, w.clock.today())  # all or nothing
    update = UpdateDispute(
        dispute_id=dispute_id,
        received_on=cmd.received_on,
        channel=cmd.channel,
        category=cmd.category,
        area=cmd.area,
        description=cmd.description,
        risk_flags=cmd.risk_flags,
        assigned=cmd.assigned,
        restricted=cmd.restricted,
    )
    disputes.update_dispute(w.unit_of_work(), w.actor, w.clock, w.taxonomy, update)
    _save_parties(w, dispute_id, list(clean.parties))
    drafts.discard_draft(w.unit_of_work(), w.actor, kind)
    return dispute_id


def _save_parties(w: OpenWorkspace, dispute_id: int, wanted: list[Party]) -> None:
    """``wanted``: the parties as check_registration cleaned them."""
    stored = disputes.get_dispute(w.unit_of_work(), w.actor, w.clock, dispute_id)
    by_id = {p.id: p for p in stored.parties}
    keep = {p.id for p in wanted if p.id is not None}
    for party_id in by_id:
        if party_id is not None and party_id not in keep:
            parties.remove_party(w.unit_of_work(), w.actor, w.clock, dispute_id, party_id)
    for party in wanted:
        if party.id is None:
            parties.add_party(w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute_id, party)
            continue
        before = by_id.get(party.id)
        if before != dataclasses.replace(party, dispute_id=dispute_id):
            parties.update_party(w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute_id, party)


def save_draft(workspace: OpenWorkspace, kind: str, body: str, restricted: bool) -> Draft:
    return drafts.save_draft(
        workspace.unit_of_work(), workspace.actor, workspace.clock, kind, body, restricted
    )


def discard_draft(workspace: OpenWorkspace, kind: str) -> None:
    drafts.discard_draft(workspace.unit_of_work(), workspace.actor, kind)
