"""Assignments in the admin: editors commission pieces, authors see what is theirs."""

from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, RelatedObjectsColumn
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from editorial.roles import RecordsCreatorMixin

from .models import Assignment
from .permissions import AssignmentPermissionPolicy


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
