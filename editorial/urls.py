"""Public URLs that are not pages of the tree, from every room that serves readers."""

from django.urls import path

from editorial.corrections.views import corrections_index
from editorial.planning.views import ics_feed
from editorial.previews.views import serve_shareable_preview
from editorial.reader import beacon, views
from editorial.reader.feeds import FEED_TYPES, AuthorFeed, SectionFeed, SiteFeed, TagFeed
from editorial.reader.sitemaps import SITEMAPS

app_name = "editorial"

urlpatterns = [
    path("tags/<str:slug>/", views.tag_index, name="tag"),
    path("authors/<str:slug>/", views.author_detail, name="author"),
    path("views/", beacon.count_view, name="views"),
    path("search/", views.search, name="search"),
    path("preview/<str:token>/", serve_shareable_preview, name="shareable-preview"),
    path("corrections/", corrections_index, name="corrections"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon_ico, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
    path("sitemap.xml", views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("calendar/<str:token>.ics", ics_feed, name="calendar-feed"),
]

# /feeds/rss/, /feeds/sections/<slug>/atom/, ... named e.g. "feed-rss", "section-feed-atom".
for feed_format in FEED_TYPES:
    urlpatterns += [
        path(f"feeds/{feed_format}/", SiteFeed(feed_format), name=f"feed-{feed_format}"),
        path(
            f"feeds/sections/<str:slug>/{feed_format}/",
            SectionFeed(feed_format),
            name=f"section-feed-{feed_format}",
        ),
        path(
            f"feeds/tags/<str:slug>/{feed_format}/",
            TagFeed(feed_format),
            name=f"tag-feed-{feed_format}",
        ),
        path(
            f"feeds/authors/<str:slug>/{feed_format}/",
            AuthorFeed(feed_format),
            name=f"author-feed-{feed_format}",
        ),
    ]
