"""Light enough for a cheap phone on a slow line: every page, with its stylesheet and script, under 100 KB
in each of the four languages (the longest wording decides)."""

import re

import pytest

from tests.pages import PAGES, PUBLIC, small_world

BUDGET = 100_000
LANGUAGES = ("en", "es", "fr", "pt")


def _weight(web, path: str) -> int:
    page = web.get(path)
    assert page.status_code == 200, path
    html = page.get_data()
    assets = re.findall(rb'(?:href|src)="(/static/[^"?]+)', html)
    return len(html) + sum(len(web.get(asset.decode()).get_data()) for asset in set(assets))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_with_its_css_and_script_is_under_100_kb(web, language):
    world = small_world()
    weights = {}
    web.post("/language", {"language": language})
    for path in PUBLIC:
        weights[path] = _weight(web, path)
    for role, paths in PAGES.items():
        web.login(world[role])
        web.post("/language", {"language": language})  # the account's choice outranks the session's
        for template in paths:
            path = template.format(**world)
            weights[path] = _weight(web, path)
        web.post("/account/logout")

    assert {path: size for path, size in weights.items() if size >= BUDGET} == {}
    assert len(weights) == len(PUBLIC) + sum(map(len, PAGES.values()))
