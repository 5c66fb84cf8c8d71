"""Editors see and steer trending in the admin: dashboard panel, daily views, pins, picks."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset

import pytest

from editorial.models import ArticlePage

from ..admin_forms import add_article_url, article_form
from ..factories import AlternativeFactory, ArticleFactory, AuthorFactory, add_views, user_in


def add_article(client, section, picks=(), **fields):
    """Post the admin's add form for a complete article, with ``fields`` on top and the
    ``picks`` as its related articles."""
    if picks:
        fields["related_links"] = inline_formset([{"target": pick.pk} for pick in picks])
    data = article_form([AuthorFactory()], [AlternativeFactory()], **fields)
    return client.post(add_article_url(section), data)


@pytest.fixture
def read_article(section):
    article = ArticleFactory(parent=section, title="Much read", authors=[AuthorFactory()])
    add_views(article, 40)
    add_views(article, 2, days_ago=3)
    return article


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "author"])
def test_dashboard_shows_trending_now_with_recent_views(client, read_article, role):
    client.force_login(user_in(role))

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="trending-now-section"')[1]

    assert "Much read" in panel
    assert "<td>42</td>" in panel


@pytest.mark.django_db
def test_dashboard_is_not_for_anonymous_readers(client, read_article):
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert "Much read" not in response.content.decode()


@pytest.mark.django_db
def test_article_edit_view_shows_views_per_day(admin_client, read_article):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(read_article.pk,))).content
    html = html.decode()

    assert "42 views in the last 30 days" in html
    assert html.count("<meter") == 30


@pytest.mark.django_db
def test_editor_pins_excludes_and_picks_related_in_the_admin(admin_client, section):
    pick = ArticleFactory(parent=section, title="Pick")
    response = add_article(
        admin_client,
        section,
        picks=[pick],
        trending_pinned_until="2030-01-31 09:00",
        exclude_from_trending="on",
    )

    assert response.status_code == 302, response.context["form"].errors
    draft = ArticlePage.objects.get(slug="working-the-room").get_latest_revision_as_object()
    assert [link.target for link in draft.related_links.all()] == [pick]
    assert draft.trending_pinned_until.year == 2030
    assert draft.exclude_from_trending


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "may_steer"), [("editor", True), ("author", False), ("admin", True)]
)
def test_only_editors_see_the_trending_controls(client, read_article, role, may_steer):
    user = user_in(role)
    client.force_login(user)
    # Authors edit only their own articles.
    read_article.owner = user
    read_article.save(update_fields=["owner"])

    response = client.get(reverse("wagtailadmin_pages:edit", args=(read_article.pk,)))

    assert response.status_code == 200
    html = response.content.decode()
    assert ('name="trending_pinned_until"' in html) is may_steer
    assert ('name="exclude_from_trending"' in html) is may_steer
    assert "42 views in the last 30 days" in html


@pytest.mark.django_db
def test_an_author_cannot_exclude_an_article_from_trending(client, section):
    client.force_login(user_in("author"))

    response = add_article(
        client, section, trending_pinned_until="2030-01-31 09:00", exclude_from_trending="on"
    )

    assert response.status_code == 302
    draft = ArticlePage.objects.get(slug="working-the-room").get_latest_revision_as_object()
    assert draft.trending_pinned_until is None
    assert not draft.exclude_from_trending


@pytest.mark.django_db
def test_picking_the_same_related_article_twice_is_a_form_error(admin_client, section):
    pick = ArticleFactory(parent=section, title="Pick")
    response = add_article(admin_client, section, picks=[pick, pick])

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="working-the-room").exists()
