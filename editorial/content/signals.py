"""Reactions to content changes: fresh renditions and cards (through the task queue) and
exact page-cache invalidation.

Each receiver is tied to its sender with a ``dispatch_uid``; invalidation waits for the
transaction to commit (``pagecache.versions.invalidate``). Page deletions are watched on
Wagtail's base ``Page`` only (Wagtail deletes through it), so every other model keeps
Django's fast delete.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Revision
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
from editorial.pagecache.versions import dependencies_changed, invalidate

from .bodies import forget_bodies_showing
from .cards import forget_cards_showing
from .dependencies import (
    ALTERNATIVE,
    AUTHOR,
    IMAGE,
    LATEST,
    NAV,
    PAGE,
    SEARCH,
    SECTION,
    SITEMAP,
    TAG,
    WRITTEN_BY,
)
from .models import (
    Alternative,
    ArticleAuthor,
    ArticleBody,
    ArticleCard,
    ArticlePage,
    ArticleTag,
    Author,
    DraftByline,
    SectionPage,
)
from .renditions import CARD_SPECS
from .slugs import derived_slug
from .tasks import (
    build_article_body,
    build_article_cards,
    build_author_cards,
    generate_article_renditions,
)


@receiver(page_published, sender=ArticlePage, dispatch_uid="editorial_article_renditions")
def pregenerate_article_renditions(sender, instance, **kwargs):
    # Queued in the publication's transaction: the worker sees it once it is committed.
    generate_article_renditions.enqueue(instance.pk)


@receiver(post_save, sender=Revision, dispatch_uid="editorial_follow_draft_byline")
def follow_draft_byline(sender, instance, created, raw=False, **kwargs):
    """Every new revision of an article is its newest: its byline says who writes it now,
    so someone taken off the byline loses access with the next saved revision."""
    if not created or raw:
        return
    if ContentType.objects.get_for_id(instance.content_type_id).model_class() is not ArticlePage:
        return
    bylines = instance.content.get("article_authors") or []
    DraftByline.follow(int(instance.object_id), {byline.get("author") for byline in bylines})


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


@receiver(pre_delete, sender=Author, dispatch_uid="editorial_remember_credited_articles")
def remember_credited_articles(sender, instance, **kwargs):
    # After the delete, the bylines are gone: collect the articles now.
    instance._credited_articles = list(
        ArticleAuthor.objects.filter(author=instance).values_list("page_id", flat=True)
    )


@receiver(published, sender=Author, dispatch_uid="editorial_invalidate_published_author")
@receiver(unpublished, sender=Author, dispatch_uid="editorial_invalidate_unpublished_author")
@receiver(post_delete, sender=Author, dispatch_uid="editorial_invalidate_deleted_author")
@invalidates(AUTHOR, PAGE, SITEMAP)
def invalidate_author(sender, instance, **kwargs):
    """The author's own page, and every article crediting them: a byline is part of its
    article, so pages showing the article (or its card) need not record each author."""
    credited = getattr(instance, "_credited_articles", None)
    if credited is None:
        credited = ArticleAuthor.objects.filter(author=instance).values_list("page_id", flat=True)
    invalidate(AUTHOR(instance.pk), SITEMAP(), *PAGE.all(credited))


@receiver(page_published, sender=ArticlePage, dispatch_uid="editorial_build_published_card")
def build_published_article_card(sender, instance, **kwargs):
    build_article_cards.enqueue([instance.pk])


@receiver(page_published, sender=ArticlePage, dispatch_uid="editorial_build_published_body")
def build_published_article_body(sender, instance, **kwargs):
    build_article_body.enqueue(instance.pk)


# The article's fields that its stored body and the parts around it show.
STORED_FIELDS = {
    "body",
    "title",
    "standfirst",
    "seo_title",
    "search_description",
    "hero_image",
    "hero_alt_text",
    "hero_caption",
    "first_published_at",
    "last_published_at",
    "reading_time",
    "slug",
    "url_path",
}


@receiver(post_save, sender=ArticlePage, dispatch_uid="editorial_forget_saved_body")
def forget_body_of_saved_article(sender, instance, update_fields=None, **kwargs):
    """What is stored, changed without a new revision (a save outside the editor), is
    rendered again; Wagtail's saves of a draft's revision leave the live body alone."""
    if update_fields is None or STORED_FIELDS.intersection(update_fields):
        ArticleBody.objects.filter(article_id=instance.pk).delete()


@receiver(dependencies_changed, dispatch_uid="editorial_forget_changed_bodies")
def forget_changed_bodies(sender, names, **kwargs):
    forget_bodies_showing(names)


@receiver(published, sender=Author, dispatch_uid="editorial_build_cards_published_author")
@receiver(unpublished, sender=Author, dispatch_uid="editorial_build_cards_unpublished_author")
def build_cards_of_author(sender, instance, **kwargs):
    # A renamed, withdrawn or newly public author changes every byline that credits them.
    build_author_cards.enqueue(instance.pk)


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
    if instance.filter_spec in CARD_SPECS:
        forget_cards_showing(instance.image_id)


@receiver(post_save, sender=Tag, dispatch_uid="editorial_forget_cards_saved_tag")
@receiver(pre_delete, sender=Tag, dispatch_uid="editorial_forget_cards_deleted_tag")
def forget_cards_of_tag(sender, instance, **kwargs):
    # Cards keep the tags an article's page lists: the next reader builds them again.
    ArticleCard.objects.filter(article__tagged_items__tag=instance).delete()


def subtree_dependencies(page):
    """What readers see of ``page`` and of every page below it, in four queries however
    many pages that is.

    A view restriction or a new slug on the home page or a section changes every article
    under it: its page, its card in every list, its sections, tags, authors' pages, the
    feeds, the sitemap and search.
    """
    below = Q(path__startswith=page.path)
    names = PAGE.all(Page.objects.filter(below).values_list("pk", flat=True))
    names |= {LATEST(), SITEMAP()}
    ancestors = [page.path[:end] for end in range(Page.steplen, len(page.path), Page.steplen)]
    sections = SectionPage.objects.filter(below | Q(path__in=ancestors)).values_list("pk", "path")
    for pk, path in sections:
        names.add(SECTION(pk))
        if path.startswith(page.path):
            names.add(NAV())
    articles_below = {"content_object__path__startswith": page.path}
    tags = ArticleTag.objects.filter(**articles_below).values_list("tag__slug", flat=True)
    names |= TAG.all(tags.distinct())
    bylines = ArticleAuthor.objects.filter(page__path__startswith=page.path)
    names |= WRITTEN_BY.all(bylines.values_list("author_id", flat=True).distinct())
    names.add(SEARCH())
    return names


@receiver(page_slug_changed, dispatch_uid="editorial_invalidate_renamed_page")
@invalidates(PAGE, SECTION, TAG, WRITTEN_BY, LATEST, NAV, SITEMAP, SEARCH)
def invalidate_renamed_subtree(sender, instance, **kwargs):
    """A new slug moves the addresses of every page below too, wherever they are linked."""
    invalidate(*subtree_dependencies(instance))


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="editorial_invalidate_restriction")
@receiver(
    post_delete, sender=PageViewRestriction, dispatch_uid="editorial_invalidate_lifted_restriction"
)
@invalidates(PAGE, SECTION, TAG, WRITTEN_BY, LATEST, NAV, SITEMAP, SEARCH)
def invalidate_restricted_subtree(sender, instance, **kwargs):
    """A restriction hides (or, lifted, shows) the page and everything below it.

    The admin saves the restriction whenever its groups change too, so ``post_save``
    covers them; which groups may read changes nothing for anonymous readers, the only
    ones served from the cache.
    """
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        invalidate(*subtree_dependencies(page))


@receiver(post_save, sender=ArticlePage, dispatch_uid="editorial_invalidate_new_article_alias")
@receiver(post_save, sender=SectionPage, dispatch_uid="editorial_invalidate_new_section_alias")
@invalidates(PAGE, SECTION, TAG, WRITTEN_BY, LATEST, NAV, SITEMAP, SEARCH)
def invalidate_new_alias(sender, instance, created, **kwargs):
    """A new alias is live at once, but Wagtail sends ``page_published`` only when it
    follows its original's later publications."""
    if created and instance.alias_of_id and instance.live:
        invalidate(*page_dependencies(instance))


