"""Work a publication starts that no editor needs to wait for, run by the task worker.

Readers never depend on it: a missing rendition is generated when a page first asks for
it, a list that meets a missing or outdated card builds it (``cards.current_cards``), and
an article without its stored body renders it (``bodies.body_for_reader``).
"""

from django_tasks import task

from . import bodies, pregeneration
from .cards import build_cards, build_cards_crediting


@task()
def generate_article_renditions(article_id):
    """Every size the published article's page, cards and lead story show, so its first
    reader does not wait for image resizing (``pregeneration``)."""
    pregeneration.generate_article_renditions(article_id)


@task()
def build_article_body(article_id):
    """The published article's body, rendered once for all its readers (``bodies``)."""
    bodies.build_body(article_id)


@task()
def build_article_cards(article_ids):
    build_cards(article_ids)


@task()
def build_author_cards(author_id):
    build_cards_crediting(author_id)
