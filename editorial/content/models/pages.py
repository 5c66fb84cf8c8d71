"""Page types of the public site: home, sections and articles."""

import math

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from editorial.pagecache.fragments import include
from editorial.pagecache.recording import cache_publicly, depends_on
from editorial.readership.panels import DailyViewsPanel
from editorial.roles import ArticlePermissionTester

from .. import renditions
from ..blocks import ArticleBodyBlock, ListingBlocks
from ..checklist import MIN_BODY_WORDS, ChecklistItem, ChecklistPanel
from ..dependencies import PAGE, SECTION, TRENDING
from ..forms import ArticlePageForm, BylineAuthorChooser
from ..queries import (
    aliases_over_outer_page,
    articles_for_listing,
    byline_queryset,
    latest_per_section,
    model,
    newest_publication_under,
    restrictions_over_outer_page,
)
from ..trending import trending_set
from .fields import optional_image
from .snippets import Author

WORDS_PER_MINUTE = 230
ARTICLES_PER_PAGE = 12
HOME_ARTICLES_PER_SECTION = 4
# Pinning and excluding is an editor's call, not an author's (granted to Editors).
STEER_TRENDING = "editorial.steer_trending"
# Cards in the "Related" and "Latest" lists under every article.
ARTICLE_MORE_COUNT = 3


