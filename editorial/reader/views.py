"""Public views that are not pages in the tree: tag and author listings, search, robots.txt,
the favicon and the web app manifest."""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from taggit.models import Tag

from editorial.content.addresses import public_url
from editorial.content.dependencies import AUTHOR, LATEST, SEARCH, SITEMAP, TAG, WRITTEN_BY
from editorial.content.models import Author
from editorial.content.models.pages import ARTICLES_PER_PAGE
from editorial.content.queries import articles_by_author, articles_tagged, search_articles
from editorial.pagecache.recording import cache_publicly

# Long enough for any real question; longer input is cut rather than refused so that a
# pasted paragraph still finds something instead of showing an error.
SEARCH_QUERY_MAX_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# The accent of site.css and of the icons: the browser's toolbar on phones.
THEME_COLOR = "#9b2c1f"


def paginate(request, queryset):
    return Paginator(queryset, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))


def tag_index(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    cache_publicly(TAG(tag.slug))
    articles = paginate(request, articles_tagged(tag))
    # A tag used only by drafts or private pages must not reveal that it exists.
    if not articles.paginator.count:
        raise Http404("No published articles with this tag")
    return render(request, "editorial/tag_index.html", {"tag": tag, "articles": articles})


def sitemap(request, sitemaps):
    # Lists every page with the date its newest article was published.
    cache_publicly(SITEMAP(), LATEST())
    return wagtail_sitemap(request, sitemaps=sitemaps)


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug, live=True)
    cache_publicly(AUTHOR(author.pk), WRITTEN_BY(author.pk))
    articles = paginate(request, articles_by_author(author))
    return render(request, "editorial/author_detail.html", {"author": author, "articles": articles})


def clean_search_query(raw):
    """What the search backend may safely receive: no control characters (PostgreSQL
    rejects NUL), single spaces, and a bounded length."""
    query = " ".join(CONTROL_CHARACTERS.sub(" ", raw).split())
    return query[:SEARCH_QUERY_MAX_LENGTH].strip()


@require_GET
def search(request):
    # Results change with any article, so one dependency covers every query's page.
    cache_publicly(SEARCH())
    query = clean_search_query(request.GET.get("q", ""))
    articles = paginate(request, search_articles(query)) if query else None
    return render(request, "editorial/search.html", {"query": query, "articles": articles})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {public_url(reverse('editorial:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Icons are static files with hashed names, cached for a year; these two addresses are
# fixed, so browsers may keep them for a day.
ICON_ADDRESS_MAX_AGE = 24 * 60 * 60


@require_GET
@cache_control(public=True, max_age=ICON_ADDRESS_MAX_AGE)
def favicon_ico(request):
    """Where browsers and feed readers look for an icon whatever the page links."""
    return HttpResponsePermanentRedirect(static("editorial/icons/favicon.ico"))


@require_GET
@cache_control(public=True, max_age=ICON_ADDRESS_MAX_AGE)
def web_manifest(request):
    """What a phone shows when a reader adds the site to the home screen."""
    icons = [
        {"src": static("editorial/icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        {"src": static("editorial/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("editorial/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("editorial/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    manifest = {
        "name": settings.WAGTAIL_SITE_NAME,
        "short_name": settings.WAGTAIL_SITE_NAME,
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json")
