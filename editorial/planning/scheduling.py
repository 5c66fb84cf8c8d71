"""Rescheduling: moving the go-live time of an article's scheduled revision itself, which
is what ``publish_scheduled`` reads, and saying so in the page's history."""

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.locks import BasicLock
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, Revision

from editorial.content.models import ArticlePage
from editorial.roles import ArticlePermissionTester

RESCHEDULE_ACTION = "editorial.reschedule"


def may_reschedule(user, page, writers=None):
    """The edit view's rule for publishing: publish permission (four-eyes included) and
    no edit lock held by someone else. ``writers`` as for ``ArticlePermissionTester``."""
    if not ArticlePermissionTester(user, page, writers=writers).can_publish():
        return False
    return not (page.locked and BasicLock(page).for_user(user))


def reschedulable(user, pages):
    """The ids of the ``pages`` that ``user`` may reschedule, in one query however many.

    The four-eyes rule asks who wrote each article: here every byline at once.
    """
    named = ArticlePage.accounts_on_bylines([page.pk for page in pages])
    return {
        page.pk for page in pages if may_reschedule(user, page, {page.owner_id} | named[page.pk])
    }


@transaction.atomic
def reschedule(page, go_live_at, user):
    """Move the scheduled revision of ``page`` to ``go_live_at`` and log who did it.

    Both the revision's approval time and the go-live date in its content change:
    ``publish_scheduled`` picks revisions by the first and publishes by the second.
    """
    revision = (
        Revision.page_revisions.select_for_update()
        .filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
        .first()
    )
    if revision is None:
        raise ValidationError(gettext("This article is not scheduled."))
    old = revision.approved_go_live_at
    revision.approved_go_live_at = go_live_at
    revision.content["go_live_at"] = DjangoJSONEncoder().default(go_live_at)
    revision.save(update_fields=["content", "approved_go_live_at"])
    if not page.live:
        Page.objects.filter(pk=page.pk).update(go_live_at=go_live_at)
        page.go_live_at = go_live_at
    log(
        instance=page,
        action=RESCHEDULE_ACTION,
        user=user,
        data={"old": old.isoformat(), "new": go_live_at.isoformat()},
        revision=revision,
    )
    return revision


class RescheduleFormatter(LogFormatter):
    label = _("Reschedule")

    def format_message(self, log_entry):
        old, new = (parse_datetime(log_entry.data.get(key, "")) for key in ("old", "new"))
        if old and new:
            old_text, new_text = (
                date_format(timezone.localtime(moment), "DATETIME_FORMAT") for moment in (old, new)
            )
            return gettext("Rescheduled from %(old)s to %(new)s") % {
                "old": old_text,
                "new": new_text,
            }
        return gettext("Rescheduled")
