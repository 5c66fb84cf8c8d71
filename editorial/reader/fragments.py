"""The shared listings that pages include as fragments (``pagecache.fragments``)."""

from django.template.loader import render_to_string

from editorial.content.dependencies import LATEST, PAGE, SECTION, TAG
from editorial.content.models import ArticlePage, SectionPage
from editorial.content.queries import (
    latest_articles,
    related_and_latest,
    related_articles,
    trending_articles,
)
from editorial.pagecache.fragments import fragment
from editorial.pagecache.recording import depends_on


def listing(request, heading, articles, eager=False):
    """``articles`` as cards under ``heading``; ``eager``: the first card's image is the
    first in view on the page that includes the list."""
    return render_to_string(
        "includes/listing.html",
        {"heading": heading, "articles": articles, "eager": eager},
        request=request,
    )


@fragment("latest")
def latest(request, heading, count, section=None, exclude=None, eager=False):
    """The newest articles, of the whole site or of one section, but the one being read."""
    excluded = [exclude] if exclude else []
    if section is None:
        depends_on(LATEST())
        return listing(request, heading, latest_articles(count, exclude=excluded), eager)
    depends_on(SECTION(section))
    section_page = SectionPage.objects.filter(pk=section).first()
    if section_page is None:
        return listing(request, heading, [])
    newest = latest_articles(count, section=section_page, exclude=excluded)
    return listing(request, heading, newest, eager)


@fragment("trending")
def trending(request, heading, count, section=None, exclude=None, eager=False):
    """The most read articles, but the one being read or leading the page; the list
    expires with the trending selection."""
    section_page = SectionPage.objects.filter(pk=section).first() if section else None
    if section and section_page is None:
        return ""
    most_read = trending_articles(count, section=section_page, exclude=exclude)
    return listing(request, heading, most_read, eager)


@fragment("related")
def related(request, heading, count, article=None, path="", tags=(), eager=False):
    """The editor's picks, then the articles sharing most tags with ``article`` (at
    ``path``, with ``tags``, as the page that includes this knew them).

    A newly published article sharing one of its tags may belong here, and the article's
    own picks change when it is published.
    """
    if article is None:
        return ""
    depends_on(PAGE(article), *TAG.all(tags))
    subject = ArticlePage(pk=article, path=path)
    return listing(request, heading, related_articles(subject, count, tag_slugs=tags), eager)


@fragment("more")
def more(request, headings, count, article, path, tags):
    """Under an article: its related articles, then the newest of the others, so that no
    article is listed twice. Any publication may change the newest, and the related list
    is rendered again with them, for a list that never repeats itself."""
    depends_on(PAGE(article), *TAG.all(tags), LATEST())
    subject = ArticlePage(pk=article, path=path)
    related, newest = related_and_latest(subject, count, tag_slugs=tags)
    related_heading, latest_heading = headings
    return listing(request, related_heading, related) + listing(request, latest_heading, newest)
