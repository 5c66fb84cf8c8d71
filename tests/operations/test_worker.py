"""Tasks through a real ``db_worker`` process on PostgreSQL: what a publication starts
(renditions, the article's card, the proxy's purge), mail, and a failing task retried
with backoff until it is left for administrators to see.

The worker is a separate process, so the test data must be committed (``transaction``)
and the worker pointed at the test database by name.
"""

from django.core import mail
from django.urls import reverse

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from editorial.content.dependencies import PAGE
from editorial.content.models import ArticleCard
from editorial.content.renditions import ARTICLE_SPECS
from editorial.pagecache.versions import index_url

from ..factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_publication_leaves_renditions_card_and_purge_to_the_worker(
    postgres, section, proxy, start_worker
):
    article = ArticleFactory(parent=section, live=False, ready=True)
    url = f"http://testserver{article.url}"
    index_url(url, [PAGE(article.pk)])

    article.save_revision().publish()

    # The publication itself did none of it: it only queued the work.
    assert not article.hero_image.renditions.exists()
    assert not ArticleCard.objects.filter(article=article).exists()
    assert proxy.purged == set()
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert {
        "editorial.content.tasks.generate_article_renditions",
        "editorial.content.tasks.build_article_cards",
        "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task",
    } <= queued

    worker = start_worker(FRONTEND_CACHE_PURGE_URL=proxy.url)
    unfinished = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
    worker.wait_for(lambda: not DBTaskResult.objects.filter(status__in=unfinished).exists())

    assert url in proxy.purged
    specs = set(article.hero_image.renditions.values_list("filter_spec", flat=True))
    assert specs == set(ARTICLE_SPECS)
    article.refresh_from_db()
    assert ArticleCard.objects.get(article=article).revision_id == article.live_revision_id
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }


def test_a_password_reset_mail_is_sent_by_the_worker(postgres, client, settings, start_worker):
    settings.EMAIL_BACKEND = "editorial.operations.mail.QueuedEmailBackend"
    UserFactory(username="sam", email="sam@example.com")

    response = client.post(reverse("wagtailadmin_password_reset"), {"email": "sam@example.com"})

    assert response.status_code == 302
    assert mail.outbox == []
    worker = start_worker()
    worker.wait_for(lambda: len(worker.mails()) == 1)
    [sent] = worker.mails()
    assert "To: sam@example.com" in sent
    assert "/admin/password_reset/confirm/" in sent


def test_a_failing_purge_is_retried_and_then_left_failed(
    postgres, section, proxy, start_worker, admin_client
):
    proxy.down = True
    article = ArticleFactory(parent=section)
    index_url(f"http://testserver{article.url}", [PAGE(article.pk)])

    article.save_revision().publish()
    worker = start_worker(
        FRONTEND_CACHE_PURGE_URL=proxy.url, TASK_MAX_ATTEMPTS="3", TASK_RETRY_SECONDS="1"
    )
    purges = DBTaskResult.objects.filter(task_path__endswith="purge_urls_from_cache_task")
    # Each failed attempt leaves the row failed for a moment, until the retry queues it
    # again: the worker says when it gives up.
    worker.wait_for(lambda: "failed for good" in worker.log_path.read_text())

    failed = purges.get()
    assert failed.status == TaskResultStatus.FAILED
    assert len(failed.worker_ids) == 3
    assert proxy.attempts == 3
    assert "HTTPError" in failed.traceback
    # Waits of 1 s, then 2 s, between the attempts.
    assert (failed.finished_at - failed.enqueued_at).total_seconds() >= 3
    report = admin_client.get(reverse("editorial_background_tasks"))
    assert f'data-task="{failed.pk}"' in report.content.decode()
    assert "purge_urls_from_cache_task" in report.content.decode()
