"""The paperwork of the demo's referrals: codes, who made each referral, how and from whom the
feedback came, why a referral was declined, what the actor did, and what the committee
reported back to an actor who referred a case in.

It draws from its own random stream, so adding or changing these details leaves the stories
of the cases (dates, statuses, outcomes) as they were for a seed. All people are invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop import demo_people as people
from desktop.demo_people import Dice
from desktop.domain.model.referral_code import ALPHABET, DATA_CHARS, check_character, format_code
from desktop.domain.model.referrals import FeedbackVia, Referral, ReferralOutcome
from desktop.domain.taxonomy import Taxonomy

_VIAS = (FeedbackVia.PHONE, FeedbackVia.SLIP, FeedbackVia.IN_PERSON, FeedbackVia.LETTER)
_VIAS_CUM = (50, 75, 92, 100)
_OUTCOMES = (
    ReferralOutcome.RESOLVED,
    ReferralOutcome.ACTION_TAKEN,
    ReferralOutcome.REFERRED_ON,
    ReferralOutcome.NO_ACTION,
)
_OUTCOMES_CUM = (30, 75, 88, 100)


class Paperwork:
    def __init__(self, rng: Dice, members: Sequence[int], taxonomy: Taxonomy) -> None:
        self.rng, self.members, self.taxonomy = rng, tuple(members), taxonomy
        self.codes: set[str] = set()

    def code(self) -> str:
        """A fresh referral code, unique in this demo (as the service draws one)."""
        while True:
            data = "".join(self.rng.pick(ALPHABET) for _ in range(DATA_CHARS))
            code = format_code(data + check_character(data))
            if code not in self.codes:
                self.codes.add(code)
                return code

    def maker(self, assigned: Sequence[int]) -> int | None:
        """Who made a referral: one of the case's members, else any member."""
        if assigned:
            return self.rng.pick(assigned)
        return self.rng.pick(self.members) if self.members else None

    def answered(self, referral: Referral, on: date, *, decided: bool) -> None:
        """The actor answered on ``on``: the first feedback's date is kept, the latest
        feedback's channel and officer recorded."""
        referral.feedback_on = min(referral.feedback_on or on, on)
        referral.acknowledged_on = min(referral.acknowledged_on or on, on)
        if decided:
            referral.decided_on = referral.decided_on or on
        referral.feedback_via = self.rng.weighted(_VIAS, _VIAS_CUM)
        referral.feedback_from = (
            f"{self.rng.pick(people.OFFICER_TITLES)} {self.rng.pick(people.FAMILY)}"
        )

    def unanswered(self) -> bool:
        """Whether the actor never answers at all (one referral in twelve)."""
        return self.rng.random() < 1 / 12

    def decline_reason(self) -> str:
        return self.rng.pick(people.DECLINE_REASONS)

    def outcome(self) -> ReferralOutcome:
        """What the actor did with a completed referral."""
        return self.rng.weighted(_OUTCOMES, _OUTCOMES_CUM)

    def reported(self, outcome_code: str) -> ReferralOutcome:
        """What the committee tells an actor who referred a case in (as report_back does)."""
        if outcome_code.startswith("referred_"):
            return ReferralOutcome.REFERRED_ON
        taxonomy = self.taxonomy
        resolved = taxonomy.has_outcome(outcome_code) and taxonomy.outcome(outcome_code).resolved
        return ReferralOutcome.RESOLVED if resolved else ReferralOutcome.NO_ACTION
