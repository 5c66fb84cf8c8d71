"""A format-neutral picture of an article, between parsing a file and saving a page.

Every parser feeds a ``DocumentBuilder``, so the decisions that make an article
structured (what is a heading, which lists are key points or alternatives, which lines
are leftovers of a scraped page) are taken in one place for every format.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.translation import gettext

# Limits of the blocks the document becomes (see editorial/blocks.py).
HEADING_MAX_CHARS = 120
KEY_POINT_TITLE_MAX_CHARS = 80
QUOTE_MAX_CHARS = 600
ATTRIBUTION_MAX_CHARS = 120
TITLE_MAX_CHARS = 255
CAPTION_MAX_CHARS = 250

# Leftovers of a scraped page's chrome, mapped to the feature they stand for (or None).
NAVIGATION_LEFTOVERS = {
    "trending post": "trending",
    "trending posts": "trending",
    "trending": "trending",
    "latest post": None,
    "latest posts": None,
    "related post": None,
    "related posts": None,
    "share this": None,
    "share this post": None,
    "share this article": None,
}

TITLED_TEXT = re.compile(rf"^[^:]{{1,{KEY_POINT_TITLE_MAX_CHARS}}}:\s+\S")
TAG = re.compile(r"(<[^>]+>)")
EMPTY_ELEMENT = re.compile(r"<(\w+)[^>]*>\s*</\1>")


def normalise_space(text):
    return " ".join(text.split())


def leftover_key(text):
    return normalise_space(text).casefold().rstrip(":").strip()


@dataclass
class KeyPoint:
    """A "Title: text" list item; ``html`` is the rich text after the title."""

    title: str
    html: str


@dataclass
class Block:
    """One body block. ``kind`` is a body stream child name; ``html`` is rich text.

    An image or embed keeps its address in ``source`` and its caption in ``text``; an
    image also its alt text and the id its source system gave it, if any. A quote keeps
    who said it in ``attribution``.
    """

    kind: str
    text: str = ""
    html: str = ""
    points: list[KeyPoint] = field(default_factory=list)
    source: str = ""
    alt: str = ""
    source_id: int = 0
    attribution: str = ""


@dataclass
class ListItem:
    """One list item as a parser saw it: rich text, plus its "Title: text" split if any."""

    html: str
    point: KeyPoint | None = None


@dataclass
class ImportedDocument:
    title: str
    blocks: list[Block] = field(default_factory=list)
    # Navigation leftovers of scraped pages that map to a feature, e.g. {"trending"}.
    markers: set[str] = field(default_factory=set)
    # Text of the leftovers that were dropped, so the import can say what it left out.
    dropped: list[str] = field(default_factory=list)

    def first_paragraph_text(self):
        return next((block.text for block in self.blocks if block.kind == "paragraph"), "")


def plain_text(html):
    return normalise_space(unescape(strip_tags(html)))


def titled_point(html):
    """Split rich text reading "Title: text" at its first colon, or None when untitled.

    The title may be bold (``<b>Trust:</b> ...``); tags still open at the colon are
    reopened in the text so that its emphasis and links survive the split.
    """
    if not TITLED_TEXT.match(plain_text(html)):
        return None
    tokens = TAG.split(html)
    open_tags = []
    for index, token in enumerate(tokens):
        if index % 2:
            name = token.strip("</>").split()[0].lower()
            if token.startswith("</"):
                if open_tags and open_tags[-1][0] == name:
                    open_tags.pop()
            elif not token.endswith("/>"):
                open_tags.append((name, token))
        elif ":" in token:
            before, after = token.split(":", 1)
            title = plain_text("".join(tokens[:index]) + before)
            reopened = "".join(opening for _, opening in open_tags)
            text = EMPTY_ELEMENT.sub(
                "", reopened + after.lstrip() + "".join(tokens[index + 1 :])
            ).strip()
            return KeyPoint(title, f"<p>{text}</p>")
    return None


class DocumentBuilder:
    """Assembles blocks in reading order; parsers only say what they saw."""

    def __init__(self, title=""):
        self.document = ImportedDocument(title=normalise_space(title)[:TITLE_MAX_CHARS])
        self.current_heading = ""
        # Numbered items not yet saved as a block: a "loose" list separated by blank lines
        # arrives in pieces, and is one list until something else comes between them.
        self.open_list = []
        # After a leftover such as "Related Posts", blocks made only of links are the
        # scraped listing that followed it, not article text.
        self.in_leftover_listing = False

    def set_title(self, title):
        self.document.title = normalise_space(title)[:TITLE_MAX_CHARS]

    def is_leftover(self, text):
        """Drop navigation leftovers, remembering any feature they stand for."""
        key = leftover_key(text)
        if key not in NAVIGATION_LEFTOVERS:
            return False
        if NAVIGATION_LEFTOVERS[key]:
            self.document.markers.add(NAVIGATION_LEFTOVERS[key])
        self.document.dropped.append(normalise_space(text))
        self.in_leftover_listing = True
        return True

    def skip_listing(self, link_only):
        if self.in_leftover_listing and link_only:
            self.document.dropped.append("(links listed under a leftover)")
            return True
        self.in_leftover_listing = False
        return False

    def add(self, block):
        self.close_list()
        self.document.blocks.append(block)

    def heading(self, text):
        text = normalise_space(text)
        if not text or self.is_leftover(text):
            return
        self.close_list()
        self.in_leftover_listing = False
        if len(text) > HEADING_MAX_CHARS:
            self.paragraph(f"<p>{escape(text)}</p>", text)
            return
        self.current_heading = text
        self.add(Block("heading", text=text))

    def paragraph(self, html, text, link_only=False):
        text = normalise_space(text)
        if not text or self.is_leftover(text) or self.skip_listing(link_only):
            return
        self.add(Block("paragraph", text=text, html=html))

    def quote(self, text, html, attribution=""):
        text = normalise_space(text)
        if not text:
            return
        self.in_leftover_listing = False
        if len(text) > QUOTE_MAX_CHARS:
            self.paragraph(html, text)
            return
        attribution = normalise_space(attribution).lstrip("—–-― ").strip()
        self.add(Block("quote", text=text, attribution=attribution[:ATTRIBUTION_MAX_CHARS]))

    def image(self, source, alt="", caption="", source_id=0):
        self.in_leftover_listing = False
        self.add(
            Block(
                "image",
                text=normalise_space(caption)[:CAPTION_MAX_CHARS],
                source=source,
                alt=normalise_space(alt),
                source_id=source_id,
            )
        )

    def embed(self, url, caption=""):
        self.in_leftover_listing = False
        self.add(Block("embed", text=normalise_space(caption)[:CAPTION_MAX_CHARS], source=url))

    def bullet_list(self, html, link_only=False):
        if not self.skip_listing(link_only):
            self.add(Block("paragraph", html=html))

    def numbered_list(self, items, link_only=False):
        """Continue the open numbered list with ``items``, as Markdown joins a loose list."""
        if not self.skip_listing(link_only):
            self.open_list.extend(items)

    def close_list(self):
        """Titled items become key points, or alternatives under an "Alternatives" heading."""
        items, self.open_list = self.open_list, []
        if not items:
            return
        points = [item.point for item in items]
        if not all(points):
            self.add(Block("paragraph", html=list_html("ol", [item.html for item in items])))
            return
        if not self.current_heading.casefold().startswith("alternatives"):
            self.add(Block("key_points", points=points))
            return
        intro = ""
        previous = self.document.blocks[-1] if self.document.blocks else None
        # The sentence introducing the list ("...alternatives to grow their network:")
        # belongs to the alternatives block, so it moves and goes with it.
        if previous and previous.kind == "paragraph" and previous.text.endswith(":"):
            intro = self.document.blocks.pop().html
        self.add(Block("alternatives", html=intro, points=points))

    def finish(self):
        self.close_list()
        if not self.document.title:
            raise ValueError(gettext("no title found: start the file with the article's title"))
        if not self.document.blocks:
            raise ValueError(gettext("no article text found after the title"))
        return self.document


def list_html(tag, items_html):
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items_html) + f"</{tag}>"
