"""Sealing of restricted-case fields (AES-256-GCM bound to table, row and column)."""

from __future__ import annotations

import base64
import os

import pytest

from storage.sealing import MARKER, REDACTED, RestrictedKeyRequired, SealBroken, Sealer


@pytest.fixture
def sealer() -> Sealer:
    return Sealer(os.urandom(32))


@pytest.mark.parametrize("value", ["Wanjiru Kamau", "", "Zoë Ñandú 🙂", "x" * 5000])
def test_round_trip(sealer: Sealer, value: str) -> None:
    stored = sealer.seal("parties", 7, "name", value)
    assert stored.startswith(MARKER)
    assert value not in stored or value == ""
    assert sealer.open("parties", 7, "name", stored) == value


def test_each_seal_uses_a_fresh_nonce(sealer: Sealer) -> None:
    assert sealer.seal("parties", 1, "name", "Amina") != sealer.seal("parties", 1, "name", "Amina")


def test_lengths_leak_only_coarsely(sealer: Sealer) -> None:
    short = sealer.seal("parties", 1, "name", "Al")
    longer = sealer.seal("parties", 1, "name", "Alexandra Wanjiku")
    assert len(short) == len(longer)
    assert len(sealer.seal("parties", 1, "name", "y" * 40)) > len(short)


@pytest.mark.parametrize(
    ("table", "row_id", "column"),
    [("parties", 8, "name"), ("parties", 7, "phone"), ("disputes", 7, "name")],
)
def test_a_value_moved_to_another_row_or_column_does_not_open(
    sealer: Sealer, table: str, row_id: int, column: str
) -> None:
    stored = sealer.seal("parties", 7, "name", "Wanjiru")
    with pytest.raises(SealBroken):
        sealer.open(table, row_id, column, stored)


def test_tampering_is_detected(sealer: Sealer) -> None:
    stored = sealer.seal("hearings", 3, "notes", "threatened with a panga")
    blob = bytearray(base64.b64decode(stored[len(MARKER) :]))
    blob[-1] ^= 1
    tampered = MARKER + base64.b64encode(bytes(blob)).decode()
    with pytest.raises(SealBroken):
        sealer.open("hearings", 3, "notes", tampered)
    with pytest.raises(SealBroken):
        sealer.open("hearings", 3, "notes", MARKER + "not base64!")


def test_another_key_does_not_open(sealer: Sealer) -> None:
    stored = sealer.seal("parties", 1, "name", "Amina")
    with pytest.raises(SealBroken):
        Sealer(os.urandom(32)).open("parties", 1, "name", stored)


def test_an_unsealed_value_where_a_sealed_one_belongs_is_an_error(sealer: Sealer) -> None:
    with pytest.raises(SealBroken):
        sealer.open("parties", 1, "name", "Amina in plain text")


def test_without_the_key_values_read_redacted_and_cannot_be_written(sealer: Sealer) -> None:
    stored = sealer.seal("parties", 1, "name", "Amina")
    keyless = Sealer(None)
    assert not keyless.has_key
    assert keyless.open("parties", 1, "name", stored) == REDACTED
    with pytest.raises(RestrictedKeyRequired):
        keyless.seal("parties", 1, "name", "Amina")
    with pytest.raises(PermissionError):  # RestrictedKeyRequired is a PermissionError
        keyless.reveal("parties", 1, "name", stored)


def test_key_length_is_checked() -> None:
    with pytest.raises(ValueError):
        Sealer(b"too short")
