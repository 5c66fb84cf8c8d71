"""What a public page can show, as page-cache dependency kinds (``pagecache.dependencies``).

Pages record these while they render and content signals invalidate them, both through
the names built here.
"""

from editorial.pagecache.dependencies import Dependency

PAGE = Dependency("page", "one page of the tree: an article, a section, the home page")
SECTION = Dependency("section", "which articles a section holds")
TAG = Dependency("tag", "which articles carry a tag")
# An author's change also invalidates the PAGE of every article crediting them: a byline is
# part of its article, so a page showing an article or its card records that article only.
AUTHOR = Dependency("author", "an author's profile, as the author's own page shows it")
WRITTEN_BY = Dependency("written-by", "which articles an author wrote")
ALTERNATIVE = Dependency("alternative", "the published version of an alternative snippet")
IMAGE = Dependency("image", "an image's file, focal point and alt text, where a body shows it")
LATEST = Dependency("latest", "which articles are the newest: any publication may change it")
NAV = Dependency("nav", "the sections in the site's navigation")
SITEMAP = Dependency("sitemap", "the addresses and dates the sitemap lists")
TRENDING = Dependency(
    "trending", "whether an article wears the trending badge; without a key, all of them"
)
CORRECTIONS = Dependency("corrections", "the public list of corrections and updates")
SEARCH = Dependency("search", "which articles match a search: any article's change may alter it")
