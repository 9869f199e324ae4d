"""Drafts of unsaved forms: per user, replaced on save, sealed for restricted cases, and no way
round the case-visibility rule."""

from __future__ import annotations

import pytest

from desktop.domain.errors import NotFound, ValidationError
from desktop.domain.services import drafts
from tests.unit.world import make_world


def test_a_draft_is_kept_per_user_and_replaced_on_save() -> None:
    w = make_world()
    drafts.save_draft(w.uow, w.member, w.clock, drafts.NEW_DISPUTE, '{"v": 1}')
    w.clock.advance(seconds=5)
    drafts.save_draft(w.uow, w.member, w.clock, drafts.NEW_DISPUTE, '{"v": 2}')
    mine = drafts.get_draft(w.uow, w.member, drafts.NEW_DISPUTE)
    assert mine is not None and mine.body == '{"v": 2}'
    assert mine.updated_at == w.clock.now()
    assert len(w.committed_state().drafts) == 1
    assert drafts.get_draft(w.uow, w.actor("member2"), drafts.NEW_DISPUTE) is None


def test_discarding_forgets_the_draft() -> None:
    w = make_world()
    drafts.save_draft(w.uow, w.member, w.clock, drafts.NEW_DISPUTE, "{}")
    drafts.discard_draft(w.uow, w.member, drafts.NEW_DISPUTE)
    assert drafts.get_draft(w.uow, w.member, drafts.NEW_DISPUTE) is None
    drafts.discard_draft(w.uow, w.member, drafts.NEW_DISPUTE)  # nothing there: no error


def test_drafts_are_not_audited() -> None:
    w = make_world()
    drafts.save_draft(w.uow, w.member, w.clock, drafts.NEW_DISPUTE, "{}")
    assert w.committed_state().audit == []


def test_the_draft_of_a_restricted_case_is_always_restricted() -> None:
    w = make_world()
    case = w.register("gbv", assigned=(w.user_id("focal"),))
    assert case.id is not None and case.restricted
    saved = drafts.save_draft(w.uow, w.actor("focal"), w.clock, drafts.edit_kind(case.id), "{}")
    assert saved.restricted
    new = drafts.save_draft(w.uow, w.member, w.clock, drafts.NEW_DISPUTE, "{}", restricted=True)
    assert new.restricted


def test_a_member_cannot_draft_or_read_a_draft_of_a_case_they_may_not_see() -> None:
    w = make_world()
    case = w.register("gbv", assigned=(w.user_id("focal"),))
    assert case.id is not None
    kind = drafts.edit_kind(case.id)
    with pytest.raises(NotFound):
        drafts.save_draft(w.uow, w.member, w.clock, kind, "{}")
    with pytest.raises(NotFound):
        drafts.get_draft(w.uow, w.member, kind)
    assert w.committed_state().drafts == {}


@pytest.mark.parametrize("kind", ["", "Register", "register_dispute:x", "other_form:3", "a" * 50])
def test_unknown_kinds_are_refused(kind: str) -> None:
    w = make_world()
    with pytest.raises(ValidationError) as raised:
        drafts.save_draft(w.uow, w.member, w.clock, kind, "{}")
    assert raised.value.field == "kind"


def test_an_oversized_draft_is_refused_and_nothing_is_kept() -> None:
    w = make_world()
    with pytest.raises(ValidationError) as raised:
        drafts.save_draft(w.uow, w.member, w.clock, drafts.NEW_DISPUTE, "x" * (drafts.BODY_MAX + 1))
    assert raised.value.field == "body"
    assert w.committed_state().drafts == {}
