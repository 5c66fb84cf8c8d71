"""Headings never skip a level on a reader's page: a screen reader's outline of the page
goes from the page's one ``<h1>`` down a level at a time (cards' ``<h3>`` sit under a
listing's ``<h2>``)."""

import pytest
from bs4 import BeautifulSoup

from ..factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def heading_levels(html):
    soup = BeautifulSoup(html, "html.parser")
    return [int(tag.name[1]) for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


@pytest.mark.parametrize("page", ["home", "section", "article", "tag", "author", "search"])
def test_heading_levels_are_never_skipped(client, section, page):
    writer = AuthorFactory()
    ArticleFactory(parent=section, tags=["work"], authors=[writer])
    article = ArticleFactory(parent=section, tags=["work"], authors=[writer])
    url = {
        "home": "/",
        "section": section.url,
        "article": article.url,
        "tag": "/tags/work/",
        "author": writer.get_url(),
        "search": "/search/?q=article",
    }[page]

    levels = heading_levels(client.get(url).content.decode())

    assert levels.count(1) == 1 and levels[0] == 1, levels
    assert all(
        level <= previous + 1 for previous, level in zip(levels, levels[1:], strict=False)
    ), levels
    assert 3 in levels, levels
