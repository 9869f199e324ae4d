"""Synthetic demo data: a committee's users, its directory of justice actors, and years of cases.

Pure Python on the domain model (no Qt, no database), deterministic for a seed. Each case is
*lived* from the day it was received: mediation with hearings, an agreement with follow-ups at
30 and 90 days, breaches and reopenings, referrals out (with the party's consent) and their
feedback, closure with an outcome and the parties' views. The story stops at ``today``, so old
cases are mostly closed and recent ones still open. Every status change goes through
:meth:`Dispute.move_to`, so every case has followed the status machine. Categories that must not
be mediated (GBV, child abuse, serious crime, and the committee's own list) never are: they are
referred to a formal actor; sensitive ones are restricted. All people are invented.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import accumulate

from desktop import demo_people as people
from desktop.domain import rules
from desktop.domain.model.committee import Committee
from desktop.domain.model.dispute import Channel, Dispute
from desktop.domain.model.records import CaseRecord
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import Role, User
from desktop.domain.taxonomy import Taxonomy

YEARS_BACK = 3
DEFAULT_SEED = 2026

# (kind, name, services). Kinds are actor-kind codes of the shipped taxonomy; an actor whose
# kind the taxonomy lacks is left out by demo_actors(seed, taxonomy).
_ACTORS = (
    ("police", "Mashimoni Police Post, Gender and Children Desk", "GBV and child cases"),
    ("police", "Lindi Police Station", "Reports, statements, protection"),
    ("court", "Silanga Magistrate's Court", "Civil and criminal matters, small claims"),
    ("prosecutor", "Office of the Prosecutor, Silanga", "Charging decisions"),
    ("legal_aid", "Haki Mashinani Legal Aid Clinic", "Advice, representation, court forms"),
    ("social_welfare", "Children's and Social Welfare Office, Makina", "Child protection"),
    ("health_gbv_centre", "Tumaini Health Centre, GBV Recovery Desk", "Medical care, PEP"),
    ("local_government", "Ward Administrator's Office, Kianda", "Land records, services"),
    ("chief_elder", "Chief's Office, Laini Saba Location", "Land and family disputes"),
    ("chief_elder", "Council of Elders, Gatwekera", "Customary land and inheritance"),
    ("religious_leader", "Masjid Salama Committee", "Family matters, inheritance"),
    ("womens_group", "Upendo Women's Group", "Accompaniment, safe space"),
    ("other_committee", "Kisumu Ndogo Peace Committee", "Mediation"),
)

# Relative frequency of categories. Codes the taxonomy lacks are skipped; categories of the
# taxonomy not listed get weight 1.
CATEGORY_WEIGHTS = {
    "land_boundary": 12, "land_property": 6, "inheritance": 7, "marriage_divorce": 6,
    "child_custody": 6, "family": 5, "employment": 4, "goods_services": 3, "debt": 11,
    "money_debt": 4, "housing": 6, "public_services": 2, "livestock_crop_damage": 6,
    "neighbour_nuisance": 6, "neighbours": 4, "personal_injury": 2, "environment": 1.5,
    "gbv": 3.5, "child_abuse": 1.5, "serious_crime": 1.5, "other": 2,
}  # fmt: skip


def demo_users() -> list[User]:
    """Committee members and paralegals, ids unset (the administrator is the demo command's
    own user). The chair and the first paralegal hold restricted access: they are the GBV and
    child-protection focal persons."""
    return [
        User("chair", "Halima Achieng", Role.MEMBER, restricted_access=True),
        User("secretary", "Petro Mwangi", Role.MEMBER),
        User("mediator1", "Neema Wekesa", Role.MEMBER),
        User("mediator2", "Abdi Warsame", Role.MEMBER),
        User("paralegal1", "Esther Nyambura", Role.PARALEGAL, restricted_access=True),
        User("paralegal2", "Yusuf Haddad", Role.PARALEGAL),
    ]


def demo_actors(seed: int, taxonomy: Taxonomy | None = None) -> list[JusticeActor]:
    """The committee's directory (police gender desk, court, legal aid, social welfare, chief,
    elders, women's group...), ids unset; contact people and phones vary with ``seed``."""
    rng = random.Random(f"actors:{seed}")
    actors = []
    for kind, name, services in _ACTORS:
        if taxonomy is not None and not taxonomy.has_actor_kind(kind):
            continue
        first = rng.choice(rng.choice((people.FEMALE, people.MALE)))
        contact = f"{first} {rng.choice(people.FAMILY)}"
        phone = f"+2547{rng.randrange(10**8):08d}"
        area = rng.choice(people.VILLAGES)
        actors.append(JusticeActor(kind, name, contact, phone, area, services, "Mon-Fri 8-17"))
    return actors


def generate_cases(
    count: int,
    seed: int,
    taxonomy: Taxonomy,
    committee: Committee,
    member_ids: Sequence[int],
    actor_ids: Sequence[int],
    today: date,
    *,
    restricted_member_ids: Sequence[int] = (),
) -> Iterator[CaseRecord]:
    """``count`` cases received over the last ``YEARS_BACK`` years up to ``today``, yielded in
    received order and numbered ``{code}-{year}-{seq:04d}`` from 0001 each year (meant for a
    workspace without cases). Ids are unset; see :mod:`desktop.domain.model.records`.

    ``member_ids``: case workers (assigned, mediating, registering); ``actor_ids[i]``: the
    stored id of ``demo_actors(seed, taxonomy)[i]``; ``restricted_member_ids``: who may be
    assigned restricted cases (empty: nobody, only administrators see them).
    """
    actors = demo_actors(seed, taxonomy)
    if len(actor_ids) != len(actors):
        raise ValueError(f"Expected {len(actors)} actor ids, one per demo actor.")
    setting = Setting(
        taxonomy=taxonomy,
        committee=committee,
        members=tuple(member_ids),
        restricted_members=tuple(restricted_member_ids),
        actors=tuple((i, a.kind) for i, a in zip(actor_ids, actors, strict=True)),
        today=today,
    )
    rng = random.Random(seed)
    codes = [c.code for c in taxonomy.categories]
    cumulative = list(accumulate(CATEGORY_WEIGHTS.get(code, 1.0) for code in codes))
    story = CaseStory(rng, setting)
    sequences: dict[int, int] = {}
    for received in _received_dates(rng, count, today):
        year = received.year
        sequences[year] = seq = sequences.get(year, 0) + 1
        code = rng.choices(codes, cum_weights=cumulative)[0]
        yield story.tell(rules.case_number(committee.code, year, seq), received, code)


def _received_dates(rng: random.Random, count: int, today: date) -> list[date]:
    """Sorted dates over the last YEARS_BACK years: half spread evenly, half rising towards
    today (the committee became known), fewer on Sundays."""
    span = 365 * YEARS_BACK
    last = today.toordinal()
    first = last - span + 1
    days = []
    for _ in range(count):
        u = rng.random()
        fraction = u * 2 if u < 0.5 else rng.random() ** 0.5
        day = first + min(int(span * fraction), span - 1)
        if day % 7 == 0 and day < last and rng.random() < 0.7:  # ordinal % 7 == 0: Sunday
            day += 1
        days.append(day)
    days.sort()
    return [date.fromordinal(day) for day in days]
