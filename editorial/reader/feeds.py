"""RSS 2.0 and Atom feeds of the newest live articles: site-wide, per section, tag and author.

Every feed exists in both formats; the format is fixed when the URL is built so that a
feed instance, shared between requests, never changes.
"""

import re
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from wagtail.models import Site

from taggit.models import Tag

from editorial.content.addresses import public_url
from editorial.content.dependencies import AUTHOR, LATEST, PAGE, SECTION, TAG, WRITTEN_BY
from editorial.content.models import Author
from editorial.content.queries import (
    articles_by_author,
    articles_tagged,
    latest_articles_under,
    sections_under,
    with_card_data,
)
from editorial.corrections.models import ArticleCorrection
from editorial.pagecache.recording import cache_publicly, depends_on

FEED_LENGTH = 20
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
# Characters XML 1.0 forbids; Django's feed writer fails on them. Word processors paste
# some into titles (a vertical tab is Word's line break).
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(value):
    """``value`` with forbidden characters turned into spaces, inside lists and tuples too."""
    if isinstance(value, str):
        return XML_FORBIDDEN.sub(" ", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


class XmlSafeFeedMixin:
    """Clean every text the feed and its entries are given, so a pasted control character
    costs a space instead of the whole feed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe(args), **{k: xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe(args), **{k: xml_safe(v) for k, v in kwargs.items()})


class ArticleRssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per author: RSS's own ``author`` needs an email."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)


class ArticleAtomFeed(XmlSafeFeedMixin, Atom1Feed):
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
        cache_publicly(*self.shows(obj))
        feed = super().get_feed(obj, request)
        # Django makes it absolute with the request's host; readers need the public one.
        feed.feed["feed_url"] = public_url(request.path)
        return feed

    def shows(self, obj):
        """Page-cache dependencies of the feed's title and link and of which articles it
        lists (each entry records its own article)."""
        raise NotImplementedError

    def author_name(self):
        # Atom needs an author for the feed as a whole; entries add their own.
        return settings.WAGTAIL_SITE_NAME

    def description(self, obj):
        return self.title(obj)

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return public_url(obj.get_url())

    def item_title(self, item):
        return item.title

    def items(self, obj):
        items = list(
            self.articles(obj).prefetch_related(
                Prefetch("corrections", queryset=ArticleCorrection.objects.order_by("published_at"))
            )
        )
        depends_on(*PAGE.all(item.pk for item in items))
        return items

    def item_description(self, item):
        # Both formats carry the summary as HTML; the standfirst is plain text. Corrections
        # and updates follow it, so feed readers see them when the entry changes.
        notes = format_html_join(
            "",
            "<p><strong>{}, {}:</strong> {}</p>",
            (
                (note.get_kind_display(), date_format(localtime(note.published_at)), note.note)
                for note in item.corrections.all()
            ),
        )
        return escape(item.standfirst) + notes

    def item_link(self, item):
        return public_url(item.get_url())

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.modified_at(item.corrections.all())

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item):
        return {"authors": [(author.name, author.get_url()) for author in item.authors]}


class PageFeed(ArticleFeed):
    """The newest articles anywhere below a page."""

    def articles(self, obj):
        return latest_articles_under(obj, FEED_LENGTH)


class SiteFeed(PageFeed):
    def shows(self, obj):
        # Any publication can change which articles are the newest ones.
        return [PAGE(obj.pk), LATEST()]

    def get_object(self, request):
        return site_root(request)

    def title(self, obj):
        return settings.WAGTAIL_SITE_NAME

    def description(self, obj):
        return _("The newest articles from %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}


class SectionFeed(PageFeed):
    def shows(self, obj):
        return [PAGE(obj.pk), SECTION(obj.pk)]

    def get_object(self, request, slug):
        sections = sections_under(site_root(request)).live().public()
        return get_object_or_404(sections, slug=slug)

    def title(self, obj):
        return f"{obj.title} | {settings.WAGTAIL_SITE_NAME}"


class TagFeed(ArticleFeed):
    def shows(self, obj):
        return [TAG(obj.slug)]

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        # As on the tag page: a tag used only by drafts does not exist for readers.
        if not articles_tagged(tag).exists():
            raise Http404("No published articles with this tag")
        return tag

    def title(self, obj):
        return _("Articles tagged “%(tag)s” | %(site)s") % {
            "tag": obj.name,
            "site": settings.WAGTAIL_SITE_NAME,
        }

    def link(self, obj):
        return public_url(reverse("editorial:tag", kwargs={"slug": obj.slug}))

    def articles(self, obj):
        return with_card_data(articles_tagged(obj))[:FEED_LENGTH]


class AuthorFeed(ArticleFeed):
    def shows(self, obj):
        return [AUTHOR(obj.pk), WRITTEN_BY(obj.pk)]

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug, live=True)

    def title(self, obj):
        return _("Articles by %(author)s | %(site)s") % {
            "author": obj.name,
            "site": settings.WAGTAIL_SITE_NAME,
        }

    def articles(self, obj):
        return with_card_data(articles_by_author(obj))[:FEED_LENGTH]
