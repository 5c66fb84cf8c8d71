"""Fragments: parts of pages that many pages share and that change more often than they do.

A page shows a fragment (the newest articles, say) through ``include(name, **params)``,
which writes an edge-side include, ``<esi:include src="/fragments/latest/…/"/>``, where the
fragment goes. The page is cached without it, so a change that only the fragment shows
(one more article among the newest) leaves every page that includes it a cache hit: the
fragment is rendered once, under its own URL and cache entry, with its own dependencies.

Includes are resolved at serve time: by a caching proxy that says it can
(``Surrogate-Capability: …ESI/1.0``, as ``bench/varnish.vcl`` does), or else by
``middleware``, from the same cache entries. The parameters travel signed in the URL, so
nobody can make the site render and store fragments it never asked for.
"""

import re

from django.core import signing
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import format_html

from .recording import cache_publicly

RENDERERS = {}
INCLUDE = re.compile(rb'<esi:include src="([^"]+)"/>')
signer = signing.Signer(salt="editorial.pagecache.fragments")


def fragment(name):
    """Register ``render(request, **params)`` as the fragment called ``name``.

    The renderer returns HTML and records what it shows with ``recording.depends_on``.
    """

    def register(render):
        RENDERERS[name] = render
        return render

    return register


def include(name, **params):
    """The edge-side include of fragment ``name`` rendered with ``params`` (JSON values)."""
    token = signer.sign_object(params)
    return format_html('<esi:include src="{}"/>', reverse("pagecache:fragment", args=[name, token]))


def render_fragment(request, name, token):
    """The fragment's HTML; ``Http404`` for an unknown name or a token we did not sign."""
    render = RENDERERS.get(name)
    try:
        params = signer.unsign_object(token)
    except signing.BadSignature as error:
        raise Http404("No such fragment") from error
    if render is None:
        raise Http404("No such fragment")
    return render(request, **params)


def fragment_view(request, name, token):
    """A fragment under its own URL, for the caching proxy and the page cache alike."""
    cache_publicly()
    return HttpResponse(render_fragment(request, name, token))
