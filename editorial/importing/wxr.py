"""Read WordPress exports (WXR 1.0 to 1.2) as a stream of plain records.

An export of a large archive is hundreds of megabytes, so the file is parsed with
``iterparse`` and every ``<item>`` is cleared and dropped from the tree once read: memory
holds one post at a time, plus the site's authors, terms and attachments, which are small.
The parser is defusedxml's: a document type declaration, entity or external reference is
refused, so "billion laughs" and external-entity files cannot expand or reach anything.

The file is read twice: ``scan()`` checks the whole of it and collects what posts refer to
(authors, categories, tags, attachments, counts), so a broken file is refused before
anything is written; ``posts()`` then yields the posts one by one.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

VERSIONS = ("1.0", "1.1", "1.2")
WP_NAMESPACE = re.compile(r"^\{http://wordpress\.org/export/(?P<version>[^/]+)/\}")
EXCERPT_NAMESPACE = re.compile(r"^\{http://wordpress\.org/export/[^/]+/excerpt/\}")
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
# What WordPress writes for a date it does not have (drafts have no GMT date).
NO_DATE = "0000-00-00 00:00:00"


class WxrError(ValueError):
    """The file cannot be imported as a whole; the message says why, in one line."""


@dataclass
class WxrAuthor:
    login: str
    email: str = ""
    display_name: str = ""


@dataclass
class WxrCategory:
    slug: str
    name: str
    parent: str = ""


@dataclass
class WxrAttachment:
    wp_id: int
    url: str
    title: str = ""
    file: str = ""
    alt: str = ""


@dataclass
class WxrPost:
    wp_id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    slug: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None
    password: str = ""
    sticky: bool = False
    categories: list[WxrCategory] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: int = 0


@dataclass
class WxrSite:
    """Everything of an export but its posts, gathered by ``scan()``."""

    version: str = ""
    title: str = ""
    base_url: str = ""
    authors: dict[str, WxrAuthor] = field(default_factory=dict)
    categories: dict[str, WxrCategory] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    attachments: dict[int, WxrAttachment] = field(default_factory=dict)
    # Items by post type (post, page, attachment, nav_menu_item, ...), and posts by status.
    types: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    comments: int = 0


def local(tag):
    """The element name without its namespace, prefixed ``wp:`` or ``excerpt:`` for those."""
    if WP_NAMESPACE.match(tag):
        return "wp:" + tag.split("}", 1)[1]
    if EXCERPT_NAMESPACE.match(tag):
        return "excerpt:" + tag.split("}", 1)[1]
    if tag == CONTENT_ENCODED:
        return "content:encoded"
    if tag == DC_CREATOR:
        return "dc:creator"
    return tag


def text(element):
    return (element.text or "").strip() if element is not None else ""


def children(element):
    """The element's children by local name; a name that repeats keeps its first."""
    found = {}
    for child in element:
        found.setdefault(local(child.tag), child)
    return found


