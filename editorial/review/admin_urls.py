"""Wagtail admin views that name pages and offer no hook to narrow them, at Wagtail's own
addresses (included ahead of Wagtail's admin), narrowed for authors (``visibility``)."""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access

from .visibility import ShownLogEntriesView, ShownPageTypesUsageReportView, ShownSearchView


def admin_view(view_class, **initkwargs):
    return never_cache(require_admin_access(view_class.as_view(**initkwargs)))


urlpatterns = [
    path("pages/search/", admin_view(ShownSearchView)),
    path("pages/search/results/", admin_view(ShownSearchView, results_only=True)),
    path("reports/site-history/", admin_view(ShownLogEntriesView)),
    path("reports/site-history/results/", admin_view(ShownLogEntriesView, results_only=True)),
    path("reports/page-types-usage/", admin_view(ShownPageTypesUsageReportView)),
    path(
        "reports/page-types-usage/results/",
        admin_view(ShownPageTypesUsageReportView, results_only=True),
    ),
]
