"""Translated names for what the referral screens show: urgency, status, outcome, consent, and
the details a referral may share."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.model.referrals import (
    ConsentMethod,
    FeedbackVia,
    ReferralOutcome,
    ReferralStatus,
    Urgency,
)
from desktop.domain.taxonomy import Mechanism
from desktop.reports.feedback_letter import FeedbackTexts
from desktop.reports.referral_letter import ReferralTexts

CASE_LABEL_KEYS = (
    "case.number",
    "case.category",
    "case.received_on",
    "case.area",
    "case.risk_flags",
    "case.description",
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Referrals", text)


def urgency_label(urgency: Urgency) -> str:
    return {
        Urgency.ROUTINE: _t("Routine"),
        Urgency.URGENT: _t("Urgent"),
        Urgency.EMERGENCY: _t("Emergency"),
    }[urgency]


def status_label(status: ReferralStatus) -> str:
    return {
        ReferralStatus.DRAFT: _t("Draft"),
        ReferralStatus.SENT: _t("Sent"),
        ReferralStatus.ACKNOWLEDGED: _t("Acknowledged"),
        ReferralStatus.ACCEPTED: _t("Accepted"),
        ReferralStatus.DECLINED: _t("Declined"),
        ReferralStatus.COMPLETED: _t("Completed"),
        ReferralStatus.WITHDRAWN: _t("Withdrawn"),
    }[status]


def outcome_label(outcome: ReferralOutcome | None) -> str:
    if outcome is None:
        return ""
    return {
        ReferralOutcome.RESOLVED: _t("Resolved there"),
        ReferralOutcome.ACTION_TAKEN: _t("Action taken"),
        ReferralOutcome.REFERRED_ON: _t("Referred on"),
        ReferralOutcome.NO_ACTION: _t("No action"),
    }[outcome]


def consent_method_label(method: ConsentMethod) -> str:
    return {
        ConsentMethod.SIGNED: _t("Signed"),
        ConsentMethod.THUMBPRINT: _t("Thumbprint"),
        ConsentMethod.VERBAL_WITH_WITNESS: _t("Verbal, with a witness"),
    }[method]


def via_label(via: FeedbackVia) -> str:
    return {
        FeedbackVia.SLIP: _t("The slip came back"),
        FeedbackVia.PHONE: _t("By phone"),
        FeedbackVia.IN_PERSON: _t("In person"),
        FeedbackVia.LETTER: _t("By letter"),
    }[via]


def mechanism_label(mechanism: str) -> str:
    if mechanism == Mechanism.FORMAL.value:
        return _t("Formal")
    if mechanism == Mechanism.INFORMAL.value:
        return _t("Informal")
    return ""


def case_field_label(key: str) -> str:
    """A case fact that a referral may share ("case.category"...)."""
    return {
        "case.number": _t("Case number"),
        "case.category": _t("Type of dispute"),
        "case.received_on": _t("Date received"),
        "case.area": _t("Area"),
        "case.risk_flags": _t("Risks"),
        "case.description": _t("What happened (the complainants' account)"),
    }.get(key, key)


def party_field_label(name: str) -> str:
    """A party's detail that a referral may share ("name", "phone"...)."""
    return {
        "name": _t("Name"),
        "role": _t("Role in the case"),
        "sex": _t("Sex"),
        "age": _t("Age"),
        "disability": _t("Disability"),
        "displacement": _t("Displacement"),
        "phone": _t("Phone"),
        "village": _t("Village"),
    }.get(name, name)


def yes_no(value: bool) -> str:
    return _t("Yes") if value else _t("No")


def referral_texts(months: tuple[str, ...], pattern: str) -> ReferralTexts:
    """The referral letter's words, in the user's language."""
    return ReferralTexts(
        title=_t("Referral letter"),
        to=_t("To"),
        attention=_t("Attention"),
        intro=_t(
            "We refer the matter described below to you and ask for your help. The people "
            "concerned agreed to share the details listed here, and only these, for this "
            "referral. Please keep them confidential."
        ),
        code=_t("Referral code"),
        code_note=_t("Quote this code when you call us or return the slip."),
        urgency=_t("Urgency"),
        reason=_t("Reason for the referral"),
        shared=_t("Details shared with consent"),
        reply_by=_t("Please reply by"),
        reply_note=_t(
            "Please fill in the slip below and return it to us, or call us and quote the code."
        ),
        referred_by=_t("Referred by"),
        signature=_t("Signature"),
        date=_t("Date"),
        cut_here=_t("Cut here and return this slip"),
        slip_title=_t("Feedback slip"),
        return_to=_t("Return to"),
        received_on=_t("Received on"),
        accepted=_t("Accepted"),
        declined=_t("Declined"),
        action_taken=_t("Action taken"),
        outcome=_t("Outcome"),
        officer=_t("Name of officer"),
        page=_t("Page {page}"),
        months=months,
        date_pattern=pattern,
    )


def feedback_texts(months: tuple[str, ...], pattern: str) -> FeedbackTexts:
    """The feedback letter's words, in the user's language."""
    return FeedbackTexts(
        title=_t("Feedback on your referral"),
        to=_t("To"),
        attention=_t("Attention"),
        intro=_t(
            "Thank you for referring this matter to the committee. We write to tell you how "
            "it was resolved."
        ),
        your_reference=_t("Your reference"),
        code=_t("Our referral code"),
        code_note=_t("Quote this code if you call us about this matter."),
        received_on=_t("Received on"),
        outcome=_t("Outcome"),
        closed_on=_t("Closed on"),
        note=_t("Note"),
        signed_by=_t("For the committee"),
        signature=_t("Signature"),
        date=_t("Date"),
        page=_t("Page {page}"),
        months=months,
        date_pattern=pattern,
    )
