from tests import factories


def test_front_page_invites_defenders_and_firms(web):
    page = web.get("/").get_data(as_text=True)
    assert "Ask for legal help" in page
    assert "Register your firm" in page


def test_a_coordinator_signs_in_and_reaches_the_dashboard(web, app):
    account = factories.coordinator()
    from matcher.extensions import db

    db.session.commit()
    response = web.login(account)
    assert response.headers["Location"].endswith("/")
    assert web.get("/", follow_redirects=True).status_code == 200
