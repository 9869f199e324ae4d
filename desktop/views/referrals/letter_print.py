"""From a referral to its letter on paper: the services give raw values (codes, dates), this
module gives them the user's words and hands plain sheets to the PDF modules.

``letter_words()`` runs on the GUI thread (it translates); ``write_referral_pdf`` and
``write_feedback_pdf`` run on the background worker (they call use cases, which audit the
printing, and write the file atomically)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.domain.model.dispute import Displacement, PartyRole, RiskFlag, Sex
from desktop.domain.model.referrals import PARTY_FIELDS, Urgency
from desktop.domain.services.referral_letters import (
    SharedDetail,
    SharedValue,
    referral_letter,
    report_back,
)
from desktop.domain.taxonomy import Taxonomy, UnknownCode
from desktop.reports.feedback_letter import FeedbackSheet, FeedbackTexts, write_feedback_letter
from desktop.reports.letterhead import format_date
from desktop.reports.referral_letter import ReferralSheet, ReferralTexts, write_referral_letter
from desktop.views.cases.form_labels import displacement_label, risk_label, role_label, sex_label
from desktop.views.referrals import refer_labels as labels
from desktop.workspace import OpenWorkspace

BLANK = "\u2014"
NBSP = "\u00a0"


def _t(text: str) -> str:
    return QCoreApplication.translate("Letters", text)


@dataclass(frozen=True)
class LetterWords:
    """Every word the letters need, translated on the GUI thread."""

    referral: ReferralTexts
    feedback: FeedbackTexts
    fields: dict[str, str]  # case field keys and party field names -> label
    roles: dict[str, str]
    sexes: dict[str, str]
    displacements: dict[str, str]
    risks: dict[str, str]
    urgencies: dict[str, str]
    yes: str
    no: str
    none: str
    party_label: str  # "%1 (party %2): %3" -> role, position, field
    withdrawn: str


def letter_words() -> LetterWords:
    fields = {key: labels.case_field_label(key) for key in labels.CASE_LABEL_KEYS}
    fields |= {name: labels.party_field_label(name) for name in PARTY_FIELDS}
    months = tuple(
        _t(m)
        for m in (
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        )
    )  # fmt: skip
    pattern = _t("{day} {month} {year}")
    return LetterWords(
        referral=labels.referral_texts(months, pattern),
        feedback=labels.feedback_texts(months, pattern),
        fields=fields,
        roles={role.value: role_label(role) for role in PartyRole},
        sexes={sex.value: sex_label(sex) for sex in Sex},
        displacements={d.value: displacement_label(d) for d in Displacement},
        risks={flag.value: risk_label(flag) for flag in RiskFlag},
        urgencies={u.value: labels.urgency_label(u) for u in Urgency},
        yes=labels.yes_no(True),
        no=labels.yes_no(False),
        none=_t("None"),
        party_label=_t("%1 (party %2): %3"),
        withdrawn=_t("Withdrawn by the complainant"),
    )


def _day(value: date, words: LetterWords) -> str:
    return format_date(value, words.referral.months, words.referral.date_pattern)


def _value(detail: SharedDetail, words: LetterWords, taxonomy: Taxonomy) -> str:
    value: SharedValue = detail.value
    field = detail.field
    if value is None or value == "":
        return BLANK
    if isinstance(value, bool):
        return words.yes if value else words.no
    if isinstance(value, date):
        return _day(value, words)
    if field == "case.category":
        try:
            return taxonomy.category(str(value)).label
        except UnknownCode:
            return str(value)
    if field == "case.risk_flags":
        flags = [words.risks.get(code, code) for code in str(value).split(",") if code]
        return ", ".join(flags) or words.none
    if field == "age" and isinstance(value, str):
        try:
            return taxonomy.age_band(value).label
        except UnknownCode:
            return value
    table = {"role": words.roles, "sex": words.sexes, "displacement": words.displacements}
    return table.get(field, {}).get(str(value), str(value))


def shared_lines(
    shared: tuple[SharedDetail, ...], words: LetterWords, taxonomy: Taxonomy
) -> tuple[tuple[str, str], ...]:
    """(label, value) in the letter's words, in the order the referral chose them."""
    lines = []
    for detail in shared:
        label = words.fields.get(detail.field, detail.field)
        if detail.party_index is not None:
            role = words.roles.get(detail.party_role or "", detail.party_role or "")
            party = words.party_label.replace("%1", role).replace("%2", str(detail.party_index))
            head, _, tail = party.partition("%3")
            kept = head.rstrip()  # no line break inside "Complainant (party 1):"
            label = kept.replace(" ", NBSP) + head[len(kept) :] + label + tail
        lines.append((label, _value(detail, words, taxonomy)))
    return tuple(lines)


def write_referral_pdf(
    workspace: OpenWorkspace, referral_id: int, path: Path, words: LetterWords
) -> Path:
    """Write the referral letter of an outgoing referral to ``path`` (audited)."""
    w = workspace
    letter = referral_letter(w.unit_of_work(), w.actor, w.clock, referral_id)
    committee = w.committee()
    sheet = ReferralSheet(
        committee=committee.name,
        committee_area=committee.area,
        committee_contact=committee.contact,
        written_on=letter.written_on,
        code=letter.code,
        actor_name=letter.actor.name,
        actor_contact_person=letter.actor.contact_person,
        urgency=words.urgencies[letter.urgency.value],
        reason=letter.reason,
        due_on=letter.due_on,
        referred_by=letter.referred_by,
        shared=shared_lines(letter.shared, words, w.taxonomy),
    )
    return write_referral_letter(path, sheet, words.referral)


def write_feedback_pdf(
    workspace: OpenWorkspace, dispute_id: int, note: str, path: Path, words: LetterWords
) -> Path:
    """Report a closed case back to the actor who referred it (the incoming referral is
    completed) and write the feedback letter to ``path``."""
    w = workspace
    letter = report_back(w.unit_of_work(), w.actor, w.clock, w.taxonomy, dispute_id, note)
    try:
        outcome = w.taxonomy.outcome(letter.outcome).label
    except UnknownCode:
        outcome = words.withdrawn if letter.outcome == "withdrawn" else letter.outcome
    committee = w.committee()
    sheet = FeedbackSheet(
        committee=committee.name,
        committee_area=committee.area,
        committee_contact=committee.contact,
        written_on=letter.written_on,
        code=letter.code,
        actor_name=letter.actor.name,
        actor_contact_person=letter.actor.contact_person,
        their_reference=letter.their_reference,
        received_on=letter.received_on,
        outcome=outcome,
        closed_on=letter.closed_on,
        signed_by=w.user.display_name,
        note=letter.note,
    )
    return write_feedback_letter(path, sheet, words.feedback)


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_pdf_path(parent: QWidget, title: str, file_name: str) -> Path | None:
    """Where to save a letter: the user chooses, starting from their Documents folder."""
    suggested = str(documents_folder() / file_name)
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, _t("PDF files (*.pdf)"))
    return Path(path) if path else None
