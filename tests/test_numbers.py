"""Numbers and money are written the reader's way, by Babel: "5.000 US$" in Spanish, "US$ 5.000" in Portuguese."""

from matcher.extensions import db
from tests import factories


def _coordinator_reading(web, language: str):
    coordinator = factories.coordinator()
    db.session.commit()
    web.login(coordinator)
    web.post("/language", {"language": language, "next": "/coordinator/"})
    return coordinator


def test_a_funds_ceiling_is_written_in_the_readers_currency_format(web):
    factories.fund(max_amount=12500, currency="EUR")
    _coordinator_reading(web, "es")

    page = web.get("/coordinator/funds").get_data(as_text=True)

    assert "12.500\xa0€" in page and "12500" not in page


def test_the_amount_a_need_asks_and_the_scores_follow_the_readers_language(web):
    owner = factories.defender()
    need = factories.need(owner, state="verified", amount_needed=3000, currency="USD",
                          help_wanted=["representation", "local_lawyer_funding"])
    factories.offer(factories.firm())
    factories.fund()
    _coordinator_reading(web, "pt")

    page = web.get(f"/coordinator/needs/{need.id}").get_data(as_text=True)

    assert "US$\xa03.000" in page
    scores = [cell for cell in page.split("<td>")[1:] if cell[:1] == "0" and cell[1:2] in ".,"]
    assert scores and all(cell[1] == "," for cell in scores)
