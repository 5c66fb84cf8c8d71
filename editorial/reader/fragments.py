"""The shared listings that pages include as fragments (``pagecache.fragments``)."""

from django.template.loader import render_to_string

from editorial.content.dependencies import LATEST, PAGE, SECTION, TAG
from editorial.content.models import ArticlePage, SectionPage
from editorial.content.queries import latest_articles, related_articles, trending_articles
from editorial.pagecache.fragments import fragment
from editorial.pagecache.recording import depends_on


def listing(request, heading, articles):
    return render_to_string(
        "includes/listing.html", {"heading": heading, "articles": articles}, request=request
    )


@fragment("latest")
def latest(request, heading, count, section=None, exclude=None):
    """The newest articles, of the whole site or of one section, but the one being read."""
    if section is None:
        depends_on(LATEST())
        return listing(request, heading, latest_articles(count, exclude=exclude))
    depends_on(SECTION(section))
    section_page = SectionPage.objects.filter(pk=section).first()
    articles = latest_articles(count, section=section_page, exclude=exclude) if section_page else []
    return listing(request, heading, articles)


@fragment("trending")
def trending(request, heading, count, section=None):
    """The most read articles; the list expires with the trending selection."""
    section_page = SectionPage.objects.filter(pk=section).first() if section else None
    if section and section_page is None:
        return ""
    return listing(request, heading, trending_articles(count, section=section_page))


@fragment("related")
def related(request, heading, count, article=None, path="", tags=()):
    """The editor's picks, then the articles sharing most tags with ``article`` (at
    ``path``, with ``tags``, as the page that includes this knew them).

    A newly published article sharing one of its tags may belong here, and the article's
    own picks change when it is published.
    """
    if article is None:
        return ""
    depends_on(PAGE(article), *TAG.all(tags))
    subject = ArticlePage(pk=article, path=path)
    return listing(request, heading, related_articles(subject, count, tag_slugs=tags))
