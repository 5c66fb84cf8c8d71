"""Article files become the same structured document whatever their format."""

from pathlib import Path

import pytest

from editorial.importing.markup import parse_html, safe_href
from editorial.importing.sources import MAX_BYTES, SourceError, parse_source, read_source
from editorial.importing.wpmarkup import parse_wordpress

from ..factories import SEED_BLOCK_KINDS

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED = (
    Path(__file__).parents[2] / "editorial/demo/articles/is-buying-linkedin-connections-ethical.txt"
)


def outline(document):
    return [
        (block.kind, block.html or block.text, [(p.title, p.html) for p in block.points])
        for block in document.blocks
    ]


def test_seed_article_parses_to_its_sections():
    document = read_source(SEED).document

    assert document.title == "Is Buying LinkedIn Connections Ethical?"
    assert document.markers == {"trending"}
    assert document.dropped == ["Trending Post", "Latest Post", "Related Post"]
    assert [block.kind for block in document.blocks] == SEED_BLOCK_KINDS


def test_markdown_keeps_headings_nested_lists_links_and_emphasis():
    document = read_source(FIXTURES / "working-the-room.md").document

    assert document.title == "Working the Room"
    assert document.markers == {"trending"}
    assert outline(document) == [
        (
            "paragraph",
            "<p>Networking events reward <b>preparation</b> and <i>curiosity</i>, as "
            '<a href="https://example.com/events">our events guide</a> explains.</p>',
            [],
        ),
        ("heading", "Before You Go", []),
        ("paragraph", "<p>Plan the evening:</p>", []),
        (
            "paragraph",
            "<ul><li>Pick <b>three</b> people to meet<ul><li>one you already know</li>"
            "<li>two you <i>don&#x27;t</i></li></ul></li><li>Prepare one good question</li></ul>",
            [],
        ),
        ("heading", "The Ethical Dilemma", []),
        (
            "key_points",
            "",
            [
                (
                    "Authenticity",
                    '<p>be <i>yourself</i>; people notice, as <a href="https://example.org/study">'
                    "research</a> shows.</p>",
                ),
                ("Trust", "<p>it takes years to build.</p>"),
            ],
        ),
        ("heading", "Alternatives to Cold Messages", []),
        (
            "alternatives",
            "<p>Try these alternatives instead:</p>",
            [
                ("Engage actively!", "<p>comment on what people share.</p>"),
                ("Host a Breakfast", "<p>invite five people you admire.</p>"),
            ],
        ),
        ("quote", "Be more interested than interesting.", []),
        ("paragraph", "<p>A raw link that must not survive: click me.</p>", []),
    ]
    # The empty heading, "Share this" and the "Latest Posts" list of links are chrome.
    assert "Latest Posts" in document.dropped
    assert "Share this" in document.dropped


def test_scraped_html_page_keeps_the_article_and_drops_the_chrome():
    document = read_source(FIXTURES / "scraped-article.html").document

    assert document.title == "Following Up Without Being a Pest"
    assert document.markers == {"trending"}
    assert [block.kind for block in document.blocks] == [
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "heading",
        "key_points",
        "heading",
        "alternatives",
        "quote",
    ]
    first, links = document.blocks[0].html, document.blocks[1].html
    assert first == (
        "<p>A polite follow-up is <b>expected</b>, not <i>rude</i>. Read the "
        '<a href="https://example.com/etiquette">etiquette guide</a> first.</p>'
    )
    assert links == "<p>Links that must not survive: script, encoded, data, split.</p>"
    assert document.blocks[4].html == (
        "<ul><li>After an interview<ul><li>within <b>two</b> days</li><li>by email</li></ul>"
        "</li><li>After a networking event</li></ul>"
    )
    points = document.blocks[6].points
    assert [(p.title, p.html) for p in points] == [
        ("Context", "<p>remind them where you met.</p>"),
        ("Value", '<p>share something <a href="https://example.com/useful">useful</a>.</p>'),
        ("Ask", "<p>one clear, small request.</p>"),
    ]
    assert [p.title for p in document.blocks[8].points] == ["Engage Actively", "Send a Useful Link"]
    text = " ".join(block.text + block.html for block in document.blocks)
    for chrome in ("Old Blog", "Careers", "trackVisitor", "Twitter", "Another post", "By Someone"):
        assert chrome not in text


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("https://example.com/a?b=1", True),
        ("mailto:desk@example.com", True),
        ("/relative/path/", True),
        ("#section", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:msgbox", False),
        ("", False),
    ],
)
def test_only_safe_links_survive(href, kept):
    assert (safe_href(href) is not None) == kept


def test_html_without_any_heading_uses_the_page_title():
    document = parse_html("<title>Just a Title</title><p>Body text.</p>")

    assert document.title == "Just a Title"
    assert [block.html for block in document.blocks] == ["<p>Body text.</p>"]


def test_markdown_without_a_heading_takes_a_short_first_line_as_title():
    document = parse_source("note.md", b"A Short Title\n\nThe first paragraph.\n").document

    assert document.title == "A Short Title"
    assert [block.html for block in document.blocks] == ["<p>The first paragraph.</p>"]


def test_empty_lists_and_items_leave_no_empty_markup():
    document = parse_html(
        "<h1>T</h1><ul><li> </li></ul><ol></ol><ul><li>a<ul><li></li></ul></li><li></li></ul>"
    )

    assert [block.html for block in document.blocks] == ["<ul><li>a</li></ul>"]


