"""Fixtures that the whole-project tests share."""

import io

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

import pytest


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The demo content, loaded once for all the tests of a module that use ``demo``.

    It is loaded inside a transaction that stays open while the module's tests run, and
    rolled back after the last of them. Each test runs in a transaction of its own nested
    in it (the ``db`` fixture), so what one test changes is undone before the next. Tests
    that commit (``transactional_db``, ``live_server``) cannot share it: they load their own.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=False):
            call_command("load_demo", stdout=io.StringIO())
        with django_db_blocker.block():
            yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_for_module, db, settings):
    """The demo as ``manage.py load_demo`` leaves it with DEBUG off (no demo users)."""
    settings.DEBUG = False
