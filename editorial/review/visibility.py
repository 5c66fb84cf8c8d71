"""Authors see only what is theirs: the live, public pages and the articles they write.

Wagtail lists every page under an author's "add" permission (the whole site) in its
explorer, searches, chooser, page API and reports, draft titles included. Each admin
surface that names pages narrows its pages through ``pages_shown_to``; editors see
everything. Where Wagtail offers a hook or a viewset the narrowing goes there; the few
views without one are subclassed here and routed ahead of Wagtail's (``admin_urls``).
"""

from django.db.models import BooleanField, Case, Q, Value, When

from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.home import RecentEditsPanel
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, PageLogEntry

from editorial.content.models import ArticlePage, DraftByline, HomePage, SectionPage
from editorial.roles import is_editor


def shown_to(user, pages):
    """A condition on ``pages`` (any page queryset): what ``user`` may see named."""
    return (
        (Q(live=True) & ~pages.private_q())
        | Q(owner_id=user.pk)
        | Q(pk__in=DraftByline.page_ids_crediting(user))
    )


def pages_shown_to(user, pages):
    """``pages`` narrowed to the live, public ones and those ``user`` writes, unless
    ``user`` is an editor.

    Each page is annotated ``shows_public_title``: another's live article may have a draft
    with a new headline, and the admin names pages by their draft's title.
    """
    if is_editor(user):
        return pages
    credited = DraftByline.objects.filter(author__user_id=user.pk).values("page_id")
    return pages.filter(shown_to(user, pages)).annotate(
        shows_public_title=Case(
            When(Q(owner_id=user.pk) | Q(pk__in=credited), then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        )
    )


def page_ids_shown_to(user, page_ids):
    """Those of ``page_ids`` that ``user`` may see named."""
    pages = Page.objects.filter(pk__in=page_ids)
    return set(pages_shown_to(user, pages).values_list("pk", flat=True))


def narrow_explorer(parent_page, pages, request):
    return pages_shown_to(request.user, pages)


def narrow_chooser(pages, request):
    return pages_shown_to(request.user, pages)


class PagesShownAPIViewSet(PagesAdminAPIViewSet):
    """The admin's page API (the sidebar explorer, choosers): listings and details alike."""

    def get_base_queryset(self):
        return pages_shown_to(self.request.user, super().get_base_queryset())

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.request.GET.get("for_explorer"):
            # Wagtail's explorer filter intersects with its own explorable pages, which
            # drops the annotation and the specific types that name pages as they should.
            queryset = pages_shown_to(self.request.user, queryset).specific()
        return queryset


def narrow_admin_api(router):
    router.register_endpoint("pages", PagesShownAPIViewSet)


class ShownContentTypeUseView(ContentTypeUseView):
    """The flat list of pages of one type ("Page types usage" links to it)."""

    def get_base_queryset(self):
        return pages_shown_to(self.request.user, super().get_base_queryset())


class ShownPageViewSet(PageViewSet):
    content_type_use_view_class = ShownContentTypeUseView


def page_viewsets():
    """One per page type of the site: Wagtail routes a type's listings to its viewset."""
    return [
        ShownPageViewSet(model=model, name=f"{model._meta.model_name}_pages")
        for model in (HomePage, SectionPage, ArticlePage)
    ]


class ShownSearchView(SearchView):
    """The admin's page search."""

    def annotate_queryset(self, pages):
        # Wagtail's search narrows to explorable pages and annotates before searching:
        # the one step of its own queryset that a subclass can extend.
        return super().annotate_queryset(pages_shown_to(self.request.user, pages))


# What readers saw happen: an entry's label is the title at the time, a draft's for edits.
PUBLIC_ACTIONS = ["wagtail.publish", "wagtail.unpublish"]


class ShownLogEntriesView(LogEntriesView):
    """Site history: every entry of the pages the reader writes, and the publications of
    the other live, public pages."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if queryset.model is PageLogEntry and not is_editor(user):
            written = Q(page__owner_id=user.pk) | Q(
                page_id__in=DraftByline.page_ids_crediting(user)
            )
            shown = pages_shown_to(user, Page.objects.all()).values("pk")
            queryset = queryset.filter(written | Q(page__in=shown, action__in=PUBLIC_ACTIONS))
        return queryset


class ShownPageTypesUsageReportView(PageTypesUsageReportView):
    """Page types usage: counts for everyone, the last edited page only if it may be seen."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = page_ids_shown_to(
            self.request.user,
            [item.last_edited_page_id for item in page_types if item.last_edited_page_id],
        )
        for item in page_types:
            if item.last_edited_page_id not in shown:
                item.last_edited_page = None
        return page_types


class ShownBulkActionMixin:
    """A bulk action's confirmation lists the chosen pages the user may not act on: only
    those they may see named (page ids are easy to guess)."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        refused = context["items_with_no_access"]
        shown = page_ids_shown_to(self.request.user, [page.pk for page in refused])
        context["items_with_no_access"] = [page for page in refused if page.pk in shown]
        return objects, context


class ShownDeleteBulkAction(ShownBulkActionMixin, DeleteBulkAction):
    pass


class ShownMoveBulkAction(ShownBulkActionMixin, MoveBulkAction):
    pass


class ShownUnpublishBulkAction(ShownBulkActionMixin, UnpublishBulkAction):
    pass


BULK_ACTIONS = [ShownDeleteBulkAction, ShownMoveBulkAction, ShownUnpublishBulkAction]


class ShownRecentEditsPanel(RecentEditsPanel):
    """ "Your most recent edits" on the dashboard: not an article someone was taken off the
    byline of since, and another's live article by its public title."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        if is_editor(user):
            return context
        edited = Page.objects.filter(pk__in=[page.pk for _, page in context["last_edits"]])
        public_title = dict(pages_shown_to(user, edited).values_list("pk", "shows_public_title"))
        context["last_edits"] = [
            (date, page) for date, page in context["last_edits"] if page.pk in public_title
        ]
        for _date, page in context["last_edits"]:
            page.shows_public_title = public_title[page.pk]
        return context
