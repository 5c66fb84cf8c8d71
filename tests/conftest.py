import os
import shutil
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from wagtail.models import Site

import pytest

from editorial.models import HomePage

from .commits import Commit
from .factories import ArticleFactory, SectionFactory, newsroom
from .liveserver import Door
from .workflow import at, reload, schedule


class RequireAllTests:
    """In CI every test must run: a skip there (no PostgreSQL, no Chromium) is a failure."""

    def __init__(self):
        self.skipped = []

    def pytest_runtest_logreport(self, report):
        if report.skipped:
            self.skipped.append(report.nodeid)

    def pytest_sessionfinish(self, session):
        if self.skipped and session.exitstatus == 0:
            session.exitstatus = 1

    def pytest_terminal_summary(self, terminalreporter):
        for nodeid in self.skipped:
            terminalreporter.write_line(f"not allowed to skip: {nodeid}", red=True)


DB_BLOCKER = pytest.StashKey()


@pytest.fixture(autouse=True, scope="session")
def db_blocker_for_hooks(request, django_db_blocker):
    request.config.stash[DB_BLOCKER] = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Refill the database as migrations left it after a serialized-rollback test.

    Django empties the database after a transactional test and refills it only when the
    next serialized-rollback test starts. Run alone, pytest-django puts transactional tests
    last; under pytest-xdist any test may come next in the same worker.
    """
    result = yield
    marker = item.get_closest_marker("django_db")
    # After the last test the test database is already gone: nothing to refill.
    last = nextitem is None
    if (
        not last
        and marker
        and marker.kwargs.get("serialized_rollback")
        and DB_BLOCKER in item.config.stash
    ):
        with item.config.stash[DB_BLOCKER].unblock():
            db = connections[DEFAULT_DB_ALIAS]
            db.creation.deserialize_db_from_string(db._test_serialized_contents)
    return result


def pytest_configure(config):
    if os.environ.get("EDITORIAL_REQUIRE_ALL_TESTS") == "1":
        config.pluginmanager.register(RequireAllTests(), "require-all-tests")


@pytest.fixture(autouse=True, scope="session")
def test_media_root():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def live_server(live_server):
    """pytest-django's server, answering only while this test runs (see tests/liveserver.py)."""
    httpd = live_server.thread.httpd
    door = httpd.get_app()
    if not isinstance(door, Door):
        door = Door(door)
        httpd.set_app(door)
    door.open()
    yield live_server
    door.shut()


@pytest.fixture(autouse=True)
def commit_between_requests(request):
    """Run what waits for a commit (``transaction.on_commit``) before each request.

    A test runs in one transaction that never commits, so invalidation and index refreshes,
    which wait for the commit, would never happen. In production every request commits
    before the reader's next one arrives; this does the same between the test's requests.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional or not (marker or "db" in request.fixturenames):
        yield
        return
    committer = Commit()
    request_started.connect(committer.commit, dispatch_uid="tests_commit_between_requests")
    try:
        yield committer
    finally:
        request_started.disconnect(dispatch_uid="tests_commit_between_requests")
        committer.commit()


def counted_after_a_commit(count, committer):
    """Query counts that start with a commit, as the counted request would in production.

    What the test's setup left waiting for the commit (index refreshes, invalidation) ran
    when that setup's transaction committed, not in the request being counted.
    """

    @contextmanager
    def counted(*args, **kwargs):
        if committer:
            committer.commit()
        with count(*args, **kwargs) as captured:
            yield captured

    return counted


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries, commit_between_requests):
    return counted_after_a_commit(django_assert_num_queries, commit_between_requests)


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries, commit_between_requests):
    return counted_after_a_commit(django_assert_max_num_queries, commit_between_requests)


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    """Redis as the cache backend, as in production, under a key prefix of this test's own."""
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"needs Redis at {TEST_REDIS_URL} (set TEST_REDIS_URL)")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "editorial.pagecache.redis.RedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    yield
    stale = list(client.scan_iter(match=f"{prefix}:*"))
    if stale:
        client.delete(*stale)
    client.close()


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def home(db):
    """The HomePage that the data migration makes the default site's root."""
    return HomePage.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)


@pytest.fixture
def section(home):
    return SectionFactory(parent=home, title="Networking", slug="networking")


@pytest.fixture
def users(db):
    """One user for each of ``factories.ROLES``, keyed by role."""
    return newsroom()


@pytest.fixture
def careers(home):
    """A second section, beside ``section``."""
    return SectionFactory(parent=home, title="Careers", slug="careers")


@pytest.fixture
def cast(section, users):
    """Everyone in the newsroom (``users``), ``section``, and a complete article by "author"
    (it passes the pre-publication checklist) that is scheduled to go live in three days.

    Modules that need more (assignments, an article in review) extend it under its name.
    """
    article = ArticleFactory(
        parent=section,
        title="Planned piece",
        writer=users["author"],
        tags=["planning"],
        ready=True,
        live=False,
    )
    schedule(article, at(timezone.localdate() + timedelta(days=3)))
    return {**users, "section": section, "article": reload(article)}