class PubliclyCachedPage(Page):
    """A page type whose public view can be shared from the page cache."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        cache_publicly(PAGE(self.pk))
        return super().serve(request, *args, **kwargs)

    def get_url_parts(self, request=None):
        """Wagtail's parts with ``BASE_URL`` as the site's root, so that the page's full
        URL (in the sitemap and Wagtail's emails) is its public address even when the
        Wagtail site's host name and port (Settings → Sites) say otherwise."""
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None:
            return parts
        site_id, _root_url, page_path = parts
        return site_id, settings.BASE_URL, page_path

    def route(self, request, path_components):
        """Find a child of the one page type allowed here in one query, not two.

        Wagtail loads the child as a plain page and then its specific type, and the
        specific page no longer knows this parent; here it does, so ``get_parent`` is free.
        """
        child_models = type(self).allowed_subpage_models()
        if not path_components or len(child_models) != 1:
            return super().route(request, path_components)
        child = self.routed_child(request, child_models[0], path_components[0])
        if child is None:
            raise Http404
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def routed_child(self, request, child_model, slug):
        return child_model.for_serving().child_of(self).filter(slug=slug).first()

    @classmethod
    def for_serving(cls):
        """Pages of this type with what their public view needs beyond their own row,
        and whether any view restriction could apply to them (most often none, and then
        Wagtail's check needs no query)."""
        return cls.objects.annotate(
            restricted=Exists(restrictions_over_outer_page()),
            under_alias=Exists(aliases_over_outer_page()),
        )

    def get_view_restrictions(self):
        """Wagtail's check, in one query instead of two: the restrictions of this page and
        its ancestors, or of the pages they are aliases of; none without a query when
        the page was loaded knowing there are none (``for_serving``)."""
        if not getattr(self, "restricted", True) and not getattr(self, "under_alias", True):
            return PageViewRestriction.objects.none()
        lineage = Page.objects.filter(
            path__in=[
                self.path[:end] for end in range(Page.steplen, len(self.path) + 1, Page.steplen)
            ]
        ).values(source=Coalesce("alias_of_id", "id"))
        return PageViewRestriction.objects.filter(page_id__in=lineage)


class ListingPage(PubliclyCachedPage):
    """A page that lists articles (the home page, a section): an intro and listing blocks.

    A listing changes whenever an article below it is published, so search engines are
    told the newest of the two dates.
    """

    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(
        ListingBlocks(),
        blank=True,
        help_text=_("Lists of trending or latest articles, shown with this page's own list."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        newest_article = newest_publication_under(self, request)
        for url in urls:
            dates = [date for date in (url.get("lastmod"), newest_article) if date]
            url["lastmod"] = max(dates, default=None)
        return urls


class HomePage(ListingPage):
    """The site root: the newest articles of each section."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["editorial.SectionPage"]
    max_count = 1

    def routed_child(self, request, child_model, slug):
        """The section asked for, found among all of them: the header's navigation lists
        the public ones (``request.public_sections``) without a query of its own."""
        sections = list(child_model.for_serving().child_of(self).order_by("path"))
        request.public_sections = [
            section for section in sections if section.live and not section.restricted
        ]
        return next((section for section in sections if section.slug == slug), None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section_listings"] = latest_per_section(self, HOME_ARTICLES_PER_SECTION)
        depends_on(*SECTION.all(section.pk for section, _ in context["section_listings"]))
        return context


class SectionPage(ListingPage):
    """A section such as "Careers": its live articles, newest first, a page at a time."""

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
        depends_on(SECTION(self.pk))
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

    panels = [FieldPanel("author", widget=BylineAuthorChooser)]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "author"], name="unique_author_per_article")
        ]

    def __str__(self):
        return str(self.author)


class ArticleRelatedLink(Orderable):
    """An article the editor recommends from another; shown first, in the editor's order."""

    article = ParentalKey(
        "editorial.ArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    target = models.ForeignKey(
        "editorial.ArticlePage",
        on_delete=models.CASCADE,
        related_name="related_from",
        verbose_name=_("related article"),
    )

    panels = [PageChooserPanel("target", page_type="editorial.ArticlePage")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["article", "target"], name="unique_related_link_per_article"
            )
        ]

    def __str__(self):
        return str(self.target)


class ArticlePage(PubliclyCachedPage):
    standfirst = models.TextField(
        max_length=300, help_text=_("One or two sentences under the headline; used in listings.")
    )
    hero_image = optional_image()
    hero_alt = models.CharField(
        _("hero image alt text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    hero_caption = models.CharField(max_length=255, blank=True)
    body = StreamField(ArticleBodyBlock())
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    reading_time = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text=_("Minutes, computed from the body on save.")
    )
    trending_pinned_until = models.DateTimeField(
        _("pin to trending until"),
        null=True,
        blank=True,
        help_text=_("Shown first among trending articles until this moment."),
    )
    exclude_from_trending = models.BooleanField(
        default=False,
        help_text=_("Never list this article as trending, however often it is read."),
    )

    content_panels = [
        ChecklistPanel(heading=_("Pre-publication checklist")),
        *Page.content_panels,
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label=_("Authors"), heading=_("Byline"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel(
            "related_links",
            label=_("Related article"),
            heading=_("Related articles"),
            help_text=_(
                "Shown first under the article, in this order, before articles that share its tags."
            ),
        ),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [
                FieldPanel("trending_pinned_until", permission=STEER_TRENDING),
                FieldPanel("exclude_from_trending", permission=STEER_TRENDING),
            ],
            heading=_("Trending"),
        ),
        DailyViewsPanel(heading=_("Views per day")),
    ]

    # Weights follow the boosts: title (Page's boost 2) over standfirst, author and tag
    # names (1) over the body (none), so a title match ranks first.
    search_fields = Page.search_fields + [
        index.SearchField("standfirst", boost=1),
        index.SearchField("body_text"),
        index.SearchField("byline_names", boost=1),
        index.RelatedFields("tags", [index.SearchField("name", boost=1)]),
    ]

    parent_page_types = ["editorial.SectionPage"]
    subpage_types = []
    base_form_class = ArticlePageForm

    def permissions_for_user(self, user):
        return ArticlePermissionTester(user, self)

    @classmethod
    def for_serving(cls):
        """With the hero image and the renditions the article's page shows, its card for
        the byline and tags, and whether it has corrections to list, in five queries
        fewer than loading them one by one."""
        renditions_shown = (
            get_image_model()
            .get_rendition_model()
            .objects.filter(
                filter_spec__in=[renditions.HERO, renditions.SOCIAL, *renditions.STRUCTURED_DATA]
            )
        )
        return (
            super()
            .for_serving()
            .annotate(
                has_corrections=Exists(
                    model("ArticleCorrection").objects.filter(page=OuterRef("pk"))
                )
            )
            .select_related("hero_image", "card")
            .prefetch_related(
                Prefetch(
                    "hero_image__renditions",
                    queryset=renditions_shown,
                    to_attr="prefetched_renditions",
                )
            )
        )

    @property
    def hero_rendition(self):
        return self.hero_image.get_rendition(renditions.HERO) if self.hero_image else None

    @property
    def thumbnail(self):
        """The card image; listing querysets prefetch it, so it costs no query."""
        return self.hero_image.get_rendition(renditions.THUMBNAIL) if self.hero_image else None

    class Meta:
        permissions = [("steer_trending", _("Can pin articles to trending or exclude them"))]

    @property
    def hero_alt_text(self):
        return self.hero_alt or (self.hero_image.default_alt_text if self.hero_image else "")

    @property
    def authors(self):
        """Authors in byline order; uses the prefetched bylines of listing querysets."""
        return [byline.author for byline in self.article_authors.all()]

    def body_text(self):
        """The words a reader reads, including the text of inserted alternatives.

        Only published alternatives: search must not find an article by a draft's words.
        """
        parts = self.body.stream_block.get_searchable_content(self.body)
        for block in self.body:
            if block.block_type == "alternatives":
                parts.extend(
                    f"{alternative.title} {strip_tags(alternative.summary)}"
                    for alternative in block.value.published_alternatives
                )
        return " ".join(parts)

    def byline_names(self):
        """The names readers see in the byline; an unpublished profile is not searchable."""
        return " ".join(b.author.name for b in self.article_authors.all() if b.author.live)

    def compute_reading_time(self):
        words = len(self.body_text().split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def checklist(self):
        """What this version must have before publication (see ``content.checklist``)."""
        words = len(self.body_text().split())
        return [
            ChecklistItem(
                gettext("At least one author"),
                bool(self.article_authors.all()),
                gettext("Add at least one author to the byline."),
            ),
            ChecklistItem(
                gettext("At least one tag"), bool(self.tags.all()), gettext("Add at least one tag.")
            ),
            ChecklistItem(
                gettext("Hero image with alt text"),
                bool(self.hero_image_id and self.hero_alt_text.strip()),
                gettext("Choose a hero image and describe it in its alt text.")
                if self.hero_image_id
                else gettext("Choose a hero image (with alt text)."),
            ),
            ChecklistItem(
                gettext("Search description"),
                bool(self.search_description.strip()),
                gettext("Write a search description (Promote tab)."),
            ),
            ChecklistItem(
                gettext("Body of at least %(minimum)d words") % {"minimum": MIN_BODY_WORDS},
                words >= MIN_BODY_WORDS,
                ngettext(
                    "The body has %(words)d word; write at least %(minimum)d.",
                    "The body has %(words)d words; write at least %(minimum)d.",
                    words,
                )
                % {"words": words, "minimum": MIN_BODY_WORDS},
            ),
        ]

    def byline_user_ids(self):
        """Accounts credited on this version's byline and on the saved one."""
        author_ids = {byline.author_id for byline in self.article_authors.all()}
        author_ids.update(
            ArticleAuthor.objects.filter(page_id=self.pk).values_list("author_id", flat=True)
        )
        return set(
            Author.objects.filter(pk__in=author_ids, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )

    def corrections_in_order(self):
        """The correction and update notes, oldest first, as they read at the article's end."""
        if not self.pk or getattr(self, "has_corrections", True) is False:
            return []
        return list(self.corrections.order_by("published_at", "pk"))

    def modified_at(self, corrections):
        """When readers last saw this article change: its last publication or newest note."""
        dates = [self.last_published_at or self.first_published_at]
        dates += [correction.published_at for correction in corrections]
        return max((date for date in dates if date), default=None)

    def published_card(self, request):
        """The stored card (``content.cards``) if this is the live version it was built
        from and was loaded with it (``for_serving``); never in previews, which show the
        draft."""
        if getattr(request, "is_preview", False) or not type(self).card.is_cached(self):
            return None
        card = getattr(self, "card", None)
        return card if card is not None and card.shows(self) else None

    def related_params(self, tags=None):
        """What its related list is chosen by: the article, where it is, its tags (those
        given, else its own); the list's fragment is rendered from these alone."""
        tags = self.tags.all() if tags is None else tags
        return {"article": self.pk, "path": self.path, "tags": sorted(tag.slug for tag in tags)}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = self.get_parent().specific_deferred
        depends_on(PAGE(context["section"].pk))
        card = self.published_card(request)
        if card is not None:
            context["authors"], context["tags"] = card.authors(), card.tag_list()
        else:
            # Bylines come from the form in previews, where there is nothing to query yet.
            if not self.pk or getattr(request, "is_preview", False):
                bylines = self.article_authors.all()
            else:
                bylines = byline_queryset().filter(page=self)
            context["authors"] = [byline.author for byline in bylines]
            context["tags"] = self.tags.all()
        context["corrections"] = self.corrections_in_order()
        context["modified_at"] = self.modified_at(context["corrections"])
        context["is_trending"] = self.pk in trending_set()
        depends_on(TRENDING(self.pk), TRENDING())
        # A fragment: its lists change with other articles' publications, and this page
        # stays cached when they do.
        context["more_articles"] = include(
            "more",
            headings=[gettext("Related"), gettext("Latest")],
            count=ARTICLE_MORE_COUNT,
            **self.related_params(context["tags"]),
        )
        return context

    def save(self, *args, **kwargs):
        self.reading_time = self.compute_reading_time()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "reading_time"}
        return super().save(*args, **kwargs)
