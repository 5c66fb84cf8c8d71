"""The sitemap: every live public page of the tree, plus tag and author pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from editorial.content.queries import authors_in_use, tags_in_use


class ListingSitemap(PageSitemap):
    """Pages outside the tree, addressed from ``BASE_URL`` as the pages are (their
    ``get_url_parts``), so that one sitemap never mixes host names."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.BASE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.BASE_URL).netloc

    def _urls(self, page, protocol, domain):
        # Skip Wagtail's page-specific variant and use Django's plain one.
        return super(PageSitemap, self)._urls(page, protocol, domain)


class TagSitemap(ListingSitemap):
    def items(self):
        # A tag without a slug has no page to list (one saved before slugs were ensured).
        return tags_in_use().exclude(tags__slug="")

    def location(self, item):
        return reverse("editorial:tag", kwargs={"slug": item["tags__slug"]})

    def lastmod(self, item):
        return item["lastmod"]


class AuthorSitemap(ListingSitemap):
    def items(self):
        return authors_in_use().exclude(slug="")

    def location(self, item):
        return item.get_url()

    def lastmod(self, item):
        return item.lastmod


SITEMAPS = {"pages": PageSitemap, "tags": TagSitemap, "authors": AuthorSitemap}
