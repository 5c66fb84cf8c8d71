"""The pre-publication checklist guards every path to the public (issue #16, item 1).

Each path is taken through the real admin by each role, for an article whose checklist
passes and for one that misses only its tags. What counts is the database afterwards:
did a version go live, or get scheduled? Only an administrator gets an incomplete
article out, and the audit log records that they did.
"""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, Revision
from wagtail.test.utils.form_data import rich_text, streamfield

import pytest

from editorial.content.checklist import ChecklistItem
from editorial.models import Alternative, ArticlePage
from editorial.review.publication import CHECKLIST_OVERRIDE, SCHEDULE_HELD

from .. import workflow
from ..admin_forms import add_article_url, article_form
from ..factories import (
    ROLES,
    AlternativeFactory,
    ArticleFactory,
    ImageFactory,
    alternatives_block,
    article_edit_form,
    long_text,
    make_due,
    paragraph,
    post_article_edit,
    sign_in,
)
from ..workflow import reload, submit

pytestmark = pytest.mark.django_db

MISSING_TAG = "Add at least one tag."


@pytest.fixture
def guard_cast(section, users):
    return {**users, "section": section}


def new_article(cast, ready):
    """A draft by "author" that passes the checklist, or misses only its tags."""
    return ArticleFactory(
        parent=cast["section"],
        writer=cast["author"],
        tags=["careers"] if ready else [],
        ready=True,
        live=False,
    )


def in_review(article, cast):
    return submit(article, cast["author"])


def went_live(article):
    return reload(article).live


def scheduled(article):
    return Revision.page_revisions.filter(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    ).exists()


def publish(client, cast, article):
    response = post_article_edit(client, article, **{"action-publish": "1"})
    return response, went_live(article)


def publish_from_dropdown_while_in_review(client, cast, article):
    """What an editor is offered on an article in review: Publish, beside Approve."""
    article = in_review(article, cast)
    response = post_article_edit(client, article, **{"action-publish": "1"})
    return response, went_live(article)


def schedule(client, cast, article):
    go_live = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    response = post_article_edit(client, article, go_live_at=go_live, **{"action-publish": "1"})
    return response, scheduled(article)


def create_and_publish(client, cast, article):
    """Write a new article with the same checklist state and press Publish at once."""
    data = article_form(
        [cast["author"].author_profile],
        [],
        slug="made-and-published",
        tags=", ".join(tag.name for tag in article.tags.all()),
        hero_image=ImageFactory().pk,
        hero_alt="A desk",
        search_description="Described.",
        body=streamfield([("paragraph", rich_text(f"<p>{long_text()}</p>"))]),
        **{"action-publish": "1"},
    )
    response = client.post(add_article_url(cast["section"]), data)
    made = ArticlePage.objects.filter(slug="made-and-published").first()
    return response, bool(made and made.live)


def approve_in_editor(client, cast, article):
    article = in_review(article, cast)
    return workflow.approve_in_editor(client, article), went_live(article)


def approve_from_modal(client, cast, article):
    article = in_review(article, cast)
    task_state = article.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    return response, went_live(article)


def bulk_publish(client, cast, article):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.post(f"{url}?id={article.pk}&next=/admin/", {"include_descendants": ""})
    return response, went_live(article)


def bulk_publish_with_subpages(client, cast, article):
    """The section is chosen, and its draft articles go with it."""
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    section = cast["section"]
    response = client.post(f"{url}?id={section.pk}&next=/admin/", {"include_descendants": "on"})
    return response, went_live(article)


def revert_and_publish(client, cast, article):
    """Publish an earlier revision from the history ("Review this version", then Publish)."""
    earlier = article.get_latest_revision()
    draft = article.get_latest_revision_as_object()
    draft.title = "A later title"
    draft.save_revision()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[article.pk, earlier.pk])
    data = article_edit_form(article, title=article.title, **{"action-publish": "1"})
    response = client.post(url, data)
    return response, went_live(article)


def page_api(client, cast, article):
    """The admin's page API reads; it offers no way to publish."""
    url = f"/admin/api/main/pages/{article.pk}/"
    responses = [
        client.post(url, {"live": True}, content_type="application/json"),
        client.patch(url, {"live": True}, content_type="application/json"),
        client.put(url, {"live": True}, content_type="application/json"),
    ]
    worst = max(responses, key=lambda response: response.status_code)
    return worst, went_live(article)


