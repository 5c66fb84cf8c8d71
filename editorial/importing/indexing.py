"""Index an archive once, after importing it, rather than at every save.

Importing a post saves its page several times (created, revised, published), and each save
asks for the page's search entry and references again: about half an import's time went
there. A management command, alone in its process, can defer both and ask once per page
at the end, through the same tasks (run by the worker, or at once where tasks run
immediately). Not for the admin's import view: the deferral is process-wide, and a web
process serves other editors meanwhile.
"""

from contextlib import contextmanager

from django.conf import settings
from django.test.utils import override_settings

from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from modelsearch.tasks import insert_or_update_object_task


@contextmanager
def indexing_deferred(pages):
    """Saves inside skip search and reference indexing; the articles whose ids are in
    ``pages`` by then are indexed once on the way out, whether or not the block failed."""
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
        for pk in sorted(pages):
            insert_or_update_object_task.enqueue("editorial", "articlepage", str(pk))
            update_reference_index_task.enqueue("editorial", "articlepage", str(pk))
