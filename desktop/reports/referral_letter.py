"""The referral letter: the committee asks a justice actor (police desk, legal aid office, chief
...) to take a case, and a tear-off feedback slip comes back with the outcome.

The letter prints the referral code in large monospace and as a QR code, so the slip or a phone
call can be matched to the referral by typing or scanning it. Of the case and its parties it
prints only :attr:`ReferralSheet.shared`, the (label, value) pairs the parties consented to
share: nothing else of the case is ever handed to this module.

reportlab is imported only when writing. Texts are plain data: the view passes them translated
into the committee's language (this module imports no Qt).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from desktop.reports import letterhead as lh

SINGLE_COLUMN_MAX = 4  # more shared details than this print two to a line


@dataclass(frozen=True)
class ReferralTexts:
    title: str = "Referral letter"
    to: str = "To"
    attention: str = "Attention"
    intro: str = (
        "We refer the matter described below to you and ask for your help. The people concerned "
        "agreed to share the details listed here, and only these, for this referral. Please keep "
        "them confidential."
    )
    code: str = "Referral code"
    code_note: str = "Quote this code when you call us or return the slip."
    urgency: str = "Urgency"
    reason: str = "Reason for the referral"
    shared: str = "Details shared with consent"
    reply_by: str = "Please reply by"
    reply_note: str = (
        "Please fill in the slip below and return it to us, or call us and quote the code."
    )
    referred_by: str = "Referred by"
    signature: str = "Signature"
    date: str = "Date"
    cut_here: str = "Cut here and return this slip"
    slip_title: str = "Feedback slip"
    return_to: str = "Return to"
    received_on: str = "Received on"
    accepted: str = "Accepted"
    declined: str = "Declined"
    action_taken: str = "Action taken"
    outcome: str = "Outcome"
    officer: str = "Name of officer"
    page: str = "Page {page}"
    months: tuple[str, ...] = lh.MONTHS
    date_pattern: str = lh.DATE_PATTERN


@dataclass(frozen=True)
class ReferralSheet:
    """Everything the letter prints, as plain text: the view builds it from the referral, with
    ``shared`` holding only the case and party details chosen (and consented) for sharing."""

    committee: str
    committee_area: str
    committee_contact: str  # may be ""
    written_on: date
    code: str  # formatted, e.g. "7K2Q-DM0X"
    actor_name: str
    actor_contact_person: str  # may be ""
    urgency: str  # translated label
    reason: str
    due_on: date | None  # "please reply by"; None prints no date
    referred_by: str  # the user's display name
    shared: tuple[tuple[str, str], ...] = ()  # (label, value), translated and in print order


def write_referral_letter(
    path: str | os.PathLike[str],
    sheet: ReferralSheet,
    texts: ReferralTexts = ReferralTexts(),  # noqa: B008 - frozen, so sharing it is safe
    *,
    compress: bool = True,
) -> Path:
    """Write the letter to ``path`` atomically; one A4 page unless the reason or the shared
    details are long, with the code on every page and the slip kept whole at a page's foot."""

    def render(stream: BinaryIO) -> None:
        _render(stream, sheet, texts, compress)

    return lh.write_atomically(path, ".referral-", render)


def _render(stream: BinaryIO, sheet: ReferralSheet, texts: ReferralTexts, compress: bool) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Spacer

    st = lh.styles()
    st["heading"].spaceBefore = 5
    st["slip"] = ParagraphStyle("slip", parent=st["title"], fontSize=12, leading=15, spaceBefore=0)
    doc = lh.document(stream, texts.title, compress, lh.footer(texts.code, sheet.code, texts.page))
    width = doc.width

    def day(value: date) -> str:
        return lh.format_date(value, texts.months, texts.date_pattern)

    sender = lh.Letterhead(sheet.committee, sheet.committee_area, sheet.committee_contact)
    story: list[Any] = lh.letterhead(sender, day(sheet.written_on), width, st)
    story.append(lh.para(texts.title, st["title"]))
    story.append(lh.para(f"{texts.to}: {sheet.actor_name}", st["bold"]))
    if sheet.actor_contact_person.strip():
        story.append(lh.para(f"{texts.attention}: {sheet.actor_contact_person}", st["body"]))
    story += [Spacer(1, 3), lh.para(texts.intro, st["body"]), Spacer(1, 6)]
    facts = [(texts.urgency, sheet.urgency)]
    if sheet.due_on is not None:
        facts.append((texts.reply_by, day(sheet.due_on)))
    story.append(_code_and_facts(sheet.code, texts, facts, width, st))
    story.append(lh.para(texts.reason, st["heading"]))
    story += [lh.para(block, st["block"]) for block in _blocks(sheet.reason)]
    if sheet.shared:
        story.append(lh.para(texts.shared, st["heading"]))
        table = lh.facts_grid if len(sheet.shared) > SINGLE_COLUMN_MAX else lh.facts_table
        story.append(table(list(sheet.shared), width, st))
    story += [Spacer(1, 4), lh.para(texts.reply_note, st["small"])]
    story.append(
        lh.signature_block(
            texts.referred_by,
            sheet.referred_by,
            texts.signature,
            texts.date,
            width,
            st,
            line_height=22,
        )
    )
    slip = [Spacer(1, 4), lh.cut_line(texts.cut_here), *_slip(sheet, texts, width, st)]
    story.append(lh.at_bottom(slip))
    doc.build(story)


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in text.strip().split("\n\n") if block.strip()]


