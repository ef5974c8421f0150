"""A world at scale: thousands of needs, firms, offers and funds and a million client names,
generated to measure pages and screening as a busy platform would serve them.

``flask demo scale`` fills an empty database with it. The small demo (``matcher.demo``)
comes first, so its accounts sign in as documented; the generated accounts use the
same password and authenticator key. Everything is drawn from one seeded random
generator, so a seed makes the same world (the dates move with the day it is made).

Rows are written through ``core.bulk`` (and client lists through the client index's
own bulk writer), not the ORM: ten thousand needs with a check per firm each are ten
million rows, which would take an hour object by object. The screening results are
therefore written as the screen would have stored them rather than computed: where
a need names an adverse party taken from a firm's client list, that firm's check is
a conflict (or a hit to review), and the other firms' are clear. The demo's own need
is screened for real at the end, against every firm.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ..accounts.passwords import hash_password
from ..conflicts import clientindex, engine, reasons, screening
from ..conflicts.clientlists import ClientRow
from ..core import bulk
from ..extensions import db
from ..matching import vocab
from ..matching.engine import reasons as engine_reasons
from ..models import (
    AdverseParty,
    AuditEvent,
    ConflictCheck,
    ConflictHit,
    DefenderProfile,
    LawFirm,
    LegalAidFund,
    Match,
    Need,
    Offer,
    User,
    catalogue,
)
from ..models._types import utcnow
from ..models.accounts import DEFENDER_KINDS, email_key
from ..models.needs import URGENCIES
from ..needs.states import RESERVING_MATCH_STATES, SCREENED_NEED_STATES
from . import PASSWORD, TOTP_KEY, seed

# Where the generated matters happen, with the language spoken there first.
COUNTRIES = {"HN": "es", "GT": "es", "SV": "es", "MX": "es", "CO": "es", "PE": "es", "BR": "pt", "MZ": "pt",
             "SN": "fr", "CD": "fr", "CM": "fr", "KE": "en", "NG": "en", "ZA": "en", "PH": "en", "GB": "en"}
# A need's state, and how often it is in it.
NEED_STATES = {"draft": 3, "submitted": 15, "needs_info": 5, "rejected": 3, "verified": 30, "proposed": 15,
               "accepted": 5, "matched": 10, "closed": 10, "withdrawn": 4}
# The match a need's state implies: its counsel's match is in this state.
MATCH_OF_NEED = {"proposed": "proposed", "accepted": "accepted", "matched": "active", "closed": "completed"}
# A firm's answer as the audit trail records it (the firm's history ranks it).
ANSWER_OF_MATCH = {"accepted": "match.accept", "active": "match.accept", "completed": "match.accept",
                   "declined": "match.decline"}
SURNAMES = ("Alvarez", "Okafor", "Silva", "Mensah", "Dubois", "Reyes", "Kamau", "Santos", "Ndiaye", "Herrera",
            "Banda", "Costa", "Moreau", "Achieng", "Lopez", "Pereira", "Diallo", "Mwangi", "Castro", "Fofana")
FIRM_FORMS = ("LLP", "& Partners", "Abogados", "Advogados", "Avocats", "Legal", "Chambers")
TRADES = ("Minera", "Mining", "Petroleum", "Hidroeléctrica", "Agro", "Palm Oil", "Timber", "Cement", "Energía",
          "Gold", "Copper", "Holdings", "Logistics", "Construction", "Resources", "Plantations")
PLACES = ("Andina", "Atlantic", "del Norte", "Río Blanco", "Sahel", "Great Lakes", "Pacific", "Sierra", "Delta",
          "Savanna", "Highland", "Coastal", "Amazonas", "Zambezi", "Mekong", "Volta")
LEGAL_FORMS = ("S.A.", "Ltd", "plc", "S.A.S.", "Ltda", "SARL", "Inc.", "GmbH", "S.A. de C.V.")
PROJECTS = ("a dam", "an open-pit mine", "a palm oil plantation", "a pipeline", "a logging concession",
            "a port expansion", "a land eviction", "factory pollution")
FUND_COVERS = ("local_lawyer_funding", "bail", "trial_observation")
# Conflicts planted among screened needs: this share names a firm's client as an adverse party.
PLANTED = 0.08


@dataclass(frozen=True)
class Sizes:
    needs: int
    firms: int
    offers: int
    funds: int
    clients: int


@dataclass(frozen=True)
class Phase:
    """One step of the build: what it makes, how many units, and the work, which yields
    how many units it has just done (for a progress bar)."""

    label: str
    total: int
    run: Callable[[], Iterator[int]]


class NotEmpty(RuntimeError):
    """The database already holds data: a generated world is made only into an empty one."""


def holds_data() -> bool:
    return db.session.scalar(select(User.id).limit(1)) is not None


def empty_every_table() -> None:
    """Remove every row of every table, for a world made again over an old one."""
    tables = db.metadata.sorted_tables
    if bulk.on_postgres():
        db.session.execute(db.text("TRUNCATE " + ", ".join(f'"{table.name}"' for table in tables)))
        return
    for table in reversed(tables):
        db.session.execute(table.delete())


@dataclass
class _Firm:
    id: int
    name: str
    country: str
    verified: bool
    screenable: bool
    members: list[int] = field(default_factory=list)
    clients: list[tuple[str, str]] = field(default_factory=list)  # a few (external id, name) to plant


@dataclass
class _Offer:
    id: int
    firm: _Firm
    capacity: int
    used: int = 0


@dataclass
class _Need:
    id: int
    state: str
    country: str
    submitted_at: datetime | None
    planted: tuple[_Firm, str, str, str] | None = None  # firm, party name, client id, band


class World:
    """The generated world, built phase by phase in the caller's transaction."""

    def __init__(self, sizes: Sizes, seed_value: int):
        self.sizes, self.rng = sizes, random.Random(seed_value)
        self.now, self.today = utcnow(), date.today()
        self.password_hash = hash_password(PASSWORD)
        self.firms: list[_Firm] = []
        self.offers: list[_Offer] = []
        self.needs: list[_Need] = []
        self.fund_ids: list[int] = []
        self.coordinator_id = 0
        self.demo_needs: list[int] = []

    def phases(self) -> list[Phase]:
        s = self.sizes
        return [
            Phase("The demo's accounts", 1, self._demo),
            Phase("Firms and their members", s.firms, self._firms),
            Phase("Client lists", s.firms, self._client_lists),
            Phase("Offers", s.offers, self._plan_offers),
            Phase("Funds", s.funds, self._funds),
            Phase("Defenders and needs", s.needs, self._needs),
            Phase("Screening results", s.needs, self._checks),
            Phase("Matches", s.needs, self._matches),
            Phase("The demo need, screened against every firm", 1, self._screen_demo_need),
        ]

    # -- phases ---------------------------------------------------------------------------------

    def _demo(self) -> Iterator[int]:
        seed()
        db.session.flush()
        self.coordinator_id = db.session.scalar(select(User.id).where(User.role == "coordinator"))
        self.demo_needs = db.session.scalars(select(Need.id).where(Need.state.in_(SCREENED_NEED_STATES))).all()
        for firm in db.session.scalars(select(LawFirm).order_by(LawFirm.id)):
            self.firms.append(_Firm(firm.id, firm.name, firm.country, True, True))
        yield 1

    def _firms(self) -> Iterator[int]:
        rng, count = self.rng, self.sizes.firms
        ids = bulk.new_ids("law_firm", count)
        firms = []
        for number, firm_id in enumerate(ids):
            name = f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)} {rng.choice(FIRM_FORMS)} {number}"
            # Firm 0 is verified and keeps a list, so its members always have a dashboard to show.
            screenable = number == 0 or rng.random() > 0.03
            firms.append(_Firm(firm_id, name, rng.choice(list(COUNTRIES)), number == 0 or rng.random() < 0.95,
                               screenable))
        with_list = self.sizes.clients > 0
        bulk.write_rows(LawFirm, ("id", "name", "country", "contact_name", "contact_email", "contact_phone",
                                  "verified", "verified_at", "clients_updated_at", "no_clients_attested_at"), (
            (f.id, f.name, f.country, f"Pro bono partner {f.id}", f"probono@firm{f.id}.scale.example",
             "+1 555 0100", f.verified, self.now if f.verified else None,
             self.now if f.screenable and with_list else None,
             self.now if f.screenable and not with_list else None) for f in firms))
        self._members(firms)
        self.firms.extend(firms)
        yield count

    def _members(self, firms: list[_Firm]) -> None:
        """One to three members a firm, signing in as ``firm<id>.member<n>@scale.example``."""
        members = [(firm, n) for firm in firms for n in range(self.rng.randint(1, 3))]
        ids = bulk.new_ids("user_account", len(members))
        rows = []
        for user_id, (firm, n) in zip(ids, members, strict=True):
            firm.members.append(user_id)
            email = f"firm{firm.id}.member{n}@scale.example"
            rows.append((user_id, email, email_key(email), "firm", f"{self.rng.choice(SURNAMES)} (firm {firm.id})",
                         firm.id, TOTP_KEY))
        self._users(("id", "email", "email_key", "role", "display_name", "firm_id", "totp_secret"), rows)

    def _users(self, columns: tuple[str, ...], rows: list[tuple]) -> None:
        bulk.write_rows(User, (*columns, "password_hash", "created_at"),
                        ((*row, self.password_hash, self.now) for row in rows))

    def _client_lists(self) -> Iterator[int]:
        """Each screenable generated firm's share of the client names, through the client index."""
        generated = self.generated_firms
        listed = [firm for firm in generated if firm.screenable]
        per_firm, left_over = divmod(self.sizes.clients, max(1, len(listed)))
        shares = {firm.id: per_firm + (place < left_over) for place, firm in enumerate(listed)}
        for firm in generated:
            if shares.get(firm.id):
                rows = [self._client(n) for n in range(shares[firm.id])]
                clientindex.replace(firm.id, rows)
                firm.clients = [(row.external_id, row.name) for row in rows[:5]]
            yield 1

    def _client(self, number: int) -> ClientRow:
        rng = self.rng
        name = self._company()
        aliases = (self._company(),) if rng.random() < 0.3 else ()
        parent = f"C{rng.randrange(number)}" if number and rng.random() < 0.1 else ""
        return ClientRow(f"C{number}", name, aliases, "organisation", rng.choice(list(COUNTRIES)), parent, "")

    def _company(self) -> str:
        rng = self.rng
        return f"{rng.choice(TRADES)} {rng.choice(PLACES)} {rng.randrange(1000)} {rng.choice(LEGAL_FORMS)}"

    def _plan_offers(self) -> Iterator[int]:
        """Offers are kept in memory until the matches say how much of each is used."""
        rng, count = self.rng, self.sizes.offers
        candidates = self.generated_firms or self.firms
        for offer_id in bulk.new_ids("offer", count):
            self.offers.append(_Offer(offer_id, rng.choice(candidates), rng.randint(1, 5)))
        yield count

    def _funds(self) -> Iterator[int]:
        rng, count = self.rng, self.sizes.funds
        self.fund_ids = list(bulk.new_ids("legal_aid_fund", count))
        bulk.write_rows(LegalAidFund, ("id", "name", "run_by", "countries", "defender_kinds", "covers", "max_amount",
                                       "currency", "turnaround_days", "how_to_apply", "active", "created_at"), (
            (fund_id, f"{rng.choice(PLACES)} Defenders Fund {fund_id}", f"{rng.choice(SURNAMES)} Foundation",
             [] if rng.random() < 0.3 else rng.sample(list(COUNTRIES), rng.randint(1, 5)),
             [] if rng.random() < 0.5 else rng.sample(DEFENDER_KINDS, rng.randint(1, 3)),
             rng.sample(FUND_COVERS, rng.randint(1, 3)), rng.choice((2000, 5000, 10000, 25000)), "USD",
             rng.randint(1, 30), "A coordinator applies on the defender's behalf.", rng.random() < 0.95, self.now)
            for fund_id in self.fund_ids))
        yield count

    def _needs(self) -> Iterator[int]:
        count = self.sizes.needs
        defenders = self._defenders(max(1, count // 2))
        ids = bulk.new_ids("need", count)
        states, weights = list(NEED_STATES), list(NEED_STATES.values())
        rows, parties = [], []
        for need_id, state in zip(ids, self.rng.choices(states, weights, k=count), strict=True):
            defender = self.rng.choice(defenders)
            rows.append(self._need_row(need_id, state, defender))
            parties.extend(self._parties(self.needs[-1]))
        bulk.write_rows(Need, ("id", "defender_id", "created_by_id", "state", "threat", "country", "languages",
                               "help_wanted", "practice_areas", "urgency", "deadline", "amount_needed", "currency",
                               "summary", "details", "handling", "consent_share_summary", "created_at",
                               "submitted_at"), rows)
        party_ids = bulk.new_ids("adverse_party", len(parties))
        bulk.write_rows(AdverseParty, ("id", "need_id", "name", "kind", "country", "aliases"),
                        ((party_id, *party) for party_id, party in zip(party_ids, parties, strict=True)))
        yield count

    def _defenders(self, count: int) -> list[tuple[int, int, str]]:
        """(profile id, user id, country) of ``count`` defenders, ``defender<n>@scale.example``."""
        rng = self.rng
        user_ids = bulk.new_ids("user_account", count)
        profile_ids = bulk.new_ids("defender_profile", count)
        countries = [rng.choice(list(COUNTRIES)) for _ in range(count)]
        self._users(("id", "email", "email_key", "role", "display_name"), [
            (user_id, f"defender{n}@scale.example", email_key(f"defender{n}@scale.example"), "defender",
             f"Defender {n}") for n, user_id in enumerate(user_ids)])
        bulk.write_rows(DefenderProfile, ("id", "user_id", "pseudonym", "kinds", "country", "languages", "contact",
                                          "verified", "verified_at", "created_at"), (
            (profile_id, user_id, f"Defender {n}", [rng.choice(DEFENDER_KINDS)], country, self._languages(country),
             "Signal: ask the coordinator", verified := rng.random() < 0.9, self.now if verified else None, self.now)
            for n, (profile_id, user_id, country) in enumerate(zip(profile_ids, user_ids, countries, strict=True))))
        return list(zip(profile_ids, user_ids, countries, strict=True))

    def _languages(self, country: str) -> list[str]:
        spoken = COUNTRIES[country]
        return [spoken] if spoken == "en" or self.rng.random() < 0.5 else [spoken, "en"]

    def _need_row(self, need_id: int, state: str, defender: tuple[int, int, str]) -> tuple:
        rng = self.rng
        profile_id, user_id, country = defender
        threat = rng.choice(list(vocab.THREATS))
        help_wanted = rng.sample(list(vocab.HELP_KINDS), rng.randint(1, 2))
        funding = bool({"local_lawyer_funding", "bail"} & set(help_wanted))
        created = self.now - timedelta(days=rng.randint(1, 120))
        submitted = None if state == "draft" else created + timedelta(hours=rng.randint(1, 48))
        self.needs.append(_Need(need_id, state, country, submitted))
        project = rng.choice(PROJECTS)
        return (need_id, profile_id, user_id, state, threat, country, self._languages(country), help_wanted,
                rng.sample(list(vocab.PRACTICE_AREAS), rng.randint(1, 2)),
                rng.choices(URGENCIES, (1, 3, 6))[0],
                self.today + timedelta(days=rng.randint(3, 90)) if rng.random() < 0.6 else None,
                rng.choice((1000, 3000, 8000)) if funding else None, "USD" if funding else "",
                f"{vocab.THREATS[threat]} after speaking out against {project}.",
                f"The defender denounced {project} and now faces {vocab.THREATS[threat].lower()}.",
                rng.choice(("quiet", "public")), True, created, submitted)

    def _parties(self, need: _Need) -> list[tuple]:
        """One to three adverse parties; among screened needs, some name a firm's client."""
        rng = self.rng
        parties = [(self._company(), "organisation", need.country, []) for _ in range(rng.randint(1, 3))]
        listed = [firm for firm in self.firms if firm.clients]
        if need.state in SCREENED_NEED_STATES and listed and rng.random() < PLANTED:
            firm = rng.choice(listed)
            client_id, client_name = rng.choice(firm.clients)
            band = rng.choice(("conflict", "review"))
            parties[0] = (client_name, "organisation", need.country, [])
            need.planted = (firm, client_name, client_id, band)
        return [(need.id, *party) for party in parties]

    def _checks(self) -> Iterator[int]:
        """One check per screened need and firm, and the planted hits."""
        screened = [need for need in self.needs if need.state in SCREENED_NEED_STATES]
        first = bulk.id_block("conflict_check", len(screened) * len(self.firms)).start
        hits = []

        def rows():
            check_id = first
            for need in screened:
                for firm in self.firms:
                    yield check_id, need.id, firm.id, self._result(need, firm, check_id, hits), self.now
                    check_id += 1
        bulk.write_rows(ConflictCheck, ("id", "need_id", "firm_id", "result", "checked_at"), rows())
        hit_ids = bulk.new_ids("conflict_hit", len(hits))
        bulk.write_rows(ConflictHit, ("id", "check_id", "party_name", "client_name", "client_external_id", "band",
                                      "score", "rule", "reason"),
                        ((hit_id, *hit) for hit_id, hit in zip(hit_ids, hits, strict=True)))
        yield self.sizes.needs

    @staticmethod
    def _result(need: _Need, firm: _Firm, check_id: int, hits: list) -> str:
        if not firm.screenable:
            return "unscreened"
        if need.planted is None or need.planted[0] is not firm:
            return "clear"
        _firm, name, client_id, band = need.planted
        hit = _planted_hit(name, client_id, band)
        hits.append((check_id, name, name, client_id, band, hit.score, hit.rule, reasons.stored(hit)))
        return "conflict" if band == "conflict" else "potential"

    def _matches(self) -> Iterator[int]:
        """Counsel for the needs whose state says they have it, some earlier declines, and
        funds alongside; then the offers, with the capacity those matches hold."""
        matches = []
        for need in self.needs:
            if self.rng.random() < 0.2 and need.state in ("verified", *MATCH_OF_NEED):
                matches.append(self._match(need, "declined"))
            if need.state in MATCH_OF_NEED:
                matches.append(self._match(need, MATCH_OF_NEED[need.state]))
            if need.state in MATCH_OF_NEED and self.fund_ids and self.rng.random() < 0.3:
                matches.append(self._fund_match(need))
        self._write_offers()
        matches = [match for match in matches if match is not None]
        ids = bulk.new_ids("match", len(matches))
        bulk.write_rows(Match, ("id", "need_id", "offer_id", "firm_id", "fund_id", "state", "score", "reasons",
                                "proposed_by_id", "proposed_at", "responded_at", "hours", "work_started_on",
                                "work_ended_on", "outcome", "closed_at"),
                        ((match_id, *match) for match_id, match in zip(ids, matches, strict=True)))
        self._answers(list(zip(ids, matches, strict=True)))
        yield self.sizes.needs

    def _match(self, need: _Need, state: str) -> tuple | None:
        offer = self._offer_for(need, reserving=state in RESERVING_MATCH_STATES)
        if offer is None:
            return None
        proposed = (need.submitted_at or self.now) + timedelta(hours=self.rng.randint(2, 72))
        responded = proposed + timedelta(hours=self.rng.randint(1, 96)) if state != "proposed" else None
        closed = responded + timedelta(days=30) if state == "completed" else None
        return (need.id, offer.id, offer.firm.id, None, state, round(self.rng.uniform(0.4, 0.95), 2),
                [_covers(need.country)], self.coordinator_id, proposed, responded,
                self.rng.randint(10, 200) if closed else None, responded.date() if closed else None,
                closed.date() if closed else None, "charges_dropped" if closed else None, closed)

    def _fund_match(self, need: _Need) -> tuple:
        proposed = (need.submitted_at or self.now) + timedelta(hours=self.rng.randint(2, 72))
        return (need.id, None, None, self.rng.choice(self.fund_ids), "proposed", 0.7, [],
                self.coordinator_id, proposed, None, None, None, None, None, None)

    def _offer_for(self, need: _Need, reserving: bool) -> _Offer | None:
        """A verified, cleared firm's offer, with a unit of capacity left where the match holds one."""
        for _ in range(20):
            offer = self.rng.choice(self.offers) if self.offers else None
            if offer is None:
                return None
            firm = offer.firm
            cleared = firm.verified and firm.screenable and (need.planted is None or need.planted[0] is not firm)
            if cleared and (not reserving or offer.used < offer.capacity):
                offer.used += reserving
                return offer
        return None

    def _write_offers(self) -> None:
        rng = self.rng
        bulk.write_rows(Offer, ("id", "firm_id", "title", "practice_areas", "jurisdictions", "languages", "help_kinds",
                                "capacity", "capacity_used", "emergency", "valid_from", "valid_until", "created_at"), (
            (offer.id, offer.firm.id, f"{rng.choice(list(vocab.PRACTICE_AREAS.values()))} in "
                                      f"{vocab.country_name(offer.firm.country)}",
             rng.sample(list(vocab.PRACTICE_AREAS), rng.randint(1, 4)),
             sorted({offer.firm.country, *rng.sample(list(COUNTRIES), rng.randint(0, 4))}),
             sorted({COUNTRIES[offer.firm.country], "en", *rng.sample(("es", "fr", "pt"), rng.randint(0, 2))}),
             rng.sample(list(vocab.HELP_KINDS)[:3], rng.randint(1, 3)), offer.capacity, offer.used,
             rng.random() < 0.3, self.today - timedelta(days=rng.randint(0, 200)),
             self.today + timedelta(days=rng.randint(-20, 365)), self.now)
            for offer in self.offers))

    def _answers(self, matches: list[tuple[int, tuple]]) -> None:
        """The trail of each match: its proposal, and the firm's answer (a firm's history is read from it)."""
        members = {firm.id: firm.members[0] for firm in self.firms if firm.members}
        events = []
        for match_id, match in matches:
            need_id, _offer, firm_id, _fund, state, _score, _reasons, _by, proposed, responded = match[:10]
            events.append((proposed, self.coordinator_id, "match.propose", match_id, need_id, "", "proposed"))
            if state in ANSWER_OF_MATCH and firm_id is not None:
                target = "declined" if state == "declined" else "accepted"
                events.append((responded, members.get(firm_id), ANSWER_OF_MATCH[state], match_id, need_id,
                               "proposed", target))
        ids = bulk.new_ids("audit_event", len(events))
        bulk.write_rows(AuditEvent, ("id", "created_at", "actor_id", "action", "subject_type", "subject_id",
                                     "need_id", "from_state", "to_state", "note"),
                        ((event_id, created, actor, action, "match", subject, need_id, source, target, "")
                         for event_id, (created, actor, action, subject, need_id, source, target)
                         in zip(ids, events, strict=True)))

    def _screen_demo_need(self) -> Iterator[int]:
        for need_id in self.demo_needs:
            screening.screen_need(db.session.get(Need, need_id))
        catalogue.changed()  # the rows were written under the ORM, which would have said so
        yield 1

    @property
    def generated_firms(self) -> list[_Firm]:
        return self.firms[len(self.firms) - self.sizes.firms:]


def _covers(country: str) -> dict:
    """The one reason a generated match can truly give: its offer covers the need's country."""
    return engine_reasons.data(engine_reasons.reason("eligible", country=country, languages=frozenset(),
                                                     help=frozenset(), emergency=False))


def _planted_hit(name: str, client_id: str, band: str) -> engine.Hit:
    """A hit as screening would make it for a party named exactly as the client: a conflict, or
    for a review, the same name taken as merely similar."""
    if band == "conflict":
        return engine.Hit("", name, client_id, name, band, 1.0, engine.Evidence("equal", name=name))
    return engine.Hit("", name, client_id, name, band, 0.88,
                      engine.Evidence("similar", (("party", name), ("client", name)), name))
