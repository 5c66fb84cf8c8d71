"""Admin hooks of the content room: who may build the page tree, and the editor's script
(live checklist, signed-out guard, copy of the typing in the browser)."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import path

from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from editorial.pagecache.recording import depends_on

from . import editing
from .dependencies import PAGE
from .models import ArticlePage

# The editor renews the session at most this often while the author types, and more
# often when sessions are short.
KEEP_ALIVE_SECONDS = 60

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


@hooks.register("register_admin_urls")
def register_editing_urls():
    return [
        path(
            "editorial/checklist/<page_id:page_id>/",
            editing.live_checklist,
            name="editorial_live_checklist",
        ),
        path(
            "editorial/checklist/new/<page_id:parent_id>/",
            editing.live_checklist_new,
            name="editorial_live_checklist_new",
        ),
        path("editorial/session/", editing.editor_session, name="editorial_editor_session"),
    ]


@hooks.register("insert_editor_js")
def editor_script():
    """The editor's script and the texts it shows, in every page and snippet editor."""
    keep_alive = max(10, min(KEEP_ALIVE_SECONDS, settings.SESSION_COOKIE_AGE // 3))
    return render_to_string("editorial/content/editor.html", {"keep_alive": keep_alive})


class RecordedPageLinkHandler(PageLinkHandler):
    """Wagtail's links to pages in rich text, recorded as what the text shows: a page
    renamed or moved changes the address of every link to it, so the pages and stored
    bodies (``content.bodies``) showing those links go with it."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        depends_on(*PAGE.all(attrs["id"] for attrs in attrs_list if attrs.get("id")))
        return super().expand_db_attributes_many(attrs_list)


# After Wagtail's own registration of the link type, which this one replaces.
@hooks.register("register_rich_text_features", order=1)
def record_page_links(features):
    features.register_link_type(RecordedPageLinkHandler)
