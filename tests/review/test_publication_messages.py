"""Messages that say what happened (issue #16, item 7): live, with a link; scheduled, with
the time; a new draft "created", also when autosave created it."""

import html
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.test.utils.form_data import rich_text

import pytest

from editorial.models import Alternative, ArticlePage

from ..admin_forms import add_article_url, article_form
from ..factories import AlternativeFactory, ArticleFactory, post_article_edit
from ..workflow import approve_in_editor, reload, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_article(section, users):
    return ArticleFactory(
        parent=section, writer=users["author"], tags=["careers"], ready=True, live=False
    )


def shown(client, response):
    """The messages of the page a redirect leads to, as the editor reads them."""
    followed = client.get(response["Location"])
    return html.unescape(" ".join(str(message) for message in followed.context["messages"]))


def test_publish_says_the_article_is_live_with_a_link(client, users, ready_article):
    client.force_login(users["editor"])

    response = post_article_edit(client, ready_article, **{"action-publish": "1"})

    text = shown(client, response)
    url = reload(ready_article).full_url
    assert f"“{ready_article.title}” is live at" in text
    assert f'<a href="{url}">{url}</a>' in text
    assert "has been published" not in text


def test_scheduling_says_when_it_goes_live(client, users, ready_article):
    client.force_login(users["editor"])
    go_live = timezone.localtime() + timedelta(days=2)

    response = post_article_edit(
        client,
        ready_article,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-publish": "1"},
    )

    when = date_format(go_live.replace(second=0, microsecond=0), "DATETIME_FORMAT")
    assert f"“{ready_article.title}” is scheduled: it goes live on {when}." in shown(
        client, response
    )


def test_approve_and_publish_says_the_article_is_live_with_a_link(client, users, ready_article):
    in_review = submit(ready_article, users["author"])
    client.force_login(users["editor"])

    response = approve_in_editor(client, in_review)

    text = shown(client, response)
    url = reload(ready_article).full_url
    assert f"“{ready_article.title}” is approved and live at" in text
    assert f'<a href="{url}">{url}</a>' in text
    assert "has been updated" not in text


def test_approve_with_a_go_live_date_says_when(client, users, ready_article):
    in_review = submit(ready_article, users["author"])
    client.force_login(users["editor"])
    go_live = timezone.localtime() + timedelta(days=1)

    response = approve_in_editor(client, in_review, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))

    assert "is approved and scheduled: it goes live on" in shown(client, response)
    assert not reload(ready_article).live


def test_a_draft_autosave_created_is_created_when_first_saved(client, section, users):
    client.force_login(users["author"])
    data = article_form([users["author"].author_profile], [], tags="")
    data.pop("body-count")
    data["body-count"] = "0"

    autosaved = client.post(add_article_url(section), data, HTTP_ACCEPT="application/json")
    assert autosaved.json()["success"]
    article = ArticlePage.objects.get(slug="working-the-room")
    first = shown(client, post_article_edit(client, article, title="Working the Room, again"))
    second = shown(client, post_article_edit(client, article, title="Working the Room, more"))

    assert "Page 'Working the Room, again' created." in first
    assert "updated" not in first
    assert "Page 'Working the Room, more' has been updated." in second


def test_a_snippet_autosave_created_is_created_when_first_saved(client, users):
    client.force_login(users["editor"])
    data = {
        "title": "Join a club",
        "summary": rich_text("<p>Meet people weekly.</p>"),
        "link_url": "",
        "link_text": "",
        "tags": "",
    }
    add_url = reverse("wagtailsnippets_editorial_alternative:add")

    client.post(add_url, data, HTTP_ACCEPT="application/json")
    alternative = Alternative.objects.get(title="Join a club")
    edit_url = reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk])
    response = client.post(edit_url, {**data, "title": "Join a club nearby"})

    text = shown(client, response)
    assert "Alternative 'Join a club nearby' created." in text
    assert "updated" not in text


def test_a_snippet_created_in_its_create_view_is_unchanged(client, users):
    client.force_login(users["editor"])
    alternative = AlternativeFactory(title="Saved by hand")
    edit_url = reverse("wagtailsnippets_editorial_alternative:edit", args=[alternative.pk])
    data = {
        "title": "Saved by hand",
        "summary": rich_text("<p>Text.</p>"),
        "link_url": "",
        "link_text": "",
        "tags": "",
    }

    response = client.post(edit_url, data)

    assert "updated" in shown(client, response)
