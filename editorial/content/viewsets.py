"""Admin screens for snippets; registered in wagtail_hooks."""

import logging

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

import django_filters
from taggit.models import Tag

from editorial.roles import is_editor

from .models import Alternative, Author

# Actions on a profile that an author may take on their own one only.
OWN_PROFILE_ACTIONS = {"change", "lock", "unlock"}

logger = logging.getLogger(__name__)


class AuthorPermissionPolicy(ModelPermissionPolicy):
    """Editors edit every profile; anyone else with "change" edits only the one linked to
    their account (authors keep their bio and photo up to date, nobody else's)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action not in OWN_PROFILE_ACTIONS or is_editor(user):
            return True
        return instance.user_id is not None and instance.user_id == user.pk


class AuthorEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("change", self.object):
            logger.warning(
                "refused editing author profile %s to %s: not their own",
                self.object.pk,
                request.user,
            )
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AlternativeFilterSet(WagtailFilterSet):
    tags = django_filters.ModelMultipleChoiceFilter(
        field_name="tags",
        queryset=Tag.objects.filter(editorial_alternativetag_items__isnull=False).distinct(),
    )

    class Meta:
        model = Alternative
        fields = ["live", "tags"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", UpdatedAtColumn(), LiveStatusTagColumn()]
    search_fields = ["name", "role"]
    ordering = ["name"]
    edit_view_class = AuthorEditView

    @property
    def permission_policy(self):
        return AuthorPermissionPolicy(self.model)


class AlternativeViewSet(SnippetViewSet):
    model = Alternative
    icon = "list-ul"
    menu_label = _("Alternatives")
    list_display = ["title", UpdatedAtColumn(), LiveStatusTagColumn()]
    filterset_class = AlternativeFilterSet
    search_fields = ["title"]
    ordering = ["title"]
