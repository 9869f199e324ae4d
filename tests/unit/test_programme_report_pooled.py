"""Pooled indicators (desktop/domain/services/hub_pooling.py) in the programme report's files:
a pooled share says from how many committees, a pooled count that lacks some committees is
"≥ N" (status "at least"), and the CSV/XLSX carry the coverage in columns of their own."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.domain.model.hub_dashboard import Dashboard
from desktop.domain.services.indicators import Indicator
from desktop.reports.programme_report import programme_report_pdf
from desktop.reports.programme_sheet import (
    AT_LEAST,
    EXACT,
    HEADER,
    indicator_rows,
    programme_csv,
    programme_xlsx,
)
from tests.hub_samples import sample_dashboard

AGREED = "share_resolved_by_agreement"


def pooled_dashboard() -> Dashboard:
    """The sample, with the programme's share resolved by agreement pooled from 2 of its 3
    committees and its cases resolved a lower bound from 2 of 3."""
    sample = sample_dashboard()

    def pooled(found: Indicator) -> Indicator:
        if (found.name, found.by) == (AGREED, "all"):
            return Indicator(AGREED, "all", 27 / 44, 27, 44, covered=2, of=3)
        if (found.name, found.by) == ("cases_resolved", "all"):
            return Indicator("cases_resolved", "all", 377, covered=2, of=3, at_least=True)
        return found

    programme = dataclasses.replace(
        sample.programme, indicators=tuple(map(pooled, sample.programme.indicators))
    )
    return dataclasses.replace(sample, programme=programme)


def test_the_pdf_says_a_pooled_value_is_from_some_committees() -> None:
    data = programme_report_pdf(pooled_dashboard(), "Amani Programme", date(2026, 12, 2))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    first = " ".join(pages[0].split())
    assert "61% (27 of 44), from 2 of 3 committees" in first
    assert "\u2265 377, from 2 of 3 committees" in first
    assert "* pooled" in first  # the note saying what pooled means
    plain = PdfReader(io.BytesIO(programme_report_pdf(sample_dashboard(), "A", date.today())))
    assert "* pooled" not in " ".join(plain.pages[0].extract_text().split())


def test_the_csv_and_xlsx_carry_the_coverage_and_a_lower_bound_is_at_least() -> None:
    dashboard = pooled_dashboard()
    rows = indicator_rows(dashboard)
    programme = {(r.indicator, r.by): r for r in rows if r.scope == "programme"}
    share = programme[(AGREED, "all")]
    assert (share.numerator, share.denominator, share.covered, share.of) == (27, 44, 2, 3)
    assert share.status == EXACT
    count = programme[("cases_resolved", "all")]
    assert (count.value, count.status, count.covered, count.of) == (377, AT_LEAST, 2, 3)
    not_pooled = programme[("share_agreements_kept", "all")]
    assert (not_pooled.covered, not_pooled.of) == (None, None)
    assert HEADER[-2:] == ("covered", "of")
    parsed = list(csv.reader(io.StringIO(programme_csv(dashboard).decode("utf-8-sig"))))
    by_key = {(r[HEADER.index("indicator")], r[HEADER.index("by")], r[0]): r for r in parsed}
    assert by_key[(AGREED, "all", "programme")][-2:] == ["2", "3"]
    assert by_key[("share_agreements_kept", "all", "programme")][-2:] == ["", ""]
    sheet = load_workbook(io.BytesIO(programme_xlsx(dashboard)))["Indicators"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][-2:] == ["covered", "of"]
    assert [2, 3] in [r[-2:] for r in values[1:]]