def test_absurdly_nested_markup_is_refused_not_a_crash():
    data = b"<h1>T</h1>" + b"<b>" * 5000 + b"deep" + b"</b>" * 5000

    with pytest.raises(SourceError, match="nested too deeply"):
        parse_source("deep.html", data)


def test_titled_items_keep_emphasis_that_spans_the_colon():
    document = parse_html(
        "<h1>T</h1><h2>Points</h2><ol><li><b>Bold: still bold</b> plain</li></ol>"
    )

    assert [(p.title, p.html) for p in document.blocks[1].points] == [
        ("Bold", "<p><b>still bold</b> plain</p>")
    ]


TEXT = "Café Culture\n\nA naïve café owner’s guide to the crème brûlée.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.replace("’", "'").encode("latin-1"),
        TEXT.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8 with BOM", "latin-1", "utf-16"],
)
def test_encodings_are_read_correctly(data):
    document = parse_source("cafe.txt", data).document

    assert document.title == "Café Culture"
    assert "crème brûlée" in document.blocks[0].text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n\t\n", "is empty"),
        ("picture.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("control.txt", b"Title\n\nText \x01\x02\x03 here", "binary"),
        ("huge.txt", b"x" * (MAX_BYTES + 1), "too large"),
        ("notes.docx", b"Title\n\nText", "unsupported file type"),
        ("title-only.md", b"# Only a title\n", "no article text"),
    ],
)
def test_files_that_are_not_articles_are_refused(name, data, message):
    with pytest.raises(SourceError, match=message):
        parse_source(name, data)


LOOSE_POINTS = [
    ("Trust", "<p>people see who you really know.</p>"),
    ("Reach", "<p>a smaller network <b>works</b>.</p>"),
    ("Time", "<p>it takes months, not days.</p>"),
]
LOOSE_LISTS = {
    "loose.txt": "Loose Lists\n\nWhy it matters:\n\n1. Trust: people see who you really know.\n\n"
    "2. Reach: a smaller network works.\n\n3. Time: it takes months, not days.\n\nThe end.",
    # Pasted lists change the number's punctuation halfway; CommonMark starts a new list there.
    "loose.md": "# Loose Lists\n\nWhy it matters:\n\n1. Trust: people see who you really know.\n\n"
    "2. Reach: a smaller network **works**.\n\n3) Time: it takes months, not days.\n\nThe end.",
    "loose.html": "<h1>Loose Lists</h1><p>Why it matters:</p>"
    "<ol><li>Trust: people see who you really know.</li></ol>\n\n"
    "<p>2. Reach: a smaller network <strong>works</strong>.</p>\n\n"
    "<ol start='3'><li>Time: it takes months, not days.</li></ol><p>The end.</p>",
}


@pytest.mark.parametrize("name", sorted(LOOSE_LISTS))
def test_loose_numbered_items_form_one_key_points_block_when_blank_lines_separate_them(name):
    document = parse_source(name, LOOSE_LISTS[name].encode()).document

    # Plain text has no bold: its asterisks would be words.
    points = [(title, html.replace("<b>works</b>", "works")) for title, html in LOOSE_POINTS]
    assert outline(document) == [
        ("paragraph", "<p>Why it matters:</p>", []),
        ("key_points", "", points if name == "loose.txt" else LOOSE_POINTS),
        ("paragraph", "<p>The end.</p>", []),
    ]


def test_loose_numbered_items_under_alternatives_form_one_alternatives_block():
    text = (
        "Growing a Network\n\nAlternatives to Buying Connections\n\nTry these instead:\n\n"
        "1. Groups: join a professional group.\n\n2. Events: go to one event a month.\n"
    )

    document = parse_source("alternatives.txt", text.encode()).document

    assert outline(document) == [
        ("heading", "Alternatives to Buying Connections", []),
        (
            "alternatives",
            "<p>Try these instead:</p>",
            [
                ("Groups", "<p>join a professional group.</p>"),
                ("Events", "<p>go to one event a month.</p>"),
            ],
        ),
    ]


def test_numbered_lists_stay_apart_when_text_comes_between_them():
    text = (
        "Two Lists\n\n1. One: first.\n\n2. Two: second.\n\n"
        "A paragraph between.\n\n1. Three: third.\n"
    )

    document = parse_source("two.txt", text.encode()).document

    assert [(block.kind, len(block.points)) for block in document.blocks] == [
        ("key_points", 2),
        ("paragraph", 0),
        ("key_points", 1),
    ]


@pytest.mark.parametrize(
    "markup",
    [
        # WordPress's block editor
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>Be more interested than'
        " interesting.</p><cite>Maya Okafor</cite></blockquote><!-- /wp:quote -->",
        # HTML's own way
        "<blockquote><p>Be more interested than interesting.</p>"
        "<footer>— Maya Okafor</footer></blockquote>",
    ],
)
def test_a_quote_keeps_who_said_it_as_its_attribution(markup):
    document = parse_wordpress("Networking", markup)[0]

    [quote] = document.blocks
    assert (quote.kind, quote.text, quote.attribution) == (
        "quote",
        "Be more interested than interesting.",
        "Maya Okafor",
    )


def test_a_cited_title_inside_a_quote_stays_in_the_quote():
    html = "<h1>Reading</h1><blockquote><p>As <cite>Moby-Dick</cite> has it.</p></blockquote>"
    [quote] = parse_html(html).blocks

    assert (quote.text, quote.attribution) == ("As Moby-Dick has it.", "")
