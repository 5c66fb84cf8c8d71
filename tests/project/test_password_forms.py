"""Page passwords and password reset: throttled per address and per target with a 429,
a reset request answers as fast for an unknown address as for a known one, and a refused
return address leads back to the page, not to a 404."""

import time

from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

import pytest

from ..factories import ArticleFactory, restrict
from ..tasks import DATABASE_TASKS, run_queued_tasks

pytestmark = pytest.mark.django_db

RESET_URL = reverse("wagtailadmin_password_reset")
READER = "203.0.113.20"
OTHER_READER = "198.51.100.30"
SMTP_SECONDS = 0.6


class SlowEmailBackend(EmailBackend):
    """The outbox of the test backend behind a mail server that takes its time."""

    def send_messages(self, messages):
        time.sleep(SMTP_SECONDS)
        return super().send_messages(messages)


@pytest.fixture
def editor_account(django_user_model):
    return django_user_model.objects.create_user("editor", "editor@example.com", "pw-right")


@pytest.fixture
def private_article(section):
    article = ArticleFactory(parent=section, title="Members only")
    return article, restrict(article)


def password_url(restriction, page):
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def try_password(client, restriction, page, password, address=READER, return_url=None):
    return client.post(
        password_url(restriction, page),
        {"password": password, "return_url": page.url if return_url is None else return_url},
        REMOTE_ADDR=address,
    )


def timed_reset(client, email):
    start = time.perf_counter()
    response = client.post(RESET_URL, {"email": email})
    return response, time.perf_counter() - start


def test_a_reset_for_a_known_address_answers_as_fast_as_for_an_unknown_one(
    client, editor_account, settings
):
    """The request only queues the reset, known address or not; the worker looks the
    account up and sends the mail."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "editorial.operations.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.SlowEmailBackend"
    timed_reset(client, "warm-up@example.com")

    known, known_seconds = timed_reset(client, "editor@example.com")
    unknown, unknown_seconds = timed_reset(client, "nobody@example.com")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert known_seconds < SMTP_SECONDS / 2
    assert abs(known_seconds - unknown_seconds) < SMTP_SECONDS / 2
    assert mail.outbox == []
    # Three lookups, and the one mail the known address gets.
    assert run_queued_tasks() == 4
    assert [message.to for message in mail.outbox] == [["editor@example.com"]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def test_reset_requests_are_limited_per_address_with_a_429(client, editor_account):
    for n in range(settings.PASSWORD_RESET_REQUESTS):
        response = client.post(RESET_URL, {"email": f"{n}@example.com"}, REMOTE_ADDR=READER)
        assert response.status_code == 302

    refused = client.post(RESET_URL, {"email": "editor@example.com"}, REMOTE_ADDR=READER)

    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert refused["Retry-After"] == str(settings.PASSWORD_THROTTLE_MINUTES * 60)
    other = client.post(RESET_URL, {"email": "editor@example.com"}, REMOTE_ADDR=OTHER_READER)
    assert other.status_code == 302


def test_reset_requests_are_limited_per_email_address(client, editor_account):
    for n in range(settings.PASSWORD_RESET_REQUESTS):
        address = f"192.0.2.{n + 1}"
        response = client.post(RESET_URL, {"email": "editor@example.com"}, REMOTE_ADDR=address)
        assert response.status_code == 302

    refused = client.post(RESET_URL, {"email": "Editor@Example.com"}, REMOTE_ADDR=OTHER_READER)

    assert refused.status_code == 429
    assert len(mail.outbox) == settings.PASSWORD_RESET_REQUESTS


def test_wrong_page_passwords_are_limited_per_address(client, private_article):
    article, restriction = private_article
    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS):
        assert try_password(client, restriction, article, "wrong").status_code == 200

    refused = try_password(client, restriction, article, "secret")

    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert client.get(article.url).status_code == 200
    assert "Members only" not in client.get(article.url).content.decode()
    assert try_password(client, restriction, article, "secret", OTHER_READER).status_code == 302


def test_wrong_page_passwords_are_limited_per_page(client, private_article, settings):
    settings.PAGE_PASSWORD_ATTEMPTS = 2
    article, restriction = private_article
    for n in range(20):
        try_password(client, restriction, article, "wrong", address=f"192.0.2.{n + 1}")

    assert try_password(client, restriction, article, "secret", OTHER_READER).status_code == 429


def test_the_right_page_password_opens_the_page_and_does_not_count(client, private_article):
    article, restriction = private_article
    for _ in range(settings.PAGE_PASSWORD_ATTEMPTS + 1):
        response = try_password(client, restriction, article, "secret")
        assert response.status_code == 302

    assert response["Location"] == article.url
    assert "Members only" in client.get(article.url).content.decode()


@pytest.mark.parametrize(
    "return_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""]
)
def test_a_refused_return_address_leads_back_to_the_page(client, private_article, return_url):
    article, restriction = private_article

    response = try_password(client, restriction, article, "secret", return_url=return_url)

    assert response.status_code == 302
    assert response["Location"] == article.url
    assert client.get(response["Location"]).status_code == 200
