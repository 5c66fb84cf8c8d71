from wagtail.snippets.models import register_snippet

from editorial.viewsets import EditorialViewSetGroup

register_snippet(EditorialViewSetGroup)
