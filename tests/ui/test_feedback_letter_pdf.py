"""The feedback letter PDF: it quotes the actor's reference and our code (text and a QR code that
a real decoder reads back), the outcome and the dates, and nothing it was not given."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest

from desktop.reports.feedback_letter import FeedbackSheet, FeedbackTexts, write_feedback_letter
from desktop.reports.letterhead import format_date
from tests.ui.test_referral_letter_pdf import (
    allowed_words,
    needs_pdftoppm,
    page_texts,
    qr_codes,
    words,
)

CODE = "9M4T-2HZR"
NOTE = "The parties signed an agreement at the third hearing; we will follow up in three months."


def _sheet(note: str = NOTE, closed_on: date | None = date(2026, 11, 27)) -> FeedbackSheet:
    return FeedbackSheet(
        committee="Kibera Peace Committee",
        committee_area="Kibera Ward",
        committee_contact="0712 000 111",
        written_on=date(2026, 12, 1),
        code=CODE,
        actor_name="Office of the Chief, Example Location",
        actor_contact_person="Assistant Chief Example",
        their_reference="SAR/ADM/114/2026",
        received_on=date(2026, 10, 14),
        outcome="Resolved by agreement",
        closed_on=closed_on,
        signed_by="Chairperson Example",
        note=note,
    )


def test_the_letter_holds_reference_code_outcome_dates_and_note(tmp_path: Path) -> None:
    sheet = _sheet()
    pages = page_texts(write_feedback_letter(tmp_path / "feedback.pdf", sheet))
    assert len(pages) == 1
    text = pages[0]
    assert "Your reference: SAR/ADM/114/2026" in text
    assert text.count(CODE) == 2  # the panel and the footer
    assert "Received on 14 October 2026" in text and "Closed on 27 November 2026" in text
    assert "Outcome Resolved by agreement" in text
    assert NOTE in text and "Chairperson Example" in text
    assert "To: Office of the Chief, Example Location" in text
    days = [date(2026, 12, 1), date(2026, 10, 14), date(2026, 11, 27)]
    expected = allowed_words(sheet, FeedbackTexts(), [format_date(d) for d in days])
    assert words(text) - expected == set()


def test_the_sheet_carries_no_party_details() -> None:
    names = {f.name for f in dataclasses.fields(FeedbackSheet)}
    assert not {name for name in names if "party" in name or "phone" in name or "narr" in name}


def test_no_note_and_no_closing_date_leave_their_lines_out(tmp_path: Path) -> None:
    text = page_texts(write_feedback_letter(tmp_path / "f.pdf", _sheet("", None)))[0]
    texts = FeedbackTexts()
    assert f"{texts.note} " not in text and texts.closed_on not in text
    assert "Outcome Resolved by agreement" in text


@needs_pdftoppm
def test_the_qr_code_decodes_to_our_code(tmp_path: Path) -> None:
    path = write_feedback_letter(tmp_path / "feedback.pdf", _sheet())
    assert [(page, text) for page, text, _ in qr_codes(path, tmp_path)] == [(1, CODE)]


def test_texts_come_translated_from_the_caller(tmp_path: Path) -> None:
    texts = FeedbackTexts(title="Majibu ya rufaa yako", your_reference="Kumbukumbu yako")
    text = page_texts(write_feedback_letter(tmp_path / "sw.pdf", _sheet(), texts))[0]
    assert "Majibu ya rufaa yako" in text and "Kumbukumbu yako: SAR/ADM/114/2026" in text


def test_a_failed_write_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_feedback_letter(tmp_path / "feedback.pdf", _sheet())
    assert list(tmp_path.iterdir()) == []
