"""The offers' index gives, for any need, what the hard filters give offer by offer."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.matching.engine import NeedProfile, OfferProfile, rank
from matcher.matching.engine.filters import offer_filter
from matcher.matching.engine.offers import Offers

TODAY = date(2026, 12, 3)
COUNTRIES, LANGUAGES, HELP = ("HN", "GT", "PE"), ("es", "en", "fr"), ("representation", "advice", "bail")
FIRMS = ("f1", "f2", "f3", "f4")
DAYS = st.one_of(st.none(), st.dates(date(2026, 11, 1), date(2027, 1, 31)))


def _codes(values):
    return st.frozensets(st.sampled_from(values))


OFFERS = st.lists(st.builds(
    OfferProfile, id=st.just(""), firm_id=st.sampled_from(FIRMS), jurisdictions=_codes(COUNTRIES),
    languages=_codes(LANGUAGES), practice_areas=st.just(frozenset()), help_kinds=_codes(HELP),
    capacity_left=st.integers(-1, 2), emergency=st.booleans(), valid_from=DAYS, valid_until=DAYS,
    firm_country=st.sampled_from(("", *COUNTRIES, "ES")), offices=_codes(COUNTRIES),
    works_with_local_counsel=st.booleans(),
), max_size=30)
NEEDS = st.builds(
    NeedProfile, id=st.just("n"), country=st.sampled_from(COUNTRIES), languages=_codes(LANGUAGES),
    help_wanted=_codes(HELP), practice_areas=st.just(frozenset()),
    urgency=st.sampled_from(("emergency", "urgent", "standard")),
    conflicted_firms=_codes(FIRMS), unscreened_firms=_codes(FIRMS), needs_local_counsel=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(offers=OFFERS, needs=st.lists(NEEDS, min_size=1, max_size=3), today=st.dates(date(2026, 11, 1),
                                                                                       date(2027, 1, 31)))
def test_the_index_removes_each_offer_by_the_filter_and_reason_that_checking_it_alone_gives(offers, needs, today):
    offers = [OfferProfile(**{**vars(offer), "id": f"o{number}"}) for number, offer in enumerate(offers)]
    index = Offers(offers)
    for need in needs:  # one index serves need after need, as the app's does
        ranking = rank(need, index, (), today)
        alone = [(offer, offer_filter(need, offer, today)) for offer in offers]
        assert ranking.excluded_rows == [("offer", offer.id, removed[1], removed[0])
                                         for offer, removed in alone if removed]
        assert sorted(c.id for c in ranking.candidates) == sorted(offer.id for offer, removed in alone if not removed)


def test_what_stands_for_every_need_is_worked_out_again_the_next_day():
    offer = OfferProfile(id="o1", firm_id="f1", jurisdictions=frozenset({"HN"}), languages=frozenset({"es"}),
                         practice_areas=frozenset(), help_kinds=frozenset({"advice"}), capacity_left=1,
                         emergency=False, valid_until=TODAY)
    need = NeedProfile(id="n", country="HN", languages=frozenset({"es"}), help_wanted=frozenset({"advice"}),
                       practice_areas=frozenset())
    index = Offers([offer])
    assert [c.id for c in rank(need, index, (), TODAY).candidates] == ["o1"]
    assert [row[3] for row in rank(need, index, (), date(2026, 12, 4)).excluded_rows] == ["validity"]


@settings(max_examples=200, deadline=None)
@given(offers=OFFERS, changed=OFFERS, need=NEEDS, today=st.dates(date(2026, 11, 1), date(2027, 1, 31)),
       ranked_before=st.booleans())
def test_an_index_with_some_offers_replaced_or_added_ranks_as_one_made_afresh(offers, changed, need, today,
                                                                                ranked_before):
    offers = [OfferProfile(**{**vars(offer), "id": f"o{number}"}) for number, offer in enumerate(offers)]
    # Changed offers take the ids of offers there (replaced) or after them (added).
    changed = list({f"o{number * 2}": OfferProfile(**{**vars(offer), "id": f"o{number * 2}"})
                    for number, offer in enumerate(changed)}.values())
    index = Offers(offers)
    if ranked_before:  # what stands for the day was already worked out, and must follow the change
        rank(need, index, (), today)
    before = rank(need, index, (), today)
    replaced = index.replacing(changed)
    afresh = {offer.id: offer for offer in offers} | {offer.id: offer for offer in changed}
    there = {offer.id for offer in offers}
    expected = [afresh[offer.id] for offer in offers] + [offer for offer in changed if offer.id not in there]
    assert list(replaced) == expected
    assert rank(need, replaced, (), today) == rank(need, Offers(expected), (), today)
    assert rank(need, index, (), today) == before  # the index it was made from is left as it was
