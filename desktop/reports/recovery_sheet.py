"""The recovery sheet: one A4 page with the workspace's recovery key, to keep locked away.

reportlab is imported only inside :func:`write_recovery_sheet`, so importing this module (for
:func:`key_groups`) stays cheap. The texts are plain data: the view passes them translated.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class SheetTexts:
    title: str = "Suluhu recovery sheet"
    committee: str = "Committee"
    created_on: str = "Created on"
    key_heading: str = "Recovery key"
    instructions: tuple[str, ...] = (
        "Keep this sheet locked away, apart from the laptop.",
        "With this key the workspace can be opened even if every passphrase is forgotten: "
        "anyone who holds it can read every case.",
        "To use it, choose \u201cForgot the passphrase?\u201d on the sign-in window, and type "
        "the key with your username and a new passphrase.",
        "If a new recovery key is made, this sheet stops working: destroy it.",
    )
    fingerprint: str = "Export-signing key fingerprint"


def key_groups(recovery_key: str, size: int = 4) -> list[str]:
    """The key in groups for reading aloud and typing: existing separators are kept, otherwise
    groups of ``size`` characters."""
    parts = [part for part in re.split(r"[\s\-]+", recovery_key.strip()) if part]
    if len(parts) > 1:
        return parts
    text = parts[0] if parts else ""
    return [text[i : i + size] for i in range(0, len(text), size)]


def key_lines(recovery_key: str, per_line: int = 4) -> list[str]:
    groups = key_groups(recovery_key)
    return [" ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]


def write_recovery_sheet(
    path: str | os.PathLike[str],
    committee_name: str,
    recovery_key: str,
    created_on: date,
    fingerprint: str = "",
    *,
    texts: SheetTexts | None = None,
    compress: bool = True,
) -> Path:
    """Write the sheet to ``path`` atomically (temporary file beside it, then ``os.replace``)."""
    target = Path(path)
    texts = texts or SheetTexts()
    fd, temp_name = tempfile.mkstemp(prefix=".recovery-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            _render(stream, committee_name, recovery_key, created_on, fingerprint, texts, compress)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return target


def _render(
    stream: object,
    committee_name: str,
    recovery_key: str,
    created_on: date,
    fingerprint: str,
    texts: SheetTexts,
    compress: bool,
) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    width, height = A4
    margin = 22 * mm
    text_width = width - 2 * margin
    pdf = Canvas(stream, pagesize=A4, pageCompression=1 if compress else 0)
    pdf.setTitle(texts.title)
    pdf.setCreator("Suluhu")

    y = height - margin - 10 * mm
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawString(margin, y, texts.title)
    y -= 14 * mm
    pdf.setFont("Helvetica", 12)
    for label, value in (
        (texts.committee, committee_name),
        (texts.created_on, created_on.isoformat()),
    ):
        pdf.drawString(margin, y, f"{label}: {value}")
        y -= 7 * mm

    y -= 8 * mm
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawString(margin, y, texts.key_heading)
    y -= 4 * mm
    lines = key_lines(recovery_key)
    box_height = (len(lines) * 12 + 8) * mm
    pdf.setLineWidth(1)
    pdf.rect(margin, y - box_height, text_width, box_height)
    y -= 12 * mm
    pdf.setFont("Courier-Bold", 24)
    for line in lines:
        pdf.drawCentredString(width / 2, y, line)
        y -= 12 * mm
    y -= 12 * mm

    pdf.setFont("Helvetica", 12)
    for paragraph in texts.instructions:
        for line in simpleSplit(paragraph, "Helvetica", 12, text_width):
            pdf.drawString(margin, y, line)
            y -= 6 * mm
        y -= 3 * mm

    if fingerprint:
        y -= 6 * mm
        pdf.setFont("Helvetica", 11)
        pdf.drawString(margin, y, f"{texts.fingerprint}:")
        y -= 6 * mm
        pdf.setFont("Courier", 11)
        for line in simpleSplit(fingerprint, "Courier", 11, text_width):
            pdf.drawString(margin, y, line)
            y -= 5 * mm

    pdf.showPage()
    pdf.save()
