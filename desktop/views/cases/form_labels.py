"""Translated names for the values a dispute form and the case screen show."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain.model.dispute import Channel, Displacement, PartyRole, RiskFlag, Sex, Status


def _t(text: str) -> str:
    return QCoreApplication.translate("Case", text)


def channel_label(channel: Channel) -> str:
    return {
        Channel.WALK_IN: _t("Walked in"),
        Channel.REFERRAL_IN: _t("Referred in by another actor"),
        Channel.OUTREACH: _t("Found through outreach"),
    }[channel]


def status_label(status: Status) -> str:
    return {
        Status.REGISTERED: _t("Registered"),
        Status.IN_MEDIATION: _t("In mediation"),
        Status.AGREEMENT: _t("Agreement"),
        Status.FOLLOW_UP: _t("Follow-up"),
        Status.REFERRED_OUT: _t("Referred out"),
        Status.AWAITING_FEEDBACK: _t("Awaiting feedback"),
        Status.CLOSED: _t("Closed"),
        Status.WITHDRAWN: _t("Withdrawn"),
        Status.REOPENED: _t("Reopened"),
    }[status]


def action_label(target: Status) -> str:
    """The button that moves a case to ``target``."""
    return {
        Status.REGISTERED: _t("Back to registered"),
        Status.IN_MEDIATION: _t("Start mediation"),
        Status.AGREEMENT: _t("Record agreement\u2026"),
        Status.FOLLOW_UP: _t("Start follow-up"),
        Status.REFERRED_OUT: _t("Refer out"),
        Status.AWAITING_FEEDBACK: _t("Awaiting feedback"),
        Status.CLOSED: _t("Close case\u2026"),
        Status.WITHDRAWN: _t("Withdraw\u2026"),
        Status.REOPENED: _t("Reopen\u2026"),
    }[target]


def role_label(role: PartyRole) -> str:
    return {
        PartyRole.COMPLAINANT: _t("Complainant"),
        PartyRole.RESPONDENT: _t("Respondent"),
        PartyRole.WITNESS: _t("Witness"),
        PartyRole.REPRESENTATIVE: _t("Guardian or representative"),
    }[role]


def sex_label(sex: Sex) -> str:
    return {
        Sex.FEMALE: _t("Female"),
        Sex.MALE: _t("Male"),
        Sex.OTHER: _t("Other"),
        Sex.UNKNOWN: _t("Not known"),
    }[sex]


def displacement_label(value: Displacement) -> str:
    return {
        Displacement.NONE: _t("Not displaced"),
        Displacement.IDP: _t("Internally displaced"),
        Displacement.REFUGEE: _t("Refugee"),
        Displacement.RETURNEE: _t("Returnee"),
        Displacement.UNKNOWN: _t("Not known"),
    }[value]


def risk_label(flag: RiskFlag) -> str:
    return {
        RiskFlag.VIOLENCE: _t("Violence"),
        RiskFlag.CHILD_INVOLVED: _t("A child is involved"),
        RiskFlag.WEAPONS: _t("Weapons"),
        RiskFlag.ESCALATION: _t("Risk of escalation between groups"),
    }[flag]
