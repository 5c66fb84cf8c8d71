"""The Wagtail site that answers a request, chosen without a query once the sites are cached.

Wagtail finds it with a query on every request that reaches a page: building that query
cost more (about 2 ms) than anything else before routing, for rows that change only when
an administrator edits Settings → Sites. Here every site is kept in the cache, which is
emptied when one is saved or deleted, and the request's site is chosen from them by
Wagtail's rules. Each keeps its root page as routing reads it, which spares routing the
query for the root's specific type (about a millisecond of every page below it).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port

from wagtail.models import Site
from wagtail.signals import page_slug_changed, post_page_move

from redis import RedisError

SITES_KEY = "editorial:sites"
# A reader who read the sites just before a change was committed may store them just
# after it was forgotten: they are kept no longer than this.
SITES_CACHE_SECONDS = 300


def all_sites():
    """Every site with its root page, of its specific type but with only the fields of
    Wagtail's ``Page`` loaded: routing deeper than the root then needs no query for it,
    and serving the root page loads it whole and fresh (``PubliclyCachedPage.route``)."""
    sites = cache.get(SITES_KEY)
    if sites is None:
        sites = list(Site.objects.select_related("root_page").order_by("pk"))
        for site in sites:
            site.root_page = site.root_page.specific_deferred
            site.root_page.routing_only = True
        cache.set(SITES_KEY, sites, SITES_CACHE_SECONDS)
    return sites


def matching_site(sites, hostname, port):
    """Wagtail's choice: the site of this host name and port; else the default site if it
    has this host name; else the only site of this host name, if there is one and either
    no default site or no other site of this host name; else the default site."""
    named = [site for site in sites if site.hostname == hostname]
    exact = next((site for site in named if site.port == port), None)
    if exact is not None:
        return exact
    default = next((site for site in sites if site.is_default_site), None)
    if default is not None and default.hostname == hostname:
        return default
    if len(named) == 1:
        return named[0]
    return default


class SiteMiddleware:
    """Gives the request its site the way Wagtail's ``Site.find_for_request`` would find
    it, so that Wagtail's routing and templates take it from the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Wagtail reads the host unchecked here too: a host name outside ALLOWED_HOSTS is
        # refused later, where Django checks it.
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        # A port forwarded by a proxy is text, which may not be a number at all.
        port = int(port) if port.isdigit() else None
        try:
            sites = all_sites()
        except RedisError:
            # Wagtail then finds the site with its own query: Redis being down costs a
            # reader the cached pages, not the site.
            return self.get_response(request)
        request._wagtail_site = matching_site(sites, hostname, port)
        return self.get_response(request)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
# A moved or renamed page may be a site's root, whose path or address routing reads.
@receiver(post_page_move)
@receiver(page_slug_changed)
def forget_sites(**kwargs):
    # Once committed: forgotten before, they could be read again as they were.
    transaction.on_commit(lambda: cache.delete(SITES_KEY))
