"""The demo content, loaded once for every test of this package.

Loading it takes about half a minute, most of it the renditions each published article's
images get, so it is loaded once per test process for the whole package rather than once
per module.
"""

import io
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

import pytest

from ..commits import Commit

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Refuse a test here that commits: it would run inside the demo's open transaction,
    and its commits and the live server's reads would silently go wrong."""
    for item in items:
        if not item.path.is_relative_to(HERE):
            continue
        marker = item.get_closest_marker("django_db")
        if (marker and marker.kwargs.get("transaction")) or {
            "transactional_db",
            "live_server",
        } & set(item.fixturenames):
            raise pytest.UsageError(f"{item.nodeid} commits: it cannot share tests/demo's demo")


@pytest.fixture(scope="package")
def demo_for_package(django_db_setup, django_db_blocker):
    """The demo, loaded inside a transaction that stays open while the package's tests run
    and is rolled back after the last of them.

    Each test runs in a transaction of its own nested in it (the ``db`` fixture), so what
    one test changes is undone before the next. A test that commits (``transactional_db``,
    ``live_server``) cannot run inside it: collection refuses one in this package.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load = Commit()
        with override_settings(DEBUG=False):
            call_command("load_demo", stdout=io.StringIO())
        # The command commits: what waits for that (index refreshes, invalidation) runs.
        load.commit()
        with django_db_blocker.block():
            yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_for_package, db, settings):
    """The demo as ``manage.py load_demo`` leaves it with DEBUG off (no demo users)."""
    settings.DEBUG = False
