"""The words of the Reports page's plain-language line and of the PDF summary, translated on
the GUI thread (the PDF is then written on the background worker)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from desktop.reports.letterhead import format_date
from desktop.reports.summary import SummaryTexts
from desktop.reports.summary_sheet import SummaryWords
from desktop.views.reports.report_labels import month_name, period_label, value_label
from desktop.views.reports.reports_service import Preview, SummaryRequest
from desktop.workspace import OpenWorkspace


def _t(text: str) -> str:
    return QCoreApplication.translate("Reports", text)


class ReportCounts(QObject):
    """Counting texts: tr() in a class, where lupdate marks them as numerus forms."""

    def left_out(self, count: int) -> str:
        return self.tr(
            "%n case(s) of this period are left out because a party did not agree to be "
            "counted (this number is not exported).",
            "",
            count,
        )


def not_included_text(preview: Preview) -> str:
    """What the export leaves out, and why, in plain words."""
    committee = preview.committee
    text = (
        _t(
            "Never included: names, phone numbers, villages, exact dates, case numbers and "
            "anything written in words (descriptions, notes, terms). Only counts leave the "
            "laptop. A number smaller than %1 (%2 for gender-based violence and child abuse) is "
            "hidden, and so are numbers that would let someone work it out."
        )
        .replace("%1", str(committee.export_threshold))
        .replace("%2", str(committee.export_sensitive_threshold))
    )
    left_out = preview.export.not_consented
    if left_out:
        text += " " + ReportCounts().left_out(left_out)
    return text


def summary_texts() -> SummaryTexts:
    return SummaryTexts(
        title=_t("Summary of cases"),
        committee=_t("Committee"),
        period=_t("Period"),
        generated=_t("Made on"),
        totals=_t("Totals and indicators"),
        figure=_t("Figure"),
        value=_t("Number"),
        total=_t("Total"),
        suppressed=_t("hidden"),
        legend=_t(
            "hidden: not shown, so that nobody can be recognised from this number or work it "
            "out from the others. It can be any number."
        ),
        withheld=_t("Too few cases in this period to show this section."),
        completed=_t("Completed"),
        not_completed=_t("Not completed yet"),
        no_completion=_t("The completion rate cannot be shown for this period."),
        page=_t("Page {page}"),
    )


def summary_words() -> SummaryWords:
    return SummaryWords(
        categories=_t("Cases received, by kind of dispute"),
        categories_intro=_t(
            "Every case received in the period whose parties agreed to be counted."
        ),
        outcomes=_t("Cases closed, by outcome"),
        outcomes_intro=_t("Cases closed or withdrawn in the period."),
        actor_kinds=_t("Referrals sent out, by the actor they went to"),
        actor_kinds_intro=_t("Referrals the committee sent to other actors in the period."),
        completion=_t("Referrals sent out: where they stand"),
        completion_intro=_t("Completed: the actor sent feedback on what they did."),
        combined=_t("Combined: {values}. Kinds with few cases are counted together."),
        received=_t("Cases received"),
        closed=_t("Cases closed"),
        resolved=_t("Cases resolved (by agreement or decision)"),
        agreed=_t("Share of closed cases resolved by agreement"),
        kept=_t("Share of checked agreements kept"),
        referrals_out=_t("Referrals sent out"),
        referrals_in=_t("Referrals received"),
        completion_rate=_t("Referral completion rate"),
        median_feedback=_t("Days to feedback (median band)"),
        fair=_t("Share of parties who found the process fair"),
        not_shown=_t("not shown"),
        percent=_t("{percent}% ({top} of {bottom})"),
    )


def summary_request(
    preview: Preview, workspace: OpenWorkspace, pseudonym: str | None = None
) -> SummaryRequest:
    """The wall copy carries the committee's name; the copy saved beside an export file
    carries ``pseudonym`` instead (the export's own), since it leaves the laptop with it."""
    taxonomy = workspace.taxonomy
    labels: dict[tuple[str, str], str] = {}
    for table in preview.export.tables:
        for dimension, codes, hidden in zip(
            table.dimensions,
            table.values,
            table.combined or ((),) * len(table.dimensions),
            strict=True,
        ):
            for code in (*codes, *hidden):
                labels[(dimension, code)] = value_label(dimension, code, taxonomy)
    months = tuple(month_name(n) for n in range(1, 13))
    generated = format_date(workspace.clock.today(), months, _t("{day} {month} {year}"))
    return SummaryRequest(
        committee=pseudonym or preview.committee.name,
        period=period_label(preview.export.period),
        generated=generated,
        not_included=not_included_text(preview),
        texts=summary_texts(),
        words=summary_words(),
        labels=labels,
    )