PATHS = {
    "publish": publish,
    "publish while in review": publish_from_dropdown_while_in_review,
    "schedule": schedule,
    "create and publish": create_and_publish,
    "approve and publish": approve_in_editor,
    "approve from the workflow modal": approve_from_modal,
    "bulk publish": bulk_publish,
    "bulk publish with subpages": bulk_publish_with_subpages,
    "revert and publish": revert_and_publish,
    "page API": page_api,
}
PUBLISHERS = {"editor", "admin"}
# Nobody publishes through the page API, whatever the article.
NOBODY = {"page API"}
# Whoever creates an article owns it: the four-eyes rule leaves its publication to others.
OWN_WORK = {"create and publish"}


@pytest.mark.parametrize("ready", [True, False], ids=["ready", "missing-tag"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", list(PATHS))
def test_checklist_guards_every_path(client, guard_cast, path, role, ready):
    article = new_article(guard_cast, ready)
    sign_in(client, guard_cast[role])

    response, happened = PATHS[path](client, guard_cast, article)

    if path in NOBODY:
        allowed = set()
    elif ready and path not in OWN_WORK:
        allowed = PUBLISHERS
    else:
        allowed = {"admin"}
    assert response.status_code < 500
    assert happened == (role in allowed), f"{role} {path}"
    overrides = PageLogEntry.objects.filter(action=CHECKLIST_OVERRIDE)
    assert overrides.exists() == (happened and not ready)


@pytest.mark.parametrize(
    "path", ["publish", "publish while in review", "schedule", "revert and publish"]
)
def test_editor_sees_what_is_missing_and_keeps_the_changes(client, guard_cast, path):
    article = new_article(guard_cast, ready=False)
    client.force_login(guard_cast["editor"])

    response, happened = PATHS[path](client, guard_cast, article)

    assert not happened
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    shown = client.get(response["Location"])
    messages = [str(message) for message in shown.context["messages"]]
    assert any(MISSING_TAG in message and "not published" in message for message in messages)


def test_editor_publishing_a_new_article_keeps_it_as_a_draft_and_says_why(client, guard_cast):
    """Its creator owns it, so the four-eyes rule refuses first; the checklist speaks too."""
    client.force_login(guard_cast["editor"])
    data = article_form(
        [guard_cast["author"].author_profile],
        [],
        tags="",
        body=streamfield([("paragraph", rich_text("<p>Too short.</p>"))]),
        **{"action-publish": "1"},
    )

    response = client.post(add_article_url(guard_cast["section"]), data, follow=True)

    article = ArticlePage.objects.get(slug="working-the-room")
    assert not article.live
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    messages = [str(message) for message in response.context["messages"]]
    assert any("four-eyes rule" in message and MISSING_TAG in message for message in messages)


def test_bulk_publish_lists_what_is_not_ready_and_publishes_the_rest(client, guard_cast):
    incomplete = new_article(guard_cast, ready=False)
    complete = new_article(guard_cast, ready=True)
    client.force_login(guard_cast["editor"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = f"?id={incomplete.pk}&id={complete.pk}&next=/admin/"

    confirmation = client.get(url + query).content.decode()
    client.post(url + query, {"include_descendants": ""})

    assert incomplete.title in confirmation and MISSING_TAG in confirmation
    assert went_live(complete)
    assert not went_live(incomplete)


def test_bulk_publish_with_subpages_says_which_stay_drafts(client, guard_cast):
    incomplete = new_article(guard_cast, ready=False)
    complete = new_article(guard_cast, ready=True)
    client.force_login(guard_cast["editor"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    response = client.post(
        f"{url}?id={guard_cast['section'].pk}&next=/admin/",
        {"include_descendants": "on"},
        follow=True,
    )

    assert went_live(complete)
    assert not went_live(incomplete)
    assert any(incomplete.title in str(message) for message in response.context["messages"])


def test_admin_override_is_in_the_audit_log(client, guard_cast):
    article = new_article(guard_cast, ready=False)
    admin = guard_cast["admin"]
    client.force_login(admin)

    post_article_edit(client, article, **{"action-publish": "1"})

    assert went_live(article)
    override = PageLogEntry.objects.get(page=article, action=CHECKLIST_OVERRIDE)
    assert override.user == admin
    assert override.data == {"action": "publish", "missing": [MISSING_TAG]}
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert "although the checklist failed" in history.content.decode()


# Scheduled publishing: the checklist is asked again when the time comes.


def article_leaning_on_an_alternative(cast):
    """Long enough only with the words of a published alternative in its body; with the
    form data of that body."""
    alternative = AlternativeFactory(summary=f"<p>{long_text(20)}</p>")
    alternative.save_revision().publish()
    article = ArticleFactory(
        parent=cast["section"],
        writer=cast["author"],
        tags=["careers"],
        ready=True,
        live=False,
        body=[paragraph(long_text(140)), alternatives_block([alternative])],
    )
    body = streamfield(
        [
            ("paragraph", rich_text(f"<p>{long_text(140)}</p>")),
            (
                "alternatives",
                {
                    "heading": "",
                    "intro": rich_text("<p>Or try these:</p>"),
                    "alternatives": streamfield([("item", alternative.pk)]),
                },
            ),
        ]
    )
    return article, alternative, body


def schedule_through_admin(client, user, article, **overrides):
    client.force_login(user)
    go_live = (timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    post_article_edit(client, article, go_live_at=go_live, **{"action-publish": "1"}, **overrides)
    return Revision.page_revisions.get(object_id=str(article.pk), approved_go_live_at__isnull=False)


def test_publish_scheduled_holds_back_a_revision_that_fails_the_checklist(client, guard_cast):
    article, alternative, body = article_leaning_on_an_alternative(guard_cast)
    revision = schedule_through_admin(client, guard_cast["editor"], article, body=body)
    alternative.unpublish()
    make_due(revision)
    output = StringIO()

    call_command("publish_scheduled", stdout=output)

    assert not went_live(article)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    held = PageLogEntry.objects.get(page=article, action=SCHEDULE_HELD)
    assert "write at least" in " ".join(held.data["missing"])
    assert "the checklist fails" in output.getvalue()


def test_publish_scheduled_dry_run_leaves_a_held_revision_scheduled(client, guard_cast):
    article, alternative, body = article_leaning_on_an_alternative(guard_cast)
    revision = schedule_through_admin(client, guard_cast["editor"], article, body=body)
    alternative.unpublish()
    make_due(revision)
    output = StringIO()

    call_command("publish_scheduled", "--dryrun", stdout=output)

    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    assert "the checklist fails" in output.getvalue()
    assert "No objects to go live." in output.getvalue()
    assert not PageLogEntry.objects.filter(page=article, action=SCHEDULE_HELD).exists()


def test_publish_scheduled_publishes_what_an_admin_let_through(client, guard_cast):
    article = new_article(guard_cast, ready=False)
    revision = schedule_through_admin(client, guard_cast["admin"], article)
    make_due(revision)

    call_command("publish_scheduled", stdout=StringIO())

    assert went_live(article)
    assert PageLogEntry.objects.filter(
        page=article, action=CHECKLIST_OVERRIDE, data__action="schedule"
    ).exists()


def test_publish_scheduled_publishes_a_ready_revision(client, guard_cast):
    article, _alternative, body = article_leaning_on_an_alternative(guard_cast)
    revision = schedule_through_admin(client, guard_cast["editor"], article, body=body)
    make_due(revision)

    call_command("publish_scheduled", stdout=StringIO())

    assert went_live(article)


# Snippets with a checklist follow the same rule.


def tagged(alternative):
    return [ChecklistItem("Tagged", bool(alternative.tags.all()), MISSING_TAG)]


@pytest.fixture
def alternatives_have_a_checklist(monkeypatch):
    """No snippet has a checklist today; the rule must hold for one that gets one."""
    monkeypatch.setattr(Alternative, "checklist", tagged, raising=False)


def publish_snippet(client, tags):
    alternative = AlternativeFactory()
    alternative.save_revision().publish()
    data = {
        "title": "Renamed alternative",
        "summary": rich_text("<p>Useful.</p>"),
        "link_url": "",
        "link_text": "",
        "tags": tags,
        "action-publish": "1",
    }
    url = reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk])
    response = client.post(url, data)
    return response, Alternative.objects.get(pk=alternative.pk).title == "Renamed alternative"


@pytest.mark.usefixtures("alternatives_have_a_checklist")
@pytest.mark.parametrize("ready", [True, False], ids=["ready", "missing-tag"])
@pytest.mark.parametrize("role", ROLES)
def test_snippet_with_a_checklist_is_guarded(client, guard_cast, role, ready):
    sign_in(client, guard_cast[role])

    response, happened = publish_snippet(client, "careers" if ready else "")

    allowed = PUBLISHERS if ready else {"admin"}
    assert response.status_code < 500
    assert happened == (role in allowed), role
    if role == "editor" and not ready:
        shown = client.get(response["Location"])
        assert any(MISSING_TAG in str(message) for message in shown.context["messages"])
