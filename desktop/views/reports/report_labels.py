"""The user's words for what an export holds: table names, dimensions, the codes in them,
indicators and periods."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.model.dispute import Channel, Displacement, Sex, Status
from desktop.domain.model.export_tables import COMBINED, UNKNOWN, Period, PeriodKind
from desktop.domain.model.referrals import Direction, ReferralStatus
from desktop.domain.services.indicators import (
    COMBINED_REASON,
    NOTHING_REASON,
    SUPPRESSED_REASON,
    Indicator,
)
from desktop.domain.taxonomy import Taxonomy, UnknownCode
from desktop.views.cases.form_labels import (
    channel_label,
    displacement_label,
    sex_label,
    status_label,
)
from desktop.views.referrals.board_labels import direction_label
from desktop.views.referrals.refer_labels import mechanism_label
from desktop.views.referrals.refer_labels import status_label as referral_status_label

SUPPRESSED_MARK = "\u2014"  # an em dash: the cell is hidden (the legend says so)


def _t(text: str) -> str:
    return QCoreApplication.translate("Reports", text)


def table_title(name: str) -> str:
    return {
        "received_by_category": _t("Cases received, by kind of dispute"),
        "received_by_channel": _t("Cases received, by how they came"),
        "received_by_status": _t("Cases received, by where they stand now"),
        "received_by_category_and_sex": _t("Cases received, by kind and complainant's sex"),
        "complainants_by_sex_and_age": _t("Complainants, by sex and age"),
        "respondents_by_sex_and_age": _t("Respondents, by sex and age"),
        "received_by_disability_and_sex": _t("Cases received, by disability and sex"),
        "received_by_displacement_and_sex": _t("Cases received, by displacement and sex"),
        "closed_by_outcome_and_sex": _t("Cases closed, by outcome and complainant's sex"),
        "closed_by_category_and_outcome": _t("Cases closed, by kind and outcome"),
        "closed_by_resolution_time": _t("Cases closed, by days taken"),
        "closed_by_agreement_kept": _t("Cases closed, by whether the agreement was kept"),
        "views_fair_process_by_sex": _t("Parties: was the process fair?"),
        "views_fair_outcome_by_sex": _t("Parties: was the outcome fair?"),
        "views_problem_resolved_by_sex": _t("Parties: was the problem resolved?"),
        "referrals_by_direction_and_actor_kind": _t("Referrals, by direction and actor"),
        "referrals_by_direction_and_status": _t("Referrals, by direction and status"),
        "referrals_by_direction_and_feedback_time": _t("Referrals, by days to feedback"),
    }.get(name, name)


def dimension_title(dimension: str) -> str:
    return {
        "category": _t("Kind of dispute"),
        "channel": _t("How the case came"),
        "status": _t("Status now"),
        "complainant_sex": _t("Complainant's sex"),
        "complainant_age": _t("Complainant's age"),
        "respondent_sex": _t("Respondent's sex"),
        "respondent_age": _t("Respondent's age"),
        "disability": _t("A party with a disability"),
        "displacement": _t("Displacement"),
        "outcome": _t("Outcome"),
        "resolution_time": _t("Days taken"),
        "agreement": _t("Agreement"),
        "party_sex": _t("Party's sex"),
        "fair_process": _t("Fair process?"),
        "fair_outcome": _t("Fair outcome?"),
        "problem_resolved": _t("Problem resolved?"),
        "direction": _t("Direction"),
        "actor_kind": _t("Actor"),
        "referral_status": _t("Status"),
        "feedback_time": _t("Days to feedback"),
    }.get(dimension, dimension)


_BANDS = {
    "0_7": "0\u20137",
    "8_14": "8\u201314",
    "8_30": "8\u201330",
    "15_30": "15\u201330",
    "31_90": "31\u201390",
    "31_plus": "31+",
    "91_plus": "91+",
}


def _fixed(code: str) -> str | None:
    return {
        COMBINED: _t("Combined"),
        UNKNOWN: _t("Not known"),
        "yes": _t("Yes"),
        "no": _t("No"),
        "partly": _t("Partly"),
        "not_asked": _t("Not asked"),
        "none": _t("No feedback yet"),
        "kept": _t("Kept"),
        "breached": _t("Breached"),
        "not_checked": _t("Not checked yet"),
        "no_agreement": _t("No agreement"),
    }.get(code)


def value_label(dimension: str, code: str, taxonomy: Taxonomy) -> str:
    """The words for ``code`` of ``dimension`` (a taxonomy code, an enum value or a band)."""
    if code in (COMBINED, UNKNOWN):
        return _fixed(code) or code
    try:
        if dimension == "category":
            return taxonomy.category(code).label
        if dimension == "outcome":
            return taxonomy.outcome(code).label
        if dimension == "actor_kind":
            return taxonomy.actor_kind(code).label
        if dimension.endswith("_age"):
            return taxonomy.age_band(code).label
    except UnknownCode:
        return code
    if dimension.endswith("sex"):
        return sex_label(Sex(code))
    if dimension == "channel":
        return channel_label(Channel(code))
    if dimension == "status":
        return status_label(Status(code))
    if dimension == "displacement":
        return displacement_label(Displacement(code))
    if dimension == "direction":
        return direction_label(Direction(code))
    if dimension == "referral_status":
        return referral_status_label(ReferralStatus(code))
    if code in _BANDS:
        return _t("%1 days").replace("%1", _BANDS[code])
    return _fixed(code) or code


def period_label(period: Period) -> str:
    if period.kind is PeriodKind.QUARTER:
        return (
            _t("Quarter %1 of %2 (%3)")
            .replace("%1", str(period.number))
            .replace("%2", str(period.year))
            .replace("%3", period.label)
        )
    return _t("%1 %2").replace("%1", month_name(period.number)).replace("%2", str(period.year))


def month_name(number: int) -> str:
    return (
        _t("January"), _t("February"), _t("March"), _t("April"), _t("May"), _t("June"),
        _t("July"), _t("August"), _t("September"), _t("October"), _t("November"),
        _t("December"),
    )[number - 1]  # fmt: skip


def indicator_title(name: str) -> str:
    return {
        "cases_received": _t("Cases received"),
        "cases_resolved": _t("Cases resolved"),
        "share_resolved_by_agreement": _t("Share resolved by agreement"),
        "share_agreements_kept": _t("Share of checked agreements kept"),
        "referral_completion_rate": _t("Referral completion rate"),
        "median_days_to_feedback": _t("Days to feedback (median)"),
        "referrals_out_by_mechanism": _t("Referrals sent out"),
        "share_found_process_fair": _t("Share of parties who found the process fair"),
        "disputes_brought_to_committee": _t("Disputes brought to the committee"),
    }.get(name, name)


def group_label(by: str) -> str:
    if by == "all":
        return _t("All")
    if by == COMBINED:
        return _t("Combined")
    if by in {s.value for s in Sex}:
        return sex_label(Sex(by))
    return mechanism_label(by) or by


def indicator_value(indicator: Indicator, taxonomy: Taxonomy) -> str:
    value = indicator.value
    if value is None:
        return SUPPRESSED_MARK
    if isinstance(value, str):
        return value_label("feedback_time", value, taxonomy)
    if indicator.denominator is not None and indicator.numerator is not None:
        return (
            _t("%1% (%2 of %3)")
            .replace("%1", str(round(100 * float(value))))
            .replace("%2", str(indicator.numerator))
            .replace("%3", str(indicator.denominator))
        )
    return str(value)


def reason_text(reason: str | None) -> str:
    return {
        SUPPRESSED_REASON: _t("Needs a hidden number."),
        COMBINED_REASON: _t("Needs a value that is only counted with others."),
        NOTHING_REASON: _t("Nothing to count in this period."),
    }.get(reason or "", "")
