"""Article cards, rendered once per published revision and reused by every list.

Publishing an article, or publishing or unpublishing an author it credits, has the task
worker build its card again (``content.tasks``); deleting that author, or changing its
hero image or a tag, drops it (``content.signals``). A list that meets a card built
from another revision or address, or none at all, builds the missing ones in one batch
before showing them, so lists are never wrong, only sometimes slower.
"""

import logging

from django.template.loader import render_to_string

from .models import ArticleCard, ArticlePage
from .queries import with_card_data

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "includes/article_card.html"
# Cards are stored with their image lazy, as most are below the fold; the first image in
# view on a page has its loading changed so the browser fetches it before anything else.
LAZY = ' loading="lazy"'
EAGER = ' loading="eager" fetchpriority="high"'


def first_in_view(html):
    """``html`` (a stored card or lead story) with its image fetched first, not lazily."""
    return html.replace(LAZY, EAGER, 1)


def build_cards(article_ids):
    """Render and store the cards of ``article_ids`` as published; returns them by id.

    The page rows hold the live version, so what is rendered is what readers see.
    """
    articles = with_card_data(ArticlePage.objects.filter(pk__in=article_ids)).defer_streamfields()
    cards = [
        ArticleCard(
            article=article,
            revision_id=article.live_revision_id,
            url_path=article.url_path,
            html=render_to_string(CARD_TEMPLATE, {"article": article}),
            lead_html=render_to_string(CARD_TEMPLATE, {"article": article, "lead": True}),
            byline=[
                {"id": author.pk, "name": author.name, "slug": author.slug}
                for author in (byline.author for byline in article.article_authors.all())
            ],
            tags=[{"name": tag.name, "slug": tag.slug} for tag in article.tags.all()],
        )
        for article in articles
    ]
    ArticleCard.objects.bulk_create(
        cards,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["revision", "url_path", "html", "lead_html", "byline", "tags"],
    )
    if cards:
        logger.debug("Built %d article cards", len(cards))
    return {card.article_id: card for card in cards}


def build_cards_crediting(author_id):
    """Build again the cards of every article with ``author_id`` on its byline."""
    build_cards(ArticlePage.objects.filter(article_authors__author_id=author_id).values("pk"))


def forget_cards_showing(image_id):
    """Drop the cards showing ``image_id``: the next list builds them with its new look."""
    ArticleCard.objects.filter(article__hero_image_id=image_id).delete()


def current_cards(articles):
    """The up-to-date card of each of ``articles``, in their order.

    Lists select the card with the article (``select_related("card")``); for articles
    loaded without it, one query fetches them all. Missing or outdated cards are built
    in one batch, whatever their number.
    """
    articles = list(articles)
    unloaded = {article.pk for article in articles if not ArticlePage.card.is_cached(article)}
    stored = {}
    if unloaded:
        # Only then: building the query cost a list of cards more than showing them.
        stored = {
            card.article_id: card for card in ArticleCard.objects.filter(article_id__in=unloaded)
        }
    cards = {
        article.pk: stored.get(article.pk)
        if article.pk in unloaded
        else getattr(article, "card", None)
        for article in articles
    }
    outdated = [
        article.pk
        for article in articles
        if cards[article.pk] is None or not cards[article.pk].shows(article)
    ]
    if outdated:
        # An article gone meanwhile has no card to show, not its outdated one.
        cards.update(dict.fromkeys(outdated))
        cards.update(build_cards(outdated))
    return [cards[article.pk] for article in articles if cards.get(article.pk)]
