"""Parse HTML and Markdown articles, including pages saved from other sites.

Markdown is rendered to HTML first (CommonMark, so lists nest with two-space indents as
people write them), then one HTML reader serves both. Only what a paragraph may hold in
Wagtail survives: text, bold, italic, safe links, line breaks and nested lists.
"""

import re
from urllib.parse import urlsplit

from django.utils.html import escape

from bs4 import BeautifulSoup, NavigableString, Tag
from markdown_it import MarkdownIt

from .document import DocumentBuilder, ListItem, normalise_space, plain_text, titled_point
from .plaintext import NUMBERED_ITEM, is_heading

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LISTS = {"ul", "ol"}
# Page chrome and embedded objects: never article text.
CHROME = [
    "head",
    "title",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "select",
    "textarea",
    "svg",
    "canvas",
    "nav",
    "header",
    "footer",
    "aside",
    "img",
    "picture",
    "video",
    "audio",
    "figcaption",
]
BLOCKS = HEADINGS | LISTS | {"p", "blockquote", "pre", "hr", "li", "dl", "dt", "dd"}
CONTAINERS = {
    "html",
    "body",
    "main",
    "article",
    "section",
    "div",
    "figure",
    "details",
    "summary",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "center",
    "hgroup",
    "address",
}
BOLD = {"b", "strong"}
ITALIC = {"i", "em"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# Browsers ignore these inside a URL scheme, so "java\tscript:" still runs a script.
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")
NESTED_LIST_SPACE = re.compile(r"\s+(</?[uo]l>)")
# The number that starts a paragraph pasted from a list ("<b>2. Reach:</b> ..."), after
# any opening tags, which stay.
LEADING_NUMBER = re.compile(r"^((?:\s|<[^/>][^>]*>)*)\d{1,3}[.)]\s+")
MARKDOWN = MarkdownIt("commonmark").enable("table")


def safe_href(href):
    """The link target if following it cannot run code (no ``javascript:``, ``data:``)."""
    href = (href or "").strip()
    if not href:
        return None
    try:
        scheme = urlsplit(IGNORED_IN_SCHEME.sub("", href)).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    return href


def is_text(node):
    """Text, not a comment, doctype or processing instruction (all subclasses)."""
    return type(node) is NavigableString


def link_only(tag):
    links = "".join(link.get_text() for link in tag.find_all("a"))
    return bool(links.strip()) and "".join(links.split()) == "".join(tag.get_text().split())


class HtmlReader:
    def __init__(self, soup):
        self.soup = soup
        self.builder = DocumentBuilder()

    def read(self):
        root = self.soup.find("article") or self.soup.find("main") or self.soup
        self.builder.set_title(self.take_title(root))
        self.drop_chrome(CHROME)
        self.walk(root)
        return self.builder.finish()

    def drop_chrome(self, names):
        """Remove the page's chrome, but not the footer of a quote, which says who said it."""
        for tag in self.soup.find_all(names):
            attribution = tag.name == "footer" and tag.parent.name == "blockquote"
            if not tag.decomposed and not attribution:
                tag.decompose()

    def take_title(self, root):
        """The article's h1 (or first heading); removed so it is not repeated as a heading."""
        heading = root.find("h1") or self.soup.find("h1") or root.find(HEADINGS)
        if heading is not None:
            title = heading.get_text()
            heading.decompose()
            return title
        if self.soup.title is not None:
            return self.soup.title.get_text()
        # Like plain text: a short first line that does not end a sentence.
        first = root.find("p")
        if first is not None and is_heading(normalise_space(first.get_text())):
            title = first.get_text()
            first.decompose()
            return title
        return ""

    def walk(self, container):
        pending = []
        for child in list(container.children):
            if isinstance(child, Tag) and (child.name in BLOCKS or child.name in CONTAINERS):
                self.paragraph(pending)
                pending = []
                self.block(child)
            else:
                pending.append(child)
        self.paragraph(pending)

    def block(self, tag):
        name = tag.name
        if name in HEADINGS:
            self.builder.heading(tag.get_text())
        elif name == "p" and NUMBERED_ITEM.match(normalise_space(tag.get_text())):
            html = LEADING_NUMBER.sub(r"\1", self.inline(tag.contents).strip())
            self.builder.numbered_list([ListItem(html, titled_point(html))], link_only(tag))
        elif name == "p":
            self.paragraph(tag.contents, link_only(tag))
        elif name == "ul":
            html = self.list_html(tag)
            if html:
                self.builder.bullet_list(html, link_only(tag))
        elif name == "ol":
            items = [self.list_item(li) for li in tag.find_all("li", recursive=False)]
            if any(item.html for item in items):
                self.builder.numbered_list([item for item in items if item.html], link_only(tag))
        elif name == "blockquote":
            # Who said it: the block editor's <cite>, or a <footer> as HTML suggests.
            source = tag.find(["cite", "footer"], recursive=False)
            attribution = source.extract().get_text(" ") if source is not None else ""
            text = tag.get_text(" ")
            self.builder.quote(text, f"<p>{escape(normalise_space(text))}</p>", attribution)
        elif name == "pre":
            lines = [escape(line) for line in tag.get_text().strip("\n").splitlines()]
            self.builder.paragraph(f"<p>{'<br/>'.join(lines)}</p>", tag.get_text())
        elif name != "hr":
            self.walk(tag)

    def paragraph(self, nodes, only_links=False):
        html = self.inline(nodes).strip()
        if html:
            self.builder.paragraph(f"<p>{html}</p>", plain_text(html), only_links)

    def list_item(self, li):
        html = self.inline(li.contents).strip()
        nested = li.find(LISTS) is not None
        return ListItem(html, None if nested else titled_point(html))

    def list_html(self, tag):
        items = [
            NESTED_LIST_SPACE.sub(r"\1", self.inline(li.contents)).strip()
            for li in tag.find_all("li", recursive=False)
        ]
        if not any(items):
            return ""
        body = "".join(f"<li>{item}</li>" for item in items if item)
        return f"<{tag.name}>{body}</{tag.name}>"

    def inline(self, nodes):
        """Rich text of ``nodes``: formatting Wagtail keeps, every other tag unwrapped."""
        parts = []
        for node in nodes:
            if not isinstance(node, Tag):
                if is_text(node):
                    parts.append(escape(re.sub(r"\s+", " ", str(node))))
                continue
            if node.name in LISTS:
                parts.append(self.list_html(node))
                continue
            if node.name == "br":
                parts.append("<br/>")
                continue
            inner = self.inline(node.contents)
            if not inner.strip():
                parts.append(inner)
            elif node.name in BOLD:
                parts.append(f"<b>{inner}</b>")
            elif node.name in ITALIC:
                parts.append(f"<i>{inner}</i>")
            elif node.name == "a" and safe_href(node.get("href")):
                parts.append(f'<a href="{escape(safe_href(node.get("href")))}">{inner}</a>')
            elif node.name in BLOCKS:
                parts.append(f" {inner} ")
            else:
                parts.append(inner)
        return re.sub(r" {2,}", " ", "".join(parts))


def parse_html(text):
    return HtmlReader(BeautifulSoup(text, "html.parser")).read()


def parse_markdown(text):
    return parse_html(MARKDOWN.render(text))
