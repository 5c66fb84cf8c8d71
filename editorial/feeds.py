"""RSS 2.0 and Atom feeds of the newest live articles: site-wide, per section, tag and author.

Every feed exists in both formats; the format is fixed when the URL is built so that a
feed instance, shared between requests, never changes.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from wagtail.models import Site

from taggit.models import Tag

from editorial import page_cache
from editorial.models import Author, SectionPage
from editorial.queries import articles_by_author, articles_tagged, latest_articles_under

FEED_LENGTH = 20
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class ArticleRssFeed(Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per author: RSS's own ``author`` needs an email."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)


class ArticleAtomFeed(Atom1Feed):
    """Atom with one ``author`` element per author, each linking to the author's page
    (made absolute against the feed's own absolute link)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", urljoin(self.feed["link"], url))
            handler.endElement("author")


FEED_TYPES = {"rss": ArticleRssFeed, "atom": ArticleAtomFeed}


def site_root(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site for this host")
    return site.root_page


class ArticleFeed(Feed):
    """The shared shape of every feed; subclasses choose the object and its articles."""

    def __init__(self, feed_format):
        self.feed_format = feed_format
        self.feed_type = FEED_TYPES[feed_format]

    def get_feed(self, obj, request):
        # Any publication can change which articles are the newest ones.
        page_cache.cache_publicly("latest", *self.shows(obj))
        return super().get_feed(obj, request)

    def shows(self, obj):
        """Page-cache dependencies of the feed's own title and link."""
        return [f"page:{obj.pk}"]

    def author_name(self):
        # Atom needs an author for the feed as a whole; entries add their own.
        return settings.WAGTAIL_SITE_NAME

    def description(self, obj):
        return self.title(obj)

    def subtitle(self, obj):
        return self.description(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Both formats carry the summary as HTML; the standfirst is plain text.
        return escape(item.standfirst)

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item):
        return {"authors": [(author.name, author.get_url()) for author in item.authors]}


class SiteFeed(ArticleFeed):
    def get_object(self, request):
        return site_root(request)

    def title(self, obj):
        return settings.WAGTAIL_SITE_NAME

    def description(self, obj):
        return f"The newest articles from {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj):
        return obj.get_url()

    def items(self, obj):
        return latest_articles_under(obj, FEED_LENGTH)


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        sections = SectionPage.objects.child_of(site_root(request)).live().public()
        return get_object_or_404(sections, slug=slug)

    def title(self, obj):
        return f"{obj.title} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj):
        return obj.get_url()

    def items(self, obj):
        return latest_articles_under(obj, FEED_LENGTH)


class TagFeed(ArticleFeed):
    def shows(self, obj):
        return [f"tag:{obj.slug}"]

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        # As on the tag page: a tag used only by drafts does not exist for readers.
        if not articles_tagged(tag).exists():
            raise Http404("No published articles with this tag")
        return tag

    def title(self, obj):
        return f"Articles tagged “{obj.name}” | {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj):
        return reverse("editorial:tag", kwargs={"slug": obj.slug})

    def items(self, obj):
        return articles_tagged(obj)[:FEED_LENGTH]


class AuthorFeed(ArticleFeed):
    def shows(self, obj):
        return [f"author:{obj.pk}"]

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug, live=True)

    def title(self, obj):
        return f"Articles by {obj.name} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, obj):
        return obj.get_url()

    def items(self, obj):
        return articles_by_author(obj)[:FEED_LENGTH]
