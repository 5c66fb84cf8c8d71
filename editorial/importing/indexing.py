"""Index an archive once, after importing it, rather than at every save.

Importing a post saves its page several times (created, revised, published), and each save
asked for the page's search entry and references again: about half an import's time went
there, and PostgreSQL's search backend rescans every entry's title length on each single
insert, which grows with the archive. A management command, alone in its process, can
defer both and index what it wrote in batches at the end, as Wagtail's ``update_index``
does. Not for the admin's import view: the search deferral is process-wide, and a web
process serves other editors meanwhile.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import ReferenceIndex
from wagtail.search import index
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

BATCH = 500


@contextmanager
def indexing_deferred():
    """Saves inside skip search and reference indexing; what they saved is indexed on the
    way out, whether or not the block failed."""
    saved = defaultdict(set)

    def record(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    post_save.connect(record, weak=False, dispatch_uid="importing_indexing_deferred")
    try:
        with search_auto_update_paused(), disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="importing_indexing_deferred")
        for model, ids in saved.items():
            index_objects(model, sorted(ids))


@contextmanager
def search_auto_update_paused():
    """Saves and deletes inside leave the search index alone, in the whole process.

    Wagtail's search has no switch for this (its ``AUTO_UPDATE`` is read when the queued
    task runs, in the worker): the handlers that queue the updates are disconnected, as
    Wagtail does for its reference index during migrations, and connected again after.
    """
    handlers = [(post_save, post_save_signal_handler), (post_delete, post_delete_signal_handler)]
    paused = [
        (signal, handler, model)
        for model in index.get_indexed_models()
        for signal, handler in handlers
        if signal.disconnect(handler, sender=model)
    ]
    try:
        yield
    finally:
        for signal, handler, model in paused:
            signal.connect(handler, sender=model)


def index_objects(model, ids):
    """Search entries and references of the ``model`` rows ``ids`` that still exist, a
    batch at a time."""
    searched = index.class_is_indexed(model)
    referencing = ReferenceIndex.is_indexed(model)
    if not (searched or referencing):
        return
    search_backends = list(get_search_backends(with_auto_update=True)) if searched else []
    objects = model.get_indexed_objects() if searched else model._default_manager.all()
    for start in range(0, len(ids), BATCH):
        batch = list(objects.filter(pk__in=ids[start : start + BATCH]))
        for backend in search_backends:
            backend.add_bulk(model, batch)
        if referencing:
            with transaction.atomic():
                for instance in batch:
                    ReferenceIndex.create_or_update_for_object(instance)
