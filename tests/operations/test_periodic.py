"""``manage.py run_periodic``: runs the jobs that are due, records each one's heartbeat,
and fails with the names of those that failed."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from wagtail.models import Revision

import pytest

from editorial.content import trending
from editorial.operations import jobs
from editorial.operations.models import Heartbeat

from ..factories import ArticleFactory, add_views, make_due

pytestmark = pytest.mark.django_db

JOB_NAMES = [job.name for job in jobs.JOBS]


def run_periodic(*args):
    output = io.StringIO()
    call_command("run_periodic", *args, stdout=output, stderr=output)
    return output.getvalue()


def test_a_first_run_runs_every_job_and_records_its_success():
    started = timezone.now()

    output = run_periodic()

    last = Heartbeat.last_successes(JOB_NAMES)
    assert all(when is not None and when >= started for when in last.values()), last
    assert f"{len(JOB_NAMES)} done, 0 skipped, 0 failed; 0 not due." in output
    # Immediate tasks (tests): the worker's heartbeat task ran at once.
    assert Heartbeat.last_success_of("worker") >= started


def test_a_job_runs_again_only_once_its_interval_has_passed():
    run_periodic()
    day_ago = timezone.now() - timedelta(days=1, minutes=1)
    Heartbeat.objects.filter(name="publish_scheduled").update(last_success=day_ago)

    output = run_periodic()

    ran, summary = output.splitlines()
    assert ran.startswith("publish_scheduled: done in ")
    assert summary == f"1 done, 0 skipped, 0 failed; {len(JOB_NAMES) - 1} not due."


def test_scheduled_articles_go_live_through_run_periodic(cast):
    article = cast["article"]
    revision = Revision.page_revisions.get(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    )
    make_due(revision)

    run_periodic("publish_scheduled")

    article.refresh_from_db()
    assert article.live


def test_the_trending_job_refreshes_the_set(section):
    read = ArticleFactory(parent=section)
    trending.trending_set()
    add_views(read, 50)

    run_periodic("refresh_trending")

    assert read.pk in trending.trending_set()


def test_a_failing_job_is_recorded_and_fails_the_command(monkeypatch):
    def broken():
        raise RuntimeError("trending query timed out")

    failing = jobs.Job("refresh_trending", timedelta(minutes=1), broken)
    monkeypatch.setattr(
        "editorial.management.commands.run_periodic.JOBS",
        tuple(failing if job.name == "refresh_trending" else job for job in jobs.JOBS),
    )

    with pytest.raises(CommandError, match="Periodic jobs failed: refresh_trending"):
        run_periodic()

    heartbeat = Heartbeat.objects.get(name="refresh_trending")
    assert heartbeat.last_success is None
    assert heartbeat.last_error == "trending query timed out"
    assert Heartbeat.last_success_of("publish_scheduled") is not None


def test_list_shows_each_job_and_runs_nothing():
    output = run_periodic("--list")

    assert [line.split(":")[0] for line in output.splitlines()] == JOB_NAMES
    assert all(line.endswith("last success never, due") for line in output.splitlines())
    assert not Heartbeat.objects.exists()


def test_an_unknown_job_is_refused_with_the_known_ones():
    with pytest.raises(CommandError, match="Unknown job nightly; the jobs are publish_scheduled"):
        run_periodic("nightly")
