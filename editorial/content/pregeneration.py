"""Renditions made when an article is published, before any reader asks for them."""

import logging

from .models import ArticlePage
from .renditions import ARTICLE_SPECS, FIGURE

logger = logging.getLogger(__name__)


def generate_article_renditions(article_id):
    """Generate every rendition readers will ask of article ``article_id``: its hero at
    each size its page, its metadata, its cards and its lead story show, and its figures.

    A plain function of an id, so that a task queue can run it after the publication.
    Returns how many images it went through; an article deleted meanwhile has none.
    """
    article = ArticlePage.objects.filter(pk=article_id).select_related("hero_image").first()
    if article is None:
        return 0
    images = []
    if article.hero_image:
        article.hero_image.get_renditions(*ARTICLE_SPECS)
        images.append(article.hero_image.pk)
    for figure in article.body.blocks_by_name("image"):
        image = figure.value["image"]
        if image:
            image.get_renditions(*FIGURE.specs)
            images.append(image.pk)
    logger.debug("Generated the renditions of article %s (%d images)", article_id, len(images))
    return len(images)
