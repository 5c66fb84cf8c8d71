"""The "Editorial review" workflow: checklist, four-eyes rule, reasons and notifications."""

from datetime import timedelta
from io import StringIO

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import (
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
)
from wagtail.test.utils.form_data import rich_text

import pytest

from editorial.content.checklist import MIN_BODY_WORDS, checklist
from editorial.models import Alternative, ArticlePage, EditorialReviewTask
from editorial.review.models import FOUR_EYES_OVERRIDE

from ..admin_forms import add_article_url, article_form
from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    UserFactory,
    alternatives_block,
    article_edit_form,
    make_due,
    paragraph,
    post_article_edit,
)
from ..workflow import approve_in_editor, submit_through_admin, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return UserFactory(role="author")


@pytest.fixture
def editor():
    return UserFactory(role="editor")


@pytest.fixture
def co_writer():
    """A second author on the byline of ``author``'s article."""
    return UserFactory(role="author")


def test_migration_creates_roles_and_assigns_the_workflow(home):
    workflow = Workflow.objects.get(name="Editorial review", active=True)
    task = EditorialReviewTask.objects.get(workflow_tasks__workflow=workflow)

    assert list(task.groups.values_list("name", flat=True)) == ["Editors"]
    assert WorkflowPage.objects.get(page=home).workflow == workflow
    assert WorkflowContentType.objects.get(content_type__model="alternative").workflow == workflow
    assert Alternative.get_default_workflow() == workflow
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    assert not Group.objects.filter(name="Moderators").exists()
    author_perms = set(
        Group.objects.get(name="Authors").page_permissions.values_list(
            "permission__codename", flat=True
        )
    )
    assert author_perms == {"add_page"}
    editor_model_perms = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    assert {"publish_alternative", "publish_author", "access_admin"} <= editor_model_perms


def test_checklist_names_what_is_missing(section, author):
    article = ArticleFactory(parent=section, owner=author, body=[paragraph("Too short.")])

    missing = [item.missing for item in checklist(article) if not item.passed]

    assert missing == [
        "Add at least one author to the byline.",
        "Add at least one tag.",
        "Choose a hero image (with alt text).",
        "Write a search description (Promote tab).",
        f"The body has 2 words; write at least {MIN_BODY_WORDS}.",
    ]


def test_checklist_passes_for_a_ready_article(section, author):
    article = ArticleFactory(
        parent=section, authors=[author.author_profile], tags=["work"], ready=True
    )
    assert all(item.passed for item in checklist(article))


def test_checklist_blocks_approval_and_says_why(client, section, author, editor):
    article = ArticleFactory(parent=section, writer=author, ready=True, live=False)
    article = submit_through_admin(client, author, article)
    client.force_login(editor)

    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert b"Add at least one tag." in edit_page.content
    assert b'data-workflow-action-name="reject"' in edit_page.content
    assert b'data-workflow-action-name="approve"' not in edit_page.content

    response = approve_in_editor(client, article, follow=True)
    workflow_action(client, article, "approve")

    assert "Approval refused until the checklist passes: Add at least one tag." in [
        str(message).strip() for message in response.context["messages"]
    ]
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_editor_approves_a_ready_article_and_it_goes_live(client, section, author, editor):
    article = ArticleFactory(parent=section, writer=author, tags=["work"], ready=True, live=False)
    article = submit_through_admin(client, author, article)
    client.force_login(editor)

    approve_in_editor(client, article, follow=True)

    article.refresh_from_db()
    assert article.live
    assert client.get(article.url).status_code == 200


@pytest.mark.parametrize("relation", ["byline", "owner"])
def test_four_eyes_editor_cannot_approve_or_publish_own_article(client, section, author, relation):
    writer = UserFactory(role="editor")
    profile = AuthorFactory(name="Editing Writer", user=writer)
    article = ArticleFactory(
        parent=section,
        owner=writer if relation == "owner" else author,
        authors=[profile] if relation == "byline" else [author.author_profile],
        tags=["work"],
        ready=True,
        live=False,
    )
    article = submit_through_admin(client, writer, article)

    response = approve_in_editor(client, article, follow=True)
    workflow_action(client, article, "approve")
    post_article_edit(client, article, **{"action-publish": "1"})

    assert "You wrote this, so another editor must review it (four-eyes rule)." in [
        str(message).strip() for message in response.context["messages"]
    ]
    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_four_eyes_blocks_bulk_publish_of_own_article(client, section):
    writer = UserFactory(role="editor")
    article = ArticleFactory(
        parent=section,
        authors=[AuthorFactory(user=writer)],
        tags=["work"],
        ready=True,
        live=False,
    )
    client.force_login(writer)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    client.post(f"{url}?id={article.pk}&next=/admin/", {"include_descendants": ""})

    article.refresh_from_db()
    assert not article.live


