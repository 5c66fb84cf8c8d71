"""Image sizes the site shows, kept in one place: templates ask for them by name (the
``picture`` and ``rendition`` template tags) and never spell a spec.

Every image a reader sees is a ``<picture>`` (Wagtail's ``Picture``): a modern format for
browsers that take it, JPEG for the rest, each at a few widths, with ``sizes`` saying how
wide the layout shows it so that a phone downloads a phone's image. Publishing an article
has the task worker generate the sizes its page and its cards show
(``content.pregeneration``, run by ``content.tasks``), so the first reader after
publication seldom waits for resizing.
"""

from dataclasses import dataclass

from PIL import features

# AVIF where the installed Pillow can write it (11.2 and later, built with libavif),
# else WebP; both about half the bytes of a JPEG of the same quality.
MODERN_FORMAT = "avif" if features.check("avif") else "webp"
FORMATS = (MODERN_FORMAT, "jpeg")


@dataclass(frozen=True)
class Responsive:
    """One image as a layout shows it: the crops or widths to offer, in every format, and
    the CSS ``sizes`` telling the browser which one fits the screen. The first size is
    the fallback ``src`` and gives the ``width`` and ``height`` that reserve its room."""

    sizes: tuple[str, ...]
    layout: str

    @property
    def specs(self):
        return tuple(f"{size}|format-{fmt}" for fmt in FORMATS for size in self.sizes)


# The page's column is 40rem (article, its figures), the page itself at most 72rem wide
# with 1rem either side (``site.css``).
ARTICLE_COLUMN = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

# The article's hero image at the top of its page.
HERO = Responsive(("width-800", "width-480", "width-1280"), ARTICLE_COLUMN)
# An image in an article's body (the figure block).
FIGURE = Responsive(("width-800", "width-480", "width-1280"), ARTICLE_COLUMN)
# The card of an article in every list of articles: one to four to a row.
CARD = Responsive(
    ("fill-640x360", "fill-320x180", "fill-960x540"),
    "(min-width: 52rem) 23rem, (min-width: 35rem) calc(50vw - 2rem), calc(100vw - 2rem)",
)
# The lead story of the front page and of a section: beside its text on a wide screen.
LEAD = Responsive(
    ("fill-960x540", "fill-640x360", "fill-1280x720"),
    "(min-width: 72rem) 45rem, (min-width: 64rem) 62vw, calc(100vw - 2rem)",
)
# The author's photo on their page: an 8rem circle.
AUTHOR_PHOTO = Responsive(("fill-160x160", "fill-320x320"), "8rem")

# The og:image and twitter:image of an article: the 1.91:1 crop social networks show.
SOCIAL = "fill-1200x630"
# The images of an article's structured data: the 16:9, 4:3 and 1:1 crops news search
# engines ask for, each well over 50,000 pixels.
STRUCTURED_DATA = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")

# What an article's card and lead story are built with (``content.cards``).
CARD_SPECS = (*CARD.specs, *LEAD.specs)
# The sizes of an article's hero image its own page shows: the picture and its metadata
# (the stored parts around its body, ``content.bodies``).
PAGE_SPECS = (*HERO.specs, SOCIAL, *STRUCTURED_DATA)
# Every size an article's hero image is shown at, on its page, in its metadata and in lists.
ARTICLE_SPECS = (*PAGE_SPECS, *CARD_SPECS)
