"""A real browser reading an article sends the beacon that counts its view."""

import time

import pytest

from editorial.models import ArticleDailyViews
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Headless Chromium announces itself as such and would be ignored as a bot.
READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0"


def wait_for_views(article, expected, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = ArticleDailyViews.objects.filter(article=article)
        views = sum(rows.values_list("views", flat=True))
        if views >= expected:
            return views
        time.sleep(0.1)
    return views


def test_reading_an_article_counts_one_view(live_server, browser, section):
    article = ArticleFactory(parent=section, title="Counted")
    context = browser.new_context(user_agent=READER)
    page = context.new_page()
    try:
        page.goto(live_server.url + article.url)
        assert wait_for_views(article, 1) == 1

        page.reload()
        page.wait_for_load_state("load")
        time.sleep(0.5)
        assert wait_for_views(article, 2, seconds=1) == 1
    finally:
        context.close()
