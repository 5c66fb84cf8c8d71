"""Write WordPress exports (WXR) shaped like the ones WordPress writes, for the tests and
the benchmark: channel, authors, terms, then one ``<item>`` per post or attachment."""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

NAMESPACES = {
    "excerpt": "http://wordpress.org/export/{version}/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/{version}/",
}
SITE = "https://news.example.org"


def cdata(value):
    return "<![CDATA[" + str(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class Item:
    wp_id: int
    title: str
    slug: str = ""
    content: str = ""
    excerpt: str = ""
    creator: str = "maya"
    post_type: str = "post"
    status: str = "publish"
    date: str = "2021-03-04 09:30:00"
    password: str = ""
    sticky: bool = False
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    attachment_url: str = ""
    comments: int = 0

    def xml(self, version):
        slug = self.slug or f"post-{self.wp_id}"
        terms = "".join(
            f'<category domain="category" nicename={quoteattr(s)}>{cdata(n)}</category>'
            for s, n in self.categories
        ) + "".join(
            f'<category domain="post_tag" nicename={quoteattr(n.lower())}>{cdata(n)}</category>'
            for n in self.tags
        )
        meta = "".join(
            f"<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
            f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>"
            for k, v in self.meta.items()
        )
        comments = "".join(
            f"<wp:comment><wp:comment_id>{n}</wp:comment_id>"
            f"<wp:comment_content>{cdata('Nice piece')}</wp:comment_content></wp:comment>"
            for n in range(self.comments)
        )
        # WordPress has no GMT date for a post that was never published.
        gmt = self.date if self.status == "publish" else "0000-00-00 00:00:00"
        link = f"{SITE}/{self.date[:4]}/{self.date[5:7]}/{slug}/"
        return (
            f"<item><title>{escape(self.title)}</title><link>{escape(link)}</link>"
            f"<pubDate>Thu, 04 Mar 2021 09:30:00 +0000</pubDate>"
            f"<dc:creator>{cdata(self.creator)}</dc:creator>"
            f'<guid isPermaLink="false">{SITE}/?p={self.wp_id}</guid><description></description>'
            f"<content:encoded>{cdata(self.content)}</content:encoded>"
            f"<excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>"
            f"<wp:post_id>{self.wp_id}</wp:post_id>"
            f"<wp:post_date>{cdata(self.date)}</wp:post_date>"
            f"<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>"
            f"<wp:comment_status>open</wp:comment_status><wp:ping_status>open</wp:ping_status>"
            f"<wp:post_name>{cdata(slug)}</wp:post_name><wp:status>{cdata(self.status)}</wp:status>"
            f"<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>"
            f"<wp:post_type>{cdata(self.post_type)}</wp:post_type>"
            f"<wp:post_password>{cdata(self.password)}</wp:post_password>"
            f"<wp:is_sticky>{int(self.sticky)}</wp:is_sticky>"
            + (
                f"<wp:attachment_url>{cdata(self.attachment_url)}</wp:attachment_url>"
                if self.attachment_url
                else ""
            )
            + terms
            + meta
            + comments
            + "</item>\n"
        )


def header(version, authors=(), categories=(), tags=()):
    """The channel's opening: (login, email, name) authors, (slug, name, parent) categories."""
    namespaces = " ".join(
        f'xmlns:{prefix}="{uri.format(version=version)}"' for prefix, uri in NAMESPACES.items()
    )
    parts = [
        '<?xml version="1.0" encoding="UTF-8" ?>\n',
        f'<rss version="2.0" {namespaces}>\n<channel>\n',
        f"<title>The Old Newsroom</title><link>{SITE}</link>",
        "<description>News</description><language>en-GB</language>",
        f"<wp:wxr_version>{version}</wp:wxr_version>",
        f"<wp:base_site_url>{SITE}</wp:base_site_url><wp:base_blog_url>{SITE}</wp:base_blog_url>\n",
    ]
    if version != "1.0":
        # WXR 1.0 has no author list: posts name their author's login only.
        for index, (login, email, name) in enumerate(authors, start=1):
            parts.append(
                f"<wp:author><wp:author_id>{index}</wp:author_id>"
                f"<wp:author_login>{cdata(login)}</wp:author_login>"
                f"<wp:author_email>{cdata(email)}</wp:author_email>"
                f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
                f"<wp:author_first_name>{cdata('')}</wp:author_first_name>"
                f"<wp:author_last_name>{cdata('')}</wp:author_last_name></wp:author>\n"
            )
    for index, (slug, name, parent) in enumerate(categories, start=1):
        parts.append(
            f"<wp:category><wp:term_id>{index}</wp:term_id>"
            f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
            f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
        )
    for index, name in enumerate(tags, start=100):
        parts.append(
            f"<wp:tag><wp:term_id>{index}</wp:term_id><wp:tag_slug>{cdata(name.lower())}"
            f"</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
        )
    return "".join(parts)


FOOTER = "</channel>\n</rss>\n"


def write_export(path, version, items, **terms):
    with open(path, "w", encoding="utf-8") as out:
        out.write(header(version, **terms))
        for item in items:
            out.write(item.xml(version))
        out.write(FOOTER)
    return path


# A newsroom's export: every kind of post and markup the importer meets.
BLOCK_BODY = """<!-- wp:paragraph -->
<p>Hiring has moved <strong>online</strong> for good.</p>
<!-- /wp:paragraph -->
<!-- wp:image {"id":12} -->
<figure class="wp-block-image"><img src="https://news.example.org/wp-content/uploads/2021/03/\
desk-1024x683.jpg" alt="A tidy desk" class="wp-image-12"/><figcaption>The desk</figcaption>\
</figure>
<!-- /wp:image -->
<!-- wp:heading -->
<h2>What matters</h2>
<!-- /wp:heading -->
<!-- wp:list {"ordered":true} -->
<ol><li>Trust: people see who you know.</li></ol>
<!-- /wp:list -->
<!-- wp:list {"ordered":true,"start":2} -->
<ol start="2"><li>Reach: a smaller network works.</li></ol>
<!-- /wp:list -->
<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc
</div></figure>
<!-- /wp:embed -->"""
CLASSIC_BODY = """A classic post, written before the block editor.

[caption id="attachment_12" width="300"]<img class="wp-image-12" \
src="https://news.example.org/wp-content/uploads/2021/03/desk-300x200.jpg" alt="Desk" /> \
A smaller desk[/caption]

<h3>Details</h3>

More text with a [gallery ids="1,2"] shortcode."""


def items():
    return [
        Item(
            1,
            "Remote hiring is here to stay",
            slug="remote-hiring",
            content=BLOCK_BODY,
            excerpt="Why interviews moved online.",
            categories=[("remote-work", "Remote work")],
            tags=["Éducation", "日本語", "🔥"],
            meta={"_thumbnail_id": "12"},
            sticky=True,
            comments=2,
        ),
        Item(
            2,
            "A classic post",
            content=CLASSIC_BODY,
            creator="tom",
            categories=[("careers", "Careers")],
        ),
        Item(3, "Unfinished draft", content="Draft text.", status="draft"),
        Item(4, "Members only", content="Private text.", status="private"),
        Item(
            5,
            "Secret",
            content="Hidden text.",
            password="hunter2",
            categories=[("uncategorized", "Uncategorized")],
        ),
        Item(6, "Binned", content="Gone.", status="trash"),
        Item(7, "About us", content="Who we are.", post_type="page"),
        Item(8, "Home", post_type="nav_menu_item"),
        Item(
            12,
            "desk",
            post_type="attachment",
            status="inherit",
            attachment_url="https://news.example.org/wp-content/uploads/2021/03/desk.jpg",
            meta={
                "_wp_attached_file": "2021/03/desk.jpg",
                "_wp_attachment_image_alt": "A tidy desk",
            },
        ),
        Item(
            13,
            "lost",
            post_type="attachment",
            status="inherit",
            attachment_url="https://news.example.org/wp-content/uploads/2021/03/lost.jpg",
            meta={"_wp_attached_file": "2021/03/lost.jpg"},
        ),
    ]


TERMS = {
    "authors": [
        ("maya", "maya@example.org", "Maya Okafor"),
        ("tom", "tom@example.org", "Tom Berg"),
    ],
    "categories": [
        ("careers", "Careers", ""),
        ("remote-work", "Remote work", "careers"),
        ("uncategorized", "Uncategorized", ""),
    ],
    "tags": ["Éducation", "日本語", "🔥"],
}


# Hostile files: entity expansion and an external entity.
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss version="2.0"><channel><title>&d;</title></channel></rss>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&secret;</title></channel></rss>"""
