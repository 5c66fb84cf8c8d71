"""Admin hooks of planning: the calendar, assignments and their dashboard panel."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from editorial.roles import is_editor

from .panels import MyAssignmentsPanel
from .scheduling import RESCHEDULE_ACTION, RescheduleFormatter
from .views import CalendarView, RescheduleView, manage_feed
from .viewsets import AssignmentViewSet


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
    ]


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return CalendarMenuItem(
        _("Calendar"), reverse("editorial_calendar"), icon_name="calendar", order=240
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


@hooks.register("insert_global_admin_css")
def planning_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("editorial/css/planning.css"))
