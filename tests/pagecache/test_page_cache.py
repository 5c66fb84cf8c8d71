"""Readers are served from the page cache, and every content change reaches them at once."""

from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    alternatives_block,
    make_due,
)


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def cache_backend(request):
    """Every behaviour holds on the development cache and on Redis, production's."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")


@pytest.fixture
def amara():
    """The author of ``first_story``: her profile is on its page and has its own."""
    return AuthorFactory(name="Amara Bello")


@pytest.fixture
def first_story(section, amara):
    """A live article by ``amara``, tagged "ethics", in ``section``."""
    return ArticleFactory(parent=section, title="First Story", authors=[amara], tags=["ethics"])


def read(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return response.content.decode() if response.status_code == 200 else ""


def listing_urls(article, author):
    return [article.url, "/", article.get_parent().url, "/tags/ethics/", author.get_url()]


@pytest.mark.django_db
def test_second_anonymous_read_is_a_hit_without_queries(
    client, first_story, django_assert_num_queries
):
    first = client.get(first_story.url)
    with django_assert_num_queries(0):
        second = client.get(first_story.url)

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.django_db
def test_hit_supports_conditional_get(client, first_story):
    first = client.get(first_story.url)
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert first["Last-Modified"]

    revalidated = client.get(first_story.url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert revalidated.status_code == 304
    assert revalidated["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_signed_in_users_neither_receive_nor_fill_the_cache(client, admin_client, first_story):
    staff_view = admin_client.get(first_story.url)
    assert "X-Cache" not in staff_view
    assert client.get(first_story.url)["X-Cache"] == "miss"

    assert "X-Cache" not in admin_client.get(first_story.url)


@pytest.mark.django_db
def test_only_plain_and_paginated_urls_are_cached(client, first_story):
    section_url = first_story.get_parent().url
    client.get(f"{section_url}?page=1")
    assert client.get(f"{section_url}?page=1")["X-Cache"] == "hit"
    assert "X-Cache" not in client.get(f"{section_url}?utm_source=x")
    assert "X-Cache" not in client.get(f"{section_url}?page=abc")


@pytest.mark.django_db
def test_publishing_a_new_article_shows_it_everywhere_at_once(client, first_story, amara):
    urls = listing_urls(first_story, amara)
    for url in urls:
        read(client, url)

    ArticleFactory(
        parent=first_story.get_parent(), title="Breaking Story", authors=[amara], tags=["ethics"]
    )

    for url in urls[1:]:
        assert "Breaking Story" in read(client, url), url


@pytest.mark.django_db
def test_unpublishing_removes_the_article_everywhere(client, first_story, amara):
    urls = listing_urls(first_story, amara)
    ArticleFactory(parent=first_story.get_parent(), authors=[amara], tags=["ethics"])
    for url in urls:
        assert "First Story" in read(client, url)

    first_story.unpublish()

    assert client.get(first_story.url).status_code == 404
    for url in urls[1:]:
        assert "First Story" not in read(client, url), url


def rename_article(first_story, amara):
    first_story.title = "Renamed Story"
    first_story.save_revision().publish()
    return "Renamed Story", listing_urls(first_story, amara)


def rename_author(first_story, amara):
    amara.name = "Amara Bello-Stone"
    amara.save_revision().publish()
    return "Amara Bello-Stone", [first_story.url, first_story.get_parent().url]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(rename_article, id="renaming an article updates every page that lists it"),
        pytest.param(rename_author, id="publishing an author profile updates bylines"),
    ],
)
def test_a_published_change_reaches_every_page_that_shows_it(client, first_story, amara, change):
    urls = listing_urls(first_story, amara)
    for url in urls:
        read(client, url)

    new_text, showing = change(first_story, amara)

    for url in showing:
        assert new_text in read(client, url), url


@pytest.mark.django_db
def test_removing_a_tag_updates_the_old_tag_page(client, first_story, amara):
    ArticleFactory(parent=first_story.get_parent(), tags=["ethics"])
    assert "First Story" in read(client, "/tags/ethics/")

    first_story.tags.set(["careers"])
    first_story.save_revision().publish()

    assert "First Story" not in read(client, "/tags/ethics/")
    assert "First Story" in read(client, "/tags/careers/")


@pytest.mark.django_db
def test_scheduled_article_appears_when_it_comes_due(client, first_story, amara):
    section_url = first_story.get_parent().url
    read(client, section_url)
    scheduled = ArticleFactory(
        parent=first_story.get_parent(),
        title="Embargoed",
        authors=[amara],
        tags=["careers"],
        ready=True,
        live=False,
    )
    scheduled.go_live_at = timezone.now() + timedelta(hours=1)
    revision = scheduled.save_revision()
    revision.publish()
    assert "Embargoed" not in read(client, section_url)

    make_due(revision)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert "Embargoed" in read(client, section_url)


@pytest.mark.django_db
def test_moving_an_article_updates_both_sections(client, home, first_story, amara):
    old_section = first_story.get_parent()
    new_section = SectionFactory(parent=home, title="Careers")
    read(client, old_section.url)
    read(client, new_section.url)

    first_story.move(new_section, pos="last-child")

    assert "First Story" not in read(client, old_section.url)
    assert "First Story" in read(client, new_section.url)


@pytest.mark.django_db
def test_deleting_an_article_removes_it_from_listings(client, first_story, amara):
    section_url = first_story.get_parent().url
    assert "First Story" in read(client, section_url)

    first_story.delete()

    assert "First Story" not in read(client, section_url)
    assert "First Story" not in read(client, amara.get_url())


@pytest.mark.django_db
def test_publishing_an_alternative_updates_articles_that_use_it(client, section):
    alternative = AlternativeFactory(title="Engage Actively")
    article = ArticleFactory(parent=section, body=[alternatives_block([alternative])])
    assert "Engage Actively" in read(client, article.url)

    alternative.title = "Engage Thoughtfully"
    alternative.save_revision().publish()

    assert "Engage Thoughtfully" in read(client, article.url)


@pytest.mark.django_db
def test_renaming_a_section_updates_the_menu_on_every_page(client, first_story):
    read(client, first_story.url)
    section = first_story.get_parent().specific
    section.title = "Networking Now"
    section.save_revision().publish()

    assert "Networking Now" in read(Client(), first_story.url)
