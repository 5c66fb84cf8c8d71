"""The admin's busiest views stay within a fixed number of queries as the archive grows.

bench/run.py times the same views on 10,000 articles; here two small sizes show that the
number of queries does not depend on the amount of content (the editorial dashboard's
own test is in tests/review/test_editorial_dashboard.py).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    alternatives_block,
    article_edit_form,
    paragraph,
)

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # Wagtail's per-process caches fill on the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def article_with(section, size):
    """An article whose bylines, tags and alternatives grow with ``size``."""
    return ArticleFactory(
        parent=section,
        authors=[AuthorFactory() for _ in range(size)],
        tags=[f"tag {size}-{n}" for n in range(size * 2)],
        body=[paragraph("Text."), alternatives_block([AlternativeFactory() for _ in range(size)])],
    )


def section_with(home, articles, size):
    section = SectionFactory(parent=home)
    for _ in range(articles):
        article_with(section, size)
    return section


def test_page_explorer_of_a_section_is_bounded(admin_client, home):
    small = section_with(home, articles=2, size=1)
    large = section_with(home, articles=8, size=3)

    counts = [
        queries(admin_client, reverse("wagtailadmin_explore", args=(s.pk,))) for s in (small, large)
    ]

    assert counts[0] == counts[1], counts
    assert counts[1] <= 40, counts


def test_article_edit_view_is_bounded(admin_client, section):
    small, large = article_with(section, 1), article_with(section, 5)

    counts = [
        queries(admin_client, reverse("wagtailadmin_pages:edit", args=(a.pk,)))
        for a in (small, large)
    ]

    assert counts[0] == counts[1], counts
    assert counts[1] <= 60, counts


def test_bylines_and_tags_loaded_at_once_still_save_changes(admin_client, section):
    first, second = AuthorFactory(name="First Writer"), AuthorFactory(name="Second Writer")
    article = ArticleFactory(parent=section, authors=[first], tags=["old", "kept"])
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    form = article_edit_form(article, tags="kept, new", **{"action-publish": "publish"})
    form["article_authors-0-author"] = second.pk

    response = admin_client.post(url, form)

    assert response.status_code == 302
    article.refresh_from_db()
    assert sorted(tag.name for tag in article.tags.all()) == ["kept", "new"]
    assert [byline.author for byline in article.article_authors.all()] == [second]
