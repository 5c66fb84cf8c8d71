"""Index an archive once, after importing it, rather than at every save.

Importing a post saves its page several times (created, revised, published), and each save
asked for the page's search entry and references again: about half an import's time went
there, and PostgreSQL's search backend rescans every entry's title length on each single
insert, which grows with the archive. A management command, alone in its process, can
defer both and index the articles it wrote in batches at the end, as Wagtail's
``update_index`` does. Not for the admin's import view: the deferral is process-wide, and a
web process serves other editors meanwhile.
"""

from contextlib import contextmanager

from django.conf import settings
from django.test.utils import override_settings

from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from editorial.content.models import ArticlePage

BATCH = 500


@contextmanager
def indexing_deferred(pages):
    """Saves inside skip search and reference indexing; the articles whose ids are in
    ``pages`` by then are indexed on the way out, whether or not the block failed."""
    backends = {
        name: {**params, "AUTO_UPDATE": False}
        for name, params in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    try:
        with (
            override_settings(WAGTAILSEARCH_BACKENDS=backends),
            disable_reference_index_auto_update(),
        ):
            yield
    finally:
        index_articles(sorted(pages))


def index_articles(ids):
    """Search entries and references of the articles ``ids``, a batch at a time."""
    search_backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        articles = list(ArticlePage.get_indexed_objects().filter(pk__in=batch))
        for backend in search_backends:
            backend.add_bulk(ArticlePage, articles)
        for article in articles:
            ReferenceIndex.create_or_update_for_object(article)
