"""Translated names for what the proceedings sections show: follow-up results, the parties'
answers at closure, timeline events."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject

from desktop.domain.model.proceedings import Answer, FollowUpResult
from desktop.reports.agreement import AgreementTexts


def _t(text: str) -> str:
    return QCoreApplication.translate("Proceedings", text)


def _count(detail: Mapping[str, str], key: str) -> int:
    value = detail.get(key, "0")
    return int(value) if value.isdigit() else 0


class ProceedingsCounts(QObject):
    """The counting texts of timeline events. They are tr() calls in a class because lupdate
    marks a text as numerus ("1 mediator", "2 mediators") only there, not in translate()."""

    def mediators(self, count: int) -> str:
        return self.tr("%n mediator(s)", "", count)

    def present(self, count: int) -> str:
        return self.tr("%n party(ies) present", "", count)


def result_label(result: FollowUpResult | None) -> str:
    if result is None:
        return _t("Not yet checked")
    return {
        FollowUpResult.COMPLIED: _t("Kept"),
        FollowUpResult.PARTLY: _t("Partly kept"),
        FollowUpResult.BREACHED: _t("Breached"),
        FollowUpResult.SUPERSEDED: _t("Replaced by a later agreement"),
    }[result]


def answer_label(answer: Answer) -> str:
    return {
        Answer.YES: _t("Yes"),
        Answer.PARTLY: _t("Partly"),
        Answer.NO: _t("No"),
        Answer.NOT_ASKED: _t("Not asked"),
    }[answer]


def view_questions() -> dict[str, str]:
    """PartyView field -> the question, as justice-needs surveys ask it."""
    return {
        "voice": _t("Could they say what mattered to them?"),
        "fair_process": _t("Was the process fair?"),
        "respect": _t("Were they treated with respect?"),
        "fair_outcome": _t("Is the outcome fair?"),
        "resolved": _t("Is the problem resolved?"),
    }


_ACTIONS = {
    "register_dispute": "Case registered",
    "import_register": "Case imported from the register",
    "update_dispute": "Case details changed",
    "start_mediation": "Mediation started",
    "override_do_no_harm": "Do-no-harm rule overridden",
    "schedule_hearing": "Hearing planned",
    "record_hearing": "Hearing held",
    "record_agreement": "Agreement made",
    "record_follow_up": "Follow-up",
    "close_case": "Case closed",
    "withdraw": "Case withdrawn",
    "reopen": "Case reopened",
    "change_status": "Status changed",
    "refer_out": "Referred to a formal actor",
    "refer_case": "Referral made",
    "send_referral": "Referral sent",
    "update_draft_referral": "Draft referral changed",
    "referral_feedback": "Referral feedback recorded",
    "withdraw_referral": "Referral withdrawn",
    "override_referral_consent": "Shared without consent (override)",
    "print_referral_letter": "Referral letter printed",
    "report_back": "Outcome reported back to the referrer",
    "request_approval": "Approval requested",
    "decide_approval": "Approval decided",
    "add_party": "Party added",
    "update_party": "Party changed",
    "remove_party": "Party removed",
}


def action_label(action: str) -> str:
    text = _ACTIONS.get(action)
    return _t(text) if text is not None else action.replace("_", " ")


def event_detail(action: str, detail: Mapping[str, str]) -> str:
    """A short translated line from an event's codes (never a name or narrative)."""
    parts = []
    if "result" in detail:
        parts.append(result_label(FollowUpResult(detail["result"])))
    if "outcome" in detail:
        parts.append(_t("Outcome: %1").replace("%1", detail["outcome"].replace("_", " ")))
    if "mediators" in detail:
        counts = ProceedingsCounts()
        mediators = counts.mediators(_count(detail, "mediators"))
        present = counts.present(_count(detail, "present"))
        parts.append(_t("%1, %2").replace("%1", mediators).replace("%2", present))
    if "decision" in detail:
        parts.append(_t("Approved") if detail["decision"] == "approved" else _t("Rejected"))
    if action not in {"record_agreement"} and "to" in detail:
        parts.append(_t("now %1").replace("%1", detail["to"].replace("_", " ")))
    if "reason" in detail:
        parts.append(_t("Reason: %1").replace("%1", detail["reason"]))
    return "; ".join(parts)


def agreement_texts() -> AgreementTexts:
    """The agreement PDF's words, in the user's language."""
    return AgreementTexts(
        title=_t("Agreement"),
        committee=_t("Committee"),
        case_number=_t("Case number"),
        date=_t("Date of the agreement"),
        parties=_t("Parties"),
        terms=_t("The parties agree as follows"),
        signatures=_t("Signatures"),
        signatures_note=_t(
            "Each person signs, or presses their thumb, in the boxes beside their name."
        ),
        signature=_t("Signature"),
        thumbprint=_t("Thumbprint"),
        mediators=_t("Mediators"),
        mediator=_t("Mediator"),
        signed_on=_t("Date"),
        verification=_t("Verification code"),
        page=_t("Page {page}"),
    )
