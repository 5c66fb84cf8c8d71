"""The admin of every room: each registers its own hooks in its ``hooks`` module.

Here: what spans rooms, the "Editorial" snippets menu and the page-id URL converter that
several rooms' admin URLs use.
"""

from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from editorial.content import hooks as content_hooks  # noqa: F401
from editorial.content.viewsets import AlternativeViewSet, AuthorViewSet
from editorial.converters import PageIdConverter
from editorial.corrections import hooks as corrections_hooks  # noqa: F401
from editorial.corrections.viewsets import CorrectionViewSet
from editorial.importing import hooks as importing_hooks  # noqa: F401
from editorial.operations import hooks as operations_hooks  # noqa: F401
from editorial.planning import hooks as planning_hooks  # noqa: F401
from editorial.previews import hooks as previews_hooks  # noqa: F401
from editorial.review import hooks as review_hooks  # noqa: F401

register_converter(PageIdConverter, "page_id")


class EditorialViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, AlternativeViewSet, CorrectionViewSet)
    menu_icon = "doc-full"
    menu_label = _("Editorial")
    menu_name = "editorial"


register_snippet(EditorialViewSetGroup)
