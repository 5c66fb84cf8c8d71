"""Articles are written through the real Wagtail admin with every kind of block."""

from django.urls import reverse

import pytest

from editorial.models import ArticlePage

from ..admin_forms import add_article_url, article_form
from ..factories import AlternativeFactory, ArticleFactory, AuthorFactory


@pytest.mark.django_db
def test_admin_creates_article_with_ordered_authors_and_structured_body(admin_client, section):
    second, first = AuthorFactory(name="Second"), AuthorFactory(name="First")
    alternatives = [AlternativeFactory(title="Join Groups"), AlternativeFactory(title="Engage")]
    url = add_article_url(section)

    response = admin_client.post(url, article_form([first, second], alternatives))

    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="working-the-room")
    draft = article.get_latest_revision_as_object()
    assert [author.name for author in draft.authors] == ["First", "Second"]
    assert [block.block_type for block in draft.body] == [
        "heading",
        "paragraph",
        "key_points",
        "alternatives",
        "quote",
        "callout",
    ]
    assert [alt.title for alt in draft.body[3].value["alternatives"]] == ["Join Groups", "Engage"]
    assert sorted(tag.name for tag in draft.tags.all()) == ["events", "networking"]
    assert not article.live


@pytest.mark.django_db
def test_admin_refuses_to_publish_article_without_author(admin_client, section):
    url = add_article_url(section)
    data = article_form([], [AlternativeFactory()], **{"action-publish": "publish"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="working-the-room").exists()


@pytest.mark.django_db
def test_admin_edit_view_renders_for_every_block(admin_client, section):
    article = ArticleFactory(parent=section, authors=[AuthorFactory()])

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))

    assert response.status_code == 200
    assert b"Byline" in response.content


@pytest.mark.django_db
def test_heading_anchor_must_be_a_slug(admin_client, section):
    author = AuthorFactory()
    url = add_article_url(section)
    data = article_form([author], [AlternativeFactory()])
    data["body-0-value-anchor"] = "Not A Slug!"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="working-the-room").exists()
