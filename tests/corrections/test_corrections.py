"""Corrections and updates: editors add them to live articles; readers see them at the
article's end, in its JSON-LD and feeds, and on the site-wide corrections page."""

import json
from datetime import UTC, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

import feedparser
import pytest

from editorial.models import ArticleCorrection

from ..factories import ROLES, ArticleFactory, restrict, sign_in
from ..html_head import head_of

pytestmark = pytest.mark.django_db

MAY_CORRECT = {"editor", "admin"}
ADD_URL = reverse("wagtailsnippets_editorial_articlecorrection:add")


@pytest.fixture
def salary_talks(section, users):
    """Published ten days ago, so that notes of the last days are its newest changes."""
    writer = users["author"]
    page = ArticleFactory(parent=section, title="Salary talks", writer=writer)
    page.first_published_at = page.last_published_at = timezone.now() - timedelta(days=10)
    page.save(update_fields=["first_published_at", "last_published_at"])
    return page


def json_ld_time(moment):
    """``moment`` as the JSON-LD carries it: to the millisecond."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def note(article, days_ago, text, kind=ArticleCorrection.CORRECTION):
    return ArticleCorrection.objects.create(
        page=article,
        kind=kind,
        note=text,
        published_at=timezone.now() - timedelta(days=days_ago),
    )


def form(article, **overrides):
    data = {
        "page": article.pk,
        "kind": "correction",
        "note": "The survey was of 2,000 people, not 20,000.",
        "published_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_admins_add_corrections(client, users, salary_talks, role):
    sign_in(client, users[role])
    response = client.post(ADD_URL, form(salary_talks))
    created = ArticleCorrection.objects.filter(page=salary_talks)
    if role in MAY_CORRECT:
        assert response.status_code == 302
        assert created.get().created_by == users[role]
    else:
        assert response.status_code == 302
        assert not created.exists()
        listing = client.get(reverse("wagtailsnippets_editorial_articlecorrection:list"))
        assert listing.status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_and_admins_change_or_delete_corrections(client, users, salary_talks, role):
    correction = note(salary_talks, 1, "Original wording.")
    sign_in(client, users[role])
    edit = reverse("wagtailsnippets_editorial_articlecorrection:edit", args=[correction.pk])
    client.post(edit, form(salary_talks, note="Changed wording."))
    correction.refresh_from_db()
    delete = reverse("wagtailsnippets_editorial_articlecorrection:delete", args=[correction.pk])
    client.post(delete)
    if role in MAY_CORRECT:
        assert not ArticleCorrection.objects.filter(pk=correction.pk).exists()
        assert correction.note == "Changed wording."
    else:
        assert ArticleCorrection.objects.get(pk=correction.pk).note == "Original wording."


def test_a_correction_needs_a_live_article_and_a_date_not_in_the_future(client, users, section):
    client.force_login(users["editor"])
    draft = ArticleFactory(parent=section, title="Unpublished", live=False)
    response = client.post(ADD_URL, form(draft))
    assert response.status_code == 200
    assert "published articles" in str(response.context["form"].errors["page"])
    live = ArticleFactory(parent=section, title="Published")
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = client.post(ADD_URL, form(live, published_at=tomorrow))
    assert response.status_code == 200
    assert response.context["form"].errors["published_at"]
    response = client.post(ADD_URL, form(live, kind="retraction", note=""))
    assert response.status_code == 200
    assert {"kind", "note"} <= set(response.context["form"].errors)
    assert not ArticleCorrection.objects.exists()


def test_the_article_header_links_editors_to_a_correction_for_it(client, users, salary_talks):
    edit_url = reverse("wagtailadmin_pages:edit", args=[salary_talks.pk])
    client.force_login(users["editor"])
    assert f"{ADD_URL}?page={salary_talks.pk}" in client.get(edit_url).content.decode()
    response = client.get(f"{ADD_URL}?page={salary_talks.pk}")
    assert response.context["form"].initial["page"] == salary_talks.pk
    client.force_login(users["author"])
    assert ADD_URL not in client.get(edit_url).content.decode()


def test_notes_show_at_the_article_end_oldest_first_and_set_date_modified(client, salary_talks):
    later = note(salary_talks, 1, "Second: the figures were updated.", ArticleCorrection.UPDATE)
    note(salary_talks, 3, "First: a name was misspelled.")
    html = client.get(salary_talks.url).content.decode()
    first, second = html.index("First: a name"), html.index("Second: the figures")
    assert html.index('class="prose"') < first < second < html.index("article__footer")
    assert "Update" in html[first : second + 200]

    head = head_of(client, salary_talks.url)
    data = json.loads(head.json_ld[0])["@graph"][0]
    assert datetime.fromisoformat(data["dateModified"]) == json_ld_time(later.published_at)
    assert head.meta["article:modified_time"] == [later.published_at.isoformat()]


def test_without_notes_date_modified_is_the_last_publication(client, salary_talks):
    data = json.loads(head_of(client, salary_talks.url).json_ld[0])["@graph"][0]
    assert datetime.fromisoformat(data["dateModified"]) == json_ld_time(
        salary_talks.last_published_at
    )


def test_a_new_note_reaches_readers_of_the_cached_article_at_once(client, salary_talks):
    assert client.get(salary_talks.url)["X-Cache"] == "miss"
    assert client.get(salary_talks.url)["X-Cache"] == "hit"
    correction = note(salary_talks, 0, "A quote was misattributed.")
    response = client.get(salary_talks.url)
    assert response["X-Cache"] == "miss"
    assert "A quote was misattributed." in response.content.decode()
    correction.delete()
    response = client.get(salary_talks.url)
    assert "A quote was misattributed." not in response.content.decode()


def test_feeds_carry_notes_and_their_date_as_the_entry_update(client, salary_talks):
    correction = note(salary_talks, 1, "The deadline is in May, not March.")
    atom = feedparser.parse(client.get("/feeds/atom/").content)
    entry = atom.entries[0]
    assert entry.title == "Salary talks"
    assert "The deadline is in May, not March." in entry.summary
    updated = datetime(*entry.updated_parsed[:6], tzinfo=UTC)
    assert updated == correction.published_at.replace(microsecond=0)
    rss = feedparser.parse(
        client.get(f"/feeds/sections/{salary_talks.get_parent().slug}/rss/").content
    )
    assert "Correction" in rss.entries[0].summary
    assert "The deadline is in May, not March." in rss.entries[0].summary


def test_a_new_note_reaches_readers_of_the_cached_feeds_at_once(client, salary_talks):
    feeds = ["/feeds/atom/", f"/feeds/sections/{salary_talks.get_parent().slug}/rss/"]
    for url in feeds:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"

    note(salary_talks, 1, "The deadline is in May, not March.")

    for url in feeds:
        assert "The deadline is in May, not March." in client.get(url).content.decode(), url


def test_feed_queries_do_not_grow_with_notes(client, section, django_assert_max_num_queries):
    for n in range(8):
        article = ArticleFactory(parent=section, title=f"Article {n}")
        note(article, 1, f"Note {n}")
        note(article, 0, f"Later note {n}")
    with django_assert_max_num_queries(12):
        assert client.get("/feeds/atom/").status_code == 200


def test_the_corrections_page_lists_public_notes_newest_first(client, section, salary_talks):
    note(salary_talks, 5, "Oldest public note.")
    note(salary_talks, 1, "Newest public note.")
    hidden_draft = ArticleFactory(parent=section, title="Taken down")
    note(hidden_draft, 0, "Note on an unpublished article.")
    hidden_draft.unpublish()
    private = ArticleFactory(parent=section, title="Members only")
    restrict(private)
    note(private, 0, "Note on a private article.")

    html = client.get(reverse("editorial:corrections")).content.decode()
    assert html.index("Newest public note.") < html.index("Oldest public note.")
    assert "Note on an unpublished article." not in html
    assert "Note on a private article." not in html
    assert salary_talks.url in html


def test_the_corrections_page_is_paginated_in_a_bounded_number_of_queries(
    client, section, django_assert_max_num_queries
):
    articles = [ArticleFactory(parent=section, title=f"Story {n}") for n in range(3)]
    for n in range(25):
        note(articles[n % 3], n, f"Note number {n}.")
    url = reverse("editorial:corrections")
    with django_assert_max_num_queries(8):
        first = client.get(url)
    assert first.content.decode().count('class="correction ') == 20
    assert "Note number 0." in first.content.decode()
    with django_assert_max_num_queries(8):
        second = client.get(url, {"page": 2})
    assert second.content.decode().count('class="correction ') == 5
    assert "Note number 24." in second.content.decode()


def test_the_corrections_page_is_cached_until_a_note_changes(client, salary_talks):
    url = reverse("editorial:corrections")
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    note(salary_talks, 0, "Fresh note.")
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Fresh note." in response.content.decode()
    salary_talks.unpublish()
    assert "Fresh note." not in client.get(url).content.decode()


def test_modified_at_takes_the_newest_of_publication_and_notes(salary_talks):
    assert salary_talks.modified_at([]) == salary_talks.last_published_at
    correction = note(salary_talks, 0, "Now.")
    assert salary_talks.modified_at([correction]) == correction.published_at
