"""What an operator reads in the log: one line for each invalidation, purge, import,
scheduled publication and refused permission, from the loggers under ``editorial``."""

import logging
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.frontend_cache.backends import BaseBackend

import pytest

from editorial.management.commands import publish_scheduled
from editorial.models import CalendarFeed, ShareablePreview
from editorial.pagecache.versions import index_url, invalidate_now

from ..factories import (
    ArticleFactory,
    AuthorFactory,
    UserFactory,
    article_edit_form,
    make_due,
    post_article_edit,
)
from ..workflow import schedule, submit

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingBackend(BaseBackend):
    """A frontend cache that only remembers what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


def editorial_text(caplog):
    """Everything the app's own loggers wrote."""
    return "\n".join(
        record.getMessage() for record in caplog.records if record.name.startswith("editorial")
    )


def lines(caplog, logger, level=logging.INFO):
    """Messages ``logger`` wrote at ``level``."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == logger and record.levelno == level
    ]


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.DEBUG, logger="editorial")
    return caplog


def test_the_app_reports_at_info_by_default():
    """The root logger stays at WARNING; the app's own lines still reach the console."""
    assert logging.getLogger("editorial.pagecache.versions").isEnabledFor(logging.INFO)
    assert not logging.getLogger("editorial.reader.beacon").isEnabledFor(logging.DEBUG)


def test_invalidation_is_logged_once_the_transaction_commits(log, section, commit_between_requests):
    article = ArticleFactory(parent=section, live=False)
    commit_between_requests.commit()
    log.clear()

    article.save_revision().publish()

    assert lines(log, "editorial.pagecache.versions") == []
    commit_between_requests.commit()
    [line] = lines(log, "editorial.pagecache.versions")
    assert line.startswith("page cache: invalidated ")
    assert f"page:{article.pk}" in line.split(", ")


def test_a_frontend_cache_purge_is_logged(log, settings):
    settings.WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    index_url("http://testserver/networking/", ["section:1"])
    index_url("http://testserver/", ["section:1"])

    invalidate_now({"section:1"})

    assert sorted(PURGED) == ["http://testserver/", "http://testserver/networking/"]
    assert lines(log, "editorial.pagecache.versions") == [
        "page cache: invalidated section:1",
        "page cache: queued 2 URLs for purging from the frontend cache",
    ]


def test_an_imported_and_a_refused_file_are_logged(log, section, tmp_path):
    (tmp_path / "good.txt").write_text("A Good Title\n\nThe first paragraph of the article.\n")
    (tmp_path / "empty.txt").write_text("")

    with pytest.raises(CommandError):
        call_command(
            "import_articles",
            str(tmp_path),
            "--section",
            section.slug,
            stdout=StringIO(),
            stderr=StringIO(),
        )

    [imported] = lines(log, "editorial.importing.build")
    assert imported.startswith("import created: page ")
    assert imported.endswith("“A Good Title” from good.txt by a management command")
    assert lines(log, "editorial.management.commands.import_articles", logging.WARNING) == [
        f"import refused: {tmp_path / 'empty.txt'}: is empty"
    ]


def test_a_file_refused_in_the_admin_upload_is_logged(log, client, section):
    client.force_login(UserFactory(role="admin"))

    client.post(
        reverse("editorial_import"),
        {"section": section.pk, "files": [SimpleUploadedFile("empty.txt", b"")], "tags": ""},
    )

    assert lines(log, "editorial.importing.views", logging.WARNING) == [
        "import refused: empty.txt: is empty"
    ]


def test_scheduled_publication_and_expiry_are_logged(log, section):
    article = ArticleFactory(parent=section, title="Goes live", live=False)
    revision = schedule(article, timezone.now() + timedelta(minutes=5))
    make_due(revision)
    expiring = ArticleFactory(parent=section, title="Runs out")
    type(expiring).objects.filter(pk=expiring.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )

    call_command("publish_scheduled", stdout=StringIO())

    assert sorted(lines(log, "editorial.management.commands.publish_scheduled")) == [
        f"publish_scheduled published page {article.pk} “Goes live”",
        f"publish_scheduled unpublished page {expiring.pk} “Runs out”",
    ]


def test_a_run_skipped_for_the_lock_is_logged(log, monkeypatch):
    @contextmanager
    def held_elsewhere(name):
        yield False

    monkeypatch.setattr(publish_scheduled, "exclusive_job", held_elsewhere)

    call_command("publish_scheduled", stdout=StringIO())

    assert lines(log, "editorial.management.commands.publish_scheduled", logging.WARNING) == [
        "publish_scheduled skipped: another run holds the lock"
    ]


def test_a_refused_page_tree_change_is_logged(log, client, home):
    author = UserFactory(role="author", username="writer")
    client.force_login(author)

    client.get(reverse("wagtailadmin_pages:add", args=("editorial", "sectionpage", home.pk)))

    assert lines(log, "editorial.content.hooks", logging.WARNING) == [
        f"refused creating a SectionPage under page {home.pk} to writer: "
        "only editors build the page tree"
    ]


