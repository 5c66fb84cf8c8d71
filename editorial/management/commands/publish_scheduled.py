import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.management.commands import publish_scheduled
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from editorial.content.checklist import missing_items
from editorial.management.locks import exclusive_job
from editorial.operations.jobs import PUBLISH_SCHEDULED
from editorial.operations.models import Heartbeat
from editorial.review.publication import SCHEDULE_HELD, overridden

# The audit-log actions Wagtail's command records, and what the log line says of each.
SCHEDULED_ACTIONS = {
    "wagtail.publish.scheduled": "published",
    "wagtail.unpublish.scheduled": "unpublished",
}

# Wagtail's command picks due revisions a moment after this one checks them (after it
# has unpublished what expired): checking a minute ahead leaves none unchecked between.
CHECK_AHEAD = timedelta(minutes=1)

logger = logging.getLogger(__name__)


class Command(publish_scheduled.Command):
    """Wagtail's publish_scheduled, made safe to start from overlapping timers, and
    holding back what fails the pre-publication checklist.

    Two runs at once would both publish the same due revision, logging and notifying
    twice; the second run now leaves at once. A due revision whose checklist fails (a
    tag or image deleted since it was scheduled, say) is unscheduled and the page's
    history says why, unless an administrator overrode the checklist for it.
    """

    help = (
        "Publish revisions whose go-live time has passed and unpublish expired content. "
        "A revision that fails the pre-publication checklist is unscheduled instead, "
        "unless an administrator overrode it. Run it every minute from a timer; a run "
        "that finds another in progress exits."
    )

    def handle(self, *args, **options):
        with exclusive_job("publish_scheduled") as acquired:
            if not acquired:
                logger.warning("publish_scheduled skipped: another run holds the lock")
                self.stdout.write("Another publish_scheduled run is in progress; leaving it.")
                return
            started = timezone.now()
            unready = unready_due_revisions(started + CHECK_AHEAD)
            for _revision, obj, missing in unready:
                self.stdout.write(
                    f"Not publishing {obj._meta.verbose_name} “{obj}”: the checklist fails. "
                    + " ".join(missing)
                )
            if options["dryrun"]:
                # Wagtail's listing of what would go live leaves out what is held back.
                with transaction.atomic():
                    unschedule(unready)
                    super().handle(*args, **options)
                    transaction.set_rollback(True)
                return
            unschedule(unready)
            for revision, obj, missing in unready:
                log(
                    instance=obj, action=SCHEDULE_HELD, revision=revision, data={"missing": missing}
                )
                logger.warning(
                    "publish_scheduled held back %s %s “%s”: checklist fails: %s",
                    obj._meta.model_name,
                    obj.pk,
                    obj,
                    " ".join(missing),
                )
            super().handle(*args, **options)
            log_scheduled_changes(since=started)
            # Run from its own timer too, not only by run_periodic: readiness and the
            # dashboard learn that scheduled publishing works either way.
            Heartbeat.record_success(PUBLISH_SCHEDULED)


def unready_due_revisions(until):
    """(revision, its object, missing items) of each revision due before ``until`` whose
    checklist fails and that no administrator let through."""
    unready = []
    for revision in Revision.objects.filter(approved_go_live_at__lt=until).order_by("pk"):
        obj = revision.as_object()
        missing = missing_items(obj)
        if missing and not overridden(obj, revision):
            unready.append((revision, obj, missing))
    return unready


def unschedule(unready):
    for revision, _obj, _missing in unready:
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])


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
