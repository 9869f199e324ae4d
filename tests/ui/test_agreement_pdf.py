"""The printable agreement PDF: its text holds the terms, the case number, the parties and the
verification code on every page; it is written atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.reports.agreement import (
    AgreementSheet,
    AgreementTexts,
    Signatory,
    verification_code,
    write_agreement,
)

TERMS = (
    "The respondent moves the fence back two metres by 30 April.\n\n"
    "The complainant lets the respondent's goats pass to the river."
)


def _sheet(terms: str = TERMS) -> AgreementSheet:
    return AgreementSheet(
        committee="Kibera Peace Committee",
        case_number="KBR-2026-0042",
        agreed_on=date(2026, 3, 10),
        terms=terms,
        parties=(Signatory("Amina Wanjiru", "Complainant"), Signatory("Juma Otieno", "Respondent")),
        mediators=("Baraka Mediator",),
    )


def _text(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_the_pdf_holds_the_terms_case_number_parties_and_code(tmp_path: Path) -> None:
    path = write_agreement(tmp_path / "agreement.pdf", _sheet())
    pages = _text(path)
    text = " ".join(pages)
    assert "KBR-2026-0042" in text and "Kibera Peace Committee" in text
    assert "moves the fence back two metres by 30 April." in text
    assert "goats pass to the river" in text
    assert "Amina Wanjiru" in text and "Juma Otieno" in text and "Baraka Mediator" in text
    assert text.count("Thumbprint") == 3 and text.count("Signature") >= 3
    code = verification_code("KBR-2026-0042", date(2026, 3, 10), TERMS)
    assert all(code in page for page in pages)
    assert [p.name for p in tmp_path.iterdir()] == ["agreement.pdf"]  # no temp file left


def test_long_terms_flow_over_pages_with_the_code_on_each(tmp_path: Path) -> None:
    terms = "\n\n".join(f"Clause {n}: the parties keep the peace." for n in range(1, 70))
    pages = _text(write_agreement(tmp_path / "long.pdf", _sheet(terms)))
    assert len(pages) >= 2
    code = verification_code("KBR-2026-0042", date(2026, 3, 10), terms)
    assert all(code in page for page in pages)
    assert "Clause 69" in pages[-1] or "Clause 69" in " ".join(pages)


def test_texts_come_translated_from_the_caller(tmp_path: Path) -> None:
    texts = AgreementTexts(title="Makubaliano", thumbprint="Alama ya kidole", page="Ukurasa {page}")
    text = " ".join(_text(write_agreement(tmp_path / "sw.pdf", _sheet(), texts)))
    assert "Makubaliano" in text and "Alama ya kidole" in text and "Ukurasa 1" in text


def test_the_code_changes_with_the_terms_and_ignores_line_endings() -> None:
    day = date(2026, 3, 10)
    code = verification_code("KBR-2026-0042", day, TERMS)
    assert len(code) == 14 and code.count("-") == 2
    assert verification_code("KBR-2026-0042", day, TERMS.replace("\n", "\r\n") + "\n") == code
    assert verification_code("KBR-2026-0042", day, TERMS.replace("two", "three")) != code
    assert verification_code("KBR-2026-0043", day, TERMS) != code


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agreement.pdf"
    target.write_bytes(b"old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_agreement(target, _sheet())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["agreement.pdf"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_the_pages_render(tmp_path: Path) -> None:
    path = write_agreement(tmp_path / "agreement.pdf", _sheet())
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "p")], check=True)
    assert sorted(p.name for p in tmp_path.glob("p*.png"))
