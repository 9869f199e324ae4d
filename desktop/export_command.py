"""`suluhu export` and `suluhu key`: the signed export and the key that signs it, on the
command line, through the same use cases (and the same permission and export log) as the app."""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

from desktop.cli import CliError, emit, sign_in
from desktop.domain.model.export_log import public_key_pem
from desktop.domain.model.export_tables import Period
from desktop.domain.services.export_log import export_key, export_period
from desktop.version import app_version


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as error:
        raise CliError(str(error)) from None


def _target(path: Path) -> Path:
    if path.exists():
        raise CliError(
            f"{path} already exists; an export never overwrites a file. Choose a new name."
        )
    if not path.parent.is_dir():
        raise CliError(f"The folder {path.parent} does not exist; nothing was written.")
    return path


def export(args: argparse.Namespace) -> int:
    period = _period(args.period)
    out = _target(args.out)
    opened = sign_in(args)
    try:
        done = export_period(
            opened.unit_of_work(),
            opened.actor,
            opened.clock,
            opened.taxonomy,
            period,
            opened.export_writer(out),
            app_version=app_version(),
        )
    finally:
        opened.close()
    entry = done.entry
    emit(
        args,
        {
            "export_id": entry.export_id,
            "period": period.label,
            "sequence": entry.sequence,
            "file": str(out),
            "sha256": entry.file_sha256,
            "fingerprint": done.fingerprint,
        },
        f"Export {entry.export_id} of {period.label} (sequence {entry.sequence}) written to "
        f"{out}.\nSigned with the key whose fingerprint is:\n  {done.fingerprint}",
    )
    return 0


def key(args: argparse.Namespace) -> int:
    opened = sign_in(args)
    try:
        info = export_key(opened.unit_of_work(), opened.actor)
    finally:
        opened.close()
    raw = base64.b64encode(info.public_key).decode("ascii")
    pem = public_key_pem(info.public_key)
    emit(
        args,
        {"fingerprint": info.fingerprint, "public_key": raw, "pem": pem},
        f"Export-signing key fingerprint (SHA-256 of the raw public key):\n"
        f"  {info.fingerprint}\nPublic key (raw Ed25519, base64):\n  {raw}\n{pem}",
    )
    return 0
