"""Listings and article pages laid out for what they hold, measured in a real browser:
grids without empty columns, a designed card and article without an image, card summaries
set below their titles, and breadcrumbs on one aligned line that shorten only when full."""

import pytest

from ..factories import ArticleFactory, ImageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "What a newsroom learns from headlines this long"


@pytest.fixture
def article_url(live_server, section):
    """An article without a hero image, with three related articles: one illustrated."""
    article = ArticleFactory(parent=section, title=TITLE, tags=["ethics"])
    ArticleFactory(
        parent=section, title="With a picture", tags=["ethics"], hero_image=ImageFactory()
    )
    ArticleFactory(parent=section, title="Words only", tags=["ethics"])
    ArticleFactory(parent=section, title="Words only too", tags=["ethics"])
    return live_server.url + article.url


def box(locator):
    return locator.evaluate("e => e.getBoundingClientRect().toJSON()")


def style(locator, prop):
    return locator.evaluate(f"e => getComputedStyle(e).{prop}")


def text_bottom(locator):
    """Where the element's text sits: the bottom of its text's own box, not its padding."""
    return locator.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " return r.getBoundingClientRect().bottom; }"
    )


def test_three_related_cards_fill_the_row(page, article_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(article_url)
    related = page.locator(".listing", has=page.get_by_role("heading", name="Related"))
    grid, cards = related.locator(".card-grid"), related.locator(".card")

    assert cards.count() == 3
    rights = [box(cards.nth(n))["right"] for n in range(3)]
    assert abs(max(rights) - box(grid)["right"]) <= 2


def test_a_card_without_an_image_has_its_own_design(page, article_url):
    page.goto(article_url)
    related = page.locator(".listing", has=page.get_by_role("heading", name="Related"))
    illustrated = related.locator(".card", has=page.locator(".card__image"))
    text_only = related.locator(".card", has_not=page.locator(".card__image")).first

    assert float(style(text_only, "borderTopWidth").removesuffix("px")) > float(
        style(illustrated, "borderTopWidth").removesuffix("px")
    )
    assert style(text_only, "borderTopColor") != style(illustrated, "borderTopColor")
    title_size = style(text_only.locator(".card__title"), "fontSize")
    assert title_size != style(illustrated.locator(".card__title"), "fontSize")


def test_a_card_summary_is_set_below_its_title(page, article_url):
    page.goto(article_url)
    card = page.locator(".article-more .card").first
    title, summary = card.locator(".card__title a"), card.locator(".card__standfirst")

    title_px = float(style(title, "fontSize").removesuffix("px"))
    summary_px = float(style(summary, "fontSize").removesuffix("px"))
    assert summary_px <= 0.8 * title_px
    assert style(summary, "color") != style(title, "color")


def test_an_article_without_a_hero_parts_byline_and_body(page, article_url):
    page.goto(article_url)
    byline = page.locator(".article__header .meta")
    body = page.locator(".article .prose")

    assert box(body)["top"] - box(byline)["bottom"] >= 24
    assert style(body, "borderTopStyle") == "solid"


def test_breadcrumbs_show_the_whole_title_on_a_wide_screen_and_one_line_on_a_phone(
    page, article_url
):
    current = page.locator(".breadcrumbs [aria-current]")
    crumbs = page.locator(".breadcrumbs li")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(article_url)
    assert current.evaluate("e => e.scrollWidth <= e.clientWidth")
    bottoms = [text_bottom(crumbs.nth(n)) for n in range(crumbs.count())]
    assert max(bottoms) - min(bottoms) <= 1, bottoms

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(article_url)
    tops = {round(box(crumbs.nth(n))["top"]) for n in range(crumbs.count())}
    assert len(tops) == 1
    assert current.evaluate("e => e.scrollWidth > e.clientWidth")
    assert style(current, "textOverflow") == "ellipsis"
