"""Demo data for a first look: one account per role and a matter in flight.

Seeding is idempotent: when the demo coordinator exists, nothing is added.
"""

from datetime import date, timedelta

from sqlalchemy import select

from ..accounts import people
from ..accounts.passwords import hash_password
from ..conflicts import clientlists
from ..extensions import db
from ..models import AdverseParty, LawFirm, LegalAidFund, Need, Offer, User
from ..needs import workflow

# Shown on the console by `make run`; only ever used for the local demo.
PASSWORD = "demo pass 2026"
# The demo's staff and firm accounts share this authenticator key, so a first look needs no phone:
# `flask --app wsgi demo-code` prints the current code.
TOTP_KEY = "DEMODEMODEMODEMODEMODEMODEMODEMO"

ALVAREZ_CLIENTS = b"""id,name,aliases,kind,country,parent_id,lei
A1,Banco Atlantida S.A.,Atlantida,organisation,HN,,
A2,Cooperativa Cafetalera del Norte,,organisation,HN,,
"""

NORTHBRIDGE_CLIENTS = b"""id,name,aliases,kind,country,parent_id,lei
N1,"Inversiones Los Pinares, S.A.",Los Pinares Group,organisation,HN,,
N2,Andes Copper plc,,organisation,GB,,
"""


def seed() -> list[tuple[str, str]]:
    """Create the demo world once, in the caller's transaction, and return (role, email) for each account."""
    accounts = [
        ("defender", "defender@demo.example"),
        ("firm member, Alvarez", "partner@alvarez.example"),
        ("firm member, Northbridge", "probono@northbridge.example"),
        ("coordinator", "coordinator@demo.example"),
        ("admin", "admin@demo.example"),
    ]
    if db.session.scalar(select(User).where(User.with_email("coordinator@demo.example"))):
        return accounts
    coordinator = _staff("coordinator", "coordinator@demo.example", "Camila (coordinator)")
    _staff("admin", "admin@demo.example", "Operator")
    alvarez = _firm("Alvarez & Partners", "HN", "partner@alvarez.example", "Lucia Alvarez")
    northbridge = _firm("Northbridge LLP", "GB", "probono@northbridge.example", "Tom Hale")
    db.session.add_all([
        _offer(alvarez, "Emergency defence in Central America", ["HN", "GT", "SV"], ["es", "en"],
               ["defamation", "criminal_defence", "land"], ["representation", "advice"], 3, emergency=True),
        _offer(northbridge, "International advice and trial observation", ["HN", "CO", "PE", "GB"],
               ["en", "es"], ["defamation", "international", "corporate_accountability"],
               ["advice", "trial_observation", "international_appeal"], 2),
        LegalAidFund(name="Defenders Emergency Legal Fund", run_by="Demo Foundation", countries=[],
                     defender_kinds=[], covers=["local_lawyer_funding", "bail"], max_amount=5000,
                     currency="USD", turnaround_days=3, how_to_apply="A coordinator applies on your behalf."),
    ])
    db.session.flush()
    clientlists.replace_client_list(None, alvarez, clientlists.parse_client_csv(ALVAREZ_CLIENTS))
    clientlists.replace_client_list(None, northbridge, clientlists.parse_client_csv(NORTHBRIDGE_CLIENTS))
    defender = people.create_defender(
        email="defender@demo.example", password_hash=hash_password(PASSWORD), pseudonym="Rosa", kind="community",
        country="HN", languages=["es", "en"], contact="Signal: ask the coordinator", verified=True)
    need = Need(
        defender=defender.defender, created_by_id=coordinator.id, threat="slapp", country="HN",
        languages=["es"], help_wanted=["representation"], practice_areas=["defamation", "land"],
        urgency="emergency", deadline=date.today() + timedelta(days=6),
        summary="A community leader is sued for defamation after denouncing a dam project.",
        details="Hearing at the district court; the claim asks for damages far beyond her means.",
        consent_share_summary=True,
    )
    need.parties = [
        AdverseParty(name="Inversiones Los Pinares S.A.", kind="organisation", country="HN"),
        AdverseParty(name="Hidroeléctrica Río Blanco", kind="organisation", country="HN"),
    ]
    db.session.add(need)
    db.session.flush()
    workflow.submit_need(defender, need)
    return accounts


def _with_demo_factor(user: User) -> User:
    """Accounts that must use a second factor share the demo authenticator key."""
    if user.needs_two_factor:
        user.totp_secret = TOTP_KEY
    return user


def _staff(role: str, email: str, name: str) -> User:
    return _with_demo_factor(people.create_staff(role, email=email, password_hash=hash_password(PASSWORD),
                                                 display_name=name))


def _firm(name: str, country: str, email: str, contact: str) -> LawFirm:
    member = people.create_firm(email=email, password_hash=hash_password(PASSWORD), display_name=contact,
                                firm_name=name, country=country, contact_name=contact, contact_email=email,
                                verified=True)
    return _with_demo_factor(member).firm


DEMO_ANSWER_HOURS = 6  # what the demo's emergency-ready offer promises


def _offer(firm, title, jurisdictions, languages, areas, help_kinds, capacity, emergency=False) -> Offer:
    today = date.today()
    return Offer(firm=firm, title=title, jurisdictions=jurisdictions, languages=languages, practice_areas=areas,
                 help_kinds=help_kinds, capacity=capacity, emergency=emergency,
                 answer_within_hours=DEMO_ANSWER_HOURS if emergency else None, valid_from=today,
                 valid_until=today + timedelta(days=365))
