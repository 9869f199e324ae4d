"""Permission-test factories for the export file use cases (merged into test_permissions)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.model.export_tables import Period
from desktop.domain.model.users import Actor
from desktop.domain.services import export_log
from tests.unit.fake_exports import FakeExportWriter
from tests.unit.world import World

Call = Callable[[Actor], object]


def _export_period(w: World) -> Call:
    w.register()
    month = Period.month(2026, 2)  # make_world's today is 2026-03-10: February has ended
    return lambda a: export_log.export_period(
        w.uow, a, w.clock, w.taxonomy, month, FakeExportWriter(), app_version="0.1.0"
    )


def _list_exports(w: World) -> Call:
    return lambda a: export_log.list_exports(w.uow, a)


def _export_key(w: World) -> Call:
    return lambda a: export_log.export_key(w.uow, a)


EXPORT_LOG_FACTORIES: dict[str, Callable[[World], Call]] = {
    "export_period": _export_period,
    "list_exports": _list_exports,
    "export_key": _export_key,
}

EXPORT_LOG_EXPECTED = {"export_period": "AMO", "list_exports": "A", "export_key": "AMPO"}
