"""A reader finds the seed article from the front page in a real browser."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_opens_seed_article_from_front_page(demo_site, page):
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Is Buying LinkedIn Connections Ethical?").click()

    page.wait_for_url("**/networking/is-buying-linkedin-connections-ethical/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Is Buying LinkedIn Connections Ethical?"
    )
    assert page.locator(".key-points__item").count() == 4
    assert page.locator(".alternatives__item").count() == 5