def _code_and_facts(
    code: str, texts: ReferralTexts, facts: list[tuple[str, str]], width: float, st: dict[str, Any]
) -> Any:
    """The code panel on the left; urgency, the reply-by date and the code's note beside it."""
    from reportlab.platypus import Spacer, Table, TableStyle

    note = st["small"]
    panel = lh.code_panel(texts.code, code, st, font_size=22, qr_size=66)
    panel_width = panel._colWidths[0] + panel._colWidths[1]
    side = width - panel_width - 14
    table = Table(
        [[panel, [lh.facts_table(facts, side, st), Spacer(1, 4), lh.para(texts.code_note, note)]]],
        colWidths=[panel_width + 14, side],
    )
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return table


def _slip(
    sheet: ReferralSheet, texts: ReferralTexts, width: float, st: dict[str, Any]
) -> list[Any]:
    """The tear-off slip: the code (text and QR), where to return it, and lines to fill in."""
    from reportlab.platypus import Spacer, Table, TableStyle

    where = ", ".join(part for part in (sheet.committee_area, sheet.committee_contact) if part)
    address = [lh.para(texts.slip_title, st["slip"]), lh.para(texts.return_to, st["label"])]
    address.append(lh.para(sheet.committee, st["bold"]))
    if where:
        address.append(lh.para(where, st["body"]))
    panel = lh.code_panel(texts.code, sheet.code, st, font_size=14, qr_size=48)
    head = Table([[address, panel]], colWidths=[width * 0.6, width * 0.4])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [head, Spacer(1, 2), _fill_in(texts, width, st)]


def _fill_in(texts: ReferralTexts, width: float, st: dict[str, Any]) -> Any:
    """Labelled lines to write on, and the accepted / declined tick boxes."""
    from reportlab.platypus import Table, TableStyle

    label, body = st["label"], st["body"]
    ticks = Table(
        [[_tick_box(), lh.para(texts.accepted, body), _tick_box(), lh.para(texts.declined, body)]],
        colWidths=[15, 75, 15, 75],
    )
    ticks.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    rows = [
        [lh.para(texts.received_on, label), "", "", ticks, ""],
        [lh.para(texts.action_taken, label), "", "", "", ""],
        ["", "", "", "", ""],
        [lh.para(texts.outcome, label), "", "", "", ""],
        ["", "", "", "", ""],
        [lh.para(texts.officer, label), "", "", lh.para(texts.signature, label), ""],
        [lh.para(texts.date, label), "", "", "", ""],
    ]
    unit = width / 100
    table = Table(rows, colWidths=[unit * 20, unit * 30, unit * 4, unit * 14, unit * 32])
    line = (0.5, "black")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("SPAN", (3, 0), (4, 0)),
                ("LINEBELOW", (1, 0), (1, 0), *line),
                *[("SPAN", (1, row), (4, row)) for row in (1, 2, 3, 4)],
                ("LINEBELOW", (1, 1), (4, 4), *line),
                ("LINEBELOW", (1, 5), (1, 6), *line),
                ("LINEBELOW", (4, 5), (4, 5), *line),
            ]
        )
    )
    return table


def _tick_box() -> Any:
    from reportlab.graphics.shapes import Drawing, Rect

    box = Drawing(11, 11)
    box.add(Rect(0.5, 0.5, 10, 10, strokeWidth=0.8, fillColor=None))
    return box
