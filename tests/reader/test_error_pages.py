"""Error pages are friendly and never show a traceback or settings."""

from django.conf import settings
from django.test import Client

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_url_gets_the_friendly_404_page(client, home):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'action="/search/"' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.urls("tests.broken_urls")
def test_server_error_shows_the_static_500_page_without_details(home):
    assert not settings.DEBUG
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    for leak in ["hunter2", "Traceback", "RuntimeError", settings.SECRET_KEY, "DATABASES"]:
        assert leak not in html
