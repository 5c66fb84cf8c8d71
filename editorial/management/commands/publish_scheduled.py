import logging

from django.utils import timezone

from wagtail.management.commands import publish_scheduled
from wagtail.models import ModelLogEntry, PageLogEntry

from editorial.management.locks import exclusive_job
from editorial.operations.jobs import PUBLISH_SCHEDULED
from editorial.operations.models import Heartbeat

# The audit-log actions Wagtail's command records, and what the log line says of each.
SCHEDULED_ACTIONS = {
    "wagtail.publish.scheduled": "published",
    "wagtail.unpublish.scheduled": "unpublished",
}

logger = logging.getLogger(__name__)


class Command(publish_scheduled.Command):
    """Wagtail's publish_scheduled, made safe to start from overlapping timers.

    Two runs at once would both publish the same due revision, logging and notifying
    twice; the second run now leaves at once.
    """

    help = (
        "Publish revisions whose go-live time has passed and unpublish expired content. "
        "Run it every minute from a timer; a run that finds another in progress exits."
    )

    def handle(self, *args, **options):
        with exclusive_job("publish_scheduled") as acquired:
            if not acquired:
                logger.warning("publish_scheduled skipped: another run holds the lock")
                self.stdout.write("Another publish_scheduled run is in progress; leaving it.")
                return
            started = timezone.now()
            super().handle(*args, **options)
            log_scheduled_changes(since=started)
            # Run from its own timer too, not only by run_periodic: readiness and the
            # dashboard learn that scheduled publishing works either way.
            Heartbeat.record_success(PUBLISH_SCHEDULED)


def log_scheduled_changes(since):
    """One line per page or snippet this run published or unpublished.

    Read back from the audit log that Wagtail's command writes as it goes, so that the
    lines say exactly what it did without repeating how it chooses.
    """
    for entry in entries_since(PageLogEntry, since):
        log_scheduled_change(entry, "page")
    for entry in entries_since(ModelLogEntry, since).select_related("content_type"):
        log_scheduled_change(entry, entry.content_type.model)


def entries_since(model, since):
    return model.objects.filter(action__in=SCHEDULED_ACTIONS, timestamp__gte=since).order_by(
        "timestamp", "pk"
    )


def log_scheduled_change(entry, kind):
    logger.info(
        "publish_scheduled %s %s %s “%s”",
        SCHEDULED_ACTIONS[entry.action],
        kind,
        entry.object_id,
        entry.label,
    )
