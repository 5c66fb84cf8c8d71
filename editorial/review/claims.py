"""Review claims: an editor says "I am reviewing this" so that nobody else starts too.

A claim lasts while the article is in review; approving, requesting changes or
cancelling the review ends it.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.models import Page, WorkflowState

from editorial.roles import forbidden, safe_next

from .models import ReviewClaim


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
        messages.success(
            request,
            _("You are reviewing “%(title)s”; other editors can see that.") % {"title": title},
        )
    else:
        messages.error(
            request,
            _(
                "“%(title)s” is already being reviewed by %(name)s (claimed %(since)s ago). "
                "Leave it to them, or ask them to release it."
            )
            % {
                "title": title,
                "name": claimant_name(claim, request.user),
                "since": timesince(claim.claimed_at),
            },
        )
    return redirect(safe_next(request, reverse("wagtailadmin_pages:edit", args=[page.pk])))


@require_POST
def release_review(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    claim = ReviewClaim.objects.filter(page=page).select_related("user").first()
    if claim is None:
        messages.error(request, _("Nobody has claimed this review."))
    elif claim.user_id == request.user.pk or request.user.is_superuser:
        claim.delete()
        messages.success(
            request,
            _("The review of “%(title)s” is open.") % {"title": page.get_admin_display_title()},
        )
    else:
        return forbidden(
            request,
            _("Only %(name)s or an administrator may release it.")
            % {"name": claimant_name(claim, request.user)},
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
        messages.info(request, _("You claimed this review %(since)s ago.") % {"since": since})
    else:
        messages.warning(
            request,
            _("%(name)s is reviewing this article (claimed %(since)s ago).")
            % {"name": claimant_name(claim, request.user), "since": since},
        )
