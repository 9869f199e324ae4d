"""The signed export file: writing it atomically, and reading it with the signature verified
before anything else is parsed (docs/export-format.md).

Layout (fixed offsets, all lengths in bytes)::

    0    16  header   b"SULUHU-EXPORT/1\\n" (ASCII)
    16   64  signature  raw Ed25519 signature
    80   32  public key raw Ed25519 public key of the workspace that signed
    112  ..  payload  a ZIP archive (stored, not compressed): manifest.json, tables/*.json, *.csv

The signature covers every byte of the file except itself: ``file[0:16] + file[80:]``.
:func:`read_verified` checks the header, the key's fingerprint (when one is expected) and the
signature on the raw bytes, and only then opens the ZIP; it is what the programme hub imports.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop.domain.model.export_log import (
    FILE_SUFFIX,
    PUBLIC_KEY_BYTES,
    SIGNATURE_BYTES,
    ExportManifest,
    fingerprint,
    normalise_fingerprint,
)
from desktop.domain.model.export_tables import ExportTables
from desktop.workspace import WorkspaceError
from storage import export_codec as codec
from storage.files import (
    PRIVATE_FILE_MODE,
    fsync_dir,
    remove_quietly,
    temp_path_beside,
    write_private_atomic,
)

HEADER = b"SULUHU-EXPORT/1\n"
_PREFIX = b"SULUHU-EXPORT/"
SIGNATURE_AT = len(HEADER)  # 16
KEY_AT = SIGNATURE_AT + SIGNATURE_BYTES  # 80
PAYLOAD_AT = KEY_AT + PUBLIC_KEY_BYTES  # 112
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_PART_BYTES = 4 * 1024 * 1024
MAX_PARTS = 257  # the manifest and a JSON and a CSV for each of at most 128 tables
MANIFEST = "manifest.json"
SUFFIX = FILE_SUFFIX
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_O_BINARY: int = getattr(os, "O_BINARY", 0)

Signer = Callable[[bytes], bytes]


class ExportFileError(ValueError):
    """The file is not a genuine, intact Suluhu export; ``str`` says why, in one sentence."""


class ExportWriteError(WorkspaceError):
    """The export could not be written; nothing was left at the target."""


@dataclass(frozen=True)
class VerifiedExport:
    """An export whose signature, hashes and format have all been checked."""

    manifest: ExportManifest
    tables: ExportTables
    counts: dict[str, Any]
    public_key: bytes
    fingerprint: str
    file_sha256: str


# -- writing ---------------------------------------------------------------------------------


def signed_message(data: bytes) -> bytes:
    """What the signature covers: the whole file but the signature."""
    return data[:SIGNATURE_AT] + data[KEY_AT:]


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def encode_export(
    manifest: ExportManifest, tables: ExportTables, public_key: bytes, sign: Signer
) -> bytes:
    """The whole file, signed with ``sign`` (checked against ``public_key`` before returning)."""
    if len(public_key) != PUBLIC_KEY_BYTES:
        raise ValueError("An Ed25519 public key is 32 bytes.")
    parts: dict[str, bytes] = {}
    for table in tables.tables:
        parts[f"tables/{table.name}.json"] = codec.table_json(table)
        parts[f"tables/{table.name}.csv"] = codec.table_csv(table)
    payload = _zip({MANIFEST: codec.manifest_json(manifest, tables, parts), **parts})
    signature = sign(HEADER + public_key + payload)
    data = HEADER + signature + public_key + payload
    _verify_signature(data)  # a signer that does not match its key must not write a file
    return data


class ExportFile:
    """The ExportFileWriter of desktop.domain.ports for one target path: ``stage`` writes a
    hidden temporary file in the target's folder and fsyncs it, ``publish`` renames it into
    place, ``discard`` removes whichever exists. A full disk leaves nothing behind.

    The log entry is committed after ``publish``, so a target that already held a file (the
    save dialog allows overwriting) keeps that file's bytes in memory until then: ``discard``
    after a failed commit puts the earlier file back instead of leaving nothing. A target that
    is not a regular file, or too large to be an export, is never overwritten."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._temp: Path | None = None
        self._published = False
        self._earlier: bytes | None = None

    def stage(
        self, manifest: ExportManifest, tables: ExportTables, public_key: bytes, sign: Signer
    ) -> str:
        data = encode_export(manifest, tables, public_key, sign)
        folder = self.path.parent
        if not folder.is_dir():
            raise ExportWriteError(f"The folder {folder} does not exist; nothing was written.")
        temp = temp_path_beside(self.path)
        try:
            fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _O_BINARY, PRIVATE_FILE_MODE)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            remove_quietly(temp)
            raise _write_error(error, folder) from None
        self._temp = temp
        return hashlib.sha256(data).hexdigest()

    def publish(self) -> None:
        if self._temp is None:
            raise RuntimeError("Nothing was staged.")
        try:
            self._earlier = _earlier_file(self.path)
            os.replace(self._temp, self.path)
            self._temp, self._published = None, True
            fsync_dir(self.path.parent)
        except OSError as error:
            raise _write_error(error, self.path.parent) from None

    def discard(self) -> None:
        if self._temp is not None:
            remove_quietly(self._temp)
            self._temp = None
        if self._published:
            if self._earlier is None:
                remove_quietly(self.path)
            else:
                write_private_atomic(self.path, self._earlier)
            self._published, self._earlier = False, None


