"""Who may do what, through the real admin: every refusal is checked in the database after a
direct POST to the admin URL, not by looking for a hidden button.

Every action targets the article that ``author`` owns, so the "author" row is "own
article" and the "other_author" row is "another's article". "co_author" (an author) and
"editor_on_byline" (an editor) are on its byline beside the owner; the editor and the
admin are not (the four-eyes rule for them is in test_review_workflow).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.admin.models import EditingSession
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from editorial.models import Alternative, ArticleAuthor, ArticlePage

from .. import workflow
from ..admin_forms import add_article_url
from ..factories import (
    ROLES,
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    article_edit_form,
    long_text,
    post_article_edit,
    sign_in,
    user_in,
)
from ..workflow import reload

MATRIX_ROLES = [*ROLES, "co_author", "editor_on_byline"]
CO_WRITERS = {"co_author", "editor_on_byline"}


@pytest.fixture
def draft_cast(section, users):
    """Everyone in the newsroom, and a ready draft owned by "author", with "co_author" and
    "editor_on_byline" on its byline, that nobody has submitted."""
    co_author = user_in("author")
    editor_on_byline = user_in("editor")
    AuthorFactory(name="Editor Writer", user=editor_on_byline)
    return {
        **users,
        "co_author": co_author,
        "editor_on_byline": editor_on_byline,
        "section": section,
        "article": ArticleFactory(
            parent=section,
            writer=users["author"],
            authors=[co_author.author_profile, editor_on_byline.author_profile],
            tags=["careers"],
            ready=True,
            live=False,
        ),
    }


def submit(cast):
    return workflow.submit(cast["article"], cast["author"])


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


def preview(client, cast):
    article = cast["article"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    checked = client.post(url, article_edit_form(article, title="Previewed title"))
    if checked.get("Content-Type") != "application/json" or not checked.json()["is_valid"]:
        return False
    response = client.get(url)
    return response.status_code == 200 and b"Previewed title" in response.content


def comment(client, cast):
    article = cast["article"]
    comments = inline_formset(
        [
            {
                "contentpath": "title",
                "text": "Tighten this.",
                "position": "",
                "replies": inline_formset([]),
            }
        ]
    )
    post_article_edit(client, article, comments=comments)
    return article.wagtail_admin_comments.filter(text="Tighten this.").exists()


def change_owner(client, cast):
    article = cast["article"]
    post_article_edit(client, article, owner=cast["other_author"].pk, title="Taken over")
    return reload(article).owner_id != cast["author"].pk


def take_part_in_editing_session(client, cast):
    """The ping behind "someone else is editing": only those who may edit take part."""
    article = cast["article"]
    client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    session = EditingSession.objects.filter(object_id=str(article.pk)).last()
    if session is None:
        return False
    url = reverse(
        "wagtailadmin_editing_sessions:ping",
        args=("wagtailcore", "page", article.pk, session.pk),
    )
    return client.post(url).status_code == 200


EDITORS = {"editor", "admin"}
WRITERS = {"author", *CO_WRITERS, *EDITORS}
ACTIONS = {
    "create": (create, {"author", "other_author", "co_author", "editor_on_byline", *EDITORS}),
    "edit": (edit, WRITERS),
    "preview": (preview, WRITERS),
    "comment": (comment, WRITERS),
    "editing session": (take_part_in_editing_session, WRITERS),
    "submit": (submit_action, WRITERS),
    # The four-eyes rule: whoever is on the byline never signs it off.
    "approve": (workflow_action("approve"), EDITORS),
    "reject": (workflow_action("reject"), EDITORS),
    "publish": (publish, EDITORS),
    "schedule": (schedule, EDITORS),
    "bulk publish": (bulk_publish, EDITORS),
    # Taking an article off the site or out of the tree is an editor's call, theirs too.
    "unpublish": (unpublish, {"editor_on_byline", *EDITORS}),
    "delete": (delete, {"editor_on_byline", *EDITORS}),
    "bulk delete": (bulk_delete, {"editor_on_byline", *EDITORS}),
    "change owner": (change_owner, set()),
    "edit snippet": (
        edit_snippet,
        {"author", "other_author", "co_author", "editor_on_byline", *EDITORS},
    ),
    "publish snippet": (publish_snippet, {"editor_on_byline", *EDITORS}),
    "view draft preview": (view_draft, WRITERS),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", MATRIX_ROLES)
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


def byline_form(article, drop=(), add=()):
    """Edit-form data for ``article`` with the authors ``drop`` taken off its byline and
    the authors ``add`` put on it."""
    draft = article.get_latest_revision_as_object()
    bylines = [
        {"id": b.pk or "", "author": b.author_id, **({"DELETE": "1"} if b.author in drop else {})}
        for b in draft.article_authors.all()
    ]
    bylines += [{"id": "", "author": author.pk} for author in add]
    initial = sum(1 for b in draft.article_authors.all() if b.pk)
    return {"article_authors": inline_formset(bylines, initial=initial)}


@pytest.mark.django_db
def test_co_author_loses_access_with_the_revision_that_drops_them(client, draft_cast):
    article, co_author = draft_cast["article"], draft_cast["co_author"]
    # Live, so the byline readers see still names them after the draft drops them.
    article.get_latest_revision().publish()
    sign_in(client, co_author)
    assert edit(client, draft_cast)
    sign_in(client, draft_cast["author"])
    post_article_edit(client, article, **byline_form(article, drop=[co_author.author_profile]))
    bylines = reload(article).get_latest_revision_as_object().article_authors.all()
    assert co_author.author_profile not in [b.author for b in bylines]

    sign_in(client, co_author)

    assert not edit(client, draft_cast)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 302


@pytest.mark.django_db
def test_author_added_to_a_live_articles_draft_may_edit_before_publication(client, draft_cast):
    article, newcomer = draft_cast["article"], draft_cast["other_author"]
    article.get_latest_revision().publish()
    sign_in(client, draft_cast["author"])
    post_article_edit(client, article, **byline_form(article, add=[newcomer.author_profile]))
    # Only the draft names them: the live byline is the one readers see until publication.
    assert not ArticleAuthor.objects.filter(page=article, author=newcomer.author_profile).exists()

    sign_in(client, newcomer)

    assert edit(client, draft_cast)


@pytest.mark.django_db
@pytest.mark.parametrize("writer", ["author", "co_author"])
def test_an_editors_lock_stops_co_authors_as_it_stops_the_owner(client, draft_cast, writer):
    article = draft_cast["article"]
    article.locked, article.locked_at = True, timezone.now()
    article.locked_by = draft_cast["editor"]
    article.save(update_fields=["locked", "locked_by", "locked_at"])
    sign_in(client, draft_cast[writer])

    assert not edit(client, draft_cast)
    Page.objects.filter(pk=article.pk).update(locked=False, locked_by=None, locked_at=None)
    assert edit(client, draft_cast)
