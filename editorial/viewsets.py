"""Admin screens for snippets; registered in wagtail_hooks."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import django_filters
from taggit.models import Tag

from editorial.models import Alternative, Author


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
    menu_label = "Authors"
    list_display = ["name", "role", UpdatedAtColumn(), LiveStatusTagColumn()]
    search_fields = ["name", "role"]
    ordering = ["name"]


class AlternativeViewSet(SnippetViewSet):
    model = Alternative
    icon = "list-ul"
    menu_label = "Alternatives"
    list_display = ["title", UpdatedAtColumn(), LiveStatusTagColumn()]
    filterset_class = AlternativeFilterSet
    search_fields = ["title"]
    ordering = ["title"]


class EditorialViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, AlternativeViewSet)
    menu_icon = "doc-full"
    menu_label = "Editorial"
    menu_name = "editorial"
