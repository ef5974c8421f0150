"""The long choosers (184 languages, 250 countries and the regions): what is chosen shows ticked at
the top, the rest is folded below in the reader's language, and words typed in the box are understood."""

import re

from matcher.extensions import db
from tests import factories

BOX = re.compile(r'<input type="checkbox" name="(?P<name>[a-z_]+)" value="(?P<value>[^"]+)"(?P<checked> checked)?> '
                 r'(?P<label>[^<]+)</label>')


def _chooser(page: str, name: str) -> tuple[list[str], list[str]]:
    """The ticked values above the fold, and every value inside it."""
    block = re.search(rf'<div class="chooser" id="{name}">(.*?)</div></details></div>', page, re.S).group(1)
    above, folded = block.split("<details>")
    return ([m["value"] for m in BOX.finditer(above) if m["checked"]],
            [m["value"] for m in BOX.finditer(folded)])


def _labels(page: str, name: str) -> list[str]:
    block = re.search(rf'<div class="chooser" id="{name}">.*?<details>(.*?)</details>', page, re.S).group(1)
    return [m["label"] for m in BOX.finditer(block)]


def test_the_chosen_countries_sit_ticked_above_the_folded_rest_which_holds_each_other_once(web):
    member = factories.firm_member()
    offer = factories.offer(member.firm, jurisdictions=["HN", "GT", "419"], languages=["es", "qu"])
    db.session.commit()
    web.login(member)

    page = web.get(f"/firm/offers/{offer.id}/edit").get_data(as_text=True)

    chosen, folded = _chooser(page, "jurisdictions")
    assert chosen == ["419", "GT", "HN"]
    assert not set(chosen) & set(folded) and len(folded) == len(set(folded)) > 240
    assert "checked" not in page.split('<div class="chooser" id="jurisdictions">')[1].split("<details>")[1].split(
        "</details>")[0]
    assert _chooser(page, "languages")[0] == ["qu", "es"]  # in the order of their names: Quechua, Spanish
    assert "Choose from the full list (182)" in page


def test_with_nothing_chosen_the_whole_list_is_folded_and_named_in_the_readers_language(web):
    member = factories.firm_member()
    db.session.commit()
    web.login(member)
    web.post("/language", {"language": "es", "next": "/firm/"})

    page = web.get("/firm/offers/new").get_data(as_text=True)

    assert _chooser(page, "languages")[0] == []
    names = _labels(page, "languages")
    assert names.index("alemán") < names.index("español") < names.index("inglés")
    assert "Elegir de la lista completa" in page
    countries = _labels(page, "jurisdictions")
    assert "Alemania" in countries and "Germany" not in countries


def test_a_defender_can_write_their_languages_in_words_and_a_refused_need_keeps_them_ticked(web):
    owner = factories.defender()
    db.session.commit()
    web.login(owner)

    response = web.post("/defender/needs/new", {
        "threat": "slapp", "country": "PE", "languages-other": "quechua, español", "summary": "",
    })

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _chooser(page, "languages")[0] == ["qu", "es"]
    assert "quechua, español" in page


def test_a_word_that_is_no_language_is_refused_naming_it(web):
    owner = factories.defender()
    db.session.commit()
    web.login(owner)

    page = web.post("/defender/needs/new", {"threat": "slapp", "country": "PE", "languages-other": "klingonese"})

    assert "&#34;klingonese&#34; is not a language the platform knows" in page.get_data(as_text=True)
