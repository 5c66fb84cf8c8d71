"""Admin hooks of corrections: "Add correction" in a live article's header menu."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from editorial.content.models import ArticlePage


@hooks.register("register_page_header_buttons")
def register_add_correction_button(page, user, view_name, next_url=None):
    if (
        page.specific_class is ArticlePage
        and page.live
        and user.has_perm("editorial.add_articlecorrection")
    ):
        yield Button(
            _("Add correction"),
            f"{reverse('wagtailsnippets_editorial_articlecorrection:add')}?page={page.pk}",
            icon_name="warning",
            priority=18,
        )
