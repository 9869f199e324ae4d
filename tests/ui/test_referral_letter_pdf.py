"""The referral letter PDF: it prints the code (as text and as two QR codes that a real decoder
reads back) and, of the case, exactly the shared details; the tear-off slip stays whole; the file
is written atomically."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import PIL.Image
import pytest
import zxingcpp
from pypdf import PdfReader

from desktop.reports.letterhead import format_date
from desktop.reports.referral_letter import ReferralSheet, ReferralTexts, write_referral_letter

CODE = "7K2Q-DM0X"
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")

# A synthetic case as a view would hold it: more than the parties agreed to share.
CASE = {
    "number": "KBR-2026-0042",
    "category": "Land boundary",
    "complainant": "Synthetic Person A",
    "complainant_phone": "0700 000 001",
    "respondent": "Synthetic Person B",
    "respondent_phone": "0799 246 813",  # not consented: must never be printed
    "narrative": "Zebrafish quarrel over the mango orchard",  # never shared
}
SHARED = (
    ("Case number", CASE["number"]),
    ("Dispute type", CASE["category"]),
    ("Complainant", CASE["complainant"]),
    ("Complainant's phone", CASE["complainant_phone"]),
    ("Respondent", CASE["respondent"]),
)
REASON = (
    "The complainant reports threats from a neighbour. The committee cannot mediate a matter "
    "of violence and asks the desk to advise on protection."
)


def _sheet(reason: str = REASON, shared: tuple[tuple[str, str], ...] = SHARED) -> ReferralSheet:
    return ReferralSheet(
        committee="Kibera Peace Committee",
        committee_area="Kibera Ward",
        committee_contact="0712 000 111",
        written_on=date(2026, 12, 1),
        code=CODE,
        actor_name="Kilimani Police Station, Gender Desk",
        actor_contact_person="Inspector Test Officer",
        urgency="Urgent",
        reason=reason,
        due_on=date(2026, 12, 8),
        referred_by="Paralegal Example",
        shared=shared,
    )


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def words(*texts: str) -> set[str]:
    return {word.strip(":,.") for text in texts for word in text.split()} - {""}


def allowed_words(sheet: object, texts: object, dates: list[str]) -> set[str]:
    """Every word the letter may print: its fixed texts, the sheet's text fields, the dates."""
    strings: list[str] = []
    for obj in (sheet, texts):
        for value in dataclasses.asdict(obj).values():  # type: ignore[call-overload]
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, list | tuple):
                strings += [
                    v
                    for item in value
                    for v in (item if isinstance(item, list | tuple) else [item])
                ]
    return words(*strings, *dates, *[f"{n}" for n in range(1, 10)])


def qr_codes(path: Path, folder: Path) -> list[tuple[int, str, float]]:
    """(page, text, vertical position as a share of the page height) of every QR code that
    zxing-cpp finds on the pages rendered at 150 dpi."""
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(folder / "page")], check=True)
    found = []
    for number, png in enumerate(sorted(folder.glob("page*.png")), start=1):
        image = PIL.Image.open(png)
        for result in zxingcpp.read_barcodes(image):
            assert result.format == zxingcpp.BarcodeFormat.QRCode
            found.append((number, result.text, result.position.top_left.y / image.height))
    return sorted(found)


def test_the_letter_holds_the_code_and_exactly_the_shared_details(tmp_path: Path) -> None:
    sheet = _sheet()
    pages = page_texts(write_referral_letter(tmp_path / "referral.pdf", sheet))
    assert len(pages) == 1
    text = pages[0]
    assert text.count(CODE) == 3  # the main panel, the slip, the footer
    for label, value in SHARED:
        assert f"{label} {value}" in text
    assert "8 December 2026" in text and "1 December 2026" in text
    assert "Inspector Test Officer" in text and "Paralegal Example" in text
    assert CASE["respondent_phone"] not in text and "0799" not in text
    assert "Zebrafish" not in text and "mango" not in text
    # Nothing but the fixed texts and what the sheet carries reaches the page.
    dates = [format_date(date(2026, 12, 1)), format_date(date(2026, 12, 8))]
    assert words(text) - allowed_words(sheet, ReferralTexts(), dates) == set()


def test_the_sheet_cannot_carry_anything_of_the_case_but_the_shared_pairs() -> None:
    assert [f.name for f in dataclasses.fields(ReferralSheet)] == [
        "committee",
        "committee_area",
        "committee_contact",
        "written_on",
        "code",
        "actor_name",
        "actor_contact_person",
        "urgency",
        "reason",
        "due_on",
        "referred_by",
        "shared",
    ]


def test_only_the_pairs_given_are_printed(tmp_path: Path) -> None:
    fewer = SHARED[:2]
    text = page_texts(write_referral_letter(tmp_path / "r.pdf", _sheet(shared=fewer)))[0]
    assert "Case number KBR-2026-0042" in text and "Dispute type Land boundary" in text
    for label, value in SHARED[2:]:
        assert value not in text and f"{label} " not in text
    no_details = page_texts(write_referral_letter(tmp_path / "n.pdf", _sheet(shared=())))[0]
    assert ReferralTexts().shared not in no_details and CODE in no_details


