"""Registering, reading and editing disputes; duplicate and conflict-of-interest hints.

Status changes (mediation, withdrawal, reopening) live in case_status.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.domain import rules
from desktop.domain.errors import Cancelled, ValidationError
from desktop.domain.model.dispute import Channel, Dispute, Party, RiskFlag, Status
from desktop.domain.model.users import Actor, Role
from desktop.domain.ports import Clock, UnitOfWork
from desktop.domain.services._common import (
    can_see,
    category_of,
    check_case_users,
    check_related_members,
    clean_party,
    enum_value,
    past_date,
    subject,
    visible_dispute,
)
from desktop.domain.services.audit import detail_of, record
from desktop.domain.services.permissions import use_case
from desktop.domain.services.referrals import incoming_referral
from desktop.domain.taxonomy import DisputeCategory, Taxonomy

DUPLICATE_WINDOW_DAYS = 90
DESCRIPTION_MAX = 20000
IMPORT_PROGRESS_EVERY = 25  # rows between two calls of import_register's progress callback

# (done, total) -> False to stop; it may also raise Cancelled
ImportProgress = Callable[[int, int], bool | None]


@dataclass(frozen=True)
class RegisterDispute:
    received_on: date
    channel: Channel
    category: str  # code from the dispute-category taxonomy
    area: str = ""  # empty: the committee's own area
    description: str = ""
    risk_flags: frozenset[RiskFlag] = frozenset()
    assigned: tuple[int, ...] = ()
    restricted: bool | None = None  # None: restricted when the category is sensitive
    parties: tuple[Party, ...] = ()
    referred_by_actor: int | None = None  # only with Channel.REFERRAL_IN
    referred_by_reference: str = ""


@dataclass(frozen=True)
class UpdateDispute:
    """Fields left as None keep their stored value."""

    dispute_id: int
    received_on: date | None = None
    channel: Channel | None = None
    category: str | None = None
    area: str | None = None
    description: str | None = None
    risk_flags: frozenset[RiskFlag] | None = None
    assigned: tuple[int, ...] | None = None
    restricted: bool | None = None


@dataclass(frozen=True)
class DuplicateCandidate:
    """An earlier case that may be the same dispute; no names, so it can be listed safely."""

    dispute_id: int
    number: str
    received_on: date
    category: str
    status: Status


def _risk_flags(flags: frozenset[RiskFlag]) -> frozenset[RiskFlag]:
    return frozenset(enum_value(RiskFlag, flag, "risk_flags") for flag in flags)


def _restriction(
    actor: Actor, category: DisputeCategory, asked: bool | None, current: bool
) -> bool:
    restricted = (current or category.sensitive) if asked is None else asked
    if category.sensitive and not restricted and actor.role is not Role.ADMINISTRATOR:
        raise ValidationError(
            "restricted",
            f"Cases of the category \u201c{category.label}\u201d are restricted; only an "
            "administrator may lift the restriction.",
        )
    return restricted


def _check_referrer(uow: UnitOfWork, channel: Channel, actor_id: int | None) -> None:
    if actor_id is None:
        return
    if channel is not Channel.REFERRAL_IN:
        raise ValidationError("referred_by_actor", "Only a case referred in has a referrer.")
    if uow.actors.get(actor_id) is None:
        raise ValidationError("referred_by_actor", "Choose an actor from the directory.")


def check_registration(cmd: RegisterDispute, taxonomy: Taxonomy, today: date) -> RegisterDispute:
    """The registration checks that need neither a database nor an acting user; raises
    ValidationError naming the field, else returns the command with every value cleaned. The
    register-file import runs it on every row before anything is written."""
    return dataclasses.replace(
        cmd,
        received_on=past_date(cmd.received_on, today, "received_on"),
        channel=enum_value(Channel, cmd.channel, "channel"),
        category=category_of(taxonomy, cmd.category).code,
        description=rules.optional_text(cmd.description, "description", DESCRIPTION_MAX),
        area=rules.optional_text(cmd.area, "area", 300),
        risk_flags=_risk_flags(cmd.risk_flags),
        referred_by_reference=rules.optional_text(
            cmd.referred_by_reference, "referred_by_reference", 100
        ),
        parties=tuple(
            clean_party(p, taxonomy, f"parties[{i}].") for i, p in enumerate(cmd.parties)
        ),
    )


@use_case("register_dispute")
def register_dispute(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, cmd: RegisterDispute
) -> Dispute:
    """Register a new case and give it the next number, e.g. KBR-2026-0042 (the year is the
    year the case was received)."""
    clean = check_registration(cmd, taxonomy, clock.today())
    with uow:
        dispute = _register(uow, actor, clock, taxonomy, clean)
        uow.commit()
    return dispute


@use_case("import_register")
def import_register(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    commands: Sequence[RegisterDispute],
    progress: ImportProgress | None = None,
    every: int = IMPORT_PROGRESS_EVERY,
) -> list[Dispute]:
    """Register every case of a committee's existing register in one transaction: all of them,
    or (on any error) none. Errors name the row as ``rows[i].field``.

    ``progress(done, total)`` is called after every ``every`` rows registered and after the
    last, before the commit; when it returns False (or raises :class:`Cancelled`) the
    transaction is rolled back, nothing is imported and Cancelled is raised."""
    today = clock.today()
    cleaned: list[RegisterDispute] = []
    for index, cmd in enumerate(commands):
        try:
            cleaned.append(check_registration(cmd, taxonomy, today))
        except ValidationError as error:
            raise ValidationError(f"rows[{index}].{error.field}", error.message) from None
    ordered = sorted(enumerate(cleaned), key=lambda item: item[1].received_on)
    registered: dict[int, Dispute] = {}
    total, step = len(cleaned), max(1, every)
    with uow:
        for index, clean in ordered:
            try:
                registered[index] = _register(uow, actor, clock, taxonomy, clean, audit=False)
            except ValidationError as error:
                raise ValidationError(f"rows[{index}].{error.field}", error.message) from None
            done = len(registered)
            if progress is None or (done % step and done < total):
                continue
            if progress(done, total) is False:
                raise Cancelled("The import was cancelled; nothing was imported.")
        record(uow, clock, actor, "import_register", "", detail_of(cases=len(cleaned)))
        uow.commit()
    return [registered[i] for i in range(len(cleaned))]


def _register(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    taxonomy: Taxonomy,
    clean: RegisterDispute,
    audit: bool = True,
) -> Dispute:
    """The registration itself, inside the caller's transaction."""
    category = taxonomy.category(clean.category)
    restricted = _restriction(actor, category, clean.restricted, current=False)
    committee = uow.committee.get()
    assigned = check_case_users(uow, clean.assigned, restricted, "assigned")
    check_related_members(uow, clean.parties, "parties[{i}].")
    _check_referrer(uow, clean.channel, clean.referred_by_actor)
    year = clean.received_on.year
    prefix = rules.case_number_prefix(committee.code, year)
    number = rules.case_number(committee.code, year, uow.disputes.next_sequence(prefix))
    dispute = Dispute(
        number=number,
        received_on=clean.received_on,
        channel=clean.channel,
        category=category.code,
        area=clean.area or committee.area,
        description=clean.description,
        risk_flags=clean.risk_flags,
        assigned=assigned,
        restricted=restricted,
        parties=list(clean.parties),
        created_by=actor.user_id,
        referred_by_actor=clean.referred_by_actor,
        referred_by_reference=clean.referred_by_reference,
    )
    dispute.id = uow.disputes.add(dispute)
    if clean.channel is Channel.REFERRAL_IN:
        incoming_referral(uow, actor, dispute, clean.received_on)
    if audit:
        record(
            uow,
            clock,
            actor,
            "register_dispute",
            subject(dispute),
            detail_of(
                number=number,
                category=category.code,
                channel=clean.channel.value,
                restricted=restricted,
                parties=len(clean.parties),
                assigned=len(assigned),
            ),
        )
    return dispute


