"""Trending: decayed recent views in one query, with pins, exclusions and a latest fallback."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from editorial.content.queries import TRENDING_SET_SIZE, trending_ids, trending_queryset

from ..factories import ArticleFactory, SectionFactory, add_views, restrict

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def story(section, title, days_old=30):
    return ArticleFactory(
        parent=section, title=title, first_published_at=NOW - timedelta(days=days_old)
    )


def titles(queryset):
    return [article.title for article in queryset]


@pytest.fixture
def scored(frozen, section):
    """Five articles whose scores, with a two-day half-life, are 30, 25, 15, 0 and 0."""
    today = story(section, "Today")
    add_views(today, 30)
    older = story(section, "Four days ago")
    add_views(older, 100, days_ago=4)
    mixed = story(section, "Mixed")
    add_views(mixed, 10)
    add_views(mixed, 10, days_ago=2)
    stale = story(section, "Stale", days_old=40)
    add_views(stale, 1000, days_ago=14)
    story(section, "Unread", days_old=20)
    return section


@pytest.mark.django_db
def test_score_decays_each_day_by_the_half_life(postgres, scored):
    scores = dict(trending_queryset().values_list("title", "score"))

    assert scores == pytest.approx(
        {"Today": 30.0, "Four days ago": 25.0, "Mixed": 15.0, "Unread": 0.0, "Stale": 0.0}
    )
    assert titles(trending_queryset()) == ["Today", "Four days ago", "Mixed", "Unread", "Stale"]


@pytest.mark.django_db
def test_trending_is_one_query(postgres, scored, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(trending_queryset())


@pytest.mark.django_db
def test_half_life_and_window_are_settings(postgres, scored, settings):
    settings.TRENDING_HALF_LIFE_DAYS = 8
    settings.TRENDING_WINDOW_DAYS = 20
    scores = dict(trending_queryset().values_list("title", "score"))

    assert scores["Four days ago"] == pytest.approx(100 * 0.5**0.5)
    assert scores["Stale"] == pytest.approx(1000 * 0.5 ** (14 / 8))
    assert titles(trending_queryset())[0] == "Stale"


@pytest.mark.django_db
def test_views_age_as_days_pass(postgres, scored, frozen):
    frozen.move_to(NOW + timedelta(days=2))

    scores = dict(trending_queryset().values_list("title", "score"))

    assert scores["Today"] == pytest.approx(15.0)
    assert scores["Four days ago"] == pytest.approx(12.5)


@pytest.mark.django_db
def test_pinned_articles_come_first_until_the_pin_expires(postgres, scored, frozen):
    pinned = story(scored, "Pinned", days_old=90)
    pinned.trending_pinned_until = NOW + timedelta(days=1)
    pinned.save_revision().publish()

    assert titles(trending_queryset())[:2] == ["Pinned", "Today"]

    frozen.move_to(NOW + timedelta(days=1, seconds=1))
    assert titles(trending_queryset())[-1] == "Pinned"


@pytest.mark.django_db
def test_excluded_articles_never_trend_even_when_pinned(postgres, scored):
    excluded = story(scored, "Excluded")
    add_views(excluded, 10_000)
    excluded.exclude_from_trending = True
    excluded.trending_pinned_until = NOW + timedelta(days=3)
    excluded.save_revision().publish()

    assert "Excluded" not in titles(trending_queryset())


@pytest.mark.django_db
def test_drafts_and_private_articles_never_trend(postgres, scored, home):
    unpublished = story(scored, "Unpublished")
    add_views(unpublished, 500)
    unpublished.unpublish()
    hidden_section = SectionFactory(parent=home, title="Members")
    hidden = story(hidden_section, "Members only")
    add_views(hidden, 500)
    restrict(hidden_section)

    assert titles(trending_queryset()) == ["Today", "Four days ago", "Mixed", "Unread", "Stale"]


@pytest.mark.django_db
def test_without_views_trending_is_the_latest(postgres, frozen, section):
    for days_old in [5, 1, 3]:
        story(section, f"{days_old} days old", days_old=days_old)

    assert titles(trending_queryset()) == ["1 days old", "3 days old", "5 days old"]


@pytest.mark.django_db
def test_trending_can_be_limited_to_a_section(postgres, scored, home):
    other = SectionFactory(parent=home, title="Careers")
    add_views(story(other, "Elsewhere"), 999)

    assert "Elsewhere" not in titles(trending_queryset(scored))
    assert titles(trending_queryset(other)) == ["Elsewhere"]


@pytest.mark.django_db
def test_trending_ids_are_cached_briefly(postgres, scored, frozen, settings):
    settings.TRENDING_CACHE_SECONDS = 60
    first = trending_ids(count=3)
    add_views(story(scored, "Breaking"), 5000)

    assert trending_ids(count=3) == first

    frozen.shift(61)
    assert trending_ids(count=3)[0] != first[0]


@pytest.mark.django_db
def test_badge_marks_articles_of_the_trending_set(postgres, client, frozen, section):
    articles = [story(section, f"Story {n}", days_old=n) for n in range(TRENDING_SET_SIZE + 1)]
    add_views(articles[-1], 3)

    trending = client.get(articles[-1].url).content.decode()
    not_trending = client.get(articles[-2].url).content.decode()

    assert 'class="badge badge--trending">Trending<' in trending
    assert "badge--trending" not in not_trending
