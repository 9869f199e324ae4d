"""The invented people of demo workspaces, and the data desktop.demo draws cases from: names,
places, actors, frequencies and case texts. Every person and organisation here is invented; the
texts describe typical situations, never a real case. Codes are those of the shipped taxonomies
(resources/taxonomies); desktop.demo skips any a taxonomy lacks.

:class:`PartyMaker` invents the parties of a case; :func:`demo_users` and :func:`demo_actors`
give the committee's users and its directory of justice actors (desktop.demo re-exports them).

Tables keyed by code are looked up by dispute-category code, then by SDG group code (so a
category added to the taxonomy later still gets plausible data), then ``"other"``.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from typing import TypeVar

from desktop.domain.model.dispute import Displacement, Party, PartyRole, Sex
from desktop.domain.model.referrals import JusticeActor
from desktop.domain.model.users import Role, User
from desktop.domain.taxonomy import Taxonomy

FEMALE = (  # noqa: SIM905
    "Amina Wanjiru Achieng Zawadi Neema Halima Fatuma Akinyi Nafula Mwanaisha Rehema Imani "
    "Auma Chebet Wairimu Njeri Nasra Hodan Faduma Maryam Aisha Khadija Salma Layla Nour Rania "
    "Huda Samira Grace Esther Mercy Joyce Agnes Beatrice Nyokabi Atieno Jeruto Saida Mwajuma "
    "Ifrah Sahra Ayaan Deka Hawa Zainab Asha Mariam Yasmin Farida Nadia Jamila Latifa Sabra "
    "Nakato Nabirye Namubiru Akello Adong Aber Nyiramana Uwase Mukamana Ingabire Tumaini "
    "Upendo Furaha Sikudhani Pendo Mwanahawa Wambui Nduta Jepkosgei Chepkoech Kerubo Moraa"
).split()
MALE = (  # noqa: SIM905
    "Juma Baraka Otieno Kamau Mwangi Omondi Hassan Abdi Mohamed Ahmed Yusuf Ibrahim Omar Ali "
    "Khalid Tariq Karim Samir Bilal Musa Daudi Petro Yohana Kiprono Kipchoge Wekesa Wafula "
    "Njoroge Mutua Kariuki Ochieng Odhiambo Salim Rashid Farah Abdullahi Emmanuel Joseph Peter "
    "Abdirahman Abdikadir Guled Mahad Liban Mustafa Hamza Idris Suleiman Zakaria Anwar Nabil "
    "Ssemanda Mukasa Kato Okot Opio Habimana Niyonzima Bizimana Hakizimana Amani Faraja "
    "Shukuru Bakari Athumani Ramadhani Kimani Gitau Ndirangu Kibet Cheruiyot Onyango Makori"
).split()
FAMILY = (  # noqa: SIM905
    "Wanjiku Otieno Kamau Mwangi Omondi Hassan Abdi Mohamed Ahmed Mutua Kariuki Ochieng Njoroge "
    "Wekesa Wafula Kiprono Chebet Nyambura Juma Mussa Salim Rashid Farah Warsame Osman Haji "
    "Al-Amin Al-Hashimi Haddad Nasser Khalil Mansour Okello Mugisha Nkurunziza Habimana Mbeki "
    "Ndayisaba Tumusiime Byaruhanga Lukwago Ssempala Mfinanga Mushi Lyimo Massawe Swai "
    "Abdullahi Hussein Yusuf Aden Jama Egal Al-Rahman Bakri Saleh Obeid Nabwire Namukasa "
    "Kyomuhendo Tusiime Uwimana Mukiza Kimaro Temba Shirima Ngowi Kiptoo Rotich Nyaga Maina"
).split()
VILLAGES = (  # noqa: SIM905
    "Laini Saba, Soweto East, Gatwekera, Kianda, Makina, Mashimoni, Silanga, Lindi, Kisumu Ndogo, "
    "Raila, Olympic, Karanja, Siranga, Mugumoini, Kambi Muru, Salama, Amani, Tumaini, Baraka"
).split(", ")

# Kept for callers of the first version of this module.
DESCRIPTIONS = (
    "Dispute over the boundary between two plots after the fence was moved.",
    "Family disagreement about the sharing of inherited land.",
    "Unpaid debt for goods bought on credit at the shop.",
    "Goats damaged crops on the neighbouring farm.",
    "Noise and rubbish from the neighbouring compound.",
    "Maintenance for the children after separation.",
    "Rent arrears and a threatened eviction.",
    "Wages not paid for three weeks of casual work.",
)

CASE_TEXTS: dict[str, tuple[str, ...]] = {
    "land_boundary": (
        "Dispute over the boundary between two plots after the fence was moved.",
        "The respondent built a wall that the complainant says is on her plot.",
        "Beacons between the two plots were removed during the rains.",
    ),
    "land_property": (
        "Two families claim the same plot; both hold sale agreements.",
        "The complainant paid for a plot but the seller has not handed it over.",
    ),
    "inheritance": (
        "Family disagreement about the sharing of inherited land.",
        "The widow says her late husband's brothers want to take the house.",
        "Siblings disagree over the sale of their late father's shop.",
    ),
    "marriage_divorce": (
        "The couple has separated and disagrees about the household goods.",
        "The wife's family asks for the return of the dowry after separation.",
    ),
    "child_custody": (
        "Maintenance for the children after separation.",
        "The father has stopped paying school fees for the two children.",
        "The grandmother asks for the children to stay with her.",
    ),
    "family": (
        "Quarrel between in-laws over the use of the family compound.",
        "Adult children disagree about caring for their elderly mother.",
    ),
    "employment": (
        "Wages not paid for three weeks of casual work.",
        "A house help was dismissed without the pay owed to her.",
        "Dispute over pay for building work left unfinished.",
    ),
    "goods_services": (
        "A phone bought from a trader stopped working after a week.",
        "The tailor kept the cloth and did not sew the uniforms.",
    ),
    "money_debt": (
        "Unpaid debt for goods bought on credit at the shop.",
        "A loan from the savings group has not been repaid.",
        "Money lent for a funeral has not been returned.",
    ),
    "housing": (
        "Rent arrears and a threatened eviction.",
        "The landlord locked the room and kept the tenant's belongings.",
        "The tenant left without paying and the deposit is disputed.",
    ),
    "public_services": (
        "Dispute with the water point committee over disconnection.",
        "Residents complain about the sharing of the communal toilets.",
    ),
    "livestock_crop_damage": (
        "Goats damaged crops on the neighbouring farm.",
        "Cattle strayed into the maize field and ate the harvest.",
    ),
    "neighbour_nuisance": (
        "Noise and rubbish from the neighbouring compound.",
        "Waste water from the neighbour's house floods the path.",
    ),
    "neighbours": (
        "Quarrel between neighbours over the shared path.",
        "Children of two neighbours fought and the parents quarrelled.",
    ),
    "personal_injury": (
        "The complainant was injured by a motorbike taxi and wants compensation.",
        "A dog bit a child and the owner refuses to pay the clinic bill.",
    ),
    "environment": (
        "Smoke from charcoal burning next to the homes.",
        "Dumping of waste near the river used for washing.",
    ),
    "gbv": (
        "The complainant reports repeated beatings by her partner.",
        "A woman reports that she was assaulted on her way home.",
        "The complainant's husband took her earnings and threatens her.",
    ),
    "child_abuse": (
        "A neighbour reports that a child is beaten and kept out of school.",
        "A girl of school age is to be married to an older man.",
    ),
    "serious_crime": (
        "Theft of livestock with threats of violence.",
        "A shop was broken into and goods stolen at night.",
    ),
    "other": ("Disagreement that the parties asked the committee to help resolve.",),
}

HEARING_NOTES = (
    "Both parties stated their views; the committee asked for documents.",
    "The parties listened to each other and agreed to meet again.",
    "The respondent accepted part of the claim.",
    "Witnesses were heard; tempers were calm.",
    "The committee visited the site with both parties.",
    "The respondent did not come; the committee will send a second invitation.",
)
NEXT_STEPS = (
    "Parties to bring their documents.",
    "Bring witnesses to the next hearing.",
    "Site visit to the plots.",
    "Families to discuss a proposal at home.",
    "Committee to ask the village elder for the history.",
)
AGREEMENT_TERMS: dict[str, tuple[str, ...]] = {
    "land_property": (
        "The boundary follows the old beacons; the respondent moves the fence within 14 days.",
        "The parties share the disputed strip equally and plant a hedge on the new line.",
    ),
    "family": (
        "The father pays maintenance monthly on the first Saturday, through the chair.",
        "The property is shared as agreed before the family elders; a list is attached.",
    ),
    "money_debt": (
        "The debt is repaid in four monthly instalments, witnessed by the secretary.",
        "Half is paid now and the rest at harvest time.",
    ),
    "housing": (
        "The tenant pays the arrears in three instalments and may stay.",
        "The tenant leaves at the end of the month; the deposit covers the arrears.",
    ),
    "neighbours": (
        "Animals are kept fenced; damage is paid in maize at harvest.",
        "The parties agree quiet hours after ten at night and a shared rubbish pit.",
    ),
    "other": ("The parties agree to the terms read out and signed before the committee.",),
}
FOLLOW_UP_NOTES = {
    "complied": ("The terms have been kept.", "Payment seen; both parties satisfied."),
    "partly": ("One instalment is late.", "Most of the terms are kept; one is pending."),
    "breached": ("The respondent has not kept the terms.", "The fence was not moved."),
}
REFERRAL_REASONS = {
    "formal": (
        "The matter needs a formal decision; the party wishes to go on with it.",
        "Safety concerns: the party needs protection and medical care.",
        "The party needs legal advice and representation.",
    ),
    "informal": (
        "The elders know the history of the land and can decide it.",
        "The matter concerns the mosque committee; referred with the parties' agreement.",
    ),
}
FEEDBACK = (
    "The case was received and acted on; the party was assisted.",
    "A statement was recorded and the matter is handled there.",
    "The elders met the families and settled the matter.",
    "The party received advice and was helped to file the claim.",
)
DECLINE_REASONS = (
    "The matter is outside our mandate.",
    "The party did not come to the office.",
    "The matter is already before another office.",
)
OFFICER_TITLES = ("Sgt.", "Cpl.", "Insp.", "Ms.", "Mr.", "Mrs.")
OUTCOME_NOTES = (
    "Closed after the parties confirmed the outcome.",
    "The parties were informed of the closure.",
    "",
)

# (actor kind, name, services) of the committee's directory.
ACTORS = (
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

# Relative frequency of dispute categories (a category not listed gets 1).
CATEGORY_WEIGHTS = {
    "land_boundary": 12, "land_property": 6, "inheritance": 7, "marriage_divorce": 6,
    "child_custody": 6, "family": 5, "employment": 4, "goods_services": 3, "debt": 11,
    "money_debt": 4, "housing": 6, "public_services": 2, "livestock_crop_damage": 6,
    "neighbour_nuisance": 6, "neighbours": 4, "personal_injury": 2, "environment": 1.5,
    "gbv": 3.5, "child_abuse": 1.5, "serious_crime": 1.5, "other": 2,
}  # fmt: skip

# The actor kinds a case is referred to.
REFER_TO = {
    "gbv": ("police", "health_gbv_centre", "social_welfare", "legal_aid"),
    "child_abuse": ("social_welfare", "police", "health_gbv_centre"),
    "serious_crime": ("police", "prosecutor"),
    "land_property": ("chief_elder", "local_government", "court"),
    "family": ("legal_aid", "court", "religious_leader", "social_welfare", "womens_group"),
    "employment": ("legal_aid", "local_government"),
    "money_debt": ("court", "chief_elder", "legal_aid"),
    "housing": ("local_government", "legal_aid", "court"),
    "other": ("legal_aid", "chief_elder", "other_committee", "local_government"),
}
# The actor kinds that refer cases to the committee.
REFER_IN_FROM = frozenset({"police", "chief_elder", "court", "other_committee"})
# Risk flags (RiskFlag values) and the chance of each.
RISK_FLAGS = {
    "gbv": (("violence", 0.9), ("weapons", 0.1)),
    "child_abuse": (("child_involved", 1.0), ("violence", 0.5)),
    "serious_crime": (("violence", 0.5), ("weapons", 0.3)),
    "child_custody": (("child_involved", 0.9),),
    "land_property": (("escalation", 0.08), ("violence", 0.04)),
    "other": (("violence", 0.03),),
}


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
    for kind, name, services in ACTORS:
        if taxonomy is not None and not taxonomy.has_actor_kind(kind):
            continue
        first = rng.choice(rng.choice((FEMALE, MALE)))
        contact = f"{first} {rng.choice(FAMILY)}"
        phone = f"+2547{rng.randrange(10**8):08d}"
        area = rng.choice(VILLAGES)
        actors.append(JusticeActor(kind, name, contact, phone, area, services, "Mon-Fri 8-17"))
    return actors


_T = TypeVar("_T")


class Dice(random.Random):
    """Random with quicker picks (the demo draws millions; a float picks well enough here)."""

    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """low <= n < high."""
        return low + int(self.random() * (high - low))

    def weighted(self, items: Sequence[_T], cumulative: Sequence[float]) -> _T:
        return items[bisect(cumulative, self.random() * cumulative[-1])]


_DISPLACEMENT = (Displacement.NONE, Displacement.IDP, Displacement.REFUGEE,
                 Displacement.RETURNEE, Displacement.UNKNOWN)  # fmt: skip
_DISPLACEMENT_CUM = (84, 88, 94, 95, 100)


class PartyMaker:
    """The parties of a case: invented names, sex, age (or only an age band), phone, village.

    ``bands[age]`` is the taxonomy's age-band code for each age from 0.
    """

    def __init__(self, rng: Dice, bands: Sequence[str]) -> None:
        self.rng, self.bands = rng, bands

    def person(self, role: PartyRole, female: bool, low: int, high: int, phone: float) -> Party:
        rng = self.rng
        names = FEMALE if female else MALE
        first = rng.pick(names)
        if rng.random() < 0.2:
            first = f"{first} {rng.pick(names)}"
        exact = low + int((high - low + 1) * rng.random() ** 1.4)
        age = None if rng.random() < 0.1 else exact  # None: age unknown, band estimated
        u = rng.random()
        sex = Sex.FEMALE if female else Sex.MALE
        if u < 0.01:
            sex = Sex.UNKNOWN if u < 0.007 else Sex.OTHER
        return Party(
            role, f"{first} {rng.pick(FAMILY)}", sex, age, self.bands[exact],
            rng.random() < 0.05,
            rng.weighted(_DISPLACEMENT, _DISPLACEMENT_CUM),
            f"+2547{rng.between(0, 10**8):08d}" if rng.random() < phone else "",
            rng.pick(VILLAGES), rng.random() < 0.96,
        )  # fmt: skip

    def parties(self, sensitive: bool, child: bool) -> list[Party]:
        """Complainant (index 0), respondent (1), then a guardian (2, always for a child
        complainant) and/or a witness. In sensitive (GBV) cases the complainant is mostly a
        woman and the respondent mostly a man."""
        rng = self.rng
        female = rng.random() < (0.92 if sensitive else 0.55)
        if child:
            complainant = self.person(PartyRole.COMPLAINANT, female, 3, 17, 0.0)
        else:
            complainant = self.person(PartyRole.COMPLAINANT, female, 18, 80, 0.9)
        male = rng.random() < (0.95 if sensitive else 0.6)
        respondent = self.person(PartyRole.RESPONDENT, not male, 18, 75, 0.7)
        if rng.random() < 0.6:
            respondent.village = complainant.village
        parties = [complainant, respondent]
        if child or rng.random() < 0.03:
            guardian = self.person(PartyRole.REPRESENTATIVE, rng.random() < 0.75, 25, 70, 0.95)
            parties.append(guardian)
        if rng.random() < 0.25:
            parties.append(self.person(PartyRole.WITNESS, rng.random() < 0.5, 18, 75, 0.6))
        return parties
