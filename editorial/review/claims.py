"""Review claims: an editor says "I am reviewing this" so that nobody else starts too.

A claim lasts while the article is in review; approving, requesting changes or
cancelling the review ends it.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.models import Page, WorkflowState

from editorial.roles import forbidden, safe_next

from .models import ReviewClaim


def claimant_name(claim, user):
    if claim.user_id == user.pk:
        return "you"
    return claim.user.get_full_name() or claim.user.get_username()


def claim_refusal(user, page):
    """Why ``user`` may not claim the review of ``page``, or ``""``: only someone the
    current review task lets act on it (editors, never on their own article) may."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return "This article is not awaiting review."
    task = page.current_workflow_task
    if task is None or not task.specific.get_actions(page, user):
        return "You may not review this article."
    return ""


@require_POST
def claim_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    refusal = claim_refusal(request.user, page)
    if refusal:
        return forbidden(request, refusal)
    claim, created = ReviewClaim.objects.select_related("user").get_or_create(
        page=page, defaults={"user": request.user}
    )
    title = page.get_admin_display_title()
    if created or claim.user_id == request.user.pk:
        messages.success(request, f"You are reviewing “{title}”; other editors can see that.")
    else:
        messages.error(
            request,
            f"“{title}” is already being reviewed by {claimant_name(claim, request.user)} "
            f"(claimed {timesince(claim.claimed_at)} ago). Leave it to them, or ask them "
            "to release it.",
        )
    return redirect(safe_next(request, reverse("wagtailadmin_pages:edit", args=[page.pk])))


@require_POST
def release_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    claim = ReviewClaim.objects.filter(page=page).select_related("user").first()
    if claim is None:
        messages.error(request, "Nobody has claimed this review.")
    elif claim.user_id == request.user.pk or request.user.is_superuser:
        claim.delete()
        messages.success(request, f"The review of “{page.get_admin_display_title()}” is open.")
    else:
        return forbidden(
            request,
            f"Only {claimant_name(claim, request.user)} or an administrator may release it.",
        )
    return redirect(safe_next(request, reverse("wagtailadmin_pages:edit", args=[page.pk])))


def show_claim_on_edit_view(request, page):
    """Tell whoever opens an article in review who has claimed it (before_edit_page)."""
    if request.method != "GET":
        return
    claim = ReviewClaim.objects.filter(page=page).select_related("user").first()
    if claim is None:
        return
    since = timesince(claim.claimed_at)
    if claim.user_id == request.user.pk:
        messages.info(request, f"You claimed this review {since} ago.")
    else:
        name = claimant_name(claim, request.user)
        messages.warning(request, f"{name} is reviewing this article (claimed {since} ago).")
