"""publish_scheduled never publishes the same revision twice when runs overlap."""

import io
import threading
from datetime import timedelta

from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from editorial.management.locks import job_lock_key

from ..factories import ArticleFactory, AuthorFactory, make_due
from ..workflow import schedule


def schedule_due(article):
    """Approve the article for a go-live time, then let that time pass."""
    revision = schedule(article, timezone.now() + timedelta(minutes=5))
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None and not article.live
    make_due(revision)


def complete_draft(section):
    """A draft that passes the checklist, which ``publish_scheduled`` asks again."""
    return ArticleFactory(
        parent=section, authors=[AuthorFactory()], tags=["work"], ready=True, live=False
    )


def scheduled_publications(article):
    return PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled").count()


def run_command():
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_leaves_while_another_holds_the_lock(postgres, section):
    article = complete_draft(section)
    schedule_due(article)
    holder = connections.create_connection("default")
    with holder.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [job_lock_key("publish_scheduled")])
        assert cursor.fetchone()[0]

    output = run_command()

    assert "in progress" in output
    assert scheduled_publications(article) == 0
    # Unlock explicitly: a closed session's locks go only once its server process has exited.
    with holder.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [job_lock_key("publish_scheduled")])
    holder.close()
    run_command()
    assert scheduled_publications(article) == 1
    article.refresh_from_db()
    assert article.live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overlapping_runs_publish_once(postgres, section):
    articles = [complete_draft(section) for _ in range(5)]
    for article in articles:
        schedule_due(article)
    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            start.wait()
            run_command()
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [scheduled_publications(article) for article in articles] == [1] * 5
