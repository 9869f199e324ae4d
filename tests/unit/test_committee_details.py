"""The committee's details for letters and exports: contact, export cadence and thresholds
(raised, never lowered), and the pseudonym exports carry instead of its name."""

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.committee import new_pseudonym
from desktop.domain.services import committee
from desktop.domain.services.committee import UpdateSettings
from tests.unit.world import World


def _update(world: World, **values: object) -> None:
    cmd = UpdateSettings(**values)  # type: ignore[arg-type]
    committee.update_settings(world.uow, world.admin, world.clock, world.taxonomy, cmd)


def test_contact_cadence_and_raised_thresholds_are_kept_and_audited(world: World) -> None:
    _update(
        world,
        contact="  +254 700 000 100, Laini Saba chief's camp ",
        export_cadence="quarterly",
        export_threshold=6,
        export_sensitive_threshold=12,
    )
    stored = world.uow.committed.committee
    assert stored is not None
    assert stored.contact == "+254 700 000 100, Laini Saba chief's camp"
    assert (stored.export_cadence, stored.export_threshold) == ("quarterly", 6)
    assert stored.export_sensitive_threshold == 12
    event = world.uow.committed.audit[-1]
    assert event.action == "update_settings" and "Laini" not in event.detail
    assert "export_cadence" in event.detail


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"export_cadence": "weekly"}, "export_cadence"),
        ({"export_threshold": 4}, "export_threshold"),
        ({"export_threshold": True}, "export_threshold"),
        ({"export_sensitive_threshold": 9}, "export_sensitive_threshold"),
        ({"export_threshold": 11}, "export_sensitive_threshold"),  # above the sensitive one
        ({"contact": "x" * 201}, "contact"),
    ],
)
def test_bad_settings_change_nothing(world: World, values: dict[str, object], field: str) -> None:
    before = world.uow.committed.committee
    commits = world.uow.commits
    with pytest.raises(ValidationError) as caught:
        _update(world, **values)
    assert caught.value.field == field
    assert world.uow.committed.committee == before and world.uow.commits == commits


def test_pseudonyms_are_random_and_say_nothing_of_the_committee() -> None:
    names = {new_pseudonym() for _ in range(50)}
    assert len(names) == 50
    assert all(n.startswith("C-") and len(n) == 12 for n in names)
