import json
from urllib.parse import urlencode

from django import template
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaulttags import URLNode, url
from django.templatetags.static import static
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found
from wagtail.models import Site

from editorial.content import renditions
from editorial.content.addresses import address, public_url
from editorial.content.cards import current_cards, first_in_view
from editorial.content.dependencies import NAV, PAGE
from editorial.content.queries import live_and_public, sections_under
from editorial.pagecache.recording import depends_on
from editorial.pagecache.versions import current_versions

register = template.Library()


# How long the navigation's links of one host and version of "nav" stay cached: a new
# version (``content.signals``) replaces them, the lifetime only clears old ones away.
NAV_LINKS_SECONDS = 24 * 60 * 60


class AddressNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        try:
            found = address(self.view_name.resolve(context), *args, **kwargs)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            found = ""
        if self.asvar:
            context[self.asvar] = found
            return ""
        return conditional_escape(found) if context.autoescape else found


@register.tag("address")
def address_tag(parser, token):
    """Django's ``{% url %}``, reversed once per process (``content.addresses.address``):
    the same arguments, and the same empty address for ``as`` when there is none."""
    node = url(parser, token)
    return AddressNode(node.view_name, node.args, node.kwargs, node.asvar)


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def section_nav(context):
    """Sections under the current site's root, for the header on every page."""
    request = context.get("request")
    depends_on(NAV())
    current_path = getattr(context.get("page"), "path", "")
    return {
        "sections": [
            (title, url, current_path.startswith(path)) for path, title, url in nav_links(request)
        ]
    }


def nav_links(request):
    """``(path, title, URL)`` of each public section of the request's site, in order.

    Routing to a page found the sections already (``HomePage.routed_child``). Elsewhere
    (search, tag and author pages) they are cached per host and version of "nav": finding
    the site, its sections and their URLs took a third of a search page's time.
    """
    sections = getattr(request, "public_sections", None)
    if sections is not None:
        return [(section.path, section.title, section.get_url(request)) for section in sections]
    if request is None:
        return []
    version = current_versions([NAV()]).get(NAV())
    key = f"section-nav:{request.get_host()}:{version}"
    links = cache.get(key) if version is not None else None
    if links is None:
        site = Site.find_for_request(request)
        sections = (
            live_and_public(sections_under(site.root_page))
            .only("title", "path", "url_path")
            .order_by("path")
            if site
            else []
        )
        links = [(section.path, section.title, section.get_url(request)) for section in sections]
        if version is not None:
            cache.set(key, links, NAV_LINKS_SECONDS)
    return links


@register.simple_tag
def article_cards(articles, eager=False, lead=False):
    """The stored cards of ``articles`` (``content.cards``), built first if missing or out of
    date; ``lead``: the first as a lead story, large; ``eager``: the first image fetched
    first, as the first in view. The page that shows them depends on each article: a
    retitled or unpublished article leaves every list it was in, and so does a change to
    an author it credits (``content.signals.invalidate_author``)."""
    cards = current_cards(articles)
    for card in cards:
        depends_on(PAGE(card.article_id))
    shown = [card.html for card in cards]
    if shown and lead:
        shown[0] = cards[0].lead_html
    if shown and eager:
        shown[0] = first_in_view(shown[0])
    return [mark_safe(html) for html in shown]  # noqa: S308 (rendered by our template)


@register.simple_tag(takes_context=True)
def picture(context, image, size, alt="", css_class="", eager=False):
    """``image`` as a ``<picture>`` at ``size``, the name of one of ``content.renditions``
    (``"HERO"``): each width in a modern format and in JPEG, with the layout's ``sizes``,
    the fallback's width and height, and lazy loading unless ``eager`` (the page's first
    image in view). Nothing without an image; a missing file shows Wagtail's not-found
    image, as the ``picture`` tag does."""
    if not image:
        return ""
    shown = getattr(renditions, size)
    attrs = {"alt": alt, "sizes": shown.layout}
    if css_class:
        attrs["class"] = css_class
    if eager:
        attrs.update(loading="eager", fetchpriority="high")
        request = context.get("request")
        if request is not None:
            request.image_in_view = True
    else:
        attrs["loading"] = "lazy"
    return Picture(get_renditions_or_not_found(image, shown.specs), attrs)


