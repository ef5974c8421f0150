"""Who may post which action: every state-changing route, as every role, on another tenant's records.

A role that is not the route's answers 403 (anonymous visitors are sent to sign in); the
route's own role answers 404 for a record of another defender or another firm. Whatever
was refused, nothing in the world changed: the states of every need, match, offer,
invitation and account are compared before and after.
"""

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Invitation, LawFirm, Match, Need, Offer, User
from tests import factories
from tests.test_access_matrix import LOGIN, ROLES, world  # noqa: F401  (the shared world of two tenants)

# path template, form data, the role whose pages the route belongs to ("staff": coordinators and admins).
ACTIONS = (
    ("/defender/needs/{other_need}/edit", {"summary": "changed"}, "defender"),
    ("/defender/needs/{other_need}/submit", {}, "defender"),
    ("/defender/needs/{other_need}/withdraw", {"note": "not mine"}, "defender"),
    ("/defender/matches/{other_match}/consent", {}, "defender"),
    ("/defender/matches/{other_match}/refuse", {"note": "not mine"}, "defender"),
    ("/defender/matches/{other_match}/helped", {"helped{other_match}-helped": "did_not_help"}, "defender"),
    ("/firm/matters/{other_match}/accept", {}, "firm"),
    ("/firm/matters/{other_match}/decline", {"reason": "not ours"}, "firm"),
    ("/firm/matters/{other_match}/close", {"hours": "3", "started_on": "2026-01-05", "ended_on": "2026-01-06",
                                            "outcome": "settled", "confirmed": "yes"}, "firm"),
    ("/firm/offers/{other_offer}/edit", {"title": "taken over"}, "firm"),
    ("/firm/offers/{other_offer}/end", {}, "firm"),
    ("/firm/offers/{other_offer}/delete", {}, "firm"),
    ("/firm/invitations/{other_invitation}/revoke", {}, "firm"),
    ("/firm/members/{other_member}/remove", {}, "firm"),
    ("/coordinator/needs/{draft}/submit", {}, "staff"),
    ("/coordinator/needs/{draft}/withdraw", {"withdraw-note": "asked"}, "staff"),
    ("/coordinator/needs/{other_need}/triage", {"triage-action": "reject", "triage-note": "no"}, "staff-only"),
    ("/coordinator/needs/{other_need}/submit", {}, "staff-only"),
    ("/coordinator/needs/{other_need}/propose-several", {"several-offers": "{own_offer}"}, "staff-only"),
    ("/coordinator/needs/{other_need}/on-silence", {"silence-choice": "propose"}, "staff-only"),
    ("/coordinator/matches/{other_match}/accept", {}, "staff-only"),
    ("/coordinator/matches/{other_match}/confirm", {}, "staff-only"),
    ("/coordinator/matches/{other_match}/refuse", {"m{other_match}-note": "x"}, "staff-only"),
    ("/coordinator/matches/{other_match}/complete", {"m{other_match}-amount": "1", "m{other_match}-currency": "USD"},
     "staff-only"),
    ("/coordinator/needs/{other_need}/hits/1/decide", {"decision": "cleared", "note": "x"}, "staff-only"),
    ("/coordinator/firms/{other_firm}/verify", {}, "staff-only"),
    ("/coordinator/relations/upload", {}, "staff-only"),
    ("/coordinator/funds/new", {}, "staff-only"),
    ("/coordinator/funds/{fund}/edit", {}, "staff-only"),
    ("/coordinator/intake", {}, "staff-only"),
    ("/admin/accounts/{a_coordinator}/disable", {}, "admin-only"),
    ("/admin/accounts/{a_coordinator}/reset-factor", {}, "admin-only"),
    ("/admin/accounts/{a_coordinator}/role", {"role": "admin"}, "admin-only"),
)
# The roles each owner stands for.
OWNERS = {"defender": ("defender",), "firm": ("firm",), "staff": ("coordinator", "admin"),
          "staff-only": ("coordinator", "admin"), "admin-only": ("admin",)}


def _expected(owner: str, role: str) -> int | None:
    """What ``role`` must get; None where the role may act (its own tests say what happens then)."""
    if role == "anonymous":
        return LOGIN
    if role not in OWNERS[owner]:
        return 403
    return 404 if owner in ("defender", "firm", "staff") else None


def _fingerprint() -> list:
    """The states the refused requests must leave as they were."""
    return [
        sorted(db.session.execute(select(Need.id, Need.state, Need.on_silence)).tuples()),
        sorted(db.session.execute(select(Match.id, Match.state, Match.helped, Match.outcome)).tuples()),
        sorted(db.session.execute(select(Offer.id, Offer.title, Offer.capacity_used, Offer.valid_until)).tuples()),
        sorted(db.session.execute(select(Invitation.id, Invitation.revoked_at)).tuples()),
        sorted(db.session.execute(select(User.id, User.role, User.firm_id, User.is_disabled,
                                         User.totp_secret)).tuples()),
        sorted(db.session.execute(select(LawFirm.id, LawFirm.verified)).tuples()),
    ]


@pytest.fixture
def tenants(world):  # noqa: F811  (the imported fixture is the one used)
    users, ids = world
    other_offer = db.session.get(Offer, ids["other_offer"])
    other_member = factories.firm_member(of=other_offer.firm)
    invitation = Invitation(firm_id=other_offer.firm_id, email="invited@example.org", invited_by_id=other_member.id)
    db.session.add(invitation)
    db.session.commit()
    ids = {**ids, "other_firm": other_offer.firm_id, "other_member": other_member.id,
           "other_invitation": invitation.id}
    return users, ids


@pytest.mark.parametrize("role", ROLES)
def test_every_action_refuses_whoever_may_not_make_it(web, tenants, role):
    users, ids = tenants
    if role != "anonymous":
        web.login(users[role])
    before = _fingerprint()
    expected, actual = {}, {}
    for template, data, owner in ACTIONS:
        wanted = _expected(owner, role)
        if wanted is None:
            continue
        form = {key.format_map(ids): value.format_map(ids) for key, value in data.items()}
        path = template.format_map(ids)
        expected[path], actual[path] = wanted, web.post(path, form).status_code
    db.session.expire_all()
    assert actual == expected
    assert _fingerprint() == before, "a refused request changed nothing"
