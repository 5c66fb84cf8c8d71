from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from editorial import passwords
from editorial import urls as editorial_urls
from editorial.pagecache import urls as pagecache_urls
from editorial.review import admin_urls as review_admin_urls

urlpatterns = [
    # Ahead of Wagtail's own views at these addresses: the throttled versions.
    path("admin/password_reset/", passwords.ThrottledPasswordResetView.as_view()),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        passwords.authenticate_with_password,
    ),
    # Ahead of Wagtail's own views at these addresses: narrowed to what an author may see.
    path("admin/", include(review_admin_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(editorial_urls)),
    path("fragments/", include(pagecache_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
