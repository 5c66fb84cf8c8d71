"""Admin hooks of the content room: who may build the page tree."""

from django.core.exceptions import PermissionDenied

from wagtail import hooks

from .models import ArticlePage


@hooks.register("before_create_page")
def only_editors_create_sections(request, parent_page, page_class):
    """Authors may add articles; the page tree above them belongs to editors."""
    if page_class is ArticlePage:
        return None
    if not parent_page.permissions_for_user(request.user).can_publish_subpage():
        raise PermissionDenied
    return None
