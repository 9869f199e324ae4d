"""The Reports page's door to the services. ``build_preview`` and ``write_summary_pdf`` run on
the background worker (desktop.tasks.run_in_background); what may be built, and for which
period, is decided by the use case (build_export_tables refuses a period still running or of
the other cadence)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.domain.model.committee import Committee
from desktop.domain.model.export_tables import Cadence, ExportTables, Period
from desktop.domain.services.disclosure import DisclosureRules
from desktop.domain.services.exports import build_export_tables
from desktop.domain.services.indicators import Indicator, indicators
from desktop.reports.summary import SummaryTexts, write_summary
from desktop.reports.summary_sheet import SummaryWords, summary_sheet
from desktop.tasks import TaskContext
from desktop.workspace import OpenWorkspace

PERIODS_OFFERED = 12


class Cancelled(Exception):
    """The user pressed Cancel: the build stops between two tables."""


@dataclass(frozen=True)
class Preview:
    """What the page shows: the tables exactly as an export writes them, and the indicators
    computed from them."""

    export: ExportTables
    indicators: list[Indicator]
    committee: Committee


def cadence_of(committee: Committee) -> Cadence:
    return Cadence(committee.export_cadence)


def rules_of(committee: Committee) -> DisclosureRules:
    return DisclosureRules(
        threshold=committee.export_threshold,
        sensitive_threshold=committee.export_sensitive_threshold,
    )


def ended_periods(cadence: Cadence, today: date, count: int = PERIODS_OFFERED) -> list[Period]:
    """The last ``count`` months (or quarters) that have ended before ``today``, newest first."""
    current = Period.of_day(today)
    if cadence is Cadence.QUARTERLY:
        current = Period.quarter(today.year, (today.month + 2) // 3)
    found: list[Period] = []
    year, number = current.year, current.number
    top = 12 if cadence is Cadence.MONTHLY else 4
    while len(found) < count:
        number -= 1
        if number == 0:
            year, number = year - 1, top
        if year < 2000:
            break
        found.append(Period.month(year, number) if top == 12 else Period.quarter(year, number))
    return found


def build_preview(workspace: OpenWorkspace, period: Period, context: TaskContext) -> Preview:
    """The export tables of ``period`` under the committee's cadence and thresholds."""
    committee = workspace.committee()

    def progress(done: int, total: int) -> None:
        if context.cancelled:
            raise Cancelled
        context.report(done, total)

    export = build_export_tables(
        workspace.unit_of_work(),
        workspace.actor,
        workspace.clock,
        workspace.taxonomy,
        period,
        progress=progress,
    )
    return Preview(export, indicators(export, workspace.taxonomy), committee)


@dataclass(frozen=True)
class SummaryRequest:
    """Everything the PDF needs, in the user's words (made on the GUI thread)."""

    committee: str
    period: str
    generated: str
    not_included: str
    texts: SummaryTexts
    words: SummaryWords
    labels: dict[tuple[str, str], str]  # (dimension, code) -> words


def write_summary_pdf(preview: Preview, request: SummaryRequest, path: Path) -> Path:
    sheet = summary_sheet(
        preview.export,
        preview.indicators,
        committee=request.committee,
        period=request.period,
        generated=request.generated,
        not_included=request.not_included,
        words=request.words,
        label=lambda dimension, code: request.labels.get((dimension, code), code),
    )
    return write_summary(path, sheet, request.texts)
