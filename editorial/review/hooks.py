"""Admin hooks of the review: the four-eyes rule and the checklist on every path, claims,
the dashboard and workflow insight."""

import logging

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_latest_str
from wagtail.models import Page

from editorial.content.checklist import missing_items
from editorial.roles import is_editor, writes_articles, wrote

from . import conflicts, views, visibility
from .claims import claimant_name
from .confirmations import confirm_creation, confirm_publication, remember_autosaved_creation
from .dashboard import TrendingNowPanel, add_editorial_panels, admin_edit_url
from .models import (
    FOUR_EYES_OVERRIDE,
    EditorialReviewTask,
    ReviewClaim,
    approval_refusal,
    log_override,
)
from .publication import (
    CHECKLIST_OVERRIDE,
    SCHEDULE_HELD,
    ChecklistOverrideFormatter,
    ScheduleHeldFormatter,
    latest_version,
    publication_refusal,
    refusal_message,
)

logger = logging.getLogger(__name__)

hooks.register("before_edit_page", conflicts.refuse_ended_task_action)
hooks.register("before_edit_page", conflicts.remember_stale_edit)
hooks.register("after_edit_page", conflicts.warn_about_stale_edit)
hooks.register("construct_homepage_panels", add_editorial_panels)
hooks.register("construct_explorer_page_queryset", visibility.narrow_explorer)
hooks.register("construct_page_chooser_queryset", visibility.narrow_chooser)
hooks.register("construct_admin_api", visibility.narrow_admin_api)
hooks.register("register_admin_viewset", visibility.page_viewsets)
for bulk_action in visibility.BULK_ACTIONS:
    # After Wagtail's (order) under the same action type, so these replace them.
    hooks.register("register_bulk_action", bulk_action, order=1)
hooks.register("after_edit_page", confirm_publication)
hooks.register("after_create_page", confirm_publication)
hooks.register("after_create_page", remember_autosaved_creation)
hooks.register("after_create_snippet", remember_autosaved_creation)
hooks.register("after_edit_page", confirm_creation)
hooks.register("after_edit_snippet", confirm_creation)


@hooks.register("register_log_actions")
def register_four_eyes_override(actions):
    actions.register_action(
        FOUR_EYES_OVERRIDE,
        _("Four-eyes override"),
        _("An administrator signed off their own work"),
    )
    actions.register_action(CHECKLIST_OVERRIDE)(ChecklistOverrideFormatter)
    actions.register_action(SCHEDULE_HELD)(ScheduleHeldFormatter)


@hooks.register("before_publish_page")
def record_own_publication(request, page):
    # Only administrators get this far with their own article: the four-eyes rule
    # removes the publish permission from everyone else (roles.ArticlePermissionTester).
    if request.user.is_superuser and wrote(request.user, page):
        log_override(page, request.user, "publish")


@hooks.register("before_bulk_action")
def record_own_bulk_publication(request, action_type, objects, action_class_instance):
    if action_type != "publish" or not request.user.is_superuser:
        return
    for page in objects:
        if isinstance(page, Page) and wrote(request.user, page.specific_deferred):
            log_override(page.specific_deferred, request.user, "publish")


def refuse_unready_publication(request, obj):
    """Keep an incomplete version from the public, telling the editor what it misses.

    Wagtail runs this once it has saved the version as a revision, so the editor's
    changes stay in the draft they come back to. The create view gets here with the new
    article's writer, whom the four-eyes rule keeps from publishing it.
    """
    title = get_latest_str(obj)
    if isinstance(obj, Page) and not obj.permissions_for_user(request.user).can_publish():
        refusal = gettext(
            "“%(title)s” is saved as a draft, not published: you wrote it, so another "
            "editor must publish it (four-eyes rule)."
        ) % {"title": title}
        missing = missing_items(latest_version(obj))
        if missing:
            refusal += " " + gettext("Before that, the checklist asks: %(missing)s") % {
                "missing": " ".join(missing)
            }
    else:
        go_live_at = getattr(obj, "go_live_at", None)
        action = "schedule" if go_live_at and go_live_at > timezone.now() else "publish"
        missing = publication_refusal(obj, request.user, action)
        if not missing:
            return None
        refusal = (
            refusal_message(missing, title) + " " + gettext("Your changes are saved in the draft.")
        )
    logger.warning(
        "refused to publish %s %s to %s: %s", obj._meta.model_name, obj.pk, request.user, refusal
    )
    if isinstance(obj, Page) and obj.live and obj.live_revision_id is None:
        # Wagtail's create view adds the new page to the tree as live before publishing.
        type(obj).objects.filter(pk=obj.pk).update(live=False, has_unpublished_changes=True)
    messages.error(request, refusal)
    return redirect(admin_edit_url(obj))


hooks.register("before_publish_page", refuse_unready_publication)
hooks.register("before_publish", refuse_unready_publication)
# After Wagtail's own registration, which this replaces.
hooks.register("register_bulk_action", views.PublishReadyBulkAction, order=1)


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
        logger.warning("refused approval of page %s to %s: %s", page.pk, request.user, refusal)
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("construct_homepage_panels")
def add_trending_now_panel(request, panels):
    panels.append(TrendingNowPanel())


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "review-claims/<page_id:page_id>/claim/",
            views.claim_review,
            name="editorial_claim_review",
        ),
        path(
            "review-claims/<page_id:page_id>/release/",
            views.release_review,
            name="editorial_release_review",
        ),
        path(
            "reports/workflow-insight/",
            views.WorkflowInsightView.as_view(),
            name="editorial_workflow_insight",
        ),
        path("my-articles/", views.MyArticlesView.as_view(), name="editorial_my_articles"),
    ]


class MyArticlesMenuItem(MenuItem):
    def is_shown(self, request):
        return writes_articles(request.user)


@hooks.register("register_admin_menu_item")
def register_my_articles_menu_item():
    return MyArticlesMenuItem(
        _("My articles"), reverse("editorial_my_articles"), icon_name="doc-full-inverse", order=150
    )


class WorkflowInsightMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_reports_menu_item")
def register_workflow_insight_menu_item():
    return WorkflowInsightMenuItem(
        _("Workflow insight"), reverse("editorial_workflow_insight"), icon_name="time", order=950
    )


@hooks.register("before_edit_page")
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
