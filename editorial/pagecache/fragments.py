"""Fragments: parts of pages that many pages share, cached like pages."""

import hashlib
import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from .recording import depends_on, expires_within, recording
from .versions import KEY_PREFIX, current_versions


def deferred(function, *args, **kwargs):
    """``function(*args, **kwargs)``, called only when a cached fragment has to be rendered.

    Templates call callables when they resolve a variable; this one they pass on as it is.
    """
    call = partial(function, *args, **kwargs)
    call.do_not_call_in_templates = True
    return call


def cached_fragment(key, render):
    """``render()``'s HTML, shared between pages until something it showed changes.

    The fragment is stored with the versions of the dependencies recorded while it
    rendered, and the page that includes it depends on them too, hit or miss. Its
    lifetime is the page cache's, or less if it asked for less (trending).
    ``PAGE_CACHE_SECONDS=0`` turns fragments off with the page cache.
    """
    fragment_key = f"{KEY_PREFIX}:fragment:{hashlib.sha256(str(key).encode()).hexdigest()}"
    if settings.PAGE_CACHE_SECONDS:
        entry = cache.get(fragment_key)
        if entry is not None and current_versions(entry["versions"]) == entry["versions"]:
            depends_on(*entry["versions"])
            if entry["expires_at"] is not None:
                expires_within(max(1, int(entry["expires_at"] - time.time())))
            return mark_safe(entry["html"])  # noqa: S308 (rendered by our templates)
    with recording() as fragment:
        html = render()
    depends_on(*fragment.dependencies)
    if fragment.max_age is not None:
        expires_within(fragment.max_age)
    if settings.PAGE_CACHE_SECONDS:
        lifetime = min(settings.PAGE_CACHE_SECONDS, fragment.max_age or settings.PAGE_CACHE_SECONDS)
        entry = {
            "html": str(html),
            "versions": current_versions(fragment.dependencies),
            "expires_at": time.time() + fragment.max_age if fragment.max_age else None,
        }
        cache.set(fragment_key, entry, timeout=lifetime)
    return mark_safe(html)  # noqa: S308 (rendered by our templates)
