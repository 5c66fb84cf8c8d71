""" "My articles": what each writer owns or co-writes, where it stands, filtered by status."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

import pytest

from ..factories import ArticleFactory, UserFactory
from ..workflow import at, schedule, submit, workflow_action

pytestmark = pytest.mark.django_db

URL = "/admin/my-articles/"


@pytest.fixture
def desk(client, section, users):
    """One article of "author" in each status, one they co-write, and one they do not."""
    author, other = users["author"], users["other_author"]
    articles = {
        "draft": ArticleFactory(parent=section, title="Plain draft", writer=author, live=False),
        "in_review": submit(
            ArticleFactory(parent=section, title="Under review", writer=author, live=False),
            author,
        ),
        "changes_requested": submit(
            ArticleFactory(parent=section, title="Sent back", writer=author, live=False), author
        ),
        "scheduled": ArticleFactory(
            parent=section, title="Going out Friday", writer=author, live=False
        ),
        "live": ArticleFactory(
            parent=section, title="Out there", writer=author, ready=True, tags=["work"]
        ),
        "co_written": ArticleFactory(
            parent=section,
            title="Written together",
            writer=other,
            authors=[author.author_profile],
            live=False,
        ),
    }
    ArticleFactory(parent=section, title="Not theirs", writer=other, live=False)
    schedule(articles["scheduled"], at(timezone.localdate() + timedelta(days=3)))
    client.force_login(users["editor"])
    workflow_action(client, articles["changes_requested"], "reject", "Needs a source.")
    client.logout()
    return articles


def statuses(response):
    """``{title: status}`` of the listing's rows."""
    html = response.content.decode()
    rows = {}
    for chunk in html.split('data-status="')[1:]:
        status = chunk.split('"', 1)[0]
        title = chunk.split('<div class="title-wrapper"><a href="', 1)[1].split(">", 1)[1]
        rows[title.split("</a>", 1)[0]] = status
    return rows


def test_writer_sees_each_article_they_write_with_its_status(client, users, desk):
    client.force_login(users["author"])

    response = client.get(URL)

    assert response.status_code == 200
    assert statuses(response) == {
        "Plain draft": "draft",
        "Under review": "in_review",
        "Sent back": "changes_requested",
        "Going out Friday": "scheduled",
        "Out there": "live",
        "Written together": "draft",
    }


def test_listing_shows_the_task_and_the_checklist(client, users, desk):
    client.force_login(users["author"])

    html = client.get(URL).content.decode()

    under_review = html.split(f'data-article="{desk["in_review"].pk}"')[1].split("</tr>")[0]
    assert "Editor approval" in under_review
    assert "items missing" in under_review
    live = html.split(f'data-article="{desk["live"].pk}"')[1].split("</tr>")[0]
    assert "Ready" in live


@pytest.mark.parametrize("status", ["draft", "in_review", "changes_requested", "scheduled", "live"])
def test_filter_by_status(client, users, desk, status):
    client.force_login(users["author"])

    response = client.get(URL, {"status": status})

    assert response.status_code == 200
    assert set(statuses(response).values()) == {status}
    assert desk[status].title in statuses(response)


def test_an_unknown_status_is_a_form_error(client, users, desk):
    client.force_login(users["author"])

    response = client.get(URL, {"status": "published-ish"})

    assert response.status_code == 400
    assert statuses(response) == {}


def test_co_author_sees_the_article_they_are_credited_on(client, users, desk):
    client.force_login(users["other_author"])

    assert set(statuses(client.get(URL))) == {"Written together", "Not theirs"}


def test_linked_from_the_menu_and_the_dashboard(client, users, desk):
    client.force_login(users["author"])

    home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert home.count(URL) >= 2


def test_admin_users_without_a_page_permission_are_refused(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(URL).status_code == 403
