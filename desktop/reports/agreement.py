"""The printable agreement: committee, case number, date, parties, the terms, and a signature and
a thumbprint box for each signing party and each mediator, with a short verification code on
every page.

reportlab is imported only inside :func:`write_agreement`. Texts are plain data: the view passes
them translated into the committee's language (this module imports no Qt).

The verification code is the start of a SHA-256 over the agreement's canonical text (case
number, date, terms with line endings and outer blanks normalised), in groups of four: anyone
holding the casebook can recompute it and see that a paper copy's terms are the recorded ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

CODE_CHARS = 12


@dataclass(frozen=True)
class AgreementTexts:
    title: str = "Agreement"
    committee: str = "Committee"
    case_number: str = "Case number"
    date: str = "Date of the agreement"
    parties: str = "Parties"
    terms: str = "The parties agree as follows"
    signatures: str = "Signatures"
    signatures_note: str = (
        "Each person signs, or presses their thumb, in the boxes beside their name."
    )
    signature: str = "Signature"
    thumbprint: str = "Thumbprint"
    mediators: str = "Mediators"
    mediator: str = "Mediator"
    signed_on: str = "Date"
    verification: str = "Verification code"
    page: str = "Page {page}"


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str  # already translated, e.g. "Complainant"


@dataclass(frozen=True)
class AgreementSheet:
    committee: str
    case_number: str
    agreed_on: date
    terms: str
    parties: tuple[Signatory, ...] = ()  # the parties who sign
    mediators: tuple[str, ...] = ()
    date_text: str = ""  # the date as the committee writes it; ISO when empty
    extra: dict[str, str] = field(default_factory=dict)


def canonical_text(case_number: str, agreed_on: date, terms: str) -> str:
    lines = [line.rstrip() for line in terms.strip().replace("\r\n", "\n").split("\n")]
    return "\n".join(["suluhu-agreement-1", case_number.strip(), agreed_on.isoformat(), *lines])


def verification_code(case_number: str, agreed_on: date, terms: str) -> str:
    """E.g. ``"3F9A-0C21-7B4E"``."""
    digest = hashlib.sha256(canonical_text(case_number, agreed_on, terms).encode()).hexdigest()
    code = digest[:CODE_CHARS].upper()
    return "-".join(code[i : i + 4] for i in range(0, CODE_CHARS, 4))


def write_agreement(
    path: str | os.PathLike[str],
    sheet: AgreementSheet,
    texts: AgreementTexts | None = None,
    *,
    compress: bool = True,
) -> Path:
    """Write the agreement to ``path`` atomically (owner-only temporary file beside it, fsync,
    then ``os.replace``); nothing is left behind on failure."""
    target = Path(path)
    texts = texts or AgreementTexts()
    fd, temp_name = tempfile.mkstemp(prefix=".agreement-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            _render(stream, sheet, texts, compress)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return target


def _render(stream: Any, sheet: AgreementSheet, texts: AgreementTexts, compress: bool) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    code = verification_code(sheet.case_number, sheet.agreed_on, sheet.terms)
    margin = 20 * mm
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=11, leading=15)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    heading = ParagraphStyle("heading", parent=styles["Heading2"], spaceBefore=10)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawString(margin, 12 * mm, f"{sheet.case_number}    {texts.verification}: {code}")
        canvas.drawRightString(
            A4[0] - margin, 12 * mm, texts.page.format(page=canvas.getPageNumber())
        )
        canvas.restoreState()

    width = A4[0] - 2 * margin
    facts = Table(
        [
            [para(texts.committee), para(sheet.committee)],
            [para(texts.case_number), para(sheet.case_number)],
            [para(texts.date), para(sheet.date_text or sheet.agreed_on.isoformat())],
        ],
        colWidths=[width * 0.35, width * 0.65],
    )
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story: list[Any] = [Paragraph(escape(texts.title), styles["Title"]), facts]
    if sheet.parties:
        story.append(Paragraph(escape(texts.parties), heading))
        story += [para(f"{p.name} ({p.role})") for p in sheet.parties]
    story.append(Paragraph(escape(texts.terms), heading))
    story += [para(block) for block in sheet.terms.strip().split("\n\n")]
    people = [(p.name, p.role) for p in sheet.parties]
    people += [(name, texts.mediator) for name in sheet.mediators]
    if people:
        story.append(Paragraph(escape(texts.signatures), heading))
        story.append(para(texts.signatures_note, small))
        story.append(Spacer(1, 3 * mm))
    box = 27 * mm
    for name, role in people:
        block = Table(
            [
                [para(name, bold), "", ""],
                [para(role, small), para(texts.signature, small), para(texts.thumbprint, small)],
                [para(f"{texts.signed_on}: ____________", small), "", ""],
            ],
            colWidths=[width - 2.3 * box, 1.3 * box, box],
            rowHeights=[None, box, None],
        )
        block.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("SPAN", (0, 0), (-1, 0)),
                    ("BOX", (1, 1), (1, 1), 0.8, colors.black),
                    ("BOX", (2, 1), (2, 1), 0.8, colors.black),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.3, colors.grey),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ]
            )
        )
        story.append(KeepTogether([block, Spacer(1, 4 * mm)]))
    doc = SimpleDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=22 * mm,
        title=texts.title,
        creator="Suluhu",
        pageCompression=1 if compress else 0,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
