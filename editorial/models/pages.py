"""Page types of the public site: home, sections and articles."""

import math

from django.core.paginator import Paginator
from django.db import models
from django.utils.html import strip_tags

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from editorial.blocks import ArticleBodyBlock
from editorial.queries import (
    articles_for_listing,
    byline_queryset,
    latest_per_section,
    newest_publication_under,
)

WORDS_PER_MINUTE = 230
ARTICLES_PER_PAGE = 12
HOME_ARTICLES_PER_SECTION = 4


class ListingPageMixin:
    """A listing changes whenever an article below it is published, so search engines
    are told the newest of the two dates."""

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        newest_article = newest_publication_under(self)
        for url in urls:
            dates = [date for date in (url.get("lastmod"), newest_article) if date]
            url["lastmod"] = max(dates, default=None)
        return urls


class HomePage(ListingPageMixin, Page):
    """The site root: the newest articles of each section."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["editorial.SectionPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section_listings"] = latest_per_section(self, HOME_ARTICLES_PER_SECTION)
        return context


class SectionPage(ListingPageMixin, Page):
    """A section such as "Careers": its live articles, newest first, a page at a time."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["editorial.HomePage"]
    subpage_types = ["editorial.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = articles_for_listing(ArticlePage.objects.child_of(self))
        # get_page() turns a missing, malformed or out-of-range number into the first
        # or last page, so no reader sees an error for a hand-edited URL.
        context["articles"] = Paginator(articles, ARTICLES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "editorial.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleAuthor(Orderable):
    """One byline entry; ``sort_order`` keeps the order the editor gave."""

    page = ParentalKey(
        "editorial.ArticlePage", on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        "editorial.Author", on_delete=models.CASCADE, related_name="article_bylines"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_article")
        ]

    def __str__(self):
        return str(self.author)


class ArticlePage(Page):
    standfirst = models.TextField(
        max_length=300, help_text="One or two sentences under the headline; used in listings."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=255,
        blank=True,
        help_text="Describe the image for readers who cannot see it.",
    )
    hero_caption = models.CharField(max_length=255, blank=True)
    body = StreamField(ArticleBodyBlock())
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    reading_time = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="Minutes, computed from the body on save."
    )

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label="Authors", heading="Byline", min_num=1),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading="Hero image",
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]

    # Weights follow the boosts: title (Page's boost 2) over standfirst, author and tag
    # names (1) over the body (none), so a title match ranks first.
    search_fields = Page.search_fields + [
        index.SearchField("standfirst", boost=1),
        index.SearchField("body_text"),
        index.RelatedFields(
            "article_authors",
            [index.RelatedFields("author", [index.SearchField("name", boost=1)])],
        ),
        index.RelatedFields("tags", [index.SearchField("name", boost=1)]),
    ]

    parent_page_types = ["editorial.SectionPage"]
    subpage_types = []

    @property
    def hero_alt_text(self):
        return self.hero_alt or (self.hero_image.default_alt_text if self.hero_image else "")

    @property
    def authors(self):
        """Authors in byline order; uses the prefetched bylines of listing querysets."""
        return [byline.author for byline in self.article_authors.all()]

    def body_text(self):
        """The words a reader reads, including the text of inserted alternatives."""
        parts = self.body.stream_block.get_searchable_content(self.body)
        for block in self.body:
            if block.block_type == "alternatives":
                parts.extend(
                    f"{alternative.title} {strip_tags(alternative.summary)}"
                    for alternative in block.value["alternatives"]
                    if alternative is not None
                )
        return " ".join(parts)

    def compute_reading_time(self):
        words = len(self.body_text().split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = self.get_parent().specific_deferred
        # Bylines come from the form in previews, where there is nothing to query yet.
        if self.pk and not getattr(request, "is_preview", False):
            context["authors"] = [b.author for b in byline_queryset().filter(page=self)]
        else:
            context["authors"] = [b.author for b in self.article_authors.all()]
        context["tags"] = self.tags.all()
        return context

    def save(self, *args, **kwargs):
        self.reading_time = self.compute_reading_time()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "reading_time"}
        return super().save(*args, **kwargs)
