"""Related articles (editor's picks, then shared tags) and latest articles."""

from datetime import timedelta

from django.utils import timezone

import pytest

from editorial.content.models import ArticleRelatedLink
from editorial.content.queries import latest_articles, related_articles

from ..factories import ArticleFactory, SectionFactory, restrict


def story(section, title, tags=(), days_old=1, **kwargs):
    return ArticleFactory(
        parent=section,
        title=title,
        tags=tags,
        first_published_at=timezone.now() - timedelta(days=days_old),
        **kwargs,
    )


def titles(articles):
    return [article.title for article in articles]


# What ``tagged`` relates to without picks: most shared tags, then same section, then newest.
RELATED_BY_TAGS = [
    "Shares three",
    "Shares two, same section, old",
    "Shares two, elsewhere, new",
    "Shares one",
]


@pytest.fixture
def tagged(section, careers):
    """Candidates around one article tagged a, b and c."""
    story(section, "Shares one", tags=["a"], days_old=1)
    story(careers, "Shares two, elsewhere, new", tags=["a", "b"], days_old=1)
    story(section, "Shares two, same section, old", tags=["a", "b", "z"], days_old=9)
    story(careers, "Shares three", tags=["a", "b", "c"], days_old=30)
    story(section, "Shares none", tags=["z"], days_old=0)
    return story(section, "The article", tags=["a", "b", "c"], days_old=2)


@pytest.mark.django_db
def test_related_orders_by_shared_tags_then_section_then_date(tagged):
    assert titles(related_articles(tagged, 10)) == RELATED_BY_TAGS


@pytest.mark.django_db
def test_related_puts_editor_picks_first_in_their_order_without_duplicates(section, tagged):
    untagged = story(section, "Editor's choice", days_old=50)
    shares_one = [a for a in related_articles(tagged, 10) if a.title == "Shares one"][0]
    article = story(section, "Picked", tags=["a", "b", "c"], related=[untagged, shares_one])

    assert titles(related_articles(article, 10)) == [
        "Editor's choice",
        "Shares one",
        "The article",
        "Shares three",
        "Shares two, same section, old",
        "Shares two, elsewhere, new",
    ]
    assert titles(related_articles(article, 1)) == ["Editor's choice"]
    assert titles(related_articles(article, 3)) == ["Editor's choice", "Shares one", "The article"]


@pytest.mark.django_db
def test_picks_saved_without_an_order_follow_the_ordered_ones_in_their_rows_order(section, tagged):
    """Picks saved outside the editor's form (an import, a script) have no sort order:
    still picks, listed before the articles that only share tags."""
    first, second, ordered = (story(section, title, days_old=50) for title in "ABC")
    for target in (second, first):
        ArticleRelatedLink.objects.create(article=tagged, target=target, sort_order=None)
    ArticleRelatedLink.objects.create(article=tagged, target=ordered, sort_order=0)

    assert titles(related_articles(tagged, 4)) == ["C", "B", "A", "Shares three"]


@pytest.mark.django_db
def test_related_never_lists_the_article_drafts_or_private_pages(section, home, tagged):
    draft = story(section, "Draft pick", tags=["a", "b", "c"], live=False)
    members = SectionFactory(parent=home, title="Members")
    private = story(members, "Private pick", tags=["a", "b", "c"])
    restrict(members)
    tagged.related_links.create(target=draft)
    tagged.related_links.create(target=private)
    tagged.related_links.create(target=tagged)

    assert titles(related_articles(tagged, 10)) == RELATED_BY_TAGS


@pytest.mark.django_db
def test_related_without_tags_or_picks_is_empty(section):
    story(section, "Another")

    assert titles(related_articles(story(section, "Lonely"), 3)) == []


@pytest.mark.django_db
def test_related_is_two_queries_with_the_cards_whatever_the_tags(tagged, django_assert_num_queries):
    """The ids in order, then their cards."""
    with django_assert_num_queries(2):
        cards = [article.card.html for article in related_articles(tagged, 10)]

    assert len(cards) == len(RELATED_BY_TAGS)


@pytest.mark.django_db
def test_latest_is_newest_first_without_the_current_article(section, careers):
    current = story(section, "Current", days_old=0)
    story(section, "Yesterday", days_old=1)
    story(careers, "Two days", days_old=2)
    story(section, "Draft", days_old=0, live=False)

    assert titles(latest_articles(5, exclude=[current.pk])) == ["Yesterday", "Two days"]
    assert titles(latest_articles(5, section=careers)) == ["Two days"]
    assert titles(latest_articles(1)) == ["Current"]


@pytest.mark.django_db
def test_article_shows_related_and_latest_under_its_body(client, section, tagged):
    html = client.get(tagged.url).content.decode()
    related, latest = html.split(">Related<")[1].split(">Latest<")

    assert "Shares three" in related
    assert "Shares none" not in related
    assert "Shares none" in latest
    assert "The article</a>" not in latest


@pytest.mark.django_db
def test_an_article_listed_as_related_is_not_listed_again_as_latest(client, section, tagged):
    html = client.get(tagged.url).content.decode()
    related, latest = html.split(">Related<")[1].split(">Latest<")

    assert "Shares two, elsewhere, new" in related
    assert "Shares two, elsewhere, new" not in latest
    assert "Shares none" in latest and "Shares one" in latest