def test_a_refused_admin_view_is_logged(log, client):
    client.force_login(UserFactory(role="author", username="writer"))

    response = client.get(reverse("editorial_calendar"))

    assert response.status_code == 403
    assert lines(log, "editorial.roles", logging.WARNING) == [
        "refused GET /admin/calendar/ to writer: Only editors use the editorial calendar."
    ]


@pytest.fixture
def own_article(section):
    """An article in review, written by the editor "desk", ready but for the four-eyes rule."""
    editor = UserFactory(role="editor", username="desk")
    article = ArticleFactory(
        parent=section, authors=[AuthorFactory(user=editor)], tags=["work"], ready=True, live=False
    )
    return submit(article, editor), editor


def test_an_approval_refused_by_the_task_is_logged(log, own_article):
    article, editor = own_article
    task_state = article.current_workflow_task_state

    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, editor, "approve")

    assert lines(log, "editorial.review.models", logging.WARNING) == [
        f"refused approval of page {article.pk} to desk: "
        "You wrote this, so another editor must review it (four-eyes rule)."
    ]


def test_an_approval_refused_in_the_editor_is_logged(log, client, own_article):
    article, editor = own_article
    client.force_login(editor)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        article_edit_form(
            article, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
        ),
    )

    assert lines(log, "editorial.review.hooks", logging.WARNING) == [
        f"refused approval of page {article.pk} to desk: "
        "You wrote this, so another editor must review it (four-eyes rule)."
    ]


def test_a_four_eyes_override_is_logged(log, client, section):
    boss = UserFactory(role="admin", username="boss")
    AuthorFactory(user=boss)
    article = ArticleFactory(
        parent=section, title="Own words", writer=boss, tags=["work"], ready=True, live=False
    )
    client.force_login(boss)

    post_article_edit(client, article, **{"action-publish": "1"})

    assert lines(log, "editorial.review.models", logging.WARNING) == [
        f"four-eyes override: boss, who wrote articlepage {article.pk} “Own words”, "
        "signed it off (publish)"
    ]


def test_shareable_previews_created_revoked_and_refused_are_logged(log, client, section):
    article = ArticleFactory(parent=section)
    client.force_login(UserFactory(role="editor", username="desk"))

    response = client.post(
        reverse("editorial_shareable_previews", args=[article.pk]), {"hours": "24", "note": ""}
    )
    link = ShareablePreview.objects.get()
    client.post(reverse("editorial_shareable_preview_revoke", args=[link.pk]))
    token = response.context["new_url"].rstrip("/").rsplit("/", 1)[1]
    client.logout()
    client.get(reverse("editorial:shareable-preview", args=[token]))

    assert lines(log, "editorial.previews.views") == [
        f"shareable preview {link.pk} of page {article.pk} created by desk, "
        f"valid until {link.expires_at.isoformat()}",
        f"shareable preview {link.pk} of page {article.pk} revoked by desk",
    ]
    assert lines(log, "editorial.previews.views", logging.WARNING) == [
        "refused shareable preview to 127.0.0.1: unknown, expired or revoked token"
    ]
    assert token not in editorial_text(log)


def test_calendar_feeds_made_regenerated_revoked_and_refused_are_logged(log, client):
    client.force_login(UserFactory(role="editor", username="desk"))
    url = reverse("editorial_calendar_feed")

    client.post(url, {"action": "regenerate"})
    token = CalendarFeed.objects.get().token
    client.post(url, {"action": "regenerate"})
    client.post(url, {"action": "revoke"})
    client.get(reverse("editorial:calendar-feed", args=[token]))

    assert lines(log, "editorial.planning.views") == [
        "calendar feed of desk created",
        "calendar feed of desk regenerated",
        "calendar feed of desk revoked",
    ]
    assert lines(log, "editorial.planning.views", logging.WARNING) == [
        "refused calendar feed to 127.0.0.1: unknown token, or its owner is no active editor"
    ]
    assert token not in editorial_text(log)


def test_a_malformed_beacon_is_logged_at_debug_only(log, client):
    client.post(reverse("editorial:views"), {"page": "not-a-number"})

    assert lines(log, "editorial.reader.beacon", logging.DEBUG) == [
        "view beacon refused (400): Expected page=<article id>."
    ]
    assert lines(log, "editorial.reader.beacon") == []


@pytest.mark.django_db
def test_django_never_logs_the_secret_of_a_feed_or_a_preview(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/calendar/s3cr3t-feed-token.ics")
        client.get("/preview/s3cr3t-preview-token/")
    logged = [record.getMessage() for record in caplog.records if record.name == "django.request"]
    assert logged == [
        "Not Found: /calendar/[redacted].ics",
        "Not Found: /preview/[redacted]/",
    ]
