"""The editorial review: the task that enforces the pre-publication checklist and the
four-eyes rule inside Wagtail's workflow, and editors' claims on what they review.

Wagtail's group approval does the moderation (locking, comments, notifications); this
module only adds what a newsroom needs on top, so every path that approves or publishes
asks the same two questions: is the article ready, and is somebody else signing it off?
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask

from editorial.content.checklist import missing_items
from editorial.roles import wrote

from .publication import latest_version, log_checklist_override

FOUR_EYES_OVERRIDE = "editorial.four_eyes_override"

logger = logging.getLogger(__name__)


def approval_refusal(obj, user, workflow_state=None):
    """Why ``user`` may not approve ``obj`` now, or ``""`` when they may.

    An administrator may always: their overrides are logged when they approve.
    """
    if user.is_superuser:
        return ""
    target = latest_version(obj)
    if wrote(user, target, workflow_state):
        return gettext("You wrote this, so another editor must review it (four-eyes rule).")
    missing = missing_items(target)
    if missing:
        return gettext("Approval refused until the checklist passes: %(missing)s") % {
            "missing": " ".join(missing)
        }
    return ""


def log_override(obj, user, action):
    """Record an administrator signing off their own work, so the audit log shows it."""
    log(instance=obj, action=FOUR_EYES_OVERRIDE, user=user, data={"action": action})
    logger.warning(
        "four-eyes override: %s, who wrote %s %s “%s”, signed it off (%s)",
        user,
        obj._meta.model_name,
        obj.pk,
        obj,
        action,
    )


class EditorialReviewTask(AbstractGroupApprovalTask):
    """Group approval that also refuses approval by the writer and while the checklist fails."""

    class Meta:
        verbose_name = _("Editorial review task")
        verbose_name_plural = _("Editorial review tasks")

    @classmethod
    def get_description(cls):
        return gettext(
            "Members of the chosen groups approve, after the pre-publication checklist "
            "passes, and never their own work."
        )

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions:
            return actions
        state = obj.current_workflow_state if obj.pk else None
        target = latest_version(obj)
        if wrote(user, target, state) and not user.is_superuser:
            return []
        if missing_items(target) and not user.is_superuser:
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            workflow_state = task_state.workflow_state
            obj = workflow_state.content_object
            refusal = approval_refusal(obj, user, workflow_state)
            if refusal:
                logger.warning(
                    "refused approval of %s %s to %s: %s",
                    obj._meta.model_name,
                    obj.pk,
                    user,
                    refusal,
                )
                raise PermissionDenied(refusal)
            if user.is_superuser:
                target = latest_version(obj)
                if wrote(user, target, workflow_state):
                    log_override(target, user, "approve")
                missing = missing_items(target)
                if missing:
                    log_checklist_override(target, user, "approve", missing)
        return super().on_action(task_state, user, action_name, **kwargs)


class ReviewClaim(models.Model):
    """One editor's "I am reviewing this": at most one per article, enforced by the table."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="review_claim"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_claims"
    )
    claimed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return gettext("%(page)s claimed by %(user)s") % {"page": self.page, "user": self.user}
