"""Image sizes the public templates use, kept in one place.

Publishing an article generates these renditions straight away, so the first reader
after publication does not wait for image resizing.
"""

HERO = "width-1200"
THUMBNAIL = "fill-640x360"
ARTICLE_SPECS = (HERO, THUMBNAIL)
