"""Mail through the task queue: whoever sends mail (Wagtail's review and comment
notifications, ours, password resets) only queues it, and the worker hands it to
``EMAIL_DELIVERY_BACKEND``, trying again later when the mail server fails."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from django_tasks import task


def as_data(message):
    """``message`` as JSON the queue can keep. Nothing the site sends has attachments, and
    a message with one is refused rather than sent without it."""
    if message.attachments:
        raise ValueError("Queued mail cannot carry attachments.")
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [list(part) for part in getattr(message, "alternatives", [])],
    }


def from_data(data):
    message = EmailMultiAlternatives(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(part) for part in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    return message


@task()
def deliver_email(data):
    """Send one queued message; an error from the mail server fails the task, which is
    then tried again."""
    with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
        connection.send_messages([from_data(data)])


class QueuedEmailBackend(BaseEmailBackend):
    """Django's mail API, queueing each message as a task of its own."""

    def send_messages(self, email_messages):
        for message in email_messages:
            deliver_email.enqueue(as_data(message))
        return len(email_messages)