def parse_date(value, fallback=""):
    for candidate in (value, fallback):
        if candidate and candidate != NO_DATE:
            try:
                return datetime.strptime(candidate, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
            except ValueError:
                continue
    return None


def as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def read_post(item):
    fields = children(item)
    meta = {}
    for node in item:
        if local(node.tag) == "wp:postmeta":
            values = children(node)
            meta[text(values.get("wp:meta_key"))] = text(values.get("wp:meta_value"))
    categories, tags = [], []
    for node in item.findall("category"):
        name = (node.text or "").strip()
        if node.get("domain") == "category":
            categories.append(WxrCategory(slug=node.get("nicename", ""), name=name))
        elif node.get("domain") == "post_tag" and name:
            tags.append(name)
    return WxrPost(
        wp_id=as_int(text(fields.get("wp:post_id"))),
        post_type=text(fields.get("wp:post_type")) or "post",
        status=text(fields.get("wp:status")) or "publish",
        title=text(fields.get("title")),
        link=text(fields.get("link")),
        slug=text(fields.get("wp:post_name")),
        creator=text(fields.get("dc:creator")),
        content=(fields["content:encoded"].text or "") if "content:encoded" in fields else "",
        excerpt=text(fields.get("excerpt:encoded")),
        # The GMT date is right everywhere; drafts have only the local one.
        date=parse_date(text(fields.get("wp:post_date_gmt")), text(fields.get("wp:post_date"))),
        password=text(fields.get("wp:post_password")),
        sticky=text(fields.get("wp:is_sticky")) == "1",
        categories=categories,
        tags=tags,
        meta=meta,
        comments=sum(1 for node in item if local(node.tag) == "wp:comment"),
    )


class WxrExport:
    """A WordPress export on disk, read as a stream; ``scan()`` it before ``posts()``."""

    def __init__(self, source):
        """``source`` is a path, or a file open in binary mode that can seek (an upload)."""
        self.source = source
        self.site = None

    def elements(self):
        """(local name, element) for each top-level element of the channel, then dropped."""
        channel = None
        depth = 0
        if hasattr(self.source, "seek"):
            self.source.seek(0)
        try:
            for event, element in iterparse(self.source, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    depth += 1
                    if depth == 1 and element.tag != "rss":
                        raise WxrError(_("not a WordPress export: the file is not an RSS feed"))
                    if depth == 2 and element.tag == "channel":
                        channel = element
                    continue
                depth -= 1
                if depth == 2 and channel is not None:
                    yield local(element.tag), element
                    # Forget what was read, or a large export would build up in memory.
                    channel.clear()
        except DefusedXmlException as error:
            raise WxrError(
                _("refused: the file declares entities or a document type (%(reason)s)")
                % {"reason": type(error).__name__}
            ) from error
        except ParseError as error:
            line, column = error.position
            reason = str(error).split(":", 1)[0]
            raise WxrError(
                _("not well-formed XML at line %(line)d, column %(column)d: %(reason)s")
                % {"line": line, "column": column + 1, "reason": reason}
            ) from error
        except OSError as error:
            raise WxrError(
                _("cannot be read (%(reason)s)") % {"reason": error.strerror or error}
            ) from error
        if channel is None:
            raise WxrError(_("not a WordPress export: no channel in the feed"))

    def scan(self):
        """Check the whole file and collect the site; raises ``WxrError`` for a bad file."""
        site = WxrSite()
        for name, element in self.elements():
            if name == "wp:wxr_version":
                site.version = text(element)
                if site.version not in VERSIONS:
                    raise WxrError(
                        _("unknown WXR version %(version)r; this importer reads %(known)s")
                        % {"version": site.version[:20], "known": ", ".join(VERSIONS)}
                    )
            elif name == "title":
                site.title = text(element)
            elif name in ("wp:base_site_url", "link") and not site.base_url:
                site.base_url = text(element).rstrip("/")
            elif name == "wp:author":
                fields = children(element)
                login = text(fields.get("wp:author_login"))
                site.authors[login] = WxrAuthor(
                    login=login,
                    email=text(fields.get("wp:author_email")),
                    display_name=text(fields.get("wp:author_display_name")),
                )
            elif name == "wp:category":
                fields = children(element)
                slug = text(fields.get("wp:category_nicename"))
                site.categories[slug] = WxrCategory(
                    slug=slug,
                    name=text(fields.get("wp:cat_name")) or slug,
                    parent=text(fields.get("wp:category_parent")),
                )
            elif name == "wp:tag":
                fields = children(element)
                site.tags[text(fields.get("wp:tag_slug"))] = text(fields.get("wp:tag_name"))
            elif name == "item":
                if not site.version:
                    raise WxrError(_("not a WordPress export: no wp:wxr_version before the posts"))
                self.count(site, element)
        if not site.version:
            raise WxrError(_("not a WordPress export: no wp:wxr_version in the channel"))
        self.site = site
        return site

    def count(self, site, element):
        post = read_post(element)
        site.types[post.post_type] = site.types.get(post.post_type, 0) + 1
        site.comments += post.comments
        if post.post_type == "post":
            site.statuses[post.status] = site.statuses.get(post.status, 0) + 1
        elif post.post_type == "attachment":
            fields = children(element)
            site.attachments[post.wp_id] = WxrAttachment(
                wp_id=post.wp_id,
                url=text(fields.get("wp:attachment_url")),
                title=post.title,
                file=post.meta.get("_wp_attached_file", ""),
                alt=post.meta.get("_wp_attachment_image_alt", ""),
            )

    def posts(self):
        """The export's items of type post, in file order, read one at a time."""
        for name, element in self.elements():
            if name == "item":
                post = read_post(element)
                if post.post_type == "post":
                    yield post
