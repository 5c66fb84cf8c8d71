"""Work a publication starts that no editor needs to wait for, run by the task worker.

Readers never depend on it: a missing rendition is generated when a page first asks for
it, and a list that meets a missing or outdated card builds it (``cards.current_cards``).
"""

from django_tasks import task

from .cards import build_cards, build_cards_crediting
from .models import ArticlePage
from .renditions import ARTICLE_SPECS, FIGURE


@task()
def generate_article_renditions(article_id):
    """Every size the published article's page shows, so its first reader does not wait
    for image resizing. An article deleted meanwhile needs none."""
    article = ArticlePage.objects.filter(pk=article_id).select_related("hero_image").first()
    if article is None:
        return
    if article.hero_image_id:
        article.hero_image.get_renditions(*ARTICLE_SPECS)
    for figure in article.body.blocks_by_name("image"):
        if figure.value["image"]:
            figure.value["image"].get_rendition(FIGURE)


@task()
def build_article_cards(article_ids):
    build_cards(article_ids)


@task()
def build_author_cards(author_id):
    build_cards_crediting(author_id)
