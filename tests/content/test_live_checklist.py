"""The editor's checklist follows the form as it is typed, computed by the server from the
posted form with the rules the review enforces; nothing is saved on the way."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision
from wagtail.test.utils.form_data import rich_text, streamfield

import pytest

from editorial.content.checklist import MIN_BODY_WORDS

from ..admin_forms import add_article_url
from ..factories import (
    ROLES,
    AlternativeFactory,
    ArticleFactory,
    ImageFactory,
    article_edit_form,
    long_text,
    sign_in,
    user_in,
)

pytestmark = pytest.mark.django_db


def checklist_url(page):
    return reverse("editorial_live_checklist", args=[page.pk])


def body_of(text):
    """A body of one paragraph, as the editor posts it."""
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])


@pytest.fixture
def article(section, users):
    return ArticleFactory(parent=section, writer=users["author"], live=False)


def test_checklist_follows_the_posted_form_and_saves_nothing(client, article, users):
    client.force_login(users["author"])
    revisions = Revision.objects.count()
    image = ImageFactory()
    data = article_edit_form(
        article,
        tags="careers",
        hero_image=image.pk,
        hero_alt="A desk by a window",
        search_description="What it tells the reader.",
        body=body_of(long_text()),
    )

    answer = client.post(checklist_url(article), data).json()

    assert answer["missing"] == []
    assert "Ready for approval" in answer["html"]
    assert Revision.objects.count() == revisions
    draft = article.get_latest_revision_as_object()
    assert not draft.tags.all() and not draft.hero_image_id


def test_checklist_names_what_the_form_still_misses(client, article, users):
    client.force_login(users["author"])
    data = article_edit_form(article, tags="", body=body_of("Only five words here now"))

    answer = client.post(checklist_url(article), data).json()

    assert "Add at least one tag." in answer["missing"]
    assert f"The body has 5 words; write at least {MIN_BODY_WORDS}." in answer["missing"]
    assert 'data-checklist-missing="Add at least one tag."' in answer["html"]


def test_a_field_in_error_does_not_stop_the_rest_counting(client, article, users):
    client.force_login(users["author"])
    data = article_edit_form(article, tags="careers", hero_image="not-a-number")

    answer = client.post(checklist_url(article), data).json()

    assert "Add at least one tag." not in answer["missing"]
    assert "Choose a hero image (with alt text)." in answer["missing"]


def test_checklist_of_a_new_article_from_its_create_form(client, section, users):
    client.force_login(users["author"])
    data = article_edit_form(ArticleFactory(parent=section, writer=users["author"]), tags="x")

    response = client.post(reverse("editorial_live_checklist_new", args=[section.pk]), data)

    assert "Add at least one tag." not in response.json()["missing"]


def test_a_section_without_articles_has_no_live_checklist(client, home, users):
    client.force_login(users["admin"])

    response = client.post(reverse("editorial_live_checklist_new", args=[home.pk]), {})

    assert response.status_code == 404


def test_checklist_is_post_only(client, article, users):
    client.force_login(users["author"])

    assert client.get(checklist_url(article)).status_code == 405


@pytest.mark.parametrize("role", ROLES)
def test_who_may_ask_for_an_articles_live_checklist(client, section, role):
    user = user_in(role)
    owner = user if role == "author" else user_in("author")
    article = ArticleFactory(parent=section, writer=owner, live=False)
    sign_in(client, user)

    response = client.post(checklist_url(article), article_edit_form(article))

    expected = {"anonymous": 302, "other_author": 403}.get(role, 200)
    assert response.status_code == expected


def test_the_edit_view_gives_the_panel_its_update_address(client, article, users):
    client.force_login(users["author"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()

    assert f'data-editorial-checklist-url="{checklist_url(article)}"' in html
    assert "editorial/js/editor.js" in html


def test_the_create_view_gives_the_panel_the_new_articles_address(client, section, users):
    client.force_login(users["author"])

    html = client.get(add_article_url(section)).content.decode()

    new_url = reverse("editorial_live_checklist_new", args=[section.pk])
    assert f'data-editorial-checklist-url="{new_url}"' in html


def test_snippet_editors_get_the_signed_out_guard_too(client, users):
    client.force_login(users["editor"])
    alternative = AlternativeFactory()

    url = reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk])
    html = client.get(url).content.decode()

    assert "editorial/js/editor.js" in html and 'id="editorial-editor"' in html
    assert "data-editorial-checklist" not in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_session_answer_names_the_user_and_a_token(client, users, method):
    client.force_login(users["author"])

    answer = getattr(client, method)(reverse("editorial_editor_session")).json()

    assert answer["user"] == users["author"].pk
    assert answer["username"] == users["author"].username
    assert answer["csrf_token"]


def test_a_signed_out_editor_is_refused_the_session_answer(client):
    url = reverse("editorial_editor_session")

    assert client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403


def test_typing_renews_the_session(client, users, settings):
    client.force_login(users["author"])
    session = Session.objects.filter(pk=client.session.session_key)
    session.update(expire_date=timezone.now() + timedelta(minutes=1))

    client.post(reverse("editorial_editor_session"))

    renewed = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert session.get().expire_date > renewed
