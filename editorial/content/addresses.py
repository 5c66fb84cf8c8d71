"""The site's public addresses, all built on the one ``BASE_URL`` setting.

Whichever host name a request came in by (a proxy's, ``localhost``, a test client's),
what the site gives out to be followed later (sitemap, canonical and Open Graph links,
feeds, JSON-LD, emails, shareable previews) must be the address readers use.
"""

from urllib.parse import urljoin

from django.conf import settings


def public_url(path):
    """``path`` (``/networking/…``) as an absolute public address; an absolute URL, such
    as a file on a CDN, is kept as it is."""
    return urljoin(f"{settings.BASE_URL}/", path)
