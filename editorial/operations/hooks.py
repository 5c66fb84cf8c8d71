"""Admin hooks of operations: the Background tasks report (administrators) and the
dashboard's warning when scheduled publishing has stopped (editors)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .panels import ScheduledPublishingWarningPanel


@hooks.register("register_admin_urls")
def register_operations_urls():
    return [
        path(
            "reports/background-tasks/",
            views.BackgroundTasksView.as_view(),
            name="editorial_background_tasks",
        ),
        path(
            "reports/background-tasks/<uuid:result_id>/retry/",
            views.retry_task,
            name="editorial_retry_task",
        ),
    ]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_background_tasks_menu_item():
    return AdministratorsMenuItem(
        _("Background tasks"), reverse("editorial_background_tasks"), icon_name="cogs", order=960
    )


@hooks.register("construct_homepage_panels")
def add_scheduled_publishing_warning(request, panels):
    panels.append(ScheduledPublishingWarningPanel())
