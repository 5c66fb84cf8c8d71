"""What the review does when a workflow moves: tell every writer, end the review claim."""

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver

from wagtail.models import Page, WorkflowState
from wagtail.signals import (
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from .models import ReviewClaim
from .notifications import (
    CoWriterApprovalNotifier,
    CoWriterRejectionNotifier,
    subscribe_writers_to_comments,
)

approval_notifier = CoWriterApprovalNotifier()
rejection_notifier = CoWriterRejectionNotifier()

workflow_approved.connect(
    approval_notifier, sender=WorkflowState, dispatch_uid="editorial_cowriters_approved"
)
workflow_rejected.connect(
    rejection_notifier, sender=WorkflowState, dispatch_uid="editorial_cowriters_rejected"
)
workflow_submitted.connect(
    subscribe_writers_to_comments, sender=WorkflowState, dispatch_uid="editorial_subscribe_writers"
)


@receiver(workflow_approved, sender=WorkflowState, dispatch_uid="editorial_end_claim_approved")
@receiver(workflow_rejected, sender=WorkflowState, dispatch_uid="editorial_end_claim_rejected")
@receiver(workflow_cancelled, sender=WorkflowState, dispatch_uid="editorial_end_claim_cancelled")
def end_claim(sender, instance, **kwargs):
    """A claim lasts while the article is in review."""
    if instance.base_content_type_id == ContentType.objects.get_for_model(Page).pk:
        ReviewClaim.objects.filter(page_id=instance.object_id).delete()
