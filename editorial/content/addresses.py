"""The site's public addresses, all built on the one ``BASE_URL`` setting.

Whichever host name a request came in by (a proxy's, ``localhost``, a test client's),
what the site gives out to be followed later (sitemap, canonical and Open Graph links,
feeds, JSON-LD, emails, shareable previews) must be the address readers use.
"""

from functools import lru_cache
from urllib.parse import urljoin

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Every section, author, tag and feed of the site, and then some: a page's addresses
# repeat on every page, and the oldest unused ones make way.
KEPT_ADDRESSES = 20_000


def public_url(path):
    """``path`` (``/networking/…``) as an absolute public address; an absolute URL, such
    as a file on a CDN, is kept as it is."""
    return urljoin(f"{settings.BASE_URL}/", path)


def address(viewname, *args, **kwargs):
    """``reverse(viewname, args=args, kwargs=kwargs)``, reversed once per process.

    An article shows some sixty addresses (its sections, authors, tags, feeds), and
    reversing each took 20–40 µs, on every page. The answer depends on nothing else than
    the arguments, the URL configuration, the script prefix and the language: those are
    the key.
    """
    return reversed_address(
        viewname,
        args,
        tuple(sorted(kwargs.items())),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
    )


@lru_cache(maxsize=KEPT_ADDRESSES)
def reversed_address(viewname, args, kwargs, urlconf, _script_prefix, _language):
    return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs))
