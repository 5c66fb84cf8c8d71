"""Production settings with nothing cached anywhere, for the benchmark's "every cache empty"
server (bench/run.py): Django's dummy cache backend stores nothing, so the page cache,
listing fragments, the trending selection, Wagtail's site root paths and renditions are
looked up afresh on every request, as on a server whose caches were all just emptied."""

from config.settings.production import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
PAGE_CACHE_SECONDS = 0
