"""From an export's published tables (and the indicators computed from them) to the plain sheet
the PDF summary draws: which table feeds which page, and the words around the numbers.

Only published numbers are used: a suppressed cell becomes ``None`` (a labelled gap), a withheld
table a withheld section. The words come in already translated (:class:`SummaryWords`); codes
are named by ``label(dimension, code)``, so the view can pass the user's words and a program
without Qt the taxonomy's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.model.export_tables import SUPPRESSED, Cell, ExportTables, Table
from desktop.domain.services.indicators import ALL, Indicator, value_of
from desktop.reports.summary import Bar, Section, SummarySheet

Label = Callable[[str, str], str]  # (dimension, code) -> words


@dataclass(frozen=True)
class SummaryWords:
    categories: str = "Cases received, by kind of dispute"
    categories_intro: str = "Every case received in the period whose parties agreed to be counted."
    outcomes: str = "Cases closed, by outcome"
    outcomes_intro: str = "Cases closed or withdrawn in the period."
    actor_kinds: str = "Referrals sent out, by the actor they went to"
    actor_kinds_intro: str = "Referrals the committee sent to other actors in the period."
    completion: str = "Referrals sent out: where they stand"
    completion_intro: str = "Completed: the actor sent feedback on what they did."
    combined: str = "Combined: {values}. Kinds with few cases are counted together."
    received: str = "Cases received"
    closed: str = "Cases closed"
    resolved: str = "Cases resolved (by agreement or decision)"
    agreed: str = "Share of closed cases resolved by agreement"
    kept: str = "Share of checked agreements kept"
    referrals_out: str = "Referrals sent out"
    referrals_in: str = "Referrals received"
    completion_rate: str = "Referral completion rate"
    median_feedback: str = "Days to feedback (median band)"
    fair: str = "Share of parties who found the process fair"
    not_shown: str = "not shown"
    percent: str = "{percent}% ({top} of {bottom})"


def default_label(dimension: str, code: str) -> str:
    return code.replace("_", " ")


def _value(cell: Cell) -> int | None:
    return None if cell is SUPPRESSED else int(cell)  # type: ignore[arg-type]


def _combined_note(table: Table, index: int, words: SummaryWords, label: Label) -> str:
    if index >= len(table.combined) or not table.combined[index]:
        return ""
    dimension = table.dimensions[index]
    names = ", ".join(label(dimension, code) for code in table.combined[index])
    return words.combined.format(values=names)


def _one_way(
    title: str, intro: str, table: Table, words: SummaryWords, label: Label, **extra: object
) -> Section:
    dimension = table.dimensions[0]
    bars = tuple(
        Bar(label(dimension, code), _value(table.row_totals[code])) for code in table.values[0]
    )
    return Section(
        title,
        intro,
        bars,
        _value(table.total),
        _combined_note(table, 0, words, label),
        **extra,  # type: ignore[arg-type]
    )


def _row(
    title: str,
    intro: str,
    table: Table,
    row: str,
    words: SummaryWords,
    label: Label,
    **extra: object,
) -> Section:
    """The cells of one row of a two-way table (e.g. the referrals that went out)."""
    if table.withheld or row not in table.values[0]:
        return Section(title, intro, (), None)
    dimension = table.dimensions[1]
    bars = tuple(
        Bar(label(dimension, code), _value(table.cells[(row, code)])) for code in table.values[1]
    )
    return Section(
        title,
        intro,
        bars,
        _value(table.row_totals[row]),
        _combined_note(table, 1, words, label),
        **extra,  # type: ignore[arg-type]
    )


def _share_text(found: Indicator, words: SummaryWords) -> str:
    if found.value is None or found.numerator is None or found.denominator is None:
        return words.not_shown
    percent = round(100 * float(found.value))
    return words.percent.format(percent=percent, top=found.numerator, bottom=found.denominator)


def _total_text(cell: Cell, words: SummaryWords) -> str:
    return words.not_shown if cell is SUPPRESSED else str(cell)


def _figures(
    export: ExportTables, found: list[Indicator], words: SummaryWords, label: Label
) -> tuple[tuple[str, str], ...]:
    referral_tables = [
        export.table(name)
        for name in (
            "referrals_by_direction_and_actor_kind",
            "referrals_by_direction_and_status",
            "referrals_by_direction_and_feedback_time",
        )
    ]

    def direction(code: str) -> str:
        """A row total is the same in every table that shows it; a table may have combined
        the directions, another not."""
        for table in referral_tables:
            if not table.withheld and code in table.row_totals:
                return _total_text(table.row_totals[code], words)
        return words.not_shown

    def count(name: str) -> str:
        value = value_of(found, name).value
        return words.not_shown if value is None else str(value)

    median = value_of(found, "median_days_to_feedback").value
    return (
        (words.received, _total_text(export.table("received_by_category").total, words)),
        (words.closed, _total_text(export.table("closed_by_outcome_and_sex").total, words)),
        (words.resolved, count("cases_resolved")),
        (words.agreed, _share_text(value_of(found, "share_resolved_by_agreement"), words)),
        (words.kept, _share_text(value_of(found, "share_agreements_kept"), words)),
        (words.referrals_out, direction("out")),
        (words.referrals_in, direction("in")),
        (words.completion_rate, _share_text(value_of(found, "referral_completion_rate"), words)),
        (
            words.median_feedback,
            words.not_shown if median is None else label("feedback_time", str(median)),
        ),
        (words.fair, _share_text(value_of(found, "share_found_process_fair", ALL), words)),
    )


def summary_sheet(
    export: ExportTables,
    found: list[Indicator],
    *,
    committee: str,
    period: str,
    generated: str,
    not_included: str = "",
    words: SummaryWords | None = None,
    label: Label = default_label,
) -> SummarySheet:
    """The summary of ``export``: ``committee`` is the committee's name for the wall copy, its
    pseudonym for the copy inside an export file."""
    w = words or SummaryWords()
    rate = value_of(found, "referral_completion_rate")
    completion = None
    if rate.numerator is not None and rate.denominator:
        completion = (rate.numerator, rate.denominator - rate.numerator)
    sections = (
        _one_way(w.categories, w.categories_intro, export.table("received_by_category"), w, label),
        _one_way(w.outcomes, w.outcomes_intro, export.table("closed_by_outcome_and_sex"), w, label),
        _row(
            w.actor_kinds,
            w.actor_kinds_intro,
            export.table("referrals_by_direction_and_actor_kind"),
            "out",
            w,
            label,
        ),
        _row(
            w.completion,
            w.completion_intro,
            export.table("referrals_by_direction_and_status"),
            "out",
            w,
            label,
            vertical=True,
            completion=completion,
        ),
    )
    return SummarySheet(
        committee=committee,
        period=period,
        generated=generated,
        figures=_figures(export, found, w, label),
        sections=sections,
        not_included=not_included,
    )