@receiver(pre_save, sender=Tag, dispatch_uid="editorial_non_empty_tag_slug")
def give_tag_a_slug(sender, instance, **kwargs):
    """django-taggit saves a tag such as "🎉" with the empty slug its slugify leaves."""
    if not instance.slug:
        instance.slug = derived_slug(instance.name, "tag")


@receiver(pre_save, sender=Tag, dispatch_uid="editorial_remember_tag_slug")
def remember_tag_slug(sender, instance, **kwargs):
    if instance.pk:
        old = Tag.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        instance._page_cache_old_slug = old


@receiver(post_save, sender=Tag, dispatch_uid="editorial_invalidate_renamed_tag")
@receiver(pre_delete, sender=Tag, dispatch_uid="editorial_invalidate_deleted_tag")
@invalidates(TAG, PAGE, SITEMAP)
def invalidate_tag(sender, instance, created=False, **kwargs):
    """Articles show their tags' names and link to their pages; the sitemap lists them.

    A new tag is on no article yet. On deletion the articles are found before their
    taggings go, and invalidation still waits for the commit.
    """
    if created:
        return
    slugs = {instance.slug, getattr(instance, "_page_cache_old_slug", None) or instance.slug}
    tagged = ArticleTag.objects.filter(tag=instance).values_list("content_object_id", flat=True)
    invalidate(*TAG.all(slugs), *PAGE.all(tagged), SITEMAP())


Image = get_image_model()
# Models that can show an image, by the dependency kind their readers' pages record.
IMAGE_USERS = {Page: PAGE, Author: AUTHOR, Alternative: ALTERNATIVE}


def image_dependencies(image):
    """What shows ``image``: articles (hero and figures, so their cards too), author
    profiles and alternatives, found through Wagtail's reference index in one query."""
    names = set()
    for reference in ReferenceIndex.get_references_to(image).select_related("base_content_type"):
        kind = IMAGE_USERS.get(reference.base_content_type.model_class())
        if kind is not None:
            names.add(kind(reference.object_id))
    return names


@receiver(post_save, sender=Image, dispatch_uid="editorial_invalidate_changed_image")
@receiver(pre_delete, sender=Image, dispatch_uid="editorial_invalidate_deleted_image")
@invalidates(IMAGE, PAGE, AUTHOR, ALTERNATIVE)
def invalidate_image(sender, instance, created=False, **kwargs):
    """A new title (alt text), file or focal point, or a deleted image, changes every page
    that shows it. On deletion its references are read before Wagtail removes them."""
    if not created:
        invalidate(IMAGE(instance.pk), *image_dependencies(instance))


@receiver(
    post_delete, sender=Image.get_rendition_model(), dispatch_uid="editorial_invalidate_rendition"
)
@invalidates(IMAGE, PAGE, AUTHOR, ALTERNATIVE)
def invalidate_deleted_rendition(sender, instance, **kwargs):
    """Pages that showed a deleted rendition link to a file that is gone. The image is
    named by its id only: no query, and it may be going too."""
    invalidate(IMAGE(instance.image_id), *image_dependencies(Image(pk=instance.image_id)))