def test_admin_override_of_four_eyes_is_in_the_audit_log(client, section):
    boss = UserFactory(role="admin")
    article = ArticleFactory(
        parent=section,
        owner=boss,
        authors=[AuthorFactory(user=boss)],
        tags=["work"],
        ready=True,
        live=False,
    )
    article = submit_through_admin(client, boss, article)

    approve_in_editor(client, article, follow=True)

    article.refresh_from_db()
    assert article.live
    override = PageLogEntry.objects.get(page=article, action=FOUR_EYES_OVERRIDE)
    assert override.user == boss
    assert override.data == {"action": "approve"}


def test_rejection_reason_reaches_every_writer_by_email(client, section, author, editor, co_writer):
    article = ArticleFactory(
        parent=section, writer=author, authors=[co_writer.author_profile], ready=True, live=False
    )
    article = submit_through_admin(client, author, article)
    assert {m.to[0] for m in mail.outbox} == {editor.email}
    mail.outbox.clear()
    client.force_login(editor)

    workflow_action(client, article, "reject", comment="The intro buries the news.")

    assert sorted(m.to[0] for m in mail.outbox) == sorted([author.email, co_writer.email])
    for message in mail.outbox:
        assert "rejected" in message.subject
        assert "The intro buries the news." in message.body


def test_approval_is_emailed_to_the_writers(client, section, author, editor, co_writer):
    article = ArticleFactory(
        parent=section,
        writer=author,
        authors=[co_writer.author_profile],
        tags=["work"],
        ready=True,
        live=False,
    )
    article = submit_through_admin(client, author, article)
    mail.outbox.clear()
    client.force_login(editor)

    approve_in_editor(client, article, follow=True)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([author.email, co_writer.email])
    assert all("approved" in m.subject for m in mail.outbox)


def test_submitting_subscribes_the_writers_to_comments(client, section, author, editor, co_writer):
    article = ArticleFactory(
        parent=section, writer=author, authors=[co_writer.author_profile], live=False
    )
    submit_through_admin(client, author, article, comment_notifications="on")

    subscribed = set(
        PageSubscription.objects.filter(page=article, comment_notifications=True).values_list(
            "user_id", flat=True
        )
    )
    assert {author.pk, co_writer.pk} <= subscribed


def test_new_article_is_submitted_straight_from_the_create_view(client, section, author, co_writer):
    alternative = AlternativeFactory()
    client.force_login(author)

    response = client.post(
        add_article_url(section),
        article_form(
            [author.author_profile, co_writer.author_profile],
            [alternative],
            **{"action-submit": "1", "comment_notifications": "on"},
        ),
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="working-the-room")
    assert article.workflow_in_progress
    subscribed = set(
        PageSubscription.objects.filter(page=article, comment_notifications=True).values_list(
            "user_id", flat=True
        )
    )
    assert subscribed == {author.pk, co_writer.pk}


def test_editor_comment_is_emailed_to_the_author(client, section, author, editor):
    article = ArticleFactory(parent=section, writer=author, ready=True, live=False)
    article = submit_through_admin(client, author, article, comment_notifications="on")
    mail.outbox.clear()
    client.force_login(editor)
    comment = {
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "comments-0-contentpath": "title",
        "comments-0-text": "Can the headline be shorter?",
        "comments-0-position": "",
        "comments-0-resolved": "",
        "comments-0-replies-TOTAL_FORMS": "0",
        "comments-0-replies-INITIAL_FORMS": "0",
        "comments-0-replies-MIN_NUM_FORMS": "0",
        "comments-0-replies-MAX_NUM_FORMS": "1000",
    }

    client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {**article_edit_form(article), **comment},
    )

    assert [m.to[0] for m in mail.outbox] == [author.email]
    assert "Can the headline be shorter?" in mail.outbox[0].body


