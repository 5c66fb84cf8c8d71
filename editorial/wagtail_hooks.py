from wagtail import hooks
from wagtail.snippets.models import register_snippet

from editorial import conflicts
from editorial.viewsets import EditorialViewSetGroup

register_snippet(EditorialViewSetGroup)
hooks.register("before_edit_page", conflicts.remember_stale_edit)
hooks.register("after_edit_page", conflicts.warn_about_stale_edit)
