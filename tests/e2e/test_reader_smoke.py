"""A reader finds the seed article from the front page in a real browser."""

import os

from django.core.management import call_command

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_opens_seed_article_from_front_page(live_server, page):
    call_command("load_demo", "--no-users", stdout=open(os.devnull, "w"))  # noqa: SIM115

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Is Buying LinkedIn Connections Ethical?").click()

    page.wait_for_url("**/networking/is-buying-linkedin-connections-ethical/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Is Buying LinkedIn Connections Ethical?"
    )
    assert page.locator(".key-points__item").count() == 4
    assert page.locator(".alternatives__item").count() == 5
