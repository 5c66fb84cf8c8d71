"""Wagtail's search and reference index refreshes are queued once per transaction, after it
commits, however often the transaction saves the object; other tasks are queued at once."""

from django.db import transaction

import pytest
from django_tasks_db.models import DBTaskResult

from editorial.content.models import ArticlePage
from editorial.operations.mail import deliver_email
from editorial.operations.queue import REFRESHES

from ..factories import ArticleFactory
from ..tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


class Undone(Exception):
    pass


def refreshes_of(page):
    """The refreshes queued for ``page``, as (task, times queued)."""
    queued = DBTaskResult.objects.filter(
        task_path__in=REFRESHES,
        args_kwargs__args=["editorial", "articlepage", str(page.pk)],
    )
    counts = {}
    for path in queued.values_list("task_path", flat=True):
        counts[path] = counts.get(path, 0) + 1
    return counts


def test_an_article_saved_again_and_again_is_refreshed_once_after_the_commit(
    database_tasks, section, commit_between_requests
):
    article = ArticleFactory(parent=section)
    commit_between_requests.commit()
    assert refreshes_of(article) == dict.fromkeys(REFRESHES, 1)

    article.title = "Kayaks on the river"
    article.save_revision().publish()
    article.save()
    assert refreshes_of(article) == dict.fromkeys(REFRESHES, 1)
    commit_between_requests.commit()
    assert refreshes_of(article) == dict.fromkeys(REFRESHES, 2)

    run_queued_tasks()
    assert [page.pk for page in ArticlePage.objects.search("kayaks")] == [article.pk]


@pytest.fixture
def committed(database_tasks, section, commit_between_requests):
    """An article whose creation has committed: one refresh of each index queued."""
    article = ArticleFactory(parent=section)
    commit_between_requests.commit()
    return article


def test_the_next_transaction_refreshes_again(committed, commit_between_requests):
    committed.save()
    commit_between_requests.commit()

    assert refreshes_of(committed) == dict.fromkeys(REFRESHES, 2)


def test_a_refresh_rolled_back_with_its_savepoint_is_asked_for_again(
    committed, commit_between_requests
):
    with pytest.raises(Undone), transaction.atomic():
        committed.save()
        raise Undone
    commit_between_requests.commit()
    assert refreshes_of(committed) == dict.fromkeys(REFRESHES, 1)

    with pytest.raises(Undone), transaction.atomic():
        committed.save()
        raise Undone
    committed.save()
    commit_between_requests.commit()
    assert refreshes_of(committed) == dict.fromkeys(REFRESHES, 2)


def test_a_refresh_asked_for_in_a_released_savepoint_is_kept(committed, commit_between_requests):
    with transaction.atomic():
        committed.save()
    committed.save()
    commit_between_requests.commit()

    assert refreshes_of(committed) == dict.fromkeys(REFRESHES, 2)


def test_other_tasks_are_queued_at_once(database_tasks):
    deliver_email.enqueue({"subject": "s", "body": "b", "to": ["a@example.com"]})

    assert DBTaskResult.objects.filter(task_path=deliver_email.module_path).count() == 1
