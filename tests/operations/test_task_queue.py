"""The task queue in the test's own process: review mail, the reset mail and a failed task
wait in the database for the worker; a failure is tried again with a growing delay and
then listed under Reports → Background tasks, for administrators only."""

from datetime import timedelta

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from editorial.operations.mail import deliver_email

from ..factories import ROLES, ArticleFactory, sign_in
from ..tasks import BROKEN_MAIL_SERVER, run_queued_tasks
from ..workflow import submit

pytestmark = pytest.mark.django_db

REPORT_URL = reverse("editorial_background_tasks")


@pytest.fixture
def queued_mail(settings, database_tasks):
    settings.EMAIL_BACKEND = "editorial.operations.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_review_mail_waits_for_the_worker(queued_mail, section, users):
    article = ArticleFactory(parent=section, writer=users["author"], ready=True, live=False)

    submit(article, users["author"])

    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path=deliver_email.module_path).exists()
    run_queued_tasks()
    assert users["editor"].email in {to for message in mail.outbox for to in message.to}


def test_a_queued_message_keeps_its_parts(queued_mail):
    message = EmailMultiAlternatives(
        "Subject",
        "Text",
        "desk@example.com",
        ["a@example.com"],
        cc=["b@example.com"],
        bcc=["c@example.com"],
        reply_to=["d@example.com"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")

    message.send()
    run_queued_tasks()

    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.from_email) == ("Subject", "Text", "desk@example.com")
    assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (
        ["a@example.com"],
        ["b@example.com"],
        ["c@example.com"],
        ["d@example.com"],
    )
    assert sent.extra_headers == {"Auto-Submitted": "auto-generated"}
    assert list(sent.alternatives) == [("<p>HTML</p>", "text/html")]


def test_a_failed_task_is_retried_later_and_then_left_failed(queued_mail, settings):
    settings.EMAIL_DELIVERY_BACKEND = BROKEN_MAIL_SERVER
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_RETRY_SECONDS = 30
    EmailMultiAlternatives("Hello", "Text", "desk@example.com", ["a@example.com"]).send()
    task = DBTaskResult.objects.get()

    delays = []
    for _ in range(settings.TASK_MAX_ATTEMPTS):
        before = timezone.now()
        assert run_queued_tasks() == 1
        task.refresh_from_db()
        if task.status == TaskResultStatus.READY:
            delays.append(task.run_after - before)
            task.run_after = timezone.now()
            task.save(update_fields=["run_after"])

    assert task.status == TaskResultStatus.FAILED
    assert len(task.worker_ids) == 3
    assert "ConnectionRefusedError" in task.traceback
    # Twice the wait after each failure: about 30 s, then 60 s.
    assert [round(delay.total_seconds() / 10) * 10 for delay in delays] == [30, 60]
    assert run_queued_tasks() == 0


def failed_task(settings):
    settings.EMAIL_DELIVERY_BACKEND = BROKEN_MAIL_SERVER
    settings.TASK_MAX_ATTEMPTS = 1
    EmailMultiAlternatives("Hello", "Text", "desk@example.com", ["a@example.com"]).send()
    run_queued_tasks()
    return DBTaskResult.objects.get(status=TaskResultStatus.FAILED)


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_see_background_tasks(client, users, role, queued_mail, settings):
    task = failed_task(settings)
    sign_in(client, users[role])

    response = client.get(REPORT_URL)

    if role == "admin":
        assert response.status_code == 200
        page = response.content.decode()
        assert f'data-task="{task.pk}"' in page
        assert "deliver_email" in page
        assert "ConnectionRefusedError: the mail server refused the connection" in page
    elif role == "anonymous":
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_may_try_a_failed_task_again(
    client, users, role, queued_mail, settings
):
    task = failed_task(settings)
    sign_in(client, users[role])

    response = client.post(reverse("editorial_retry_task", args=[task.pk]))

    task.refresh_from_db()
    if role == "admin":
        assert response.status_code == 302
        assert task.status == TaskResultStatus.READY
        assert task.run_after <= timezone.now()
        settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert run_queued_tasks() == 1
        assert [message.subject for message in mail.outbox] == ["Hello"]
    else:
        assert response.status_code in (302, 403)
        assert task.status == TaskResultStatus.FAILED
        assert response.status_code == (302 if role == "anonymous" else 403)


def test_trying_again_a_task_that_is_not_failed_changes_nothing(
    admin_client, queued_mail, settings
):
    EmailMultiAlternatives("Hello", "Text", "desk@example.com", ["a@example.com"]).send()
    task = DBTaskResult.objects.get()

    response = admin_client.post(reverse("editorial_retry_task", args=[task.pk]), follow=True)

    assert "not a failed one" in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.run_after > timezone.now() + timedelta(days=365)


def test_the_report_says_when_tasks_run_at_once(admin_client):
    response = admin_client.get(REPORT_URL)

    assert response.status_code == 200
    assert "Tasks run at once" in response.content.decode()