@use_case("get_dispute")
def get_dispute(uow: UnitOfWork, actor: Actor, clock: Clock, dispute_id: int) -> Dispute:
    """The case with its parties; NotFound when the actor may not see it. Viewing a restricted
    case is audited."""
    with uow:
        dispute = visible_dispute(uow, actor, dispute_id)
        if dispute.restricted:
            record(uow, clock, actor, "view_restricted", subject(dispute))
            uow.commit()
    return dispute


@use_case("update_dispute")
def update_dispute(
    uow: UnitOfWork, actor: Actor, clock: Clock, taxonomy: Taxonomy, cmd: UpdateDispute
) -> Dispute:
    """Change the case's details (not its status or parties)."""
    changes: dict[str, object] = {}
    if cmd.received_on is not None:
        changes["received_on"] = past_date(cmd.received_on, clock.today(), "received_on")
    if cmd.channel is not None:
        changes["channel"] = enum_value(Channel, cmd.channel, "channel")
    if cmd.category is not None:
        changes["category"] = category_of(taxonomy, cmd.category).code
    if cmd.area is not None:
        changes["area"] = rules.optional_text(cmd.area, "area", 300)
    if cmd.description is not None:
        changes["description"] = rules.optional_text(
            cmd.description, "description", DESCRIPTION_MAX
        )
    if cmd.risk_flags is not None:
        changes["risk_flags"] = _risk_flags(cmd.risk_flags)
    with uow:
        dispute = visible_dispute(uow, actor, cmd.dispute_id)
        category = category_of(taxonomy, str(changes.get("category", dispute.category)))
        restricted = _restriction(actor, category, cmd.restricted, dispute.restricted)
        if restricted != dispute.restricted:
            changes["restricted"] = restricted
        wanted = dispute.assigned if cmd.assigned is None else cmd.assigned
        assigned = check_case_users(uow, wanted, restricted, "assigned")
        if assigned != dispute.assigned:
            changes["assigned"] = assigned
        changed = sorted(k for k, v in changes.items() if getattr(dispute, k) != v)
        for name in changed:
            setattr(dispute, name, changes[name])
        if changed:
            uow.disputes.update(dispute)
            record(
                uow,
                clock,
                actor,
                "update_dispute",
                subject(dispute),
                detail_of(
                    fields=",".join(changed),
                    category=dispute.category if "category" in changed else None,
                    restricted=dispute.restricted if "restricted" in changed else None,
                ),
            )
            uow.commit()
    return dispute


