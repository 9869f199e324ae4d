"""The programme report's words in the user's language, and its labels for codes (tables,
dimensions, indicators, periods: those of the Reports page, desktop/views/reports/
report_labels.py; categories and age bands by the default taxonomy's names, since a hub has no
taxonomy of its own). Built on the GUI thread (or by ``suluhu hub report``, where no translator
is installed and the English words are used); the report is then written on the worker."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from desktop.domain.model.export_tables import Period
from desktop.domain.services.indicators import COMBINED_REASON, NOTHING_REASON, SUPPRESSED_REASON
from desktop.domain.taxonomy import Taxonomy, default_taxonomy
from desktop.reports.letterhead import format_date
from desktop.reports.programme_words import Labels, ProgrammeWords
from desktop.views.reports import report_labels as rl


def _t(text: str) -> str:
    return QCoreApplication.translate("HubReport", text)


def _period(label: str) -> str:
    try:
        return rl.period_label(Period.parse(label))
    except ValueError:
        return label


def programme_labels(taxonomy: Taxonomy | None = None) -> Labels:
    names = taxonomy or default_taxonomy()
    return Labels(
        value=lambda dimension, code: rl.value_label(dimension, code, names),
        table=rl.table_title,
        dimension=rl.dimension_title,
        indicator=rl.indicator_title,
        group=rl.group_label,
        period=_period,
    )


def made_on_text(day: date) -> str:
    months = tuple(rl.month_name(n) for n in range(1, 13))
    return format_date(day, months, _t("{day} {month} {year}"))


def _pooled(covered: int, of: int) -> str:
    """ "from 2 of 3 committees" (numerus: the committees of the scope)."""
    text = QCoreApplication.translate("HubReport", "from %1 of %n committee(s)", "", of)
    return text.replace("%1", str(covered))


def programme_words() -> ProgrammeWords:
    return ProgrammeWords(
        title=_t("Programme report"),
        made_on=_t("Made on"),
        periods=_t("Periods"),
        committees=_t("Committees counted"),
        exports=_t("Exports counted"),
        filters=_t("Filters"),
        no_filters=_t("None: every region, committee, kind of dispute, sex and age"),
        filter_names=(
            ("regions", _t("Regions")),
            ("committees", _t("Committees")),
            ("categories", _t("Kinds of dispute")),
            ("sexes", _t("Complainant's sex")),
            ("age_bands", _t("Complainant's age")),
        ),
        headline=_t("Headline figures"),
        figure=_t("Figure"),
        value=_t("Number"),
        received=_t("Cases received"),
        closed=_t("Cases closed"),
        trend=_t("Cases received and closed, by month"),
        trend_quarter=_t("Cases received and closed, by quarter"),
        how_to_read=_t("How to read this report"),
        how_to_read_text=_t(
            "Every number is added up from the committees' signed exports; nobody can be "
            "named from them. \u2265 N: at least N; a committee hid part of this number "
            "because it was small, so the true number is N or more. \u2014 hidden: the hub "
            "does not show this number, because it is small or because it could be worked out "
            "from the others; it can be any number, and it is never drawn as a bar. A count "
            "smaller than {threshold} (other than 0) is never shown."
        ),
        table_intro=_t("{committees} committees, {periods} periods."),
        withheld=_t("Too few cases to show this table."),
        total=_t("Total"),
        hidden=_t("hidden"),
        scopes=_t("Indicators by region and committee"),
        by_region=_t("By region"),
        by_committee=_t("By committee"),
        no_region=_t("No region"),
        committee_count=_t("Committees"),
        missing=_t("Committees that have not sent their export"),
        missing_intro=_t("Active committees without the export they owe for {period}."),
        missing_none=_t("Every active committee has sent the export it owes."),
        owed=_t("Owed"),
        last_period=_t("Last received"),
        region=_t("Region"),
        committee=_t("Committee"),
        never=_t("none yet"),
        notes={
            "quarterly_left_out": _t(
                "Committees that export by quarter are left out of a month's figures."
            )
        },
        page=_t("Page {page}"),
        percent=_t("{percent}% ({top} of {bottom})"),
        percent_only=_t("{percent}%"),
        pooled=_pooled,
        pooled_note=_t(
            "* pooled: what the added-up tables cannot give is added up from the committees "
            "that could give it (the others hid a number it needs); a share of those "
            "committees only, never a guess about the others; \u2265 N for a count: at least N."
        ),
        reasons={
            SUPPRESSED_REASON: rl.reason_text(SUPPRESSED_REASON),
            COMBINED_REASON: rl.reason_text(COMBINED_REASON),
            NOTHING_REASON: rl.reason_text(NOTHING_REASON),
        },
    )
