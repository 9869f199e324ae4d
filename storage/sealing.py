"""Sealing: restricted cases encrypted a second time, inside the (already encrypted) database.

A co-user who knows the database key (their own passphrase unwraps it) can read every page, but
not the identifying fields and narrative of restricted cases: those are AES-256-GCM ciphertexts
under the restricted-case key, which is wrapped only into the slots of users allowed to read
them. The additional data binds each value to ``table:row_id:column`` so a sealed value cannot be
moved to another row or column and still open.

Stored form (stays TEXT): ``"§1:" + base64(nonce(12) || ciphertext+tag)``, where the plaintext is
the UTF-8 text padded (ISO/IEC 7816-4: 0x80 then zeros) to a multiple of 32 bytes so that lengths
leak only coarsely.
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MARKER = "§1:"
REDACTED = "•••"
NONCE_BYTES = 12
PAD_BLOCK = 32

# The columns sealed for restricted cases, by table.
SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    "parties": ("name", "phone", "village"),
    "disputes": ("description",),
    "hearings": ("notes", "next_step"),
    "agreements": ("terms",),
    "follow_ups": ("note",),
    "outcomes": ("note",),
    "referrals": (
        "reason",
        "feedback",
        "status_reason",  # this and the three below: NULL in rows from before migration 0005
        "feedback_from",
        "consent_override",
        "their_reference",
    ),
}


class RestrictedKeyRequired(PermissionError):
    """Writing (or unsealing for a write) a restricted case needs the restricted-case key."""

    def __init__(self) -> None:
        super().__init__(
            "Restricted cases can only be changed by a user holding the restricted key."
        )


class SealBroken(Exception):
    """A sealed value failed authentication: tampered, moved, or sealed under another key."""


def _pad(data: bytes) -> bytes:
    padded = data + b"\x80"
    return padded + b"\x00" * (-len(padded) % PAD_BLOCK)


def _unpad(data: bytes) -> bytes:
    end = data.rfind(b"\x80")
    if end < 0 or data[end + 1 :].strip(b"\x00"):
        raise ValueError("bad padding")
    return data[:end]


def is_sealed(stored: str | None) -> bool:
    return stored is not None and stored.startswith(MARKER)


class Sealer:
    """Seals and opens values of restricted cases. ``Sealer(None)``: no restricted key, so sealed
    values read as :data:`REDACTED` and writes raise :class:`RestrictedKeyRequired`."""

    def __init__(self, key: bytes | None) -> None:
        if key is not None and len(key) != 32:
            raise ValueError("The restricted-case key must be 32 bytes.")
        self._aead = AESGCM(key) if key is not None else None

    @property
    def has_key(self) -> bool:
        return self._aead is not None

    def require_key(self) -> AESGCM:
        if self._aead is None:
            raise RestrictedKeyRequired()
        return self._aead

    @staticmethod
    def aad(table: str, row_id: int, column: str) -> bytes:
        return f"{table}:{row_id}:{column}".encode()

    def seal(self, table: str, row_id: int, column: str, value: str) -> str:
        aead = self.require_key()
        nonce = os.urandom(NONCE_BYTES)
        sealed = aead.encrypt(nonce, _pad(value.encode()), self.aad(table, row_id, column))
        return MARKER + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, table: str, row_id: int, column: str, stored: str) -> str:
        """The plaintext of a sealed value, or REDACTED without the key.

        Raises :class:`SealBroken` when the value is not sealed or does not authenticate.
        """
        where = f"{table}.{column} of row {row_id}"
        if not is_sealed(stored):
            raise SealBroken(f"{where} of a restricted case is not sealed.")
        if self._aead is None:
            return REDACTED
        try:
            blob = base64.b64decode(stored[len(MARKER) :], validate=True)
            nonce, sealed = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
            plain = self._aead.decrypt(nonce, sealed, self.aad(table, row_id, column))
            return _unpad(plain).decode()
        except (InvalidTag, ValueError, binascii.Error):
            raise SealBroken(f"{where} failed its integrity check.") from None

    def reveal(self, table: str, row_id: int, column: str, stored: str) -> str:
        """Like :meth:`open` but for a value about to be rewritten: needs the key."""
        self.require_key()
        return self.open(table, row_id, column, stored)
