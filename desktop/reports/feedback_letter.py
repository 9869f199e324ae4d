"""The feedback letter: the committee reports back to the actor (a chief, a court, the police)
who referred a case to it, quoting the actor's own reference and the committee's referral code
(as text and as a QR code), with the outcome and the date the case was closed.

Like the referral letter it prints only what the sheet carries: the view builds the sheet, and
no party name, phone or narrative is part of it. reportlab is imported only when writing; the
texts come translated from the view.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from desktop.reports import letterhead as lh


@dataclass(frozen=True)
class FeedbackTexts:
    title: str = "Feedback on your referral"
    to: str = "To"
    attention: str = "Attention"
    intro: str = (
        "Thank you for referring this matter to the committee. We write to tell you how it "
        "was resolved."
    )
    your_reference: str = "Your reference"
    code: str = "Our referral code"
    code_note: str = "Quote this code if you call us about this matter."
    received_on: str = "Received on"
    outcome: str = "Outcome"
    closed_on: str = "Closed on"
    note: str = "Note"
    signed_by: str = "For the committee"
    signature: str = "Signature"
    date: str = "Date"
    page: str = "Page {page}"
    months: tuple[str, ...] = lh.MONTHS
    date_pattern: str = lh.DATE_PATTERN


@dataclass(frozen=True)
class FeedbackSheet:
    """Everything the feedback letter prints, as plain text built by the view."""

    committee: str
    committee_area: str
    committee_contact: str  # may be ""
    written_on: date
    code: str  # our referral code, formatted, e.g. "7K2Q-DM0X"
    actor_name: str
    actor_contact_person: str  # may be ""
    their_reference: str  # the actor's own reference for the case; may be ""
    received_on: date
    outcome: str  # translated label
    closed_on: date | None
    signed_by: str  # the user's display name
    note: str = ""  # a short note to the actor; optional


def write_feedback_letter(
    path: str | os.PathLike[str],
    sheet: FeedbackSheet,
    texts: FeedbackTexts = FeedbackTexts(),  # noqa: B008 - frozen, so sharing it is safe
    *,
    compress: bool = True,
) -> Path:
    """Write the letter to ``path`` atomically (one A4 page unless the note is very long)."""

    def render(stream: BinaryIO) -> None:
        _render(stream, sheet, texts, compress)

    return lh.write_atomically(path, ".feedback-", render)


def _render(stream: BinaryIO, sheet: FeedbackSheet, texts: FeedbackTexts, compress: bool) -> None:
    from reportlab.platypus import Spacer

    st = lh.styles()
    doc = lh.document(stream, texts.title, compress, lh.footer(texts.code, sheet.code, texts.page))
    width = doc.width

    def day(value: date) -> str:
        return lh.format_date(value, texts.months, texts.date_pattern)

    sender = lh.Letterhead(sheet.committee, sheet.committee_area, sheet.committee_contact)
    story: list[Any] = lh.letterhead(sender, day(sheet.written_on), width, st)
    story.append(lh.para(f"{texts.to}: {sheet.actor_name}", st["bold"]))
    if sheet.actor_contact_person.strip():
        story.append(lh.para(f"{texts.attention}: {sheet.actor_contact_person}", st["body"]))
    story.append(Spacer(1, 10))
    story.append(lh.para(texts.title, st["title"]))
    if sheet.their_reference.strip():
        story.append(lh.para(f"{texts.your_reference}: {sheet.their_reference}", st["bold"]))
    story += [Spacer(1, 5), lh.para(texts.intro, st["body"]), Spacer(1, 10)]
    story.append(lh.code_panel(texts.code, sheet.code, st, font_size=20, qr_size=70))
    story.append(lh.para(texts.code_note, st["small"]))
    facts = [(texts.received_on, day(sheet.received_on)), (texts.outcome, sheet.outcome)]
    if sheet.closed_on is not None:
        facts.append((texts.closed_on, day(sheet.closed_on)))
    story += [Spacer(1, 10), lh.facts_table(facts, width, st)]
    blocks = [b.strip() for b in sheet.note.strip().split("\n\n") if b.strip()]
    if blocks:
        story.append(lh.para(texts.note, st["heading"]))
        story += [lh.para(block, st["block"]) for block in blocks]
    story.append(Spacer(1, 24))
    story.append(
        lh.signature_block(texts.signed_by, sheet.signed_by, texts.signature, texts.date, width, st)
    )
    doc.build(story)
