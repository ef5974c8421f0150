"""Records for tests, made straight in the database with sensible defaults."""

from datetime import date, timedelta
from itertools import count

from matcher.accounts.passwords import hash_password
from matcher.conflicts import clientlists, screening
from matcher.extensions import db
from matcher.models import AdverseParty, DefenderProfile, LawFirm, LegalAidFund, Need, Offer, User
from matcher.models._types import utcnow
from matcher.needs import workflow

PASSWORD = "correct horse battery"
# The authenticator secret of every factory account that must use two factors.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_hash = hash_password(PASSWORD)
_numbers = count(1)


def user(role: str, **fields) -> User:
    number = next(_numbers)
    fields.setdefault("email", f"{role}{number}@example.org")
    fields.setdefault("display_name", f"{role.title()} {number}")
    if role in ("coordinator", "admin", "firm"):
        fields.setdefault("totp_secret", TOTP_SECRET)
    account = User(role=role, password_hash=_hash, **fields)
    db.session.add(account)
    db.session.flush()
    return account


def coordinator(**fields) -> User:
    return user("coordinator", **fields)


def defender(verified: bool = True, country: str = "HN", kinds=("individual",), **fields) -> User:
    account = user("defender", **fields)
    account.defender = DefenderProfile(
        pseudonym=account.display_name, kinds=list(kinds), country=country, languages=["es", "en"],
        contact="Signal @rosa-secure", verified=verified,
    )
    db.session.flush()
    return account


def firm(verified: bool = True, name: str | None = None, country: str = "HN", clients: str = "",
         attests_no_clients: bool = True) -> LawFirm:
    """A firm; one made without ``clients`` has attested it has none, unless told otherwise,
    since a firm with neither a list nor that attestation is never clear."""
    record = LawFirm(
        name=name or f"Firm {next(_numbers)}", country=country, contact_name="Pro Bono Partner",
        contact_email=f"probono{next(_numbers)}@firm.example", contact_phone="+1 555 0100", verified=verified,
        no_clients_attested_at=utcnow() if attests_no_clients and not clients else None,
    )
    db.session.add(record)
    db.session.flush()
    if verified:
        screening.screen_firm(record)  # what verifying a firm does
    if clients:
        header = "id,name,aliases,kind,country,parent_id,lei,relationship,ended\n"
        clientlists.replace_client_list(None, record, clientlists.parse_client_csv((header + clients).encode()))
    return record


def firm_member(of: LawFirm | None = None, **fields) -> User:
    return user("firm", firm=of or firm(), **fields)


def offer(of: LawFirm, **fields) -> Offer:
    today = date.today()
    values = dict(
        title="Pro bono defence", jurisdictions=["HN", "GT"], languages=["es", "en"],
        practice_areas=["defamation", "criminal_defence"], help_kinds=["representation", "advice"],
        capacity=2, emergency=True, valid_from=today - timedelta(days=1), valid_until=today + timedelta(days=90),
    )
    values.update(fields)
    record = Offer(firm=of, **values)
    db.session.add(record)
    db.session.flush()
    return record


def fund(**fields) -> LegalAidFund:
    values = dict(name="Emergency Fund", run_by="A foundation", countries=[], defender_kinds=[],
                  covers=["local_lawyer_funding", "bail"], max_amount=5000, currency="USD", turnaround_days=3)
    values.update(fields)
    record = LegalAidFund(**values)
    db.session.add(record)
    db.session.flush()
    return record


def need(owner: User, parties=("Minera Andina S.A.",), state: str = "draft", **fields) -> Need:
    """A need, moved through the workflow to ``state`` (draft, submitted or verified)."""
    values = dict(
        threat="slapp", country="HN", languages=["es"], help_wanted=["representation"],
        practice_areas=["defamation"], urgency="urgent", summary="Sued for denouncing a mine.",
        details="Hearing on the 12th at the district court.", consent_share_summary=True,
    )
    values.update(fields)
    record = Need(defender=owner.defender, created_by_id=owner.id, **values)
    record.parties = [AdverseParty(name=name) for name in parties]
    db.session.add(record)
    db.session.flush()
    if state in ("submitted", "verified"):
        workflow.submit_need(owner, record)
    if state == "verified":
        workflow.verify_need(coordinator(), record)
    db.session.commit()
    return record
