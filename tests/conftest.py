import os
import shutil

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from wagtail.models import Site

import pytest

from editorial.models import HomePage

from .factories import SectionFactory


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


def pytest_configure(config):
    if os.environ.get("EDITORIAL_REQUIRE_ALL_TESTS") == "1":
        config.pluginmanager.register(RequireAllTests(), "require-all-tests")


@pytest.fixture(autouse=True, scope="session")
def test_media_root():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def serialized_contents_on_every_connection(django_db_setup):
    """Browser tests restore the migration-made data (home page, site, groups) with
    ``serialized_rollback``, from contents Django keeps on the connection wrapper. After
    other tests this thread can be handed a fresh wrapper without them, and the next
    browser test would start on an empty database; kept on the class, every wrapper has
    them."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    contents = getattr(wrapper, "_test_serialized_contents", None)
    if contents is not None:
        type(wrapper)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()


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
