"""Home, section, tag and author listings; pagination never fails on odd input."""

from datetime import timedelta

from django.utils import timezone

import pytest

from editorial.content.models.pages import ARTICLES_PER_PAGE, HOME_ARTICLES_PER_SECTION

from ..factories import ArticleFactory, AuthorFactory, SectionFactory


def titles(response):
    return [article.title for article in response.context["articles"]]


@pytest.fixture
def many_articles(section):
    now = timezone.now()
    return [
        ArticleFactory(
            parent=section, title=f"Story {n:02d}", first_published_at=now - timedelta(days=n)
        )
        for n in range(ARTICLES_PER_PAGE + 3)
    ]


@pytest.mark.django_db
def test_section_lists_newest_first(client, section, many_articles):
    response = client.get(section.url)

    assert titles(response) == [f"Story {n:02d}" for n in range(ARTICLES_PER_PAGE)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "expected_number"),
    [
        ("2", 2),
        ("abc", 1),
        ("", 1),
        ("1e3", 1),
        ("0", 2),
        ("-1", 2),
        ("999", 2),
        ("12345678901234567890", 2),
    ],
)
def test_section_pagination_turns_odd_pages_into_first_or_last(
    client, section, many_articles, page, expected_number
):
    response = client.get(section.url, {"page": page})

    assert response.status_code == 200
    assert response.context["articles"].number == expected_number


@pytest.mark.django_db
def test_section_hides_drafts(client, section):
    ArticleFactory(parent=section, title="Published story")
    ArticleFactory(parent=section, title="Draft story", live=False)

    assert titles(client.get(section.url)) == ["Published story"]


@pytest.mark.django_db
def test_home_shows_newest_articles_of_each_section(client, home, section):
    other = SectionFactory(parent=home, title="Careers")
    now = timezone.now()
    for n in range(HOME_ARTICLES_PER_SECTION + 2):
        ArticleFactory(parent=section, title=f"Net {n}", first_published_at=now - timedelta(n))
    ArticleFactory(parent=other, title="Career story")
    ArticleFactory(parent=other, title="Career draft", live=False)

    context = client.get("/").context

    # The newest article leads the page and is not listed again in its section's row.
    assert context["lead_article"].title == "Career story"
    assert [
        (s.title, [a.title for a in articles]) for s, articles in context["section_listings"]
    ] == [
        ("Networking", [f"Net {n}" for n in range(HOME_ARTICLES_PER_SECTION)]),
        ("Careers", []),
    ]


@pytest.mark.django_db
def test_tag_page_lists_tagged_articles(client, section):
    ArticleFactory(parent=section, title="Tagged", tags=["ethics"])
    ArticleFactory(parent=section, title="Untagged")

    response = client.get("/tags/ethics/")

    assert titles(response) == ["Tagged"]


@pytest.mark.django_db
def test_unknown_tag_and_draft_only_tag_are_not_found(client, section):
    ArticleFactory(parent=section, tags=["secret"], live=False)

    assert client.get("/tags/no-such-tag/").status_code == 404
    assert client.get("/tags/secret/").status_code == 404


@pytest.mark.django_db
def test_author_page_lists_their_articles_and_hides_unpublished_authors(client, section):
    author = AuthorFactory(name="Priya Natarajan")
    ArticleFactory(parent=section, title="Hers", authors=[author])
    ArticleFactory(parent=section, title="Someone else's", authors=[AuthorFactory()])

    assert titles(client.get("/authors/priya-natarajan/")) == ["Hers"]

    author.unpublish()
    assert client.get("/authors/priya-natarajan/").status_code == 404
    assert client.get("/authors/nobody/").status_code == 404
