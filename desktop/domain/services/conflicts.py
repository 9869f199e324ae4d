"""Conflicts of interest between a case's assigned members and its parties.

Two signs: an assigned member who has a party's name (case and spacing ignored), and an
assigned member recorded as a party's relative (``Party.related_member``). Both are warnings,
not refusals. A warning names the member (by user id; the relative warning by display name
too, which is never a party's name) and the party's role, never the party's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain import rules
from desktop.domain.model.dispute import Party, PartyRole
from desktop.domain.model.users import Actor
from desktop.domain.ports import UnitOfWork
from desktop.domain.services._common import visible_dispute
from desktop.domain.services.permissions import use_case


class ConflictKind(StrEnum):
    SAME_NAME = "same_name"  # the member has the party's name
    RELATIVE = "relative"  # the party is recorded as the member's relative


@dataclass(frozen=True)
class ConflictWarning:
    user_id: int
    party_id: int | None
    party_role: PartyRole
    message: str
    kind: ConflictKind = ConflictKind.SAME_NAME


def find_conflicts(
    uow: UnitOfWork, assigned: Sequence[int], parties: Sequence[Party]
) -> list[ConflictWarning]:
    """The conflict rule, inside the caller's transaction: for each assigned member (in the
    order given, without repeats), the parties with their name, then the parties recorded as
    their relatives."""
    warnings: list[ConflictWarning] = []
    for user_id in dict.fromkeys(assigned):
        user = uow.users.get(user_id)
        if user is None:
            continue
        for party in parties:
            named = user.display_name.strip() and party.name.strip()
            if named and rules.same_name(user.display_name, party.name):
                warnings.append(
                    ConflictWarning(
                        user_id,
                        party.id,
                        party.role,
                        f"An assigned member (user {user_id}) has the same name as a party "
                        f"({party.role.value}). Check they are not involved in the dispute.",
                    )
                )
        for party in parties:
            if party.related_member == user_id:
                warnings.append(
                    ConflictWarning(
                        user_id,
                        party.id,
                        party.role,
                        f"An assigned member, {user.display_name} (user {user_id}), is recorded "
                        f"as a relative of a party ({party.role.value}). Assign someone else.",
                        ConflictKind.RELATIVE,
                    )
                )
    return warnings


@use_case("check_conflicts")
def check_conflicts(
    uow: UnitOfWork, actor: Actor, assigned: Sequence[int], parties: Sequence[Party]
) -> list[ConflictWarning]:
    """Conflicts of interest in a case not yet saved (or an edit not yet saved): the members
    the form assigns against the parties it names. A warning, not a refusal; writes nothing
    and names no party, so a form can show it before the first save."""
    with uow:
        return find_conflicts(uow, assigned, parties)


@use_case("conflicts_of_interest")
def conflicts_of_interest(uow: UnitOfWork, actor: Actor, dispute_id: int) -> list[ConflictWarning]:
    """The conflicts of interest in a stored case (see :func:`check_conflicts`)."""
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        return find_conflicts(uow, dispute.assigned, dispute.parties)
