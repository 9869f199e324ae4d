"""The committee registry's rules hold in the store, not only in the dialog: two committees
cannot share a name and a region typed in another case takes the spelling already used, on
SQLCipher and on PostgreSQL (the `hub` fixture)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.domain.errors import ValidationError
from desktop.domain.model.export_tables import Period
from desktop.domain.services.hub_import import ImportOptions
from storage.hub.store import HubError, HubStore
from tests.hub_support import as_committee, demo_exports

OCTOBER = Period.month(2026, 10)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder: Path = tmp_path_factory.mktemp("committee")
    return demo_exports(folder, [OCTOBER], cases=60)[OCTOBER.label]


def two_committees(hub: HubStore, export: bytes) -> tuple[str, str]:
    names = ("C-00000000A1", "C-00000000B2")
    for name in names:
        data = as_committee(
            export, Ed25519PrivateKey.generate(), committee=name, export_id=str(uuid.uuid4())
        )
        hub.import_bytes(data, ImportOptions(accept_new_keys=True))
    return names


def test_a_name_another_committee_has_is_refused_by_the_store(hub: HubStore, export: bytes) -> None:
    first, second = two_committees(hub, export)
    hub.update_committee(first, "Riverside  Peace Committee ", "North", True)
    before = hub.digest()
    with pytest.raises(ValidationError) as error:
        hub.update_committee(second, "riverside peace committee", "South", True)
    assert error.value.field == "display_name"
    assert hub.digest() == before


def test_a_region_in_another_case_takes_the_spelling_already_used(
    hub: HubStore, export: bytes
) -> None:
    first, second = two_committees(hub, export)
    hub.update_committee(first, "Riverside", "North Rift", True)
    hub.update_committee(second, "Hilltop", "  north   rift", False)
    by_name = {c.pseudonym: c for c in hub.committees()}
    assert by_name[first].display_name == "Riverside"
    assert (by_name[second].region, by_name[second].active) == ("North Rift", False)


def test_an_unknown_committee_is_said_so(hub: HubStore) -> None:
    with pytest.raises(HubError, match="does not know"):
        hub.update_committee("C-0000000000", "Nobody", "", True)
