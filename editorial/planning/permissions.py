"""Who may see and manage assignments."""

from wagtail.permission_policies.base import BasePermissionPolicy

from editorial.roles import is_editor

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
