from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, register_converter, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from editorial import conflicts, insight, previews, review_claims
from editorial.assignments import AssignmentViewSet, MyAssignmentsPanel
from editorial.calendar import (
    RESCHEDULE_ACTION,
    CalendarView,
    PageIdConverter,
    RescheduleFormatter,
    RescheduleView,
    manage_feed,
)
from editorial.dashboard import add_editorial_panels, is_editor
from editorial.importing.build import IMPORT_ACTION
from editorial.importing.views import ImportArticlesView, sections_user_may_add_to
from editorial.models import ArticlePage, SectionPage
from editorial.panels import TrendingNowPanel
from editorial.viewsets import EditorialViewSetGroup
from editorial.workflows import (
    FOUR_EYES_OVERRIDE,
    EditorialReviewTask,
    approval_refusal,
    is_own,
    log_override,
)

register_snippet(EditorialViewSetGroup)
hooks.register("before_edit_page", conflicts.remember_stale_edit)
hooks.register("after_edit_page", conflicts.warn_about_stale_edit)


@hooks.register("register_log_actions")
def register_import_action(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportFormatter(LogFormatter):
        label = "Import"

        def format_message(self, log_entry):
            source = log_entry.data.get("source")
            return f"Imported from {source}" if source else "Imported"


class ImportArticlesMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(sections_user_may_add_to(request.user))


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("import-articles/", ImportArticlesView.as_view(), name="editorial_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportArticlesMenuItem(
        "Import articles", reverse("editorial_import"), icon_name="upload", order=250
    )


@hooks.register("register_page_header_buttons")
def register_import_section_button(page, user, view_name, next_url=None):
    if page.specific_class is SectionPage and page.permissions_for_user(user).can_add_subpage():
        yield Button(
            "Import articles",
            f"{reverse('editorial_import')}?section={page.pk}",
            icon_name="upload",
            priority=16,
        )


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


@hooks.register("construct_homepage_panels")
def add_trending_now_panel(request, panels):
    panels.append(TrendingNowPanel())


# Planning: the editorial calendar, assignments and review claims.
register_converter(PageIdConverter, "page_id")


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_urls")
def register_planning_urls():
    return [
        path("calendar/", CalendarView.as_view(), name="editorial_calendar"),
        path(
            "calendar/reschedule/<page_id:page_id>/",
            RescheduleView.as_view(),
            name="editorial_calendar_reschedule",
        ),
        path("calendar/feed/", manage_feed, name="editorial_calendar_feed"),
        path(
            "review-claims/<page_id:page_id>/claim/",
            review_claims.claim_review,
            name="editorial_claim_review",
        ),
        path(
            "review-claims/<page_id:page_id>/release/",
            review_claims.release_review,
            name="editorial_release_review",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return CalendarMenuItem(
        "Calendar", reverse("editorial_calendar"), icon_name="calendar", order=240
    )


@hooks.register("register_admin_viewset")
def register_assignment_viewset():
    return AssignmentViewSet()


@hooks.register("register_log_actions")
def register_reschedule_action(actions):
    actions.register_action(RESCHEDULE_ACTION)(RescheduleFormatter)


@hooks.register("construct_homepage_panels")
def add_assignments_panel(request, panels):
    panels.append(MyAssignmentsPanel())


hooks.register("before_edit_page", review_claims.show_claim_on_edit_view)


@hooks.register("insert_global_admin_css")
def planning_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("editorial/css/planning.css"))


hooks.register("register_log_actions", previews.register_log_actions)


@hooks.register("register_admin_urls")
def register_shareable_preview_urls():
    return [
        path(
            "editorial/pages/<page_id:page_id>/previews/",
            previews.ShareablePreviewsView.as_view(),
            name="editorial_shareable_previews",
        ),
        path(
            "editorial/previews/<page_id:pk>/revoke/",
            previews.revoke_shareable_preview,
            name="editorial_shareable_preview_revoke",
        ),
    ]


@hooks.register("register_page_header_buttons")
def register_article_tool_buttons(page, user, view_name, next_url=None):
    """Share a draft and add a correction, from the article's own header menu."""
    if page.specific_class is not ArticlePage:
        return
    if previews.can_share_preview(user, page):
        yield Button(
            "Share preview",
            reverse("editorial_shareable_previews", args=[page.pk]),
            icon_name="link",
            priority=17,
        )
    if page.live and user.has_perm("editorial.add_articlecorrection"):
        yield Button(
            "Add correction",
            f"{reverse('wagtailsnippets_editorial_articlecorrection:add')}?page={page.pk}",
            icon_name="warning",
            priority=18,
        )


@hooks.register("register_admin_urls")
def register_workflow_insight_url():
    return [
        path(
            "reports/workflow-insight/",
            insight.WorkflowInsightView.as_view(),
            name="editorial_workflow_insight",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_workflow_insight_menu_item():
    return insight.WorkflowInsightMenuItem(
        "Workflow insight", reverse("editorial_workflow_insight"), icon_name="time", order=950
    )