@register.simple_tag
def rendition(image, spec):
    """``image`` at ``spec``, the name of one of ``content.renditions`` that is a single
    size (``"SOCIAL"``), or None without an image.

    Templates name sizes instead of spelling specs, so that the sizes publishing generates
    ahead are the ones pages show. A missing file shows Wagtail's not-found image, as the
    ``image`` tag does.
    """
    return get_rendition_or_not_found(image, getattr(renditions, spec)) if image else None


@register.filter
def minutes(duration):
    """Whole minutes of a timedelta, for messages such as the sign-in lockout."""
    return int(duration.total_seconds() // 60)


# The publisher's logo: the site's icon, square as the schema allows and over 112 px.
LOGO = "editorial/icons/icon-512.png"
LOGO_SIZE = 512

# As Django's json_script: these three cannot end a <script> element or start a comment
# once escaped, whatever the article's title says.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """``data`` as a JSON-LD script element that no value inside it can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def absolute_url(url):
    return public_url(url)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or stray parameters; a listing keeps its page
    number and search keeps its query, as those change what the page shows."""
    request = context["request"]
    params = {}
    if context.get("query"):
        params["q"] = context["query"]
    listing = context.get("articles")
    if getattr(listing, "number", 1) > 1:
        params["page"] = listing.number
    url = public_url(request.path)
    return f"{url}?{urlencode(params)}" if params else url


def publisher(context):
    """The site as the ``Organization`` that publishes it, with the logo news search
    engines show beside its articles."""
    return {
        "@type": "Organization",
        "@id": public_url("/#publisher"),
        "name": context["site_name"],
        "url": public_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": public_url(static(LOGO)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


@register.simple_tag(takes_context=True)
def website_structured_data(context):
    """schema.org ``WebSite``, with the search box search engines may offer for it, and its
    publisher: the home page's data."""
    home_url = public_url("/")
    search_url = public_url(address("editorial:search"))
    website = {
        "@type": "WebSite",
        "@id": home_url + "#website",
        "name": context["site_name"],
        "description": context["site_tagline"],
        "url": home_url,
        "publisher": {"@id": home_url + "#publisher"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{query}}"},
            "query-input": "required name=query",
        },
    }
    return {"@context": "https://schema.org", "@graph": [website, publisher(context)]}


@register.simple_tag(takes_context=True)
def article_structured_data(context):
    """schema.org ``NewsArticle`` and ``BreadcrumbList`` data for the article in
    ``context``, as Google's documentation for articles recommends it."""
    request = context["request"]
    page = context["page"]
    section = context.get("section")
    home_url = public_url("/")
    article_url = public_url(request.path)
    article = {
        "@type": "NewsArticle",
        "@id": article_url,
        "mainEntityOfPage": article_url,
        "headline": page.title,
        "description": page.search_description or page.standfirst,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": public_url(author.get_url()),
            }
            for author in context.get("authors", [])
        ],
        "datePublished": page.first_published_at,
        # The newest correction or update counts as a change, as it does for readers.
        "dateModified": context.get("modified_at")
        or page.last_published_at
        or page.first_published_at,
        "publisher": publisher(context),
        # Private articles are never served to crawlers: what they read is free to read.
        "isAccessibleForFree": True,
        "keywords": [tag.name for tag in context.get("tags", [])],
    }
    if page.hero_image:
        article["image"] = [
            {
                "@type": "ImageObject",
                "url": public_url(shown.url),
                "width": shown.width,
                "height": shown.height,
            }
            for shown in (
                get_rendition_or_not_found(page.hero_image, spec)
                for spec in renditions.STRUCTURED_DATA
            )
        ]
    crumbs = [(context["site_name"], home_url)]
    if section:
        article["articleSection"] = section.title
        crumbs.append((section.title, public_url(section.get_url())))
    crumbs.append((page.title, article_url))
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [article, breadcrumbs]}
