"""Reactions to content changes: fresh renditions and exact page-cache invalidation.

Each receiver is tied to its sender with a ``dispatch_uid``; invalidation waits for the
transaction to commit (``pagecache.versions.invalidate``). Page deletions are watched on
Wagtail's base ``Page`` only (Wagtail deletes through it), so every other model keeps
Django's fast delete.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from taggit.models import Tag

from editorial.pagecache.dependencies import invalidates
from editorial.pagecache.versions import invalidate

from .cards import build_cards, build_cards_crediting, forget_cards_showing
from .dependencies import (
    ALTERNATIVE,
    AUTHOR,
    LATEST,
    NAV,
    PAGE,
    SEARCH,
    SECTION,
    SITEMAP,
    TAG,
    WRITTEN_BY,
)
from .models import Alternative, ArticleCard, ArticlePage, Author, SectionPage
from .renditions import ARTICLE_SPECS, FIGURE, THUMBNAIL


@receiver(page_published, sender=ArticlePage, dispatch_uid="editorial_article_renditions")
def pregenerate_article_renditions(sender, instance, **kwargs):
    if instance.hero_image_id:
        instance.hero_image.get_renditions(*ARTICLE_SPECS)
    for figure in instance.body.blocks_by_name("image"):
        if figure.value["image"]:
            figure.value["image"].get_rendition(FIGURE)


def page_dependencies(page):
    """Everything a reader can see that changes when ``page`` appears, changes or goes."""
    names = {PAGE(page.pk), SITEMAP()}
    specific = page.specific_deferred
    if isinstance(specific, ArticlePage):
        names |= {SECTION(specific.get_parent().pk), LATEST(), SEARCH()}
        names |= TAG.all(tag.slug for tag in specific.tags.all())
        names |= WRITTEN_BY.all(byline.author_id for byline in specific.article_authors.all())
    elif isinstance(specific, SectionPage):
        names |= {SECTION(specific.pk), NAV()}
    return names


@receiver(page_published, dispatch_uid="editorial_invalidate_published_page")
@receiver(page_unpublished, dispatch_uid="editorial_invalidate_unpublished_page")
@receiver(page_slug_changed, dispatch_uid="editorial_invalidate_renamed_page")
@invalidates(PAGE, SECTION, TAG, WRITTEN_BY, LATEST, NAV, SITEMAP, SEARCH)
def invalidate_page(sender, instance, **kwargs):
    invalidate(*page_dependencies(instance))


@receiver(post_page_move, dispatch_uid="editorial_invalidate_moved_page")
@invalidates(PAGE, SECTION)
def invalidate_moved_page(sender, instance, parent_page_before, parent_page_after, **kwargs):
    invalidate(
        *page_dependencies(instance),
        SECTION(parent_page_before.pk),
        SECTION(parent_page_after.pk),
    )


@receiver(pre_delete, sender=Page, dispatch_uid="editorial_remember_deleted_page")
def remember_deleted_page_dependencies(sender, instance, **kwargs):
    # After the delete, its tags, bylines and parent are gone: collect them now.
    if instance.pk:
        instance._page_cache_dependencies = page_dependencies(instance)


@receiver(post_delete, sender=Page, dispatch_uid="editorial_invalidate_deleted_page")
@invalidates(PAGE, SECTION, TAG, WRITTEN_BY, LATEST, NAV, SITEMAP)
def invalidate_deleted_page(sender, instance, **kwargs):
    names = getattr(instance, "_page_cache_dependencies", None)
    if names:
        invalidate(*names)


@receiver(published, sender=Alternative, dispatch_uid="editorial_invalidate_published_alt")
@receiver(unpublished, sender=Alternative, dispatch_uid="editorial_invalidate_unpublished_alt")
@receiver(post_delete, sender=Alternative, dispatch_uid="editorial_invalidate_deleted_alt")
@invalidates(ALTERNATIVE)
def invalidate_alternative(sender, instance, **kwargs):
    invalidate(ALTERNATIVE(instance.pk))


@receiver(published, sender=Author, dispatch_uid="editorial_invalidate_published_author")
@receiver(unpublished, sender=Author, dispatch_uid="editorial_invalidate_unpublished_author")
@receiver(post_delete, sender=Author, dispatch_uid="editorial_invalidate_deleted_author")
@invalidates(AUTHOR, SITEMAP)
def invalidate_author(sender, instance, **kwargs):
    invalidate(AUTHOR(instance.pk), SITEMAP())


@receiver(page_published, sender=ArticlePage, dispatch_uid="editorial_build_published_card")
def build_published_article_card(sender, instance, **kwargs):
    build_cards([instance.pk])


@receiver(published, sender=Author, dispatch_uid="editorial_build_cards_published_author")
@receiver(unpublished, sender=Author, dispatch_uid="editorial_build_cards_unpublished_author")
def build_cards_of_author(sender, instance, **kwargs):
    # A renamed, withdrawn or newly public author changes every byline that credits them.
    build_cards_crediting(instance.pk)


@receiver(pre_delete, sender=Author, dispatch_uid="editorial_forget_cards_deleted_author")
def forget_cards_of_deleted_author(sender, instance, **kwargs):
    # The bylines go with the author; the next list builds these cards without them.
    ArticleCard.objects.filter(article__article_authors__author=instance).delete()


@receiver(post_save, sender=get_image_model(), dispatch_uid="editorial_forget_cards_saved_image")
@receiver(pre_delete, sender=get_image_model(), dispatch_uid="editorial_forget_cards_deleted_image")
def forget_cards_of_image(sender, instance, **kwargs):
    forget_cards_showing(instance.pk)


@receiver(
    post_delete,
    sender=get_image_model().get_rendition_model(),
    dispatch_uid="editorial_forget_cards_deleted_rendition",
)
def forget_cards_of_rendition(sender, instance, **kwargs):
    if instance.filter_spec == THUMBNAIL:
        forget_cards_showing(instance.image_id)


@receiver(post_save, sender=Tag, dispatch_uid="editorial_forget_cards_saved_tag")
@receiver(pre_delete, sender=Tag, dispatch_uid="editorial_forget_cards_deleted_tag")
def forget_cards_of_tag(sender, instance, **kwargs):
    # Cards keep the tags an article's page lists: the next reader builds them again.
    ArticleCard.objects.filter(article__tagged_items__tag=instance).delete()
