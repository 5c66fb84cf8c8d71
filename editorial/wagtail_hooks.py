from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from editorial.dashboard import add_editorial_panels
from editorial.models import ArticlePage
from editorial.viewsets import EditorialViewSetGroup
from editorial.workflows import (
    FOUR_EYES_OVERRIDE,
    EditorialReviewTask,
    approval_refusal,
    is_own,
    log_override,
)

register_snippet(EditorialViewSetGroup)
hooks.register("construct_homepage_panels", add_editorial_panels)


@hooks.register("register_log_actions")
def register_four_eyes_override(actions):
    actions.register_action(
        FOUR_EYES_OVERRIDE,
        "Four-eyes override",
        "An administrator signed off their own work",
    )


@hooks.register("before_create_page")
def only_editors_create_sections(request, parent_page, page_class):
    """Authors may add articles; the page tree above them belongs to editors."""
    if page_class is ArticlePage:
        return None
    if not parent_page.permissions_for_user(request.user).can_publish_subpage():
        raise PermissionDenied
    return None


@hooks.register("before_publish_page")
def record_own_publication(request, page):
    # Only administrators get this far with their own article: the four-eyes rule
    # removes the publish permission from everyone else (ArticlePermissionTester).
    if request.user.is_superuser and is_own(request.user, page):
        log_override(page, request.user, "publish")


@hooks.register("before_bulk_action")
def record_own_bulk_publication(request, action_type, objects, action_class_instance):
    if action_type != "publish" or not request.user.is_superuser:
        return
    for page in objects:
        if isinstance(page, Page) and is_own(request.user, page.specific_deferred):
            log_override(page.specific_deferred, request.user, "publish")


@hooks.register("before_edit_page")
def refuse_unready_approval(request, page):
    """Say why an approval is refused instead of quietly saving a draft.

    The approve button is only offered once the checklist passes; this answers a stale
    form or a hand-made POST with the same reasons the checklist panel shows.
    """
    if request.method != "POST" or request.POST.get("workflow-action-name") != "approve":
        return None
    if not isinstance(page.current_workflow_task, EditorialReviewTask):
        return None
    refusal = approval_refusal(page, request.user, page.current_workflow_state)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
