"""The benchmark's data generator writes a valid page tree that the site serves."""

from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from editorial.management.commands.generate_bench_data import SHOWCASE_SLUG
from editorial.models import ArticleCard, ArticleDailyViews, ArticlePage, Author, SectionPage


def generate(**sizes):
    out = StringIO()
    call_command(
        "generate_bench_data",
        **{"articles": 30, "sections": 3, "authors": 6, "tags": 12, "days": 2, **sizes},
        stdout=out,
    )
    return out.getvalue()


@pytest.mark.django_db
def test_generates_a_servable_archive(client, postgres):
    summary = generate()

    assert "Generated 3 sections, 30 articles" in summary
    assert Page.find_problems() == ([], [], [], [], [])
    assert ArticlePage.objects.live().count() == 30
    assert SectionPage.objects.count() == 3 and Author.objects.count() == 6
    assert ArticleDailyViews.objects.count() == 60
    cards = {card.article_id: card for card in ArticleCard.objects.all()}
    assert all(cards[article.pk].shows(article) for article in ArticlePage.objects.all())
    showcase = ArticlePage.objects.get(slug=SHOWCASE_SLUG)
    assert showcase.article_authors.count() == 5 and showcase.tags.count() == 10
    bulk = ArticlePage.objects.exclude(slug=SHOWCASE_SLUG).first()
    for url in ("/", bulk.get_parent().url, bulk.url, showcase.url, "/search/?q=Article"):
        assert client.get(url).status_code == 200, url
    assert bulk.title in client.get(f"/search/?q={bulk.title.split(':')[0]}").content.decode()


@pytest.mark.django_db
def test_refuses_a_database_that_has_articles(postgres):
    generate()

    with pytest.raises(CommandError, match="already has articles"):
        generate()
