"""Permission-test factories for the export use cases (merged into test_permissions)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.model.export_tables import Period
from desktop.domain.model.users import Actor
from desktop.domain.services import exports
from tests.unit.world import World

Call = Callable[[Actor], object]


def _build_export_tables(w: World) -> Call:
    w.register()
    month = Period.month(2026, 2)  # make_world's today is 2026-03-10: February has ended
    return lambda a: exports.build_export_tables(w.uow, a, w.clock, w.taxonomy, month)


EXPORT_FACTORIES: dict[str, Callable[[World], Call]] = {
    "build_export_tables": _build_export_tables,
}

EXPORT_EXPECTED = {"build_export_tables": "AMO"}
