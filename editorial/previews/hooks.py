"""Admin hooks of shareable previews: their screens and the article's "Share preview"."""

from django.urls import path, reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from editorial.content.models import ArticlePage

from . import views

hooks.register("register_log_actions", views.register_log_actions)


@hooks.register("register_admin_urls")
def register_shareable_preview_urls():
    return [
        path(
            "editorial/pages/<page_id:page_id>/previews/",
            views.ShareablePreviewsView.as_view(),
            name="editorial_shareable_previews",
        ),
        path(
            "editorial/previews/<page_id:pk>/revoke/",
            views.revoke_shareable_preview,
            name="editorial_shareable_preview_revoke",
        ),
    ]


@hooks.register("register_page_header_buttons")
def register_share_preview_button(page, user, view_name, next_url=None):
    if page.specific_class is ArticlePage and views.can_share_preview(user, page):
        yield Button(
            _("Share preview"),
            reverse("editorial_shareable_previews", args=[page.pk]),
            icon_name="link",
            priority=17,
        )
