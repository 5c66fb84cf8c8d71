"""Mail that the site sends after its answer, in a thread of its own."""

import threading

from editorial.passwords import MAIL_THREAD_NAME


def wait_for_reset_mail():
    """Wait for password-reset mail still being sent, so the outbox holds it."""
    for thread in threading.enumerate():
        if thread.name == MAIL_THREAD_NAME:
            thread.join(timeout=10)
