"""Every public selection of articles lives here, so that each is written once.

Each function returns only live, public pages and loads what the article card needs
(bylines with their authors, tags, the hero thumbnail) in a fixed number of queries.
"""

from itertools import groupby

from django.db.models import F, Max, Prefetch, Q, Window
from django.db.models.functions import Left, RowNumber

from wagtail.images import get_image_model
from wagtail.models import Page

THUMBNAIL_SPEC = "fill-640x360"
NEWEST_FIRST = (F("first_published_at").desc(nulls_last=True), F("pk").desc())


def byline_queryset():
    from editorial.models import ArticleAuthor

    return (
        ArticleAuthor.objects.filter(author__live=True)
        .select_related("author__photo")
        .order_by("sort_order", "pk")
    )


def articles_for_listing(queryset):
    """Restrict ``queryset`` to what readers may see and prefetch what a card shows."""
    return (
        queryset.live()
        .public()
        .prefetch_related(
            Prefetch("article_authors", queryset=byline_queryset()),
            "tags",
            Prefetch(
                "hero_image",
                queryset=get_image_model().objects.prefetch_renditions(THUMBNAIL_SPEC),
            ),
        )
        .order_by(*NEWEST_FIRST)
    )


def latest_per_section(home, per_section):
    """The newest ``per_section`` articles of each live section under ``home``, in one query.

    Returns ``[(section, [article, ...]), ...]`` in the order of the page tree.
    """
    from editorial.models import ArticlePage, SectionPage

    sections = list(SectionPage.objects.child_of(home).live().public().order_by("path"))
    if not sections:
        return []
    section_path = Left("path", (home.depth + 1) * Page.steplen)
    ranked = ArticlePage.objects.descendant_of(home).annotate(
        section_path=section_path,
        section_rank=Window(RowNumber(), partition_by=[section_path], order_by=NEWEST_FIRST),
    )
    articles = articles_for_listing(ranked.filter(section_rank__lte=per_section)).order_by(
        "section_path", *NEWEST_FIRST
    )
    by_path = {path: list(group) for path, group in groupby(articles, key=lambda a: a.section_path)}
    return [(section, by_path.get(section.path, [])) for section in sections]


def articles_tagged(tag):
    from editorial.models import ArticlePage

    return articles_for_listing(ArticlePage.objects.filter(tagged_items__tag=tag))


def articles_by_author(author):
    from editorial.models import ArticlePage

    return articles_for_listing(ArticlePage.objects.filter(article_authors__author=author))


def search_articles(query):
    """Live, public articles matching ``query``, best match first (Wagtail search)."""
    from editorial.models import ArticlePage

    return articles_for_listing(ArticlePage.objects.all()).order_by().search(query)


def latest_articles(root, limit):
    """The newest ``limit`` live articles anywhere under ``root`` (a site root or a section)."""
    from editorial.models import ArticlePage

    return articles_for_listing(ArticlePage.objects.descendant_of(root))[:limit]


def tags_in_use():
    """Tags of live, public articles with the time their newest article was published."""
    from editorial.models import ArticlePage

    return (
        ArticlePage.objects.live()
        .public()
        .filter(tags__isnull=False)
        .values("tags__slug")
        .annotate(lastmod=Max("last_published_at"))
        .order_by("tags__slug")
    )


def authors_in_use():
    """Live authors of live articles, with the time their newest one was published.

    An author without published articles has an empty page, not worth a search engine's
    visit."""
    from editorial.models import Author

    return (
        Author.objects.filter(live=True)
        .annotate(
            lastmod=Max(
                "article_bylines__page__last_published_at",
                filter=Q(article_bylines__page__live=True),
            )
        )
        .filter(lastmod__isnull=False)
        .order_by("slug")
    )


def newest_publication_under(page):
    """When the newest live, public article below ``page`` was last published, or None."""
    from editorial.models import ArticlePage

    return (
        ArticlePage.objects.descendant_of(page)
        .live()
        .public()
        .aggregate(newest=Max("last_published_at"))["newest"]
    )
