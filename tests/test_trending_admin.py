"""Editors see and steer trending in the admin: dashboard panel, daily views, pins, picks."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset

import pytest

from editorial.models import ArticlePage

from .factories import AlternativeFactory, ArticleFactory, AuthorFactory, add_views
from .test_admin_editing import article_form


@pytest.fixture
def user_in(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(group_name.lower(), password="pw")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def read_article(section):
    article = ArticleFactory(parent=section, title="Much read", authors=[AuthorFactory()])
    add_views(article, 40)
    add_views(article, 2, days_ago=3)
    return article


@pytest.mark.django_db
@pytest.mark.parametrize("group_name", ["Editors", "Authors"])
def test_dashboard_shows_trending_now_with_recent_views(client, user_in, read_article, group_name):
    client.force_login(user_in(group_name))

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
    url = reverse("wagtailadmin_pages:add", args=("editorial", "articlepage", section.pk))
    data = article_form(
        [AuthorFactory()],
        [AlternativeFactory()],
        related_links=inline_formset([{"target": pick.pk}]),
        trending_pinned_until="2030-01-31 09:00",
        exclude_from_trending="on",
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    draft = ArticlePage.objects.get(slug="working-the-room").get_latest_revision_as_object()
    assert [link.target for link in draft.related_links.all()] == [pick]
    assert draft.trending_pinned_until.year == 2030
    assert draft.exclude_from_trending


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group_name", "may_steer"), [("Editors", True), ("Authors", False), (None, True)]
)
def test_only_editors_see_the_trending_controls(
    client, django_user_model, user_in, read_article, group_name, may_steer
):
    user = (
        user_in(group_name)
        if group_name
        else django_user_model.objects.create_superuser("root", password="pw")
    )
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
def test_an_author_cannot_exclude_an_article_from_trending(client, user_in, section):
    client.force_login(user_in("Authors"))
    url = reverse("wagtailadmin_pages:add", args=("editorial", "articlepage", section.pk))
    data = article_form(
        [AuthorFactory()],
        [AlternativeFactory()],
        trending_pinned_until="2030-01-31 09:00",
        exclude_from_trending="on",
    )

    response = client.post(url, data)

    assert response.status_code == 302
    draft = ArticlePage.objects.get(slug="working-the-room").get_latest_revision_as_object()
    assert draft.trending_pinned_until is None
    assert not draft.exclude_from_trending


@pytest.mark.django_db
def test_picking_the_same_related_article_twice_is_a_form_error(admin_client, section):
    pick = ArticleFactory(parent=section, title="Pick")
    url = reverse("wagtailadmin_pages:add", args=("editorial", "articlepage", section.pk))
    data = article_form(
        [AuthorFactory()],
        [AlternativeFactory()],
        related_links=inline_formset([{"target": pick.pk}, {"target": pick.pk}]),
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="working-the-room").exists()
