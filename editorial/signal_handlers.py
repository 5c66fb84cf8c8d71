"""Reactions to content changes: fresh renditions and exact page-cache invalidation."""

from django.db.models.signals import post_delete, pre_delete

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from editorial import page_cache
from editorial.renditions import ARTICLE_SPECS


def pregenerate_article_renditions(sender, instance, **kwargs):
    if instance.hero_image_id:
        instance.hero_image.get_renditions(*ARTICLE_SPECS)


def page_dependencies(page):
    """Everything a reader can see that changes when ``page`` appears, changes or goes."""
    from editorial.models import ArticlePage, SectionPage

    names = {f"page:{page.pk}", "sitemap"}
    specific = page.specific_deferred
    if isinstance(specific, ArticlePage):
        names |= {f"section:{specific.get_parent().pk}", "latest"}
        names |= {f"tag:{tag.slug}" for tag in specific.tags.all()}
        names |= {f"author:{byline.author_id}" for byline in specific.article_authors.all()}
    elif isinstance(specific, SectionPage):
        names |= {f"section:{specific.pk}", "nav"}
    return names


def invalidate_page(sender, instance, **kwargs):
    page_cache.invalidate(*page_dependencies(instance))


def invalidate_moved_page(sender, instance, parent_page_before, parent_page_after, **kwargs):
    page_cache.invalidate(
        *page_dependencies(instance),
        f"section:{parent_page_before.pk}",
        f"section:{parent_page_after.pk}",
    )


def remember_deleted_page_dependencies(sender, instance, **kwargs):
    # After the delete, its tags, bylines and parent are gone: collect them now.
    if isinstance(instance, Page) and instance.pk:
        instance._page_cache_dependencies = page_dependencies(instance)


def invalidate_deleted_page(sender, instance, **kwargs):
    names = getattr(instance, "_page_cache_dependencies", None)
    if names:
        page_cache.invalidate(*names)


def invalidate_snippet(sender, instance, **kwargs):
    from editorial.models import Alternative, Author

    if isinstance(instance, Alternative):
        page_cache.invalidate(f"alternative:{instance.pk}")
    elif isinstance(instance, Author):
        page_cache.invalidate(f"author:{instance.pk}", "sitemap")


def register_signal_handlers():
    from editorial.models import Alternative, ArticlePage, Author

    page_published.connect(pregenerate_article_renditions, sender=ArticlePage)
    page_published.connect(invalidate_page)
    page_unpublished.connect(invalidate_page)
    page_slug_changed.connect(invalidate_page)
    post_page_move.connect(invalidate_moved_page)
    pre_delete.connect(remember_deleted_page_dependencies)
    post_delete.connect(invalidate_deleted_page)
    for model in (Alternative, Author):
        published.connect(invalidate_snippet, sender=model)
        unpublished.connect(invalidate_snippet, sender=model)
        post_delete.connect(invalidate_snippet, sender=model)
