"""One export file as the hub reads it (docs/hub.md): the size is checked before the file is
read, then storage.export_file verifies header, signature, hashes and format; every failure
becomes a :class:`Refused` with its own reason code. Never raises for a bad file."""

from __future__ import annotations

import re
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop.domain.model.hub import IncomingExport
from desktop.domain.services.hub_import import RefusalCode, Refused, refused
from storage import export_file as ef

MAX_BYTES = ef.MAX_FILE_BYTES  # 16 MiB: the writer's own limit
_END_OF_ZIP = b"PK\x05\x06"  # the ZIP's end-of-central-directory record (22 bytes, at the end)


def read_export(path: Path, max_bytes: int = MAX_BYTES) -> IncomingExport | Refused:
    """Read and verify ``path``, or say why it is refused."""
    try:
        if not path.is_file():
            return refused(RefusalCode.UNREADABLE, "it is not a file.")
        if path.stat().st_size > max_bytes:
            return _too_large(max_bytes)
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # the file may grow after stat: read no more
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return refused(RefusalCode.UNREADABLE, f"the file could not be read ({reason}).")
    return verify_export(data, max_bytes)


def _too_large(max_bytes: int) -> Refused:
    return refused(
        RefusalCode.TOO_LARGE,
        f"the file is larger than {max_bytes // (1024 * 1024)} MiB, too large to be an export.",
    )


def verify_export(data: bytes, max_bytes: int = MAX_BYTES) -> IncomingExport | Refused:
    """Verify an export held in memory, or say why it is refused."""
    if len(data) > max_bytes:
        return _too_large(max_bytes)
    problem = _raw_problem(data)
    if problem is not None:
        return problem
    try:
        verified = ef.verify_bytes(data)
    except ef.ExportFileError as error:
        return refused(
            RefusalCode.MALFORMED, f"the file is signed but is not a valid export ({error})"
        )
    return IncomingExport(
        verified.manifest, verified.fingerprint, verified.file_sha256, verified.tables
    )


def _raw_problem(data: bytes) -> Refused | None:
    """Header, length and signature, on the raw bytes (before any parsing)."""
    if not data.startswith(ef.HEADER):
        found = re.match(rb"SULUHU-EXPORT/([0-9]{1,4})\n", data)
        if found:
            return refused(
                RefusalCode.UNKNOWN_FORMAT,
                f"the export is format {int(found.group(1))}; this hub reads format 1. "
                "Update Suluhu.",
            )
        if data.startswith(b"SULUHU-EXPORT/") or ef.HEADER.startswith(data):
            if len(data) < len(ef.HEADER) and ef.HEADER.startswith(data):
                return refused(RefusalCode.TRUNCATED, "the file is cut short.")
            return refused(RefusalCode.TAMPERED, "the file's first line is damaged.")
        return refused(RefusalCode.NOT_AN_EXPORT, "this is not a Suluhu export file.")
    if len(data) <= ef.PAYLOAD_AT:
        return refused(RefusalCode.TRUNCATED, "the file is cut short.")
    try:
        key = Ed25519PublicKey.from_public_bytes(data[ef.KEY_AT : ef.PAYLOAD_AT])
        key.verify(data[ef.SIGNATURE_AT : ef.KEY_AT], ef.signed_message(data))
    except (InvalidSignature, ValueError):
        if _END_OF_ZIP not in data[-(22 + 0xFFFF) :]:
            return refused(
                RefusalCode.TRUNCATED,
                "the file is cut short (a copy or download did not finish).",
            )
        return refused(
            RefusalCode.TAMPERED,
            "the signature does not match: the file was changed or damaged after it was signed.",
        )
    return None