@needs_pdftoppm
def test_both_qr_codes_decode_to_the_code(tmp_path: Path) -> None:
    path = write_referral_letter(tmp_path / "referral.pdf", _sheet())
    found = qr_codes(path, tmp_path)
    assert [(page, text) for page, text, _ in found] == [(1, CODE), (1, CODE)]
    top, bottom = (where for _, _, where in found)
    assert top < 0.45 < 0.6 < bottom  # one on the letter, one on the slip


@needs_pdftoppm
def test_a_long_reason_flows_over_pages_and_the_slip_stays_whole(tmp_path: Path) -> None:
    reason = "\n\n".join(f"Paragraph {n}: {REASON}" for n in range(1, 30))
    path = write_referral_letter(tmp_path / "long.pdf", _sheet(reason=reason))
    pages = page_texts(path)
    assert len(pages) >= 2
    assert all(CODE in page for page in pages)
    assert "Paragraph 29:" in " ".join(pages)
    texts = ReferralTexts()
    slip = [texts.cut_here, texts.slip_title, texts.received_on, texts.action_taken]
    slip += [texts.officer, texts.accepted, texts.declined]
    holding = [n for n, page in enumerate(pages, start=1) if texts.cut_here in page]
    assert holding == [len(pages)]  # on the last page, once
    assert all(part in pages[-1] for part in slip)
    found = qr_codes(path, tmp_path)
    assert [text for _, text, _ in found] == [CODE, CODE]
    assert found[-1][0] == len(pages) and found[-1][2] > 0.6  # the slip's QR: at the foot


def test_markup_in_the_texts_is_printed_literally(tmp_path: Path) -> None:
    reason = "Fence <b>moved</b> & goats lost"
    text = page_texts(write_referral_letter(tmp_path / "r.pdf", _sheet(reason=reason)))[0]
    assert "Fence <b>moved</b> & goats lost" in text


def test_texts_and_dates_come_translated_from_the_caller(tmp_path: Path) -> None:
    months = ("Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai", "Agosti")
    months += ("Septemba", "Oktoba", "Novemba", "Desemba")
    texts = ReferralTexts(
        title="Barua ya rufaa",
        cut_here="Kata hapa na urudishe kipande hiki",
        code="Namba ya rufaa",
        page="Ukurasa {page}",
        months=months,
        date_pattern="{day} {month} {year}",
    )
    text = page_texts(write_referral_letter(tmp_path / "sw.pdf", _sheet(), texts))[0]
    assert "Barua ya rufaa" in text and "Kata hapa na urudishe kipande hiki" in text
    assert f"Namba ya rufaa: {CODE}" in text and "Ukurasa 1" in text
    assert "1 Desemba 2026" in text and "December" not in text


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "referral.pdf"
    target.write_bytes(b"old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_referral_letter(target, _sheet())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["referral.pdf"]


def test_the_code_is_not_hidden_in_an_image(tmp_path: Path) -> None:
    raw = write_referral_letter(tmp_path / "r.pdf", _sheet(), compress=False).read_bytes()
    assert re.search(rb"\(7K2Q-DM0X\) Tj", raw)  # selectable text, not only the QR


TEN_DETAILS = SHARED + (
    ("Received on", "3 November 2026"),
    ("Risk", "Threats of violence, Weapons"),
    ("Complainant\u00a0(party\u00a01): Sex", "Female"),
    ("Complainant\u00a0(party\u00a01): Age", "25 to 34"),
    ("Respondent\u00a0(party\u00a02): Village", "Laini Saba, Kibera"),
)
LONG_REASON = (
    "The complainant reports repeated threats from a neighbour after a quarrel over the boundary "
    "of their plots. Last week the neighbour damaged the fence and said he would come back at "
    "night. The committee cannot mediate a matter of violence and asks the desk to advise the "
    "complainant on protection and to record the threats. The complainant agreed to this "
    "referral and to the details below being shared. She can be reached on the phone number "
    "given; she prefers calls after five in the evening. Please tell us what you decide, so "
    "that we can follow up with her and with the family of the respondent next week."
)


@needs_pdftoppm
def test_ten_details_and_a_long_reason_fit_one_page_with_the_slip(tmp_path: Path) -> None:
    assert len(TEN_DETAILS) == 10 and len(LONG_REASON) >= 600
    sheet = _sheet(reason=LONG_REASON, shared=TEN_DETAILS)
    path = write_referral_letter(tmp_path / "ten.pdf", sheet)
    [text] = page_texts(path)
    for label, value in TEN_DETAILS:
        assert " ".join(f"{label} {value}".split()) in " ".join(text.split())
    assert ReferralTexts().cut_here in text and ReferralTexts().officer in text
    found = qr_codes(path, tmp_path)
    assert [(page, code) for page, code, _ in found] == [(1, CODE), (1, CODE)]
    assert found[-1][2] > 0.6  # the slip's QR, at the foot of the same page
