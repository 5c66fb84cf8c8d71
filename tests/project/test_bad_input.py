"""Malformed and extreme input to public URLs gets a clear answer, never a server error."""

from django.test import Client

import pytest

from editorial.models import ArticleDailyViews, ArticlePage

from ..factories import ArticleFactory, AuthorFactory

PAGINATION_VALUES = ["0", "-1", "abc", "1e3", "12345678901234567890", "", "1.5", "%00", "２"]
ODD_QUERY_STRINGS = [
    "page=1&page=2",
    "page__gte=1",
    "id__in=1,2",
    "order_by=-pk",
    "q=" + "x" * 10_000,
    "a=%00b",
    "page=%FF%FE",
    "__proto__=1",
]
ODD_PATH_SUFFIXES = [
    "%00/",
    "%FF/",
    "../../etc/passwd",
    "é" * 300 + "/",
    "x" * 5_000 + "/",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
ACCEPT_HEADERS = ["application/json", "*/*;q=abc", "text/html;level=" + "9" * 500, "\x00", ""]


@pytest.fixture
def site_urls(section):
    """Every public URL pattern, with content so that each answers 200 to a plain GET."""
    author = AuthorFactory(name="Tomás Lindqvist")
    article = ArticleFactory(parent=section, authors=[author], tags=["résumé", "ethics"])
    feeds = ["", f"sections/{section.slug}/", "tags/résumé/", f"authors/{author.slug}/"]
    return [
        "/",
        section.url,
        article.url,
        "/tags/ethics/",
        "/tags/résumé/",
        author.get_url(),
        "/search/",
        "/sitemap.xml",
        "/robots.txt",
        *(f"/feeds/{feed}{kind}/" for feed in feeds for kind in ("rss", "atom")),
    ]


def assert_no_server_error(response, description):
    assert response.status_code < 500, f"{description}: {response.status_code}"


@pytest.mark.django_db
def test_pagination_values(client, site_urls):
    for url in site_urls:
        for value in PAGINATION_VALUES:
            assert_no_server_error(client.get(url, {"page": value}), f"{url}?page={value}")


@pytest.mark.django_db
def test_odd_query_strings(client, site_urls):
    for url in site_urls:
        for query in ODD_QUERY_STRINGS:
            assert_no_server_error(client.get(f"{url}?{query}"), f"{url}?{query[:40]}")


@pytest.mark.django_db
def test_odd_paths(client, site_urls):
    for url in site_urls + ["/tags/", "/authors/"]:
        for suffix in ODD_PATH_SUFFIXES:
            response = client.get(url + suffix)
            assert_no_server_error(response, f"{url}{suffix[:30]}")


@pytest.mark.django_db
def test_nul_bytes_get_a_clear_400(client, site_urls):
    for url in site_urls:
        assert client.get(url + "%00/").status_code == 400
        assert client.get(url, {"page": "1\x00"}).status_code == 400
    assert client.get("/tags/%00/").status_code == 400
    assert client.get("/authors/%00/").status_code == 400


@pytest.mark.django_db
def test_every_http_method_stores_nothing(site_urls):
    client = Client(enforce_csrf_checks=True)
    before = ArticlePage.objects.count()
    for url in site_urls:
        for method in METHODS:
            response = client.generic(method, url, data=b"x" * 1000, content_type="text/plain")
            assert_no_server_error(response, f"{method} {url}")
    assert ArticlePage.objects.count() == before


@pytest.mark.django_db
def test_odd_accept_headers(client, site_urls):
    for url in site_urls:
        for accept in ACCEPT_HEADERS:
            assert_no_server_error(client.get(url, HTTP_ACCEPT=accept), f"{url} Accept {accept!r}")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["sections", "tags", "authors"])
def test_feeds_of_unknown_or_extreme_slugs_are_404(client, site_urls, kind):
    for slug in ["unknown", "é" * 300, "x" * 5_000, "%FF", "résumé%00", "a%2Fb", "..", "𝔘"]:
        for feed_format in ("rss", "atom"):
            url = f"/feeds/{kind}/{slug}/{feed_format}/"
            assert client.get(url).status_code in (400, 404), url[:60]


# The beacon's form field and what a careless or hostile client sends instead.
BEACON_BODIES = [
    ("application/x-www-form-urlencoded", b"page=1&page=2"),
    ("application/x-www-form-urlencoded", b"page=%00"),
    ("application/x-www-form-urlencoded", b"page__in=1,2"),
    ("application/x-www-form-urlencoded", b"page=" + b"9" * 20),
    ("application/x-www-form-urlencoded", b"%FF%FE=%FF"),
    ("application/json", b'{"page": '),
    ("application/json", b"[]"),
    ("multipart/form-data; boundary=x", b"--x\r\nbroken"),
    ("text/plain", b"\x00" * 100),
    ("application/x-www-form-urlencoded", b"page=1&pad=" + b"x" * 100_000),
]


@pytest.mark.django_db
def test_the_view_beacon_refuses_bad_input_and_stores_nothing(site_urls):
    client = Client()
    cases = [(method, *body, "*/*") for method in METHODS for body in BEACON_BODIES]
    cases += [("POST", *BEACON_BODIES[0], accept) for accept in ACCEPT_HEADERS]
    for method, content_type, body, accept in cases:
        response = client.generic(
            method,
            "/views/",
            data=body,
            content_type=content_type,
            HTTP_USER_AGENT="Mozilla/5.0",
            HTTP_ACCEPT=accept,
        )
        description = f"{method} {content_type} {body[:20]!r} Accept {accept[:10]!r}"
        assert 400 <= response.status_code < 500, description
    # A well-formed beacon for a live article, but with a Content-Length that is no number.
    body = f"page={ArticlePage.objects.get().pk}".encode()
    form = "application/x-www-form-urlencoded"
    lying = client.post("/views/", body, content_type=form, CONTENT_LENGTH="abc")
    assert lying.status_code == 400
    assert not ArticleDailyViews.objects.exists()
