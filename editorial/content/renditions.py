"""Image sizes the site shows, kept in one place: templates ask for them by name (the
``rendition`` template tag, or the article's ``hero_rendition`` and ``thumbnail``) and
never spell a spec.

Publishing an article has the task worker generate the sizes its page shows
(``content.tasks``), so the first reader after publication seldom waits for resizing.
"""

# The article's hero image at the top of its page.
HERO = "width-1200"
# The card of an article in every list of articles.
THUMBNAIL = "fill-640x360"
# The og:image and twitter:image of an article: the 1.91:1 crop social networks show.
SOCIAL = "fill-1200x630"
# An image in an article's body (the figure block).
FIGURE = "width-1200"
# The author's photo on their page.
AUTHOR_PHOTO = "fill-160x160"

# The images of an article's structured data: the 16:9, 4:3 and 1:1 crops news search
# engines ask for, each well over 50,000 pixels.
STRUCTURED_DATA = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")

# Every size an article's hero image is shown at, on its page, in its metadata and in cards.
ARTICLE_SPECS = (HERO, SOCIAL, THUMBNAIL, *STRUCTURED_DATA)