def test_new_article_starts_with_the_writers_own_byline(client, section, author):
    client.force_login(author)

    response = client.get(add_article_url(section))

    form = response.context["form"]
    bylines = form.formsets["article_authors"].forms
    assert [f.initial.get("author") for f in bylines] == [author.author_profile.pk]


def test_alternative_goes_through_the_same_workflow(client, editor):
    writer = UserFactory(role="author")
    alternative = AlternativeFactory(title="Draft idea", live=False)
    alternative.save_revision()
    client.force_login(writer)
    edit_url = reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk])

    client.post(
        edit_url,
        {
            "title": "Draft idea",
            "summary": rich_text("<p>Try this.</p>"),
            "link_url": "",
            "link_text": "",
            "tags": "",
            "action-submit": "1",
        },
    )
    alternative.refresh_from_db()
    assert alternative.workflow_in_progress
    task_state = alternative.current_workflow_task_state
    client.force_login(editor)

    client.post(
        reverse(
            "wagtailsnippets_editorial_alternative:workflow_action",
            args=[alternative.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )

    alternative.refresh_from_db()
    assert alternative.live


def test_unpublished_alternative_drops_out_of_articles(client, section, author):
    kept, withdrawn = AlternativeFactory(title="Kept"), AlternativeFactory(title="Withdrawn")
    for alternative in (kept, withdrawn):
        alternative.save_revision().publish()
    article = ArticleFactory(
        parent=section,
        authors=[author.author_profile],
        body=[paragraph("Intro."), alternatives_block([kept, withdrawn])],
    )
    withdrawn.unpublish()

    response = client.get(article.url)

    assert response.status_code == 200
    assert b"Kept" in response.content
    assert b"Withdrawn" not in response.content


def test_scheduled_article_stays_hidden_until_publish_scheduled_runs(
    client, section, author, editor
):
    article = ArticleFactory(parent=section, writer=author, tags=["work"], ready=True, live=False)
    article = submit_through_admin(client, author, article)
    client.force_login(editor)
    go_live = timezone.now() + timedelta(days=1)

    approve_in_editor(client, article, follow=True, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))

    article.refresh_from_db()
    revision = Revision.page_revisions.get(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    )
    assert not article.live
    client.logout()
    assert client.get(f"/{section.slug}/{article.slug}/").status_code == 404
    assert article.title.encode() not in client.get(section.url).content

    call_command("publish_scheduled", stdout=StringIO())
    article.refresh_from_db()
    assert not article.live

    make_due(revision)
    call_command("publish_scheduled", stdout=StringIO())

    article.refresh_from_db()
    assert article.live
    assert client.get(article.url).status_code == 200


def test_expired_article_is_unpublished_by_publish_scheduled(client, section, author):
    article = ArticleFactory(parent=section, authors=[author.author_profile], ready=True)
    type(article).objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )

    call_command("publish_scheduled", stdout=StringIO())

    article.refresh_from_db()
    assert not article.live
    assert article.expired
    assert client.get(f"/{section.slug}/{article.slug}/").status_code == 404


def test_alternative_usage_report_lists_the_articles(client, section, author, editor):
    alternative = AlternativeFactory(title="Join Groups")
    alternative.save_revision().publish()
    ArticleFactory(
        parent=section,
        title="Uses it",
        authors=[author.author_profile],
        body=[alternatives_block([alternative])],
    )
    client.force_login(editor)

    response = client.get(
        reverse("wagtailsnippets_editorial_alternative:usage", args=[alternative.pk])
    )

    assert response.status_code == 200
    assert b"Uses it" in response.content


def test_alternative_revisions_compare_and_preview_for_editors(client, editor):
    alternative = AlternativeFactory(title="First wording")
    first = alternative.save_revision()
    first.publish()
    alternative.title = "Second wording"
    second = alternative.save_revision()
    client.force_login(editor)

    compare = client.get(
        reverse(
            "wagtailsnippets_editorial_alternative:revisions_compare",
            args=[alternative.pk, first.pk, second.pk],
        )
    )
    preview = client.get(
        reverse(
            "wagtailsnippets_editorial_alternative:revisions_view",
            args=[alternative.pk, second.pk],
        )
    )

    assert compare.status_code == 200
    assert b"Second" in compare.content and b"First" in compare.content
    assert preview.status_code == 200
    assert b"Second wording" in preview.content
