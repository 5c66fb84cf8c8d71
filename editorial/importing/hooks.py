"""Admin hooks of the importer: its page, menu item, section button and log action."""

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from editorial.content.models import SectionPage

from .build import IMPORT_ACTION
from .views import ImportArticlesView, sections_user_may_add_to
from .wordpress_views import ImportWordPressView


@hooks.register("register_log_actions")
def register_import_action(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportFormatter(LogFormatter):
        label = _("Import")

        def format_message(self, log_entry):
            source = log_entry.data.get("source")
            if log_entry.data.get("published_without_review"):
                return gettext(
                    "Imported from %(source)s and published without review by an administrator"
                ) % {"source": source}
            if source:
                return gettext("Imported from %(source)s") % {"source": source}
            return gettext("Imported")


class ImportArticlesMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(sections_user_may_add_to(request.user))


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("import-articles/", ImportArticlesView.as_view(), name="editorial_import"),
        path(
            "import-wordpress/",
            ImportWordPressView.as_view(),
            name="editorial_import_wordpress",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportArticlesMenuItem(
        _("Import articles"), reverse("editorial_import"), icon_name="upload", order=250
    )


@hooks.register("register_admin_menu_item")
def register_import_wordpress_menu_item():
    return AdministratorMenuItem(
        _("Import from WordPress"),
        reverse("editorial_import_wordpress"),
        icon_name="upload",
        order=251,
    )


@hooks.register("register_page_header_buttons")
def register_import_section_button(page, user, view_name, next_url=None):
    if page.specific_class is SectionPage and page.permissions_for_user(user).can_add_subpage():
        yield Button(
            gettext("Import articles"),
            f"{reverse('editorial_import')}?section={page.pk}",
            icon_name="upload",
            priority=16,
        )
