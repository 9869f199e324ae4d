"""export_period, list_exports and export_key with the in-memory fakes: sequence numbers, the
log and its transaction with the file, the committee's own cadence and thresholds, and the
cadence locked once a committee has exported."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.export_log import (
    fingerprint,
    normalise_fingerprint,
    public_key_pem,
)
from desktop.domain.model.export_tables import ExportTables, Period
from desktop.domain.services.committee import UpdateSettings, update_settings
from desktop.domain.services.export_log import (
    ExportDone,
    export_key,
    export_period,
    list_exports,
)
from desktop.domain.services.exports import build_export_tables
from tests.unit.fake_exports import FakeExportWriter
from tests.unit.world import PARTY_NAMES, PARTY_PHONE, World, make_world

FEB = Period.month(2026, 2)


@pytest.fixture
def w() -> World:
    world = make_world(today=date(2026, 2, 20))
    for _ in range(6):
        world.register()
    world.clock.current = world.clock.current.replace(month=3, day=10)
    return world


def _export(w: World, period: Period = FEB, writer: FakeExportWriter | None = None) -> ExportDone:
    return export_period(
        w.uow,
        w.admin,
        w.clock,
        w.taxonomy,
        period,
        writer or FakeExportWriter(),
        app_version="1.2.3",
    )


def test_an_export_is_written_signed_and_logged(w: World) -> None:
    writer = FakeExportWriter()
    done = _export(w, writer=writer)
    assert writer.published is not None and writer.staged is None and not writer.discarded
    assert done.entry.sequence == 1 and done.entry.period == FEB
    assert done.entry.file_sha256 == hashlib.sha256(writer.published).hexdigest()
    assert done.manifest.committee == w.uow.committed.committee.pseudonym  # type: ignore[union-attr]
    assert re.fullmatch(r"C-[0-9A-F]{10}", done.manifest.committee)
    assert done.manifest.created_on == date(2026, 3, 10) and done.manifest.app_version == "1.2.3"
    assert done.tables.table("received_by_category").total == 6
    assert done.fingerprint == fingerprint(writer.public_key)
    assert [e.export_id for e in w.uow.committed.export_log] == [done.manifest.export_id]
    event = w.uow.committed.audit[-1]
    assert event.action == "export" and done.manifest.export_id in event.detail
    assert not any(n.split()[0] in event.detail for n in PARTY_NAMES)
    assert PARTY_PHONE not in event.detail


def test_a_re_export_gets_the_next_sequence_and_a_new_id(w: World) -> None:
    first = _export(w)
    second = _export(w)
    third = _export(w)
    sequences = [d.entry.sequence for d in (first, second, third)]
    assert sequences == [1, 2, 3]
    assert len({d.manifest.export_id for d in (first, second, third)}) == 3
    log = list_exports(w.uow, w.admin)
    assert [e.sequence for e in log] == [3, 2, 1]  # newest first
    assert all(e.username == "administrator" for e in log)


def test_another_period_starts_again_at_one(w: World) -> None:
    _export(w)
    w.clock.current = w.clock.current.replace(month=4, day=2)
    done = _export(w, Period.month(2026, 3))
    assert done.entry.sequence == 1


@pytest.mark.parametrize(
    ("period", "field"),
    [(Period.month(2026, 3), "period"), (Period.quarter(2026, 1), "period")],
)
def test_a_running_period_or_the_wrong_cadence_is_refused(
    w: World, period: Period, field: str
) -> None:
    writer = FakeExportWriter()
    with pytest.raises(ValidationError) as error:
        _export(w, period, writer)
    assert error.value.field == field
    assert writer.manifest is None and w.uow.committed.export_log == []


def test_a_failed_write_leaves_no_log_entry(w: World) -> None:
    audit_before = len(w.uow.committed.audit)
    with pytest.raises(OSError):
        _export(w, writer=FakeExportWriter(fail_at="stage"))
    writer = FakeExportWriter(fail_at="publish")
    with pytest.raises(OSError):
        _export(w, writer=writer)
    assert writer.discarded and writer.published is None
    assert w.uow.committed.export_log == [] and len(w.uow.committed.audit) == audit_before
    assert _export(w).entry.sequence == 1


def test_the_committees_thresholds_are_applied(w: World) -> None:
    update_settings(w.uow, w.admin, w.clock, w.taxonomy, UpdateSettings(export_threshold=7))
    done = _export(w)
    assert done.manifest.threshold == 7
    # six cases, fewer than seven: the received tables are withheld
    assert done.tables.table("received_by_category").withheld


def test_the_preview_must_still_be_true(w: World) -> None:
    preview = build_export_tables(w.uow, w.admin, w.clock, w.taxonomy, FEB)
    assert _export_with(w, preview).entry.sequence == 1
    w.clock.current = w.clock.current.replace(month=2, day=21)
    w.register()
    w.clock.current = w.clock.current.replace(month=3, day=10)
    with pytest.raises(ValidationError, match="changed since the preview"):
        _export_with(w, preview)
    assert len(w.uow.committed.export_log) == 1


def _export_with(w: World, preview: ExportTables) -> ExportDone:
    return export_period(
        w.uow,
        w.admin,
        w.clock,
        w.taxonomy,
        FEB,
        FakeExportWriter(),
        app_version="1.2.3",
        preview=preview,
    )


def test_the_cadence_is_locked_once_the_committee_has_exported(w: World) -> None:
    quarterly = UpdateSettings(export_cadence="quarterly")
    monthly = UpdateSettings(export_cadence="monthly")
    update_settings(w.uow, w.admin, w.clock, w.taxonomy, quarterly)  # free before any export
    update_settings(w.uow, w.admin, w.clock, w.taxonomy, monthly)
    _export(w)
    with pytest.raises(ValidationError) as error:
        update_settings(w.uow, w.admin, w.clock, w.taxonomy, quarterly)
    assert error.value.field == "export_cadence"
    assert w.uow.committed.committee.export_cadence == "monthly"  # type: ignore[union-attr]
    # saving the same cadence, or other settings, still works
    update_settings(w.uow, w.admin, w.clock, w.taxonomy, monthly)
    update_settings(w.uow, w.admin, w.clock, w.taxonomy, UpdateSettings(auto_lock_minutes=9))


def test_the_key_is_made_once_and_kept(w: World) -> None:
    first = export_key(w.uow, w.member)
    assert export_key(w.uow, w.actor("paralegal")) == first
    groups = first.fingerprint.split(" ")
    assert len(groups) == 16 and all(re.fullmatch(r"[0-9a-f]{4}", g) for g in groups)
    assert first.fingerprint.replace(" ", "") == hashlib.sha256(first.public_key).hexdigest()
    assert _export(w).fingerprint == first.fingerprint


def test_fingerprints_are_read_however_they_are_typed() -> None:
    key = bytes(range(32))
    digits = hashlib.sha256(key).hexdigest()
    assert normalise_fingerprint(fingerprint(key).upper()) == digits
    assert normalise_fingerprint("SHA256:" + ":".join(digits[i : i + 2] for i in range(0, 64, 2)))
    with pytest.raises(ValueError):
        normalise_fingerprint("abcd")
    with pytest.raises(ValueError):
        fingerprint(b"short")
    pem = public_key_pem(key)
    assert pem.startswith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA")