@use_case("possible_duplicates")
def possible_duplicates(
    uow: UnitOfWork,
    actor: Actor,
    clock: Clock,
    party_names: Sequence[str],
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    """Cases received in the last 90 days with a party of the same name, newest first; only
    cases the actor may see."""
    names = [" ".join(n.split()) for n in party_names if n.strip()]
    if not names:
        return []
    since = clock.today() - timedelta(days=DUPLICATE_WINDOW_DAYS)
    result: list[DuplicateCandidate] = []
    with uow:
        for dispute_id in uow.disputes.ids_with_party_names(names, since):
            if dispute_id == exclude_id:
                continue
            dispute = uow.disputes.get(dispute_id)
            if dispute is None or dispute.id is None:
                continue
            if can_see(actor, dispute):
                result.append(
                    DuplicateCandidate(
                        dispute.id,
                        dispute.number,
                        dispute.received_on,
                        dispute.category,
                        dispute.status,
                    )
                )
    result.sort(key=lambda c: (c.received_on, c.dispute_id), reverse=True)
    return result


# The status use cases live in case_status.py and the conflict check in conflicts.py (to keep
# modules small); importable from here too.
from desktop.domain.services.case_status import (  # noqa: E402
    change_status,
    refer_out,
    reopen,
    start_mediation,
    withdraw,
)
from desktop.domain.services.conflicts import (  # noqa: E402
    ConflictKind,
    ConflictWarning,
    check_conflicts,
    conflicts_of_interest,
)

__all__ = [
    "ConflictKind",
    "ConflictWarning",
    "DuplicateCandidate",
    "RegisterDispute",
    "UpdateDispute",
    "change_status",
    "check_conflicts",
    "check_registration",
    "conflicts_of_interest",
    "get_dispute",
    "possible_duplicates",
    "refer_out",
    "register_dispute",
    "reopen",
    "start_mediation",
    "update_dispute",
    "withdraw",
]
