"""Referrals in a real SQLCipher workspace: every field stored and read back, the sealed text of
restricted cases, codes, the board and its counts within a user's scope, and report facts.
Migration 0005: test_referral_migration.py; the use cases end to end: test_referral_use_cases.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

import pytest
from sqlalchemy import Connection, text

from desktop.domain.model.case_list import CaseScope
from desktop.domain.model.dispute import Channel, Party, PartyRole
from desktop.domain.model.referral_board import BoardCounts, BoardFilter, BoardRow, ReferralFact
from desktop.domain.model.referrals import (
    OPEN_STATUSES,
    Consent,
    ConsentMethod,
    Direction,
    FeedbackVia,
    JusticeActor,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    Urgency,
)
from desktop.domain.model.users import Role, User
from desktop.domain.services.actors import add_actor
from desktop.domain.services.disputes import RegisterDispute, register_dispute
from desktop.domain.services.referral_board import referral_board, referral_counts
from desktop.workspace import OpenWorkspace
from storage import tables
from storage.sealing import MARKER, REDACTED
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace

PASSPHRASE = "meadow-pebble-quartz-violet"
SEALED = ("reason", "feedback", "status_reason", "feedback_from", "consent_override")
SEALED_ALL = (*SEALED, "their_reference")


@dataclass
class Committee:
    admin: OpenWorkspace
    member: OpenWorkspace  # no restricted access
    focal: OpenWorkspace  # restricted access, assigned to the restricted case
    other_focal: OpenWorkspace  # restricted access, not assigned
    actor_id: int
    plain_case: int
    restricted_case: int


def _sign_up(admin: OpenWorkspace, name: str, restricted: bool) -> int:
    user = admin.add_user(
        User(name, f"Test {name.title()}", Role.MEMBER, restricted_access=restricted), PASSPHRASE
    )
    assert user.id is not None
    return user.id


def _register(
    opened: OpenWorkspace, restricted: bool, assigned: tuple[int, ...] = (), **extra: object
) -> int:
    command_ = RegisterDispute(
        received_on=date(2026, 1, 5),
        channel=extra.pop("channel", Channel.WALK_IN),  # type: ignore[arg-type]
        category="debt",
        description="A synthetic story told by the complainant.",
        restricted=restricted,
        assigned=assigned,
        parties=(
            Party(PartyRole.COMPLAINANT, "Test Complainant", phone="0700000001"),
            Party(PartyRole.RESPONDENT, "Test Respondent"),
        ),
        **extra,  # type: ignore[arg-type]
    )
    dispute = register_dispute(
        opened.unit_of_work(), opened.actor, opened.clock, opened.taxonomy, command_
    )
    assert dispute.id is not None
    return dispute.id


def _actor(opened: OpenWorkspace, kind: str = "police", name: str = "Test Police Post") -> int:
    added = add_actor(
        opened.unit_of_work(),
        opened.actor,
        opened.clock,
        opened.taxonomy,
        JusticeActor(kind, name, phone="0711000111"),
    )
    assert added.id is not None
    return added.id


@pytest.fixture(scope="module")
def committee(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Committee]:
    folder = tmp_path_factory.mktemp("referrals") / "ws"
    workspace, _ = create_workspace(folder)
    admin = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    _sign_up(admin, "member", restricted=False)
    focal_id = _sign_up(admin, "focal", restricted=True)
    _sign_up(admin, "otherfocal", restricted=True)
    actor_id = _actor(admin)
    plain = _register(admin, restricted=False)
    secret = _register(admin, restricted=True, assigned=(focal_id,))
    opened = Committee(
        admin,
        workspace.sign_in("member", PASSPHRASE),
        workspace.sign_in("focal", PASSPHRASE),
        workspace.sign_in("otherfocal", PASSPHRASE),
        actor_id,
        plain,
        secret,
    )
    yield opened
    for each in (opened.member, opened.focal, opened.other_focal, admin):
        each.close()


def full_referral(dispute_id: int, actor_id: int, user_id: int | None, code: str) -> Referral:
    """A referral with every field set (synthetic values)."""
    return Referral(
        dispute_id=dispute_id,
        actor_id=actor_id,
        direction=Direction.OUT,
        reason="Synthetic reason: needs a formal response.",
        urgency=Urgency.URGENT,
        status=ReferralStatus.COMPLETED,
        shared_fields=("case.category", "party.1.name"),
        consents=(Consent(1, date(2026, 1, 6), ConsentMethod.VERBAL_WITH_WITNESS, "Test Witness"),),
        code=code,
        sent_on=date(2026, 1, 7),
        due_on=date(2026, 1, 21),
        feedback="2026-01-09: acknowledged\n2026-01-20: done",
        feedback_on=date(2026, 1, 9),
        created_by=user_id,
        created_on=date(2026, 1, 6),
        acknowledged_on=date(2026, 1, 9),
        decided_on=date(2026, 1, 12),
        completed_on=date(2026, 1, 20),
        withdrawn_on=date(2026, 1, 22),
        status_reason="Synthetic status reason.",
        outcome=ReferralOutcome.ACTION_TAKEN,
        feedback_via=FeedbackVia.LETTER,
        feedback_from="Test Officer",
        consent_override="Synthetic override reason.",
        their_reference="OB 12/07/01/2026",
    )


def _raw(opened: OpenWorkspace, referral_id: int) -> dict[str, object]:
    with opened.unit_of_work() as uow:
        conn: Connection = uow.connection  # type: ignore[attr-defined]
        row = conn.execute(
            text("SELECT * FROM referrals WHERE id = :id"), {"id": referral_id}
        ).one()
        return dict(row._mapping)


def _add(opened: OpenWorkspace, referral: Referral) -> int:
    with opened.unit_of_work() as uow:
        referral_id = uow.referrals.add(referral)
        uow.commit()
    return referral_id


def _delete_referrals(opened: OpenWorkspace) -> None:
    with opened.unit_of_work() as uow:
        uow.connection.execute(text("DELETE FROM referrals"))  # type: ignore[attr-defined]
        uow.commit()


def test_every_field_round_trips(committee: Committee) -> None:
    admin = committee.admin
    referral = full_referral(
        committee.plain_case, committee.actor_id, admin.actor.user_id, "AAAA-0001"
    )
    referral_id = _add(admin, referral)
    with admin.unit_of_work() as uow:
        stored = uow.referrals.get(referral_id)
        assert uow.referrals.for_dispute(committee.plain_case)[-1] == stored
    assert stored == replace(referral, id=referral_id)
    raw = _raw(admin, referral_id)
    assert raw["status_reason"] == "Synthetic status reason."
    assert raw["outcome"] == "action_taken" and raw["feedback_via"] == "letter"
    changed = replace(
        stored, status_reason="", outcome=None, feedback_via=None, withdrawn_on=None, code=""
    )
    with admin.unit_of_work() as uow:
        uow.referrals.update(changed)
        uow.commit()
    with admin.unit_of_work() as uow:
        assert uow.referrals.get(referral_id) == changed


def test_restricted_text_is_sealed_and_opens_only_with_the_key(committee: Committee) -> None:
    admin = committee.admin
    referral = full_referral(
        committee.restricted_case, committee.actor_id, admin.actor.user_id, "AAAA-0002"
    )
    referral_id = _add(admin, referral)
    raw = _raw(admin, referral_id)
    for column in SEALED_ALL:
        stored = str(raw[column])
        assert stored.startswith(MARKER), column
        assert str(getattr(referral, column)) not in stored
    assert "Test Witness" not in str(raw["consents"])
    with committee.focal.unit_of_work() as uow:  # holds the restricted key
        assert uow.referrals.get(referral_id) == replace(referral, id=referral_id)
    with committee.member.unit_of_work() as uow:  # no key: only the repository, never a service
        unsealed = uow.referrals.get(referral_id)
    assert unsealed is not None
    assert all(getattr(unsealed, column) == REDACTED for column in SEALED_ALL)
    assert unsealed.consents[0].witness == REDACTED
    assert unsealed.completed_on == referral.completed_on  # dates and codes are not sealed


def test_by_code(committee: Committee) -> None:
    admin = committee.admin
    referral = full_referral(committee.plain_case, committee.actor_id, None, "AAAA-0003")
    referral_id = _add(admin, referral)
    with admin.unit_of_work() as uow:
        found = uow.referrals.by_code("AAAA-0003")
        assert found is not None and found.id == referral_id
        assert uow.referrals.by_code("AAAA-9999") is None
        assert uow.referrals.by_code("") is None


# -- the board ------------------------------------------------------------------------------


def _open(dispute_id: int, actor_id: int, **fields: object) -> Referral:
    base = Referral(
        dispute_id=dispute_id,
        actor_id=actor_id,
        direction=Direction.OUT,
        reason="Synthetic reason.",
        status=ReferralStatus.SENT,
        sent_on=date(2026, 1, 10),
        due_on=date(2026, 1, 24),
    )
    return replace(base, **fields)  # type: ignore[arg-type]


@pytest.fixture
def board(committee: Committee) -> Iterator[dict[str, int]]:
    """A set of referrals in every state; yields their ids by name."""
    admin, plain, secret = committee.admin, committee.plain_case, committee.restricted_case
    _delete_referrals(admin)
    second_actor = _actor(admin, "legal_aid", f"Test Legal Aid {os.urandom(3).hex()}")
    user = admin.actor.user_id
    made = {
        "sent": _open(plain, committee.actor_id, sent_on=date(2026, 1, 12), created_by=user),
        "acknowledged": _open(
            plain, second_actor, status=ReferralStatus.ACKNOWLEDGED, due_on=date(2026, 3, 1)
        ),
        "accepted_in": _open(
            plain, second_actor, direction=Direction.IN, status=ReferralStatus.ACCEPTED,
            sent_on=date(2026, 1, 11),
        ),
        "restricted": _open(secret, committee.actor_id, sent_on=date(2026, 1, 9)),
        "draft": _open(plain, committee.actor_id, status=ReferralStatus.DRAFT, sent_on=None),
        "completed": _open(plain, committee.actor_id, status=ReferralStatus.COMPLETED),
        "declined": _open(plain, committee.actor_id, status=ReferralStatus.DECLINED),
        "withdrawn": _open(plain, committee.actor_id, status=ReferralStatus.WITHDRAWN),
    }  # fmt: skip
    ids = {name: _add(admin, referral) for name, referral in made.items()}
    ids["second_actor"] = second_actor
    yield ids
    _delete_referrals(admin)


def _board(opened: OpenWorkspace, board_filter: BoardFilter | None = None) -> list[int]:
    rows = referral_board(opened.unit_of_work(), opened.actor, board_filter)
    return [row.referral_id for row in rows]


def test_the_board_lists_open_referrals_oldest_first(
    committee: Committee, board: dict[str, int]
) -> None:
    expected = ["restricted", "acknowledged", "accepted_in", "sent"]
    assert _board(committee.admin) == [board[name] for name in expected]
    rows = referral_board(committee.admin.unit_of_work(), committee.admin.actor)
    first = rows[-1]
    assert (first.code, first.actor_name, first.actor_kind, first.actor_phone) == (
        "",
        "Test Police Post",
        "police",
        "0711000111",
    )
    assert first == BoardRow(**vars(first))  # every field, built as the dataclass builds it
    assert first.status is ReferralStatus.SENT and first.direction is Direction.OUT
    assert first.urgency is Urgency.ROUTINE and first.created_by == committee.admin.actor.user_id
    assert (first.sent_on, first.due_on) == (date(2026, 1, 12), date(2026, 1, 24))
    with committee.admin.unit_of_work() as uow:
        number = uow.disputes.get(committee.plain_case).number  # type: ignore[union-attr]
    assert first.number == number and first.dispute_id == committee.plain_case


def test_the_board_filters(committee: Committee, board: dict[str, int]) -> None:
    admin = committee.admin
    by_actor = BoardFilter(actor_id=board["second_actor"])
    assert _board(admin, by_actor) == [board["acknowledged"], board["accepted_in"]]
    by_user = BoardFilter(created_by=admin.actor.user_id)
    assert _board(admin, by_user) == [board["sent"]]
    assert _board(admin, BoardFilter(direction=Direction.IN)) == [board["accepted_in"]]
    due = BoardFilter(due_before=date(2026, 2, 1))
    assert _board(admin, due) == [board["restricted"], board["accepted_in"], board["sent"]]
    assert _board(admin, BoardFilter(due_before=date(2026, 1, 24))) == []


def test_the_board_and_counts_keep_to_the_scope(
    committee: Committee, board: dict[str, int]
) -> None:
    unrestricted = [board[name] for name in ("acknowledged", "accepted_in", "sent")]
    assert _board(committee.member) == unrestricted
    assert _board(committee.other_focal) == unrestricted
    assert _board(committee.focal) == [board["restricted"], *unrestricted]
    today = date(2026, 2, 1)
    with committee.member.unit_of_work() as uow:
        assert uow.referrals.board_counts(today, CaseScope()) == BoardCounts(1, 1, 1, 1)
    with committee.admin.unit_of_work() as uow:
        assert uow.referrals.board_counts(today, CaseScope(all_restricted=True)) == BoardCounts(
            2, 1, 2, 1
        )
    counts = referral_counts(
        committee.focal.unit_of_work(), committee.focal.actor, committee.focal.clock
    )
    clock_today = committee.focal.clock.today()
    assert counts.overdue == (3 if clock_today > date(2026, 3, 1) else 2)
    assert (counts.awaiting_acknowledgement, counts.owed_by_us) == (2, 1)


def test_the_open_statuses_match_the_partial_index() -> None:
    words = tables.REFERRALS_OPEN.split("(")[1].rstrip(")").split(",")
    assert {word.strip(" '") for word in words} == {s.value for s in OPEN_STATUSES}


def test_facts_over_a_period(committee: Committee, board: dict[str, int]) -> None:
    with committee.admin.unit_of_work() as uow:
        facts = uow.referrals.facts(date(2026, 1, 10), date(2026, 1, 11))
    # sent on the 10th: acknowledged, completed, declined, withdrawn; the 11th: accepted_in
    assert sorted((f.status.value, f.direction.value) for f in facts) == [
        ("accepted", "in"),
        ("acknowledged", "out"),
        ("completed", "out"),
        ("declined", "out"),
        ("withdrawn", "out"),
    ]
    kinds = {f.actor_kind for f in facts}
    assert kinds == {"police", "legal_aid"}
    assert all(isinstance(f, ReferralFact) and f.feedback_on is None for f in facts)


def test_the_board_lines_are_the_board_rows_grouped(
    committee: Committee, board: dict[str, int]
) -> None:
    from desktop.domain.model.referral_board import (
        BOARD_GROUP_ORDER,
        BoardGroup,
        board_line,
        board_row_of,
    )

    # 1 Feb: "restricted" and "sent" are overdue (due 24 Jan), "acknowledged" (due 1 Mar) is
    # not; "accepted_in" is incoming. Each group keeps the oldest sent first.
    today = date(2026, 2, 1)
    for opened, scope in (
        (committee.admin, CaseScope(all_restricted=True)),
        (committee.member, CaseScope()),
    ):
        for board_filter in (BoardFilter(), BoardFilter(actor_id=board["second_actor"])):
            with opened.unit_of_work() as uow:
                rows = uow.referrals.board(board_filter, scope)
                lines = uow.referrals.board_lines(board_filter, scope, today)
            expected = sorted((board_line(row, today) for row in rows), key=lambda x: x[0])
            assert lines == expected and [board_row_of(line) for line in lines] == [
                board_row_of(line) for line in expected
            ]
    with committee.admin.unit_of_work() as uow:
        lines = uow.referrals.board_lines(BoardFilter(), CaseScope(all_restricted=True), today)
    order = ["restricted", "sent", "acknowledged", "accepted_in"]
    assert [line[1] for line in lines] == [board[name] for name in order]
    groups = [BOARD_GROUP_ORDER[line[0]] for line in lines]
    assert groups == [
        BoardGroup.OVERDUE,
        BoardGroup.OVERDUE,
        BoardGroup.AWAITING_OUTCOME,
        BoardGroup.OWED_BY_US,
    ]
    with committee.member.unit_of_work() as uow:
        member_lines = uow.referrals.board_lines(BoardFilter(), CaseScope(), today)
    assert board["restricted"] not in [line[1] for line in member_lines]
