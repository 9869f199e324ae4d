"""Hearings, agreements, follow-ups and outcomes: what happens in a case after registration."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Table, select

from desktop.domain.model.proceedings import (
    Agreement,
    Answer,
    FollowUp,
    FollowUpResult,
    Hearing,
    Outcome,
    PartyView,
)
from storage import tables as t
from storage.repositories._common import Repo, int_tuple, loads
from storage.rows import (
    ANSWERS,
    agreement_plain,
    agreement_values,
    follow_up_plain,
    follow_up_values,
    hearing_plain,
    hearing_values,
    outcome_plain,
    outcome_values,
)


class _ChildRepo(Repo):
    """Records belonging to one dispute, sealed when that dispute is restricted."""

    table: Table

    def _rows(self, dispute_id: int, order_by: Any) -> list[Row[Any]]:
        query = (
            select(self.table, t.disputes.c.restricted)
            .join(t.disputes, t.disputes.c.id == self.table.c.dispute_id)
            .where(self.table.c.dispute_id == dispute_id)
            .order_by(order_by, self.table.c.id)
        )
        return list(self._conn.execute(query))

    def _row(self, row_id: int) -> Row[Any] | None:
        query = (
            select(self.table, t.disputes.c.restricted)
            .join(t.disputes, t.disputes.c.id == self.table.c.dispute_id)
            .where(self.table.c.id == row_id)
        )
        return self._conn.execute(query).first()

    def _text(self, row: Row[Any], column: str) -> str:
        stored: str = getattr(row, column)
        return self._open(self.table, int(row.id), column, stored, bool(row.restricted))


class SqlHearingRepository(_ChildRepo):
    table = t.hearings

    def add(self, hearing: Hearing) -> int:
        restricted = self._dispute_restricted(hearing.dispute_id)
        values, plain = hearing_values(hearing), hearing_plain(hearing)
        hearing.id = self._insert(self.table, values, plain, restricted)
        return hearing.id

    def for_dispute(self, dispute_id: int) -> list[Hearing]:
        return [
            Hearing(
                dispute_id=row.dispute_id,
                held_on=row.held_on,
                mediators=int_tuple(row.mediators),
                parties_present=int_tuple(row.parties_present),
                notes=self._text(row, "notes"),
                next_step=self._text(row, "next_step"),
                next_date=row.next_date,
                id=row.id,
            )
            for row in self._rows(dispute_id, self.table.c.held_on)
        ]


class SqlAgreementRepository(_ChildRepo):
    table = t.agreements

    def add(self, agreement: Agreement) -> int:
        restricted = self._dispute_restricted(agreement.dispute_id)
        values, plain = agreement_values(agreement), agreement_plain(agreement)
        agreement.id = self._insert(self.table, values, plain, restricted)
        return agreement.id

    def for_dispute(self, dispute_id: int) -> list[Agreement]:
        return [
            Agreement(
                dispute_id=row.dispute_id,
                terms=self._text(row, "terms"),
                agreed_on=row.agreed_on,
                signatories=int_tuple(row.signatories),
                compliance_due=row.compliance_due,
                id=row.id,
            )
            for row in self._rows(dispute_id, self.table.c.agreed_on)
        ]


class SqlFollowUpRepository(_ChildRepo):
    table = t.follow_ups

    def add(self, follow_up: FollowUp) -> int:
        restricted = self._dispute_restricted(follow_up.dispute_id)
        values, plain = follow_up_values(follow_up), follow_up_plain(follow_up)
        follow_up.id = self._insert(self.table, values, plain, restricted)
        return follow_up.id

    def update(self, follow_up: FollowUp) -> None:
        if follow_up.id is None:
            raise ValueError("Only a stored follow-up can be updated.")
        restricted = self._dispute_restricted(follow_up.dispute_id)
        self._update(
            self.table,
            follow_up.id,
            follow_up_values(follow_up),
            follow_up_plain(follow_up),
            restricted,
            extra_where=self.table.c.dispute_id == follow_up.dispute_id,
        )

    def get(self, follow_up_id: int) -> FollowUp | None:
        row = self._row(follow_up_id)
        return None if row is None else self._follow_up(row)

    def for_dispute(self, dispute_id: int) -> list[FollowUp]:
        return [self._follow_up(row) for row in self._rows(dispute_id, self.table.c.due_on)]

    def _follow_up(self, row: Row[Any]) -> FollowUp:
        return FollowUp(
            dispute_id=row.dispute_id,
            due_on=row.due_on,
            done_on=row.done_on,
            result=None if row.result is None else FollowUpResult(row.result),
            note=self._text(row, "note"),
            id=row.id,
        )


class SqlOutcomeRepository(_ChildRepo):
    table = t.outcomes

    def save(self, outcome: Outcome) -> int:
        """Insert, or replace the outcome of the same dispute (keeping its id)."""
        restricted = self._dispute_restricted(outcome.dispute_id)
        values, plain = outcome_values(outcome), outcome_plain(outcome)
        existing = self._conn.scalar(
            select(self.table.c.id).where(self.table.c.dispute_id == outcome.dispute_id)
        )
        if existing is None:
            outcome.id = self._insert(self.table, values, plain, restricted)
        else:
            outcome.id = int(existing)
            self._update(self.table, outcome.id, values, plain, restricted)
        return outcome.id

    def for_dispute(self, dispute_id: int) -> Outcome | None:
        rows = self._rows(dispute_id, self.table.c.id)
        if not rows:
            return None
        row = rows[0]
        return Outcome(
            dispute_id=row.dispute_id,
            kind=row.kind,
            closed_on=row.closed_on,
            note=self._text(row, "note"),
            views=[_view(item) for item in loads(row.views)],
            id=row.id,
        )


def _view(item: dict[str, Any]) -> PartyView:
    answers = {name: Answer(item.get(name, Answer.NOT_ASKED.value)) for name in ANSWERS}
    return PartyView(party_id=int(item["party_id"]), **answers)
