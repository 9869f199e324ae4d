"""The signed export file as the domain sees it: its manifest, the log entry every export
leaves behind, and the workspace's signing key as it may be shown (docs/export-format.md).

The private key is not here: it stays inside the encrypted database, and only storage holds it,
for the moment of signing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain.model.export_tables import Cadence, Period

FORMAT_VERSION = 1
FILE_SUFFIX = ".suluhu-export"  # an export file's name ends so (docs/export-format.md)
PUBLIC_KEY_BYTES = 32  # a raw Ed25519 public key
SIGNATURE_BYTES = 64  # a raw Ed25519 signature
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_PSEUDONYM = re.compile(r"^C-[0-9A-F]{10}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def fingerprint(public_key: bytes) -> str:
    """SHA-256 of the raw 32-byte public key, in 16 groups of 4 hex digits (read out by phone
    to confirm a key): "3f2a 9c01 ...". ``sha256sum`` of the raw key gives the same digits."""
    if len(public_key) != PUBLIC_KEY_BYTES:
        raise ValueError("An Ed25519 public key is 32 bytes.")
    digest = hashlib.sha256(public_key).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 64, 4))


def normalise_fingerprint(text: str) -> str:
    """The 64 hex digits of a fingerprint however it was typed (spaces, colons, capitals)."""
    digits = re.sub(r"[\s:]", "", text.removeprefix("SHA256:")).lower()
    if not _SHA256.match(digits):
        raise ValueError("A key fingerprint is 64 hexadecimal digits.")
    return digits


@dataclass(frozen=True)
class SigningKeyInfo:
    """The workspace's export-signing key as anyone may see it."""

    public_key: bytes  # raw, 32 bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class ExportManifest:
    """What the manifest of an export file says about it (besides the hash of each part, which
    the file writer adds). No field can name a committee, a place or a person: the committee is
    its random pseudonym, the day of creation a date without a time."""

    export_id: str  # uuid4, lower-case with hyphens
    committee: str  # the committee's pseudonym, e.g. "C-3F9A01BC2D"
    period: Period
    sequence: int  # 1 for the first export of the period, 2, 3... for corrected re-exports
    cadence: Cadence
    threshold: int
    sensitive_threshold: int
    app_version: str
    created_on: date
    format_version: int = FORMAT_VERSION

    def __post_init__(self) -> None:
        if not _UUID.match(self.export_id):
            raise ValueError("An export id is a random (version 4) UUID.")
        if not _PSEUDONYM.match(self.committee):
            raise ValueError("An export names its committee by pseudonym only.")
        if self.sequence < 1:
            raise ValueError("A sequence number starts at 1.")
        if not re.match(r"^[0-9A-Za-z.+-]{1,32}$", self.app_version):
            raise ValueError("An app version is a short version string.")


@dataclass(frozen=True)
class ExportLogEntry:
    """One export, as the workspace's export log keeps it: who, when, which period, which
    export id and sequence, and the SHA-256 of the file written."""

    export_id: str
    period: Period
    sequence: int
    username: str
    created_at: datetime
    file_sha256: str
    id: int | None = None


_ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")  # SubjectPublicKeyInfo header


def public_key_pem(public_key: bytes) -> str:
    """The raw key as a PEM "PUBLIC KEY" (what ``openssl pkeyutl -pubin -inkey`` reads)."""
    import base64

    if len(public_key) != PUBLIC_KEY_BYTES:
        raise ValueError("An Ed25519 public key is 32 bytes.")
    body = base64.b64encode(_ED25519_SPKI_PREFIX + public_key).decode("ascii")
    return f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n"
