"""The header's section navigation: cached outside page routes, never stale."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from ..factories import SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]


def nav_of(response):
    html = response.content.decode()
    return html[html.index('<nav class="section-nav"') : html.index("</nav>")]


def test_search_pages_reuse_the_cached_navigation_without_a_query(client, section):
    client.get("/search/", {"q": "first"})

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": "second"})

    assert 'href="/networking/">Networking</a>' in nav_of(response)
    assert not [query for query in captured if "wagtailcore_site" in query["sql"]]
    assert not [query for query in captured if "editorial_sectionpage" in query["sql"]]


def test_a_new_section_joins_the_cached_navigation_at_once(client, home, section):
    assert "Careers" not in nav_of(client.get("/search/", {"q": "first"}))

    SectionFactory(parent=home, title="Careers", slug="careers")

    assert 'href="/careers/">Careers</a>' in nav_of(client.get("/search/", {"q": "second"}))


def test_a_restricted_section_leaves_the_cached_navigation_at_once(client, home, section):
    members = SectionFactory(parent=home, title="Members", slug="members")
    assert "Members" in nav_of(client.get("/search/", {"q": "first"}))

    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)

    nav = nav_of(client.get("/search/", {"q": "second"}))
    assert "Members" not in nav
    assert "Networking" in nav


def test_the_current_section_is_marked_in_its_navigation(client, section):
    assert 'href="/networking/" aria-current="page">Networking</a>' in nav_of(
        client.get(section.url)
    )
