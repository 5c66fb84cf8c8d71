"""Admin sign-in is throttled per user name and address; password reset reveals nothing."""

from django.conf import settings
from django.core import mail
from django.urls import reverse

import pytest

LOGIN_URL = reverse("wagtailadmin_login")
OFFICE = "203.0.113.10"
HOME = "198.51.100.7"


@pytest.fixture
def editor_account(django_user_model):
    """The account "editor", which signs in with "right-password"."""
    return django_user_model.objects.create_user(
        "editor", "editor@example.com", "right-password", is_superuser=True
    )


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user(
        "colleague", "colleague@example.com", "colleague-password", is_superuser=True
    )


def sign_in(client, username, password, address):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client, username, address):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "wrong-password", address)
    return response


@pytest.mark.django_db
def test_wrong_password_below_limit_shows_the_form_again(client, editor_account):
    response = sign_in(client, "editor", "wrong-password", OFFICE)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_repeated_failures_lock_the_name_from_that_address_with_a_clear_message(
    client, editor_account
):
    locked = fail_until_locked(client, "editor", OFFICE)

    assert locked.status_code == 429
    response = sign_in(client, "editor", "right-password", OFFICE)
    assert response.status_code == 429
    assert "Sign-in temporarily locked" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_does_not_spread_to_colleagues_or_other_addresses(
    client, editor_account, colleague
):
    fail_until_locked(client, "editor", OFFICE)

    assert sign_in(client, "colleague", "colleague-password", OFFICE).status_code == 302
    client.logout()
    assert sign_in(client, "editor", "right-password", HOME).status_code == 302


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_unknown_addresses(client, editor_account):
    url = reverse("wagtailadmin_password_reset")

    known = client.post(url, {"email": "editor@example.com"})
    unknown = client.post(url, {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mail.outbox] == [["editor@example.com"]]
