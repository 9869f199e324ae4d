"""The register import reports its progress and can be stopped: stopping imports nothing."""

from __future__ import annotations

import pytest

from desktop.domain.errors import Cancelled
from desktop.domain.model.dispute import Channel, Party, PartyRole
from desktop.domain.services import disputes
from tests.unit.world import World


def _rows(world: World, count: int) -> list[disputes.RegisterDispute]:
    return [
        disputes.RegisterDispute(
            world.clock.today(),
            Channel.WALK_IN,
            "debt",
            parties=(Party(PartyRole.COMPLAINANT, f"Test Person {i}"),),
        )
        for i in range(count)
    ]


def _import(world: World, rows: list[disputes.RegisterDispute], **kwargs: object) -> list:
    return disputes.import_register(
        world.uow,
        world.admin,
        world.clock,
        world.taxonomy,
        rows,
        **kwargs,  # type: ignore[arg-type]
    )


def test_progress_is_reported_every_n_rows_and_at_the_end(world: World) -> None:
    seen: list[tuple[int, int]] = []
    imported = _import(world, _rows(world, 7), progress=lambda d, t: seen.append((d, t)), every=3)
    assert seen == [(3, 7), (6, 7), (7, 7)]
    assert len(imported) == 7 and len(world.uow.committed.disputes) == 7


@pytest.mark.parametrize("how", ["false", "raise"])
@pytest.mark.parametrize("stop_at", [2, 5])  # in the middle, and at the very last call
def test_stopping_rolls_everything_back(world: World, how: str, stop_at: int) -> None:
    events = len(world.uow.committed.audit)

    def progress(done: int, total: int) -> bool:
        if done >= stop_at:
            if how == "raise":
                raise Cancelled("stop")
            return False
        return True

    with pytest.raises(Cancelled):
        _import(world, _rows(world, 5), progress=progress, every=1)
    assert world.uow.committed.disputes == {}
    assert len(world.uow.committed.audit) == events  # no import recorded either
    # the numbers were not used up: the next import starts at 0001
    assert _import(world, _rows(world, 1))[0].number == "KBR-2026-0001"


def test_a_progress_returning_none_goes_on(world: World) -> None:
    assert len(_import(world, _rows(world, 3), progress=lambda d, t: None)) == 3
