"""``flask demo scale``: a generated world, made small here, that the pages then serve."""

from sqlalchemy import func, select

from matcher import demo
from matcher.extensions import db
from matcher.models import ClientEntry, ConflictCheck, LawFirm, LegalAidFund, Match, Need, Offer, User

SMALL = ["demo", "scale", "--needs", "20", "--firms", "5", "--offers", "12", "--funds", "3", "--clients", "50"]


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _scale(app, *extra):
    return app.test_cli_runner().invoke(args=[*SMALL, *extra])


def test_the_world_holds_what_was_asked_for_around_the_demo(app):
    result = _scale(app)
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert _count(Need) == 20 + 1  # the demo's own need too
    assert _count(LawFirm) == 5 + 2
    assert _count(Offer) == 12 + 2
    assert _count(LegalAidFund) == 3 + 1
    assert _count(ClientEntry) == 50 + 4
    assert _count(User, User.role == "firm") >= 5 + 2
    screened = _count(Need, Need.state.in_(("submitted", "verified", "proposed", "accepted", "matched")))
    assert _count(ConflictCheck) == screened * 7


def test_capacity_held_by_matches_is_counted_on_their_offers(app):
    _scale(app)
    for offer in db.session.scalars(select(Offer)):
        held = _count(Match, Match.offer_id == offer.id, Match.state.in_(("accepted", "active")))
        assert offer.capacity_used == held <= offer.capacity


def test_the_same_seed_makes_the_same_world(app):
    _scale(app)
    first = db.session.execute(select(Need.state, Need.threat, Need.country).order_by(Need.id)).all()
    again = _scale(app, "--replace")
    assert again.exit_code == 0, again.output
    db.session.expire_all()
    assert db.session.execute(select(Need.state, Need.threat, Need.country).order_by(Need.id)).all() == first


def test_a_database_that_holds_data_is_refused_unless_asked_to_replace_it(app):
    app.test_cli_runner().invoke(args=["seed-demo"])
    result = _scale(app)
    assert result.exit_code != 0 and "--replace" in result.output
    assert _count(Need) == 1


def test_every_audience_reads_its_pages_over_the_generated_world(app, web):
    _scale(app)
    need = db.session.scalar(select(Need).where(Need.state == "verified").order_by(Need.id).limit(1))
    firm = db.session.scalar(select(LawFirm).where(LawFirm.name.like("% 0")))
    signed_in = [
        ("coordinator@demo.example", ["/coordinator/", f"/coordinator/needs/{need.id}", "/coordinator/reviews"]),
        (f"firm{firm.id}.member0@scale.example", ["/firm/"]),
        ("defender0@scale.example", ["/defender/"]),
    ]
    for email, pages in signed_in:
        web.login(email, password=demo.PASSWORD)
        for page in pages:
            assert web.get(page).status_code == 200, page
        web.logout()
