"""Review claims: an editor says "I am reviewing this" so that nobody else starts too.

A claim lasts while the article is in review; approving, requesting changes or
cancelling the review ends it.
"""

from django.utils.translation import gettext as _

from wagtail.models import WorkflowState


def claimant_name(claim, user):
    if claim.user_id == user.pk:
        return _("you")
    return claim.user.get_full_name() or claim.user.get_username()


def claim_refusal(user, page):
    """Why ``user`` may not claim the review of ``page``, or ``""``: only someone the
    current review task lets act on it (editors, never on their own article) may."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return _("This article is not awaiting review.")
    task = page.current_workflow_task
    if task is None or not task.specific.get_actions(page, user):
        return _("You may not review this article.")
    return ""
