"""The hub's import decision (desktop/domain/services/hub_import.py), one case per outcome."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from desktop.domain.model.export_log import ExportManifest, fingerprint
from desktop.domain.model.export_tables import Cadence, ExportTables, Period
from desktop.domain.model.hub import HubState, ImportedExport, IncomingExport, RegisteredCommittee
from desktop.domain.services.hub_import import (
    Duplicate,
    Imported,
    ImportOptions,
    RefusalCode,
    Refused,
    Superseded,
    decide,
)

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
OCTOBER = Period.month(2026, 10)
KEY = fingerprint(b"\x01" * 32)
OTHER_KEY = fingerprint(b"\x02" * 32)
PSEUDONYM = "C-3F9A01BC2D"


def incoming(
    sequence: int = 1, export_id: int = 1, *, key: str = KEY, **changes: object
) -> IncomingExport:
    manifest = ExportManifest(
        f"00000000-0000-4000-8000-{export_id:012d}",
        PSEUDONYM,
        OCTOBER,
        sequence,
        Cadence.MONTHLY,
        5,
        10,
        "0.1.0",
        date(2026, 11, 2),
    )
    manifest = dataclasses.replace(manifest, **changes)  # type: ignore[arg-type]
    return IncomingExport(manifest, key, f"{export_id:064x}", ExportTables(OCTOBER, ()))


def held(item: IncomingExport) -> ImportedExport:
    m = item.manifest
    return ImportedExport(m.committee, m.period, m.export_id, m.sequence, item.file_sha256, NOW)


KNOWN = RegisteredCommittee(PSEUDONYM, KEY, "Test Committee", "Testland")
TOFU = ImportOptions(accept_new_keys=True)


def test_an_unknown_committee_is_refused_with_its_fingerprint() -> None:
    decision = decide(HubState(), incoming(), ImportOptions(), NOW)
    assert isinstance(decision, Refused)
    assert decision.code is RefusalCode.UNKNOWN_KEY
    assert KEY in decision.message and PSEUDONYM in decision.message


@pytest.mark.parametrize(
    "options", [TOFU, ImportOptions(confirmed_keys=frozenset({(PSEUDONYM, KEY.replace(" ", ""))}))]
)
def test_an_unknown_committee_is_registered_on_first_use_when_accepted(
    options: ImportOptions,
) -> None:
    decision = decide(HubState(), incoming(), options, NOW)
    assert type(decision) is Imported
    assert decision.new_committee == RegisteredCommittee(PSEUDONYM, KEY)
    assert decision.export.sequence == 1 and decision.export.imported_at == NOW
    assert KEY in decision.message


def test_a_known_committee_imports_without_asking() -> None:
    decision = decide(HubState((KNOWN,)), incoming(), ImportOptions(), NOW)
    assert type(decision) is Imported and decision.new_committee is None
    assert decision.message == f"imported {PSEUDONYM} 2026-10 sequence 1"


def test_a_changed_key_is_refused_even_with_accept_new_keys() -> None:
    decision = decide(HubState((KNOWN,)), incoming(key=OTHER_KEY), TOFU, NOW)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.KEY_CHANGED
    assert OTHER_KEY in decision.message and KEY in decision.message


def test_a_changed_key_is_taken_when_confirmed() -> None:
    options = ImportOptions(confirmed_keys=frozenset({(PSEUDONYM, OTHER_KEY)}))
    decision = decide(HubState((KNOWN,)), incoming(key=OTHER_KEY), options, NOW)
    assert isinstance(decision, Imported) and decision.new_key == OTHER_KEY


def test_a_key_confirmed_for_one_committee_does_not_replace_another_committees_key() -> None:
    # the officer confirmed OTHER_KEY for a new committee C-NEW; a file claiming to be the
    # known committee, signed with that key, is still a changed key, and so is a file of a
    # third, unknown committee
    options = ImportOptions(confirmed_keys=frozenset({("C-0000000NEW", OTHER_KEY)}))
    decision = decide(HubState((KNOWN,)), incoming(key=OTHER_KEY), options, NOW)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.KEY_CHANGED
    unknown = decide(HubState(), incoming(key=OTHER_KEY), options, NOW)
    assert isinstance(unknown, Refused) and unknown.code is RefusalCode.UNKNOWN_KEY


def test_the_same_export_twice_is_a_duplicate() -> None:
    first = incoming()
    decision = decide(HubState((KNOWN,), (held(first),)), first, ImportOptions(), NOW)
    assert isinstance(decision, Duplicate) and decision.existing == held(first)
    assert "nothing changed" in decision.message


def test_a_higher_sequence_supersedes_and_says_which() -> None:
    state = HubState((KNOWN,), (held(incoming()),))
    decision = decide(state, incoming(2, 2), ImportOptions(), NOW)
    assert isinstance(decision, Superseded) and decision.replaced == 1
    assert decision.message == f"replaced sequence 1 with {PSEUDONYM} 2026-10 sequence 2"


def test_an_older_sequence_after_a_newer_is_refused() -> None:
    state = HubState((KNOWN,), (held(incoming()), held(incoming(3, 3))))
    decision = decide(state, incoming(2, 2), ImportOptions(), NOW)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.OLDER_SEQUENCE


def test_a_replayed_sequence_from_another_export_is_refused() -> None:
    state = HubState((KNOWN,), (held(incoming()),))
    decision = decide(state, incoming(1, 2), ImportOptions(), NOW)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.SEQUENCE_REUSED


def test_an_export_id_seen_before_in_another_file_is_refused() -> None:
    state = HubState((KNOWN,), (held(incoming()),))
    replay = dataclasses.replace(incoming(2, 1), file_sha256="f" * 64)
    decision = decide(state, replay, ImportOptions(), NOW)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.EXPORT_ID_REUSED


def test_an_unknown_format_version_is_refused() -> None:
    decision = decide(HubState((KNOWN,)), incoming(format_version=2), TOFU, NOW)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.UNKNOWN_FORMAT


def test_an_inactive_committee_is_refused() -> None:
    state = HubState((dataclasses.replace(KNOWN, active=False),))
    decision = decide(state, incoming(), ImportOptions(), NOW)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.INACTIVE_COMMITTEE


def test_other_periods_and_committees_do_not_interfere() -> None:
    other = dataclasses.replace(held(incoming(5, 9)), committee="C-0000000001")
    november = dataclasses.replace(held(incoming(4, 8)), period=Period.month(2026, 11))
    decision = decide(HubState((KNOWN,), (other, november)), incoming(), ImportOptions(), NOW)
    assert type(decision) is Imported


def test_a_quarter_over_months_held_is_refused_and_so_is_a_month_of_a_quarter_held() -> None:
    october = incoming()
    state = HubState((KNOWN,), (held(october),))
    quarter = incoming(2, 2, period=Period.quarter(2026, 4), cadence=Cadence.QUARTERLY)
    decision = decide(state, quarter, ImportOptions(), NOW)
    assert isinstance(decision, Refused) and decision.code is RefusalCode.OVERLAPPING_PERIOD
    assert "2026-Q4" in decision.message and "2026-10" in decision.message
    assert "monthly" in decision.message
    held_quarter = HubState((KNOWN,), (held(quarter),))
    month = decide(held_quarter, incoming(1, 3), ImportOptions(), NOW)
    assert isinstance(month, Refused) and month.code is RefusalCode.OVERLAPPING_PERIOD
    # a quarter that does not overlap the months held is taken
    q3 = incoming(1, 4, period=Period.quarter(2026, 3), cadence=Cadence.QUARTERLY)
    assert isinstance(decide(state, q3, ImportOptions(), NOW), Imported)
