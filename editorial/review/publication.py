"""The pre-publication checklist on every path to the public (issue #16).

Wagtail publishes from the edit and create views (Publish, scheduling, a reverted
revision), from the bulk action, from a workflow's last approval and from
``publish_scheduled``. Each of them asks :func:`publication_refusal` about the version it
is about to make public; none trusts that an earlier step asked. Content without a
checklist (see ``content.checklist``) is never refused here.

An administrator may publish anyway: the override is recorded in the audit log, as the
four-eyes override is, so that nobody learns of it only from a reader.
"""

import logging

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter, log, registry
from wagtail.models import Page

from editorial.content.checklist import missing_items

CHECKLIST_OVERRIDE = "editorial.checklist_override"
SCHEDULE_HELD = "editorial.schedule_held"

logger = logging.getLogger(__name__)


def latest_version(obj):
    """The version a reviewer signs off: the newest revision, as the edit view shows it."""
    if isinstance(obj, Page):
        obj = obj.specific_deferred
    return obj.get_latest_revision_as_object() if obj.pk else obj


def publication_refusal(obj, user, action):
    """The checklist items that keep ``user`` from ``action`` ("publish", "schedule" or
    "approve") on the latest version of ``obj``; empty when it may go ahead.

    An administrator always may, and the override is logged against the revision that
    goes public, which ``publish_scheduled`` reads back.
    """
    target = latest_version(obj)
    missing = missing_items(target)
    if missing and user is not None and user.is_superuser:
        log_checklist_override(target, user, action, missing)
        return []
    return missing


def refusal_message(missing, title):
    return ngettext(
        "“%(title)s” is not published: the pre-publication checklist has %(count)d item "
        "missing. %(missing)s",
        "“%(title)s” is not published: the pre-publication checklist has %(count)d items "
        "missing. %(missing)s",
        len(missing),
    ) % {"title": title, "count": len(missing), "missing": " ".join(missing)}


def log_checklist_override(obj, user, action, missing):
    log(
        instance=obj,
        action=CHECKLIST_OVERRIDE,
        user=user,
        revision=obj.get_latest_revision(),
        data={"action": action, "missing": missing},
    )
    logger.warning(
        "checklist override: %s let %s %s “%s” go public (%s) missing: %s",
        user,
        obj._meta.model_name,
        obj.pk,
        obj,
        action,
        " ".join(missing),
    )


def overridden(obj, revision):
    """Whether an administrator let ``revision`` of ``obj`` go public despite its checklist."""
    return (
        registry.get_logs_for_instance(obj)
        .filter(revision=revision, action=CHECKLIST_OVERRIDE)
        .exists()
    )


class ChecklistOverrideFormatter(LogFormatter):
    label = _("Checklist override")

    def format_message(self, log_entry):
        return gettext(
            "An administrator made this version public although the checklist failed: %(missing)s"
        ) % {"missing": " ".join(log_entry.data.get("missing", []))}


class ScheduleHeldFormatter(LogFormatter):
    label = _("Scheduled publication held back")

    def format_message(self, log_entry):
        return gettext(
            "Not published at its scheduled time, and no longer scheduled, because the "
            "checklist fails: %(missing)s"
        ) % {"missing": " ".join(log_entry.data.get("missing", []))}
