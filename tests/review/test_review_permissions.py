"""Who may do what, through the real admin: every refusal is checked in the database after a
direct POST to the admin URL, not by looking for a hidden button.

Every action targets the article of ``author``, so the "author" row is "own article" and
the "other_author" row is "another's article". The editor and the admin are not on
its byline (the four-eyes rule for them is in test_review_workflow).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Revision, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from editorial.models import Alternative, ArticlePage

from ..admin_forms import add_article_url
from ..factories import (
    ROLES,
    AlternativeFactory,
    ArticleFactory,
    long_text,
    post_article_edit,
    sign_in,
)
from ..workflow import reload


@pytest.fixture
def draft_cast(section, users):
    """Everyone in the newsroom, and a ready draft by "author" that nobody has submitted."""
    author = users["author"]
    return {
        **users,
        "section": section,
        "article": ArticleFactory(
            parent=section,
            writer=author,
            tags=["careers"],
            ready=True,
            live=False,
        ),
    }


def submit(cast):
    article = cast["article"]
    Workflow.objects.get(name="Editorial review").start(article, cast["author"])
    return reload(article)


def create(client, cast):
    url = add_article_url(cast["section"])
    data = {
        "title": "Fresh",
        "slug": "fresh",
        "standfirst": "New.",
        "article_authors": inline_formset([{"author": cast["author"].author_profile.pk}]),
        "tags": "",
        "related_links": inline_formset([]),
        "body": streamfield([("paragraph", rich_text(f"<p>{long_text(5)}</p>"))]),
    }
    client.post(url, nested_form_data(data))
    return ArticlePage.objects.filter(slug="fresh").exists()


def edit(client, cast):
    article = cast["article"]
    post_article_edit(client, article, title="Edited title")
    return reload(article).get_latest_revision_as_object().title == "Edited title"


def submit_action(client, cast):
    article = cast["article"]
    post_article_edit(client, article, **{"action-submit": "1"})
    return reload(article).workflow_in_progress


def workflow_action(name):
    def act(client, cast):
        article = submit(cast)
        task_state = article.current_workflow_task_state
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[article.pk, name, task_state.pk]),
            {"comment": "Checked."},
        )
        task_state.refresh_from_db()
        return task_state.status == ("approved" if name == "approve" else "rejected")

    return act


def publish(client, cast):
    article = cast["article"]
    post_article_edit(client, article, **{"action-publish": "1"})
    return reload(article).live


def schedule(client, cast):
    article = cast["article"]
    go_live = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    post_article_edit(client, article, go_live_at=go_live, **{"action-publish": "1"})
    return Revision.page_revisions.filter(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    ).exists()


def unpublish(client, cast):
    article = cast["article"]
    article.get_latest_revision().publish()
    client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))
    return not reload(article).live


def delete(client, cast):
    article = cast["article"]
    article.get_latest_revision().publish()
    client.post(reverse("wagtailadmin_pages:delete", args=[article.pk]))
    return not Page.objects.filter(pk=article.pk).exists()


def bulk_publish(client, cast):
    article = cast["article"]
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={article.pk}&next=/admin/"
    )
    client.post(url, {"include_descendants": ""})
    return reload(article).live


def bulk_delete(client, cast):
    article = cast["article"]
    article.get_latest_revision().publish()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete")) + (
        f"?id={article.pk}&next=/admin/"
    )
    client.post(url)
    return not Page.objects.filter(pk=article.pk).exists()


def alternative_form(**overrides):
    return nested_form_data(
        {
            "title": "Renamed alternative",
            "summary": rich_text("<p>Still useful.</p>"),
            "link_url": "",
            "link_text": "",
            "tags": "",
            **overrides,
        }
    )


def edit_snippet(client, cast):
    alternative = AlternativeFactory()
    alternative.save_revision().publish()
    client.post(
        reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk]),
        alternative_form(),
    )
    latest = Alternative.objects.get(pk=alternative.pk).get_latest_revision_as_object()
    return latest.title == "Renamed alternative"


def publish_snippet(client, cast):
    alternative = AlternativeFactory()
    alternative.save_revision().publish()
    client.post(
        reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk]),
        alternative_form(**{"action-publish": "1"}),
    )
    return Alternative.objects.get(pk=alternative.pk).title == "Renamed alternative"


def view_draft(client, cast):
    article = cast["article"]
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    return response.status_code == 200 and article.title.encode() in response.content


ACTIONS = {
    "create": (create, {"author", "other_author", "editor", "admin"}),
    "edit": (edit, {"author", "editor", "admin"}),
    "submit": (submit_action, {"author", "editor", "admin"}),
    "approve": (workflow_action("approve"), {"editor", "admin"}),
    "reject": (workflow_action("reject"), {"editor", "admin"}),
    "publish": (publish, {"editor", "admin"}),
    "schedule": (schedule, {"editor", "admin"}),
    "unpublish": (unpublish, {"editor", "admin"}),
    "delete": (delete, {"editor", "admin"}),
    "bulk publish": (bulk_publish, {"editor", "admin"}),
    "bulk delete": (bulk_delete, {"editor", "admin"}),
    "edit snippet": (edit_snippet, {"author", "other_author", "editor", "admin"}),
    "publish snippet": (publish_snippet, {"editor", "admin"}),
    "view draft preview": (view_draft, {"author", "editor", "admin"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_permission_matrix(client, draft_cast, role, action):
    perform, allowed_roles = ACTIONS[action]
    sign_in(client, draft_cast[role])

    happened = perform(client, draft_cast)

    assert happened == (role in allowed_roles), f"{role} {action}"


@pytest.mark.django_db
def test_readers_never_see_a_draft(client, draft_cast):
    article = draft_cast["article"]
    response = client.get(f"/{draft_cast['section'].slug}/{article.slug}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_readers_see_the_published_version_not_the_pending_revision(client, draft_cast):
    article = draft_cast["article"]
    article.get_latest_revision().publish()
    article = reload(article)
    article.title = "Unapproved headline"
    article.save_revision(user=draft_cast["author"])

    response = client.get(article.url)

    assert response.status_code == 200
    assert b"Unapproved headline" not in response.content
    assert draft_cast["article"].title.encode() in response.content


@pytest.mark.django_db
def test_author_edits_own_profile_only(client, draft_cast):
    author, other = draft_cast["author"], draft_cast["other_author"]
    client.force_login(author)
    own = reverse("wagtailsnippets_editorial_author:edit", args=[author.author_profile.pk])
    theirs = reverse("wagtailsnippets_editorial_author:edit", args=[other.author_profile.pk])
    data = {"name": "New Name", "slug": "new-name", "role": "", "bio": "", "photo": "", "user": ""}

    assert client.get(own).status_code == 200
    refused = client.get(theirs)
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    client.post(theirs, {**data, "slug": "hijacked"})
    client.post(own, data)

    other.author_profile.refresh_from_db()
    assert other.author_profile.get_latest_revision_as_object().slug != "hijacked"
    author.author_profile.refresh_from_db()
    assert author.author_profile.get_latest_revision_as_object().name == "New Name"
    # A draft only: publishing a profile stays with editors.
    assert author.author_profile.name != "New Name"


@pytest.mark.django_db
def test_author_cannot_create_a_section(client, draft_cast):
    client.force_login(draft_cast["author"])
    home = draft_cast["section"].get_parent()
    url = reverse("wagtailadmin_pages:add", args=("editorial", "sectionpage", home.pk))

    response = client.get(url)

    assert response.status_code in (302, 403)
