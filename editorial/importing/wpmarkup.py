"""Turn the body of a WordPress post into a document, whichever editor wrote it.

Block-editor posts are HTML between ``<!-- wp:… -->`` comments, which the HTML reader
passes over; classic-editor posts separate paragraphs by blank lines (WordPress adds the
``<p>`` when it shows them), wrap captioned images in ``[caption]`` shortcodes and embed a
video by a bare URL on its own line. Both come down to the same HTML, read by the article
importer's reader with images and embeds kept.
"""

import re

from django.utils.html import escape

from bs4 import BeautifulSoup

from .markup import CHROME, HtmlReader, safe_href

BLOCK_EDITOR = "<!-- wp:"
CAPTION = re.compile(r"\[caption[^\]]*\](?P<inner>.*?)\[/caption\]", re.S | re.I)
CAPTIONED_IMAGE = re.compile(
    r"^\s*(?P<image>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<text>.*)$", re.S
)
SHORTCODE = re.compile(r"\[/?[a-z][\w-]*(?:\s[^\]]*)?\]", re.I)
BARE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
BLOCK_START = re.compile(r"^\s*<(p|h[1-6]|ul|ol|blockquote|figure|div|pre|table|hr|iframe)\b", re.I)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
MEDIA = {"img", "figcaption", "iframe"}


def autop(content):
    """Paragraphs of a classic-editor post, as WordPress's wpautop would make them."""
    chunks = []
    for chunk in re.split(r"\n\s*\n", content.strip()):
        url = BARE_URL.match(chunk)
        if url:
            chunks.append(f'<figure class="wp-block-embed"><div>{escape(url[1])}</div></figure>')
        elif BLOCK_START.match(chunk):
            chunks.append(chunk)
        elif chunk.strip():
            chunks.append("<p>" + chunk.strip().replace("\n", "<br/>\n") + "</p>")
    return "\n".join(chunks)


def caption_figure(match):
    inner = CAPTIONED_IMAGE.match(match["inner"])
    if inner is None:
        return match["inner"]
    return f"<figure>{inner['image']}<figcaption>{inner['text'].strip()}</figcaption></figure>"


def prepare(content):
    """``content`` as HTML; returns it with the count of shortcodes left out."""
    content = CAPTION.sub(caption_figure, content)
    shortcodes = len(SHORTCODE.findall(content))
    content = SHORTCODE.sub("", content)
    if BLOCK_EDITOR not in content:
        content = autop(content)
    return content, shortcodes


def image_id(img):
    found = WP_IMAGE_CLASS.search(" ".join(img.get("class") or []))
    return int(found[1]) if found else 0


def embed_url(url):
    url = safe_href(url)
    return url if url and url.startswith(("http://", "https://")) else None


class WordPressReader(HtmlReader):
    """The article reader, keeping images and embeds, under a title given by the post."""

    def __init__(self, soup, title):
        super().__init__(soup)
        self.title = title

    def read(self):
        self.builder.set_title(self.title)
        self.drop_chrome([name for name in CHROME if name not in MEDIA])
        for tag in self.soup.find_all(["img", "iframe"]):
            if tag.find_parent(["figure", "p"]) is None:
                tag.wrap(self.soup.new_tag("figure"))
        self.walk(self.soup)
        return self.builder.finish()

    def block(self, tag):
        if tag.name == "figure":
            self.figure(tag)
        elif tag.name == "p" and tag.find(["img", "iframe"]) is not None:
            for media in tag.find_all(["img", "iframe"]):
                self.media(media)
                media.decompose()
            super().block(tag)
        else:
            super().block(tag)

    def figure(self, tag):
        caption = tag.find("figcaption")
        caption_text = caption.get_text(" ") if caption else ""
        media = tag.find(["img", "iframe"])
        if media is not None:
            self.media(media, caption_text)
        elif "wp-block-embed" in (tag.get("class") or []):
            url = embed_url(tag.get_text().replace(caption_text, "").strip())
            if url:
                self.builder.embed(url, caption_text)
        else:
            if caption:
                caption.decompose()
            self.walk(tag)

    def media(self, tag, caption=""):
        if tag.name == "iframe":
            url = embed_url(tag.get("src"))
            if url:
                self.builder.embed(url, caption)
        elif tag.get("src"):
            self.builder.image(tag["src"], tag.get("alt", ""), caption, image_id(tag))


def parse_wordpress(title, content):
    """The document of a post and the number of shortcodes left out of it; raises
    ``ValueError`` if it has no title or no text."""
    html, shortcodes = prepare(content)
    return WordPressReader(BeautifulSoup(html, "html.parser"), title).read(), shortcodes
