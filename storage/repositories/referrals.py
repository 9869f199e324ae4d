"""Justice actors and referrals."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row, select

from desktop.domain.model.referrals import (
    Consent,
    ConsentMethod,
    Direction,
    JusticeActor,
    Referral,
    ReferralStatus,
    Urgency,
)
from storage import tables as t
from storage.repositories._common import Repo, loads
from storage.rows import dumps, referral_plain, referral_values
from storage.sealing import Sealer


class SqlActorRepository(Repo):
    def _values(self, actor: JusticeActor) -> dict[str, Any]:
        return {
            "kind": actor.kind,
            "name": actor.name,
            "contact_person": actor.contact_person,
            "phone": actor.phone,
            "area": actor.area,
            "services": actor.services,
            "hours": actor.hours,
            "active": actor.active,
        }

    def add(self, actor: JusticeActor) -> int:
        actor.id = self._insert(t.actors, self._values(actor), {}, restricted=False)
        return actor.id

    def update(self, actor: JusticeActor) -> None:
        if actor.id is None:
            raise ValueError("Only a stored actor can be updated.")
        self._update(t.actors, actor.id, self._values(actor), {}, restricted=False)

    def get(self, actor_id: int) -> JusticeActor | None:
        row = self._conn.execute(select(t.actors).where(t.actors.c.id == actor_id)).first()
        return None if row is None else _actor(row)

    def all(self) -> list[JusticeActor]:
        query = select(t.actors).order_by(t.actors.c.name.collate("NOCASE"), t.actors.c.id)
        return [_actor(row) for row in self._conn.execute(query)]


def _actor(row: Row[Any]) -> JusticeActor:
    return JusticeActor(
        kind=row.kind,
        name=row.name,
        contact_person=row.contact_person,
        phone=row.phone,
        area=row.area,
        services=row.services,
        hours=row.hours,
        active=bool(row.active),
        id=row.id,
    )


def _witness_column(index: int) -> str:
    return f"consents.{index}.witness"


def consents_to_text(
    sealer: Sealer, referral_id: int, consents: tuple[Consent, ...], restricted: bool
) -> str:
    """Consents as JSON; a witness is a person's name, so it is sealed for restricted cases."""
    items = []
    for index, consent in enumerate(consents):
        witness = consent.witness
        if restricted:
            witness = sealer.seal("referrals", referral_id, _witness_column(index), witness)
        items.append(
            {
                "party_id": consent.party_id,
                "given_on": consent.given_on.isoformat(),
                "method": consent.method.value,
                "witness": witness,
                "purpose": consent.purpose,
            }
        )
    return dumps(items)


def consents_from_text(
    sealer: Sealer, referral_id: int, text: str, restricted: bool
) -> tuple[Consent, ...]:
    consents = []
    for index, item in enumerate(loads(text)):
        witness = str(item["witness"])
        if restricted:
            witness = sealer.open("referrals", referral_id, _witness_column(index), witness)
        consents.append(
            Consent(
                party_id=int(item["party_id"]),
                given_on=date.fromisoformat(item["given_on"]),
                method=ConsentMethod(item["method"]),
                witness=witness,
                purpose=str(item["purpose"]),
            )
        )
    return tuple(consents)


def reseal_consents(sealer: Sealer, referral_id: int, text: str, to_restricted: bool) -> str:
    """Re-encode stored consents when the dispute's restriction changes (needs the key)."""
    sealer.require_key()
    consents = consents_from_text(sealer, referral_id, text, restricted=not to_restricted)
    return consents_to_text(sealer, referral_id, consents, restricted=to_restricted)


class SqlReferralRepository(Repo):
    def add(self, referral: Referral) -> int:
        restricted = self._dispute_restricted(referral.dispute_id)
        values = {**referral_values(referral), "consents": "[]"}
        referral_id = self._insert(t.referrals, values, referral_plain(referral), restricted)
        self._write_consents(referral_id, referral, restricted)
        referral.id = referral_id
        return referral_id

    def update(self, referral: Referral) -> None:
        if referral.id is None:
            raise ValueError("Only a stored referral can be updated.")
        restricted = self._dispute_restricted(referral.dispute_id)
        if restricted:
            self._sealer.require_key()
        self._update(
            t.referrals,
            referral.id,
            referral_values(referral),
            referral_plain(referral),
            restricted,
            extra_where=t.referrals.c.dispute_id == referral.dispute_id,
        )
        self._write_consents(referral.id, referral, restricted)

    def _write_consents(self, referral_id: int, referral: Referral, restricted: bool) -> None:
        text = consents_to_text(self._sealer, referral_id, referral.consents, restricted)
        self._conn.execute(
            t.referrals.update().where(t.referrals.c.id == referral_id).values(consents=text)
        )

    def get(self, referral_id: int) -> Referral | None:
        query = (
            select(t.referrals, t.disputes.c.restricted)
            .join(t.disputes, t.disputes.c.id == t.referrals.c.dispute_id)
            .where(t.referrals.c.id == referral_id)
        )
        row = self._conn.execute(query).first()
        return None if row is None else self._referral(row, bool(row.restricted))

    def for_dispute(self, dispute_id: int) -> list[Referral]:
        query = (
            select(t.referrals, t.disputes.c.restricted)
            .join(t.disputes, t.disputes.c.id == t.referrals.c.dispute_id)
            .where(t.referrals.c.dispute_id == dispute_id)
            .order_by(t.referrals.c.id)
        )
        return [self._referral(row, bool(row.restricted)) for row in self._conn.execute(query)]

    def _referral(self, row: Row[Any], restricted: bool) -> Referral:
        rid = int(row.id)
        return Referral(
            dispute_id=row.dispute_id,
            actor_id=row.actor_id,
            direction=Direction(row.direction),
            reason=self._open(t.referrals, rid, "reason", row.reason, restricted),
            urgency=Urgency(row.urgency),
            status=ReferralStatus(row.status),
            shared_fields=tuple(loads(row.shared_fields)),
            consents=consents_from_text(self._sealer, rid, row.consents, restricted),
            code=row.code or "",
            sent_on=row.sent_on,
            due_on=row.due_on,
            feedback=self._open(t.referrals, rid, "feedback", row.feedback, restricted),
            feedback_on=row.feedback_on,
            id=rid,
        )
