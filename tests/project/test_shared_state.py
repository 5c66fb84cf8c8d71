"""Two app servers, one state: two gunicorn instances on different ports share PostgreSQL
and Redis, and whatever one of them does the other knows on the next request (the page
cache and its fragments, sessions, page locks, rate limits, the beacon's de-duplication
and counts).

The servers are separate processes, so the test data is committed (``transaction``).
"""

import http.cookiejar
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

from django.db import connection

from wagtail.models import Page

import pytest
import redis

from editorial.models import ArticleDailyViews

from ..conftest import TEST_REDIS_URL
from ..factories import ArticleFactory
from ..gunicorn_server import ROOT, GunicornServer, database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
# The one host name both servers are reached by, as behind a load balancer.
HOST = "localhost"


@pytest.fixture
def shared_environment():
    """What both servers (and the flush) are started with: the test database, one Redis
    under a prefix of this test's own, readers' addresses from X-Real-IP."""
    client = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"needs Redis at {TEST_REDIS_URL} (set TEST_REDIS_URL)")
    prefix = f"test-{uuid.uuid4().hex}"
    yield {
        "DJANGO_SETTINGS_MODULE": "tests.shared_state_settings",
        "REDIS_URL": TEST_REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "PASSWORD_RESET_REQUESTS": "2",
    }
    stale = list(client.scan_iter(match=f"{prefix}:*"))
    if stale:
        client.delete(*stale)
    client.close()


class Browser:
    """A reader or an editor: one cookie jar, whichever server it talks to, always by the
    site's one host name."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, url, data=None, headers=None):
        """``(status, headers, text)``, an error status included; redirects are followed
        and ``last_url`` is where they ended."""
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(  # noqa: S310 (our own servers on loopback)
            url, data=body, headers={"User-Agent": BROWSER, "Host": HOST, **(headers or {})}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                self.last_url = response.geturl()
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            self.last_url = error.geturl()
            return error.code, error.headers, error.read().decode()

    def csrf_token(self, url):
        """The CSRF token of the form at ``url``."""
        _, _, html = self.request(url)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def sign_in(self, server, username):
        token = self.csrf_token(f"{server.url}/admin/login/")
        self.request(
            f"{server.url}/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": "pw"},
        )
        assert self.last_url == f"{server.url}/admin/", "sign-in failed"


def test_two_app_servers_share_one_state(postgres, section, users, shared_environment):
    article = ArticleFactory(parent=section, title="Shared story")
    draft = ArticleFactory(parent=section, title="Fresh from the desk", live=False)
    url = database_url(connection.settings_dict)
    reader, editor, stranger = Browser(), Browser(), Browser()

    with (
        GunicornServer(url, workers=2, **shared_environment) as first,
        GunicornServer(url, workers=2, **shared_environment) as second,
    ):
        # The page cache and its fragments: stored by one, served by the other.
        assert reader.request(f"{first.url}/")[0] == 200
        status, headers, html = reader.request(f"{second.url}/")
        assert (status, headers["X-Cache"]) == (200, "hit")
        assert "Fresh from the desk" not in html
        assert reader.request(f"{second.url}{draft.url}")[0] == 404

        # A session made by one is good on the other.
        editor.sign_in(first, users["admin"].username)
        assert editor.request(f"{second.url}/admin/")[0] == 200
        assert editor.last_url == f"{second.url}/admin/"

        # A publication through one is visible through the other on the next request,
        # in the "Latest" fragment of a page the other had cached.
        token = editor.csrf_token(f"{first.url}/admin/pages/{section.pk}/")
        publish = f"{first.url}/admin/bulk/wagtailcore/page/publish/?id={draft.pk}&next=/admin/"
        editor.request(publish, {"csrfmiddlewaretoken": token, "include_descendants": ""})
        assert reader.request(f"{second.url}{draft.url}")[0] == 200
        status, headers, html = reader.request(f"{second.url}/")
        assert headers["X-Cache"] == "miss" and "Fresh from the desk" in html

        # A page locked through one is locked for the other, which can release it.
        token = editor.csrf_token(f"{first.url}/admin/pages/{section.pk}/")
        editor.request(
            f"{first.url}/admin/pages/{article.pk}/lock/", {"csrfmiddlewaretoken": token}
        )
        assert Page.objects.get(pk=article.pk).locked
        token = editor.csrf_token(f"{second.url}/admin/pages/{section.pk}/")
        editor.request(
            f"{second.url}/admin/pages/{article.pk}/unlock/", {"csrfmiddlewaretoken": token}
        )
        assert not Page.objects.get(pk=article.pk).locked

        # Rate limits count on both: two password reset requests, then 429 on the other.
        for _ in range(2):
            token = stranger.csrf_token(f"{first.url}/admin/password_reset/")
            status, _, _ = stranger.request(
                f"{first.url}/admin/password_reset/",
                {"csrfmiddlewaretoken": token, "email": "nobody@example.com"},
            )
            assert status in (200, 302)
        token = stranger.csrf_token(f"{second.url}/admin/login/")
        status, _, _ = stranger.request(
            f"{second.url}/admin/password_reset/",
            {"csrfmiddlewaretoken": token, "email": "nobody@example.com"},
        )
        assert status == 429

        # One reader's beacons through both count once; the other's count too.
        beacon = f"page={article.pk}".encode()
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        for server, address in [(first, "10.1.1.1"), (second, "10.1.1.1"), (second, "10.2.2.2")]:
            status, _, _ = reader.request(
                f"{server.url}/views/", beacon, {**form, "X-Real-IP": address}
            )
            assert status == 204

    flush = subprocess.run(  # noqa: S603 (our own command)
        [sys.executable, "manage.py", "flush_view_counts"],
        cwd=ROOT,
        env={**first.env, **shared_environment},
        capture_output=True,
        text=True,
        check=True,
    )
    assert flush.stdout.startswith("Flushed 2 views"), flush.stdout
    assert ArticleDailyViews.objects.get(article=article).views == 2
