"""The view beacon's two paths, for tests that must hold on both.

``database``: no Redis, Django's view stores each view at once (the SQLite demo).
``redis``: Redis as the cache, every beacon through ``config/wsgi.py``'s handler in front
of Django, views stored by the flush.
"""

from django.test import RequestFactory
from django.test.client import ClientHandler
from django.urls import reverse

import pytest

from editorial.models import ArticleDailyViews
from editorial.reader.beacon import BeaconApplication
from editorial.readership.counting import flush_view_counts

from ..factories import ArticleFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Firefox/140.0"
URL = reverse("editorial:views")
FORM = "application/x-www-form-urlencoded"
READER = "203.0.113.7"


class DjangoApplication:
    """Django through the test client's handler, as the WSGI application behind the
    beacon's handler; ``calls`` counts the requests that reached it."""

    def __init__(self):
        self.handler = ClientHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        response = self.handler(environ)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]


class Beacons:
    """Beacons through the handler in front of Django. ``committer`` (the
    ``commit_between_requests`` fixture) commits before each, as Django's own requests
    do in tests: the handler in front does not start a Django request."""

    def __init__(self, path, committer=None):
        self.path = path
        self.committer = committer
        self.django = DjangoApplication()
        self.application = BeaconApplication(self.django)

    def send(
        self, page_id, address=READER, user_agent=BROWSER, body=None, content_type=FORM, **headers
    ):
        """Post a beacon from ``address``; the answer's status code (its headers in
        ``self.headers``)."""
        meta = {"REMOTE_ADDR": address, "HTTP_USER_AGENT": user_agent, **headers}
        data = body if body is not None else f"page={page_id}"
        if self.committer:
            self.committer.commit()
        environ = RequestFactory().generic("POST", URL, data, content_type, **meta).environ
        answers = []
        self.application(environ, lambda status, headers: answers.append((status, headers)))
        status, self.headers = answers[0][0], dict(answers[0][1])
        return int(status[:3])

    def views(self, article):
        """The article's stored views, after a flush where views wait in Redis."""
        flush_view_counts()
        rows = ArticleDailyViews.objects.filter(article=article)
        return sum(rows.values_list("views", flat=True))


@pytest.fixture(params=["database", "redis"])
def beacons(request, commit_between_requests):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return Beacons(request.param, commit_between_requests)


@pytest.fixture
def article(section):
    return ArticleFactory(parent=section)
