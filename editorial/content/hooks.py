"""Admin hooks of the content room: who may build the page tree."""

import logging

from django.core.exceptions import PermissionDenied

from wagtail import hooks

from .models import ArticlePage

logger = logging.getLogger(__name__)


@hooks.register("before_create_page")
def only_editors_create_sections(request, parent_page, page_class):
    """Authors may add articles; the page tree above them belongs to editors."""
    if page_class is ArticlePage:
        return None
    if not parent_page.permissions_for_user(request.user).can_publish_subpage():
        logger.warning(
            "refused creating a %s under page %s to %s: only editors build the page tree",
            page_class.__name__,
            parent_page.pk,
            request.user,
        )
        raise PermissionDenied
    return None
