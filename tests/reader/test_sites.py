"""The request's Wagtail site comes from the cached sites, chosen as Wagtail chooses it."""

import itertools

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

import pytest

from editorial.reader.sites import SITES_KEY, all_sites, matching_site

from ..factories import ArticleFactory, SectionFactory

HOSTS = ["localhost", "news.test", "other.test", "unknown.test"]
PORTS = [80, 443, 8000]


def wagtails_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "extra_sites",
    [
        [],
        [("news.test", 80, False)],
        [("news.test", 80, False), ("news.test", 443, False)],
        [("news.test", 80, False), ("other.test", 8000, False), ("other.test", 443, False)],
    ],
    ids=["default-only", "one-named", "named-twice", "several"],
)
@pytest.mark.parametrize("with_default", [True, False], ids=["default", "no-default"])
def test_each_host_and_port_gets_the_site_wagtail_gives_it(home, extra_sites, with_default):
    section = SectionFactory(parent=home)
    for hostname, port, default in extra_sites:
        Site.objects.create(
            hostname=hostname, port=port, root_page=section, is_default_site=default
        )
    if not with_default:
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
    sites = list(Site.objects.select_related("root_page"))

    chosen = {
        (hostname, port): getattr(matching_site(sites, hostname, port), "pk", None)
        for hostname, port in itertools.product(HOSTS, PORTS)
    }

    assert chosen == {
        (hostname, port): getattr(wagtails_choice(hostname, port), "pk", None)
        for hostname, port in itertools.product(HOSTS, PORTS)
    }


@pytest.fixture
def news_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "news.test"]


@pytest.mark.django_db
def test_a_site_saved_or_deleted_answers_the_next_request(
    client, home, news_host, without_page_cache
):
    section = SectionFactory(parent=home)

    def served():
        return client.get("/", HTTP_HOST="news.test").context["page"].pk

    assert served() == home.pk
    assert all_sites(), "the sites are cached once a page has been served"

    site = Site.objects.create(hostname="news.test", port=80, root_page=section)
    assert served() == section.pk

    site.delete()
    assert served() == home.pk


@pytest.mark.django_db
def test_a_page_served_once_the_sites_are_cached_asks_nothing_of_them_or_their_root(
    client, home, without_page_cache
):
    """Nor of the root page's specific type: routing below it reads what the cache keeps."""
    article = ArticleFactory(parent=SectionFactory(parent=home))
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200

    asked = [query["sql"] for query in queries]
    assert not [sql for sql in asked if "wagtailcore_site" in sql or '"editorial_homepage"' in sql]


@pytest.mark.django_db
def test_the_root_page_itself_is_served_as_published_now(client, home, without_page_cache):
    client.get("/")
    assert all_sites()[0].root_page.routing_only

    home.intro = "A fresh introduction."
    home.title = "The Working Week, renamed"
    home.save_revision().publish()

    page = client.get("/").content.decode()
    assert "A fresh introduction." in page
    assert "The Working Week, renamed" in page


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["slug", "move"])
def test_a_renamed_or_moved_page_forgets_the_sites(
    home, change, django_capture_on_commit_callbacks
):
    """It may be a site's root page, whose path and address routing reads."""
    section = SectionFactory(parent=home)
    other = SectionFactory(parent=home)
    all_sites()

    with django_capture_on_commit_callbacks(execute=True):
        if change == "slug":
            section.slug = "renamed"
            section.save_revision().publish()
        else:
            ArticleFactory(parent=section).move(other, pos="last-child")

    assert cache.get(SITES_KEY) is None


@pytest.mark.django_db
def test_the_sites_are_forgotten_once_a_change_is_committed(
    home, django_capture_on_commit_callbacks
):
    """Forgotten before the commit, they could be read again, unchanged, and kept."""
    all_sites()

    with django_capture_on_commit_callbacks() as callbacks:
        Site.objects.create(hostname="news.test", port=80, root_page=home)
        assert cache.get(SITES_KEY) is not None
    for callback in callbacks:
        callback()

    assert cache.get(SITES_KEY) is None


@pytest.mark.django_db
def test_a_forwarded_port_that_is_no_number_is_refused_not_a_500(
    client, home, settings, without_page_cache
):
    """Behind a proxy trusted for its port, a malformed port is Django's 400 for a bad
    host, not a failure of the site lookup."""
    settings.USE_X_FORWARDED_PORT = True

    assert client.get("/", HTTP_X_FORWARDED_PORT="80abc").status_code == 400
    # Not for the page cache, which checks the host first: on to the site lookup.
    assert client.post("/", HTTP_X_FORWARDED_PORT="80abc").status_code == 400
    assert client.get("/", HTTP_X_FORWARDED_PORT="80").context["page"].pk == home.pk
