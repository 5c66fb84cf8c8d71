"""The admin home warns editors, and only them, while scheduled publishing is late."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from editorial.operations.models import Heartbeat

from ..factories import ROLES, sign_in

pytestmark = pytest.mark.django_db

WARNING = 'id="editorial-scheduled-publishing-warning"'


def ran(minutes_ago):
    Heartbeat.objects.update_or_create(
        name="publish_scheduled",
        defaults={"last_success": timezone.now() - timedelta(minutes=minutes_ago)},
    )


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_editors_are_warned_when_scheduled_publishing_is_late(client, users, role, settings):
    settings.SCHEDULED_PUBLISHING_MAX_DELAY_MINUTES = 15
    ran(minutes_ago=45)
    sign_in(client, users[role])

    page = dashboard(client)

    assert (WARNING in page) is (role in ("editor", "admin"))
    if WARNING in page:
        assert "Scheduled publishing has not run for 45" in page


def test_no_warning_while_scheduled_publishing_runs(client, users, settings):
    settings.SCHEDULED_PUBLISHING_MAX_DELAY_MINUTES = 15
    ran(minutes_ago=14)
    sign_in(client, users["editor"])

    assert WARNING not in dashboard(client)


def test_a_site_where_it_never_ran_says_so(client, users):
    sign_in(client, users["editor"])

    assert "Scheduled publishing has never run on this site." in dashboard(client)
