"""Two editors saving the same article: both revisions are kept and the later one is told;
an action on a review step that has ended meanwhile is refused."""

import json

from django.test import Client
from django.urls import reverse

import pytest

from editorial.models import ArticlePage

from ..admin_forms import article_form
from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    UserFactory,
    article_edit_form,
)
from ..workflow import submit

NOTICE = "Someone else saved this article while you were editing it"


@pytest.fixture
def other_editor(django_user_model):
    """A second editor, signed in in a browser of their own."""
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("other", "o@x.org", "pw"))
    return client


@pytest.mark.django_db
def test_saving_over_a_newer_revision_keeps_both_and_warns(admin_client, other_editor, section):
    author = AuthorFactory()
    article = ArticleFactory(parent=section, authors=[author])
    opened_by_both = {"loaded_revision_id": str(article.latest_revision_id)}
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    alternatives = [AlternativeFactory()]

    first = other_editor.post(
        url,
        article_form([author], alternatives, title="First title", slug=article.slug)
        | opened_by_both,
        follow=True,
    )
    second = admin_client.post(
        url,
        article_form([author], alternatives, title="Second title", slug=article.slug)
        | opened_by_both,
        follow=True,
    )

    titles = [revision.content["title"] for revision in article.revisions.order_by("pk")]
    assert titles[-2:] == ["First title", "Second title"]
    assert NOTICE not in first.content.decode()
    assert NOTICE in second.content.decode()


@pytest.mark.django_db
def test_the_editors_own_autosaves_since_loading_are_not_someone_else(admin_client, section):
    author = AuthorFactory()
    article = ArticleFactory(parent=section, authors=[author])
    # As the edit view writes them into its form, for autosave's own check.
    loaded = {
        "loaded_revision_id": str(article.latest_revision_id),
        "loaded_revision_created_at": article.latest_revision.created_at.isoformat(),
    }
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    alternatives = [AlternativeFactory()]
    form = article_form([author], alternatives, title="Typed", slug=article.slug) | loaded

    autosaved = admin_client.post(url, form, HTTP_ACCEPT="application/json")
    saved = admin_client.post(url, form, follow=True)

    assert autosaved.json()["success"]
    assert article.revisions.count() == 3
    assert NOTICE not in saved.content.decode()


@pytest.mark.django_db
def test_someone_elses_save_between_the_editors_own_is_still_news(
    admin_client, other_editor, section
):
    author = AuthorFactory()
    article = ArticleFactory(parent=section, authors=[author])
    loaded = {"loaded_revision_id": str(article.latest_revision_id)}
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    alternatives = [AlternativeFactory()]
    form = article_form([author], alternatives, slug=article.slug) | loaded

    other_editor.post(url, form | {"title": "Theirs"})
    admin_client.post(url, form | {"title": "Mine"})
    saved = admin_client.post(url, form | {"title": "Mine again"}, follow=True)

    assert NOTICE in saved.content.decode()


@pytest.mark.django_db
def test_a_revision_saved_by_no_one_since_loading_is_news(admin_client, section):
    """An import or a scheduled job saves without a user: that is not the editor either."""
    author = AuthorFactory()
    article = ArticleFactory(parent=section, authors=[author])
    loaded = {"loaded_revision_id": str(article.latest_revision_id)}
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    form = article_form([author], [AlternativeFactory()], slug=article.slug) | loaded

    ArticlePage.objects.get(pk=article.pk).save_revision(user=None)
    saved = admin_client.post(url, form | {"title": "Mine"}, follow=True)

    assert NOTICE in saved.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("loaded", ["", "abc", "²", "-1", "99999999999999999999999"])
def test_a_loaded_revision_that_is_not_one_still_saves(admin_client, section, loaded):
    author = AuthorFactory()
    article = ArticleFactory(parent=section, authors=[author])
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    form = article_form([author], [AlternativeFactory()], title="Kept", slug=article.slug)

    response = admin_client.post(url, form | {"loaded_revision_id": loaded}, follow=True)

    assert response.status_code == 200
    assert article.revisions.order_by("pk").last().content["title"] == "Kept"


@pytest.mark.django_db
def test_changes_requested_twice_is_refused_the_second_time_not_a_500(client, section):
    writer, editor = UserFactory(role="author"), UserFactory(role="editor")
    article = ArticleFactory(parent=section, writer=writer, ready=True, live=False)
    submit(article, writer)
    client.force_login(editor)
    request_changes = article_edit_form(
        article,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": "Tighten the standfirst."}),
        },
    )
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])

    first = client.post(url, request_changes)
    again = client.post(url, request_changes, follow=True)

    assert first.status_code == 302
    assert again.status_code == 200
    assert "This review step was already completed" in again.content.decode()
    state = ArticlePage.objects.get(pk=article.pk).current_workflow_state
    assert state.status == "needs_changes"
