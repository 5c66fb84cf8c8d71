"""Review emails for everyone on the byline, not only the person who pressed "submit".

Wagtail already emails the reviewing group when an article is submitted and the
requester when it is approved or rejected (with the editor's reason, see the templates
in templates/wagtailadmin/notifications/). A newsroom article has several authors and an
owner, so these notifiers add the others; comment replies reach them because submitting
subscribes them to the article's comment notifications.
"""

from django.contrib.auth import get_user_model

from wagtail.admin.mail import (
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import Page, PageSubscription

from editorial.roles import writer_ids


class CoWriterMixin:
    """The writers other than the requester (Wagtail's own notifier covers them)."""

    def get_recipient_users(self, workflow_state, **kwargs):
        triggering_user = kwargs.get("user")
        excluded = {workflow_state.requested_by_id, getattr(triggering_user, "pk", None)}
        ids = writer_ids(workflow_state.content_object) - excluded
        return set(get_user_model().objects.filter(pk__in=ids))


class CoWriterApprovalNotifier(CoWriterMixin, WorkflowStateApprovalEmailNotifier):
    pass


class CoWriterRejectionNotifier(CoWriterMixin, WorkflowStateRejectionEmailNotifier):
    pass


def subscribe_writers_to_comments(sender, instance, user=None, **kwargs):
    """Writers hear about the editor's comments on an article under review.

    The submitter is left out: Wagtail's create and edit views save the submitter's own
    subscription from the form after this signal, and the create view inserts a new row.
    """
    obj = instance.content_object
    if not isinstance(obj, Page):
        return
    for user_id in writer_ids(obj) - {getattr(user, "pk", None)}:
        PageSubscription.objects.update_or_create(
            page_id=obj.pk, user_id=user_id, defaults={"comment_notifications": True}
        )