def _earlier_file(path: Path) -> bytes | None:
    """The bytes of the file ``publish`` is about to replace (None when there is none)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        raise ExportWriteError(
            f"{path.name} already exists and is not an earlier export; choose another name. "
            "Nothing was written."
        )
    return _read_at_most(path, MAX_FILE_BYTES)


def _read_at_most(path: Path, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of the regular file ``path`` (a FIFO, a device or a folder
    raises OSError; opening does not block on a FIFO)."""
    fd = os.open(path, os.O_RDONLY | _O_BINARY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return stream.read(limit + 1)


def _write_error(error: OSError, folder: Path) -> ExportWriteError:
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportWriteError(
            f"There is not enough free space in {folder} for the export; nothing was written."
        )
    reason = error.strerror or type(error).__name__
    return ExportWriteError(
        f"The export could not be written in {folder} ({reason}); nothing was written."
    )


# -- reading ---------------------------------------------------------------------------------


def _verify_signature(data: bytes) -> None:
    try:
        key = Ed25519PublicKey.from_public_bytes(data[KEY_AT:PAYLOAD_AT])
        key.verify(data[SIGNATURE_AT:KEY_AT], signed_message(data))
    except (InvalidSignature, ValueError):
        raise ExportFileError(
            "The signature does not match: the file was changed or damaged after it was signed."
        ) from None


def _check_header(data: bytes) -> None:
    if not data.startswith(_PREFIX):
        raise ExportFileError("This is not a Suluhu export file.")
    if not data.startswith(HEADER):
        found = re.match(rb"SULUHU-EXPORT/([0-9]{1,4})\n", data)
        if found:
            raise ExportFileError(
                f"This export is format {int(found.group(1))}; this Suluhu reads format 1. "
                "Update Suluhu."
            )
        raise ExportFileError("This is not a Suluhu export file (its first line is damaged).")
    if len(data) <= PAYLOAD_AT:
        raise ExportFileError("The export file is cut short.")


def verify_bytes(data: bytes, expected_fingerprint: str | None = None) -> VerifiedExport:
    """Check and parse a whole export held in memory (see :func:`read_verified`)."""
    if len(data) > MAX_FILE_BYTES:
        raise ExportFileError("The file is too large to be a Suluhu export.")
    _check_header(data)
    public_key = data[KEY_AT:PAYLOAD_AT]
    if expected_fingerprint is not None and _digits(expected_fingerprint) != _digits(
        fingerprint(public_key)
    ):
        raise ExportFileError(
            f"The file was signed by another key (fingerprint {fingerprint(public_key)}), "
            "not the committee's key you expected."
        )
    _verify_signature(data)
    try:
        manifest, raw, tables = _parse_payload(data[PAYLOAD_AT:])
    except codec.ExportFormatError as error:
        raise ExportFileError(str(error)) from None
    return VerifiedExport(
        manifest,
        tables,
        dict(raw["counts"]) if isinstance(raw.get("counts"), dict) else {},
        public_key,
        fingerprint(public_key),
        hashlib.sha256(data).hexdigest(),
    )


def _digits(text: str) -> str:
    try:
        return normalise_fingerprint(text)
    except ValueError:
        raise ExportFileError(
            "The expected key fingerprint is not 64 hexadecimal digits."
        ) from None


def read_verified(path: Path, expected_fingerprint: str | None = None) -> VerifiedExport:
    """Read ``path``: header, then the key's fingerprint (when ``expected_fingerprint`` is
    given), then the signature, all on the raw bytes, before the ZIP, the manifest or any table
    is parsed; then every part's SHA-256 and size against the manifest, and no part more or
    less. Raises :class:`ExportFileError` with one clear sentence."""
    try:
        data = _read_at_most(path, MAX_FILE_BYTES)
    except OSError as error:
        raise ExportFileError(
            f"The file could not be read ({error.strerror or type(error).__name__})."
        ) from None
    return verify_bytes(data, expected_fingerprint)


def _parse_payload(payload: bytes) -> tuple[ExportManifest, dict[str, Any], ExportTables]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(payload))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise codec.ExportFormatError("The payload is not a readable archive.") from None
    _check_members(infos)
    names = [info.filename for info in infos]
    manifest, raw, parts = codec.parse_manifest(_member(archive, MANIFEST))
    listed = {p["name"]: p for p in parts}
    if len(listed) != len(parts) or set(names) != {MANIFEST, *listed}:
        raise codec.ExportFormatError("The archive's parts differ from the manifest's list.")
    contents: dict[str, bytes] = {}
    for name, part in listed.items():
        data = _member(archive, name)
        if len(data) != part["bytes"] or hashlib.sha256(data).hexdigest() != part["sha256"]:
            raise codec.ExportFormatError(f"The part {name} does not match its hash.")
        contents[name] = data
    tables = []
    for name, data in contents.items():
        if name.endswith(".json"):
            table = codec.parse_table(data)
            if name != f"tables/{table.name}.json" or codec.table_csv(table) != contents.get(
                f"tables/{table.name}.csv"
            ):
                raise codec.ExportFormatError(f"The CSV of {table.name} differs from its JSON.")
            tables.append(table)
    if len(contents) != 2 * len(tables):
        raise codec.ExportFormatError("A table has a CSV part without a JSON part.")
    return manifest, raw, ExportTables(manifest.period, tuple(tables))


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    """The archive's own rules, before any part is read: a bounded number of parts, each
    named as an export names them (never a path elsewhere), once, stored, and small."""
    if len(infos) > MAX_PARTS:
        raise codec.ExportFormatError("The archive holds too many parts for an export.")
    names = [info.filename for info in infos]
    for name in names:
        if name != MANIFEST and not codec.PART_NAME.match(name):
            raise codec.ExportFormatError("The archive holds a part an export does not name.")
    if len(set(names)) != len(names):
        raise codec.ExportFormatError("The archive holds a part twice.")
    if MANIFEST not in names:
        raise codec.ExportFormatError("The archive has no manifest.")
    for info in infos:
        if info.compress_type != zipfile.ZIP_STORED:
            raise codec.ExportFormatError(f"The part {info.filename} is compressed.")
        if info.file_size > MAX_PART_BYTES:
            raise codec.ExportFormatError(f"The part {info.filename} is too large.")


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        with archive.open(name) as stream:
            data = stream.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise codec.ExportFormatError(f"The part {name} cannot be read.") from None
    if len(data) > MAX_PART_BYTES:
        raise codec.ExportFormatError(f"The part {name} is too large.")
    return data
