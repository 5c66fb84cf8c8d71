"""Assignments in the admin: editors commission pieces, authors see what is theirs."""

from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, RelatedObjectsColumn
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from editorial.content.models import Author
from editorial.review.dashboard import EditorialPanel
from editorial.roles import RecordsCreatorMixin, is_editor

from .models import Assignment

EDITOR_ACTIONS = {"add", "change", "delete"}


class AssignmentPermissionPolicy(BasePermissionPolicy):
    """Editors manage every assignment; anyone else with admin access views their own.

    Decided by role rather than by model permissions, so there is nothing to grant.
    """

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if action == "view":
            return user.has_perm("wagtailadmin.access_admin")
        return action in EDITOR_ACTIONS and is_editor(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return is_editor(user) or instance.assignees.filter(user=user).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Assignment.objects.none()
        if is_editor(user):
            return Assignment.objects.all()
        return Assignment.objects.filter(assignees__user=user).distinct()


class DueColumn(Column):
    cell_template_name = "editorial/planning/due_cell.html"


class AssignmentIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).prefetch_related("assignees")


class AssignmentInspectView(InspectView):
    def get_object(self, queryset=None):
        visible = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )
        return get_object_or_404(visible, pk=self.pk)


class AssignmentCreateView(RecordsCreatorMixin, CreateView):
    pass


class AssignmentViewSet(ModelViewSet):
    model = Assignment
    name = "assignments"
    icon = "date"
    menu_label = _("Assignments")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "working_title",
        "page",
        RelatedObjectsColumn("assignees", label=_("Assignees")),
        DueColumn("due_date", label=_("Due"), sort_key="due_date"),
        "status",
    ]
    list_filter = ["status", "section"]
    search_fields = ["working_title", "notes"]
    ordering = ["due_date", "pk"]
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = AssignmentIndexView
    inspect_view_class = AssignmentInspectView
    add_view_class = AssignmentCreateView

    @property
    def permission_policy(self):
        return AssignmentPermissionPolicy(self.model)

    def get_permissions_to_register(self):
        # The policy goes by role, so model permissions in the group editor would mislead.
        return Permission.objects.none()


class MyAssignmentsPanel(EditorialPanel):
    name = "editorial_my_assignments"
    heading = _("Your assignments")
    empty = _("Nothing is assigned to you.")
    order = 70

    def is_shown(self, user):
        return Author.objects.filter(user=user).exists()

    def get_rows(self, user):
        assignments = Assignment.objects.filter(
            assignees__user=user, status__in=Assignment.ACTIVE
        ).select_related("page")
        return [
            {
                "title": assignment.page.get_admin_display_title()
                if assignment.page
                else assignment.working_title,
                "url": reverse("assignments:inspect", args=[assignment.pk]),
                "status": gettext("Overdue")
                if assignment.is_overdue
                else assignment.get_status_display(),
                "overdue": assignment.is_overdue,
                "due": assignment.due_date,
            }
            for assignment in assignments.distinct()
        ]
