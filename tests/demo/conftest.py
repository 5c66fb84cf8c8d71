"""The demo content, loaded once for every test of this package.

Loading it takes about half a minute, most of it the renditions each published article's
images get, so it is loaded once per test process for the whole package rather than once
per module.
"""

import io

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

import pytest


@pytest.fixture(scope="package")
def demo_for_package(django_db_setup, django_db_blocker):
    """The demo, loaded inside a transaction that stays open while the package's tests run
    and is rolled back after the last of them.

    Each test runs in a transaction of its own nested in it (the ``db`` fixture), so what
    one test changes is undone before the next. A test that commits (``transactional_db``,
    ``live_server``) cannot run inside it: none belongs in this package.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=False):
            call_command("load_demo", stdout=io.StringIO())
        with django_db_blocker.block():
            yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_for_package, db, settings):
    """The demo as ``manage.py load_demo`` leaves it with DEBUG off (no demo users)."""
    settings.DEBUG = False
