"""The demo command: the seed article as structured blocks, idempotent, safe users."""

import itertools
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import PageLogEntry

import pytest
from PIL import Image

from editorial.importing.build import IMPORT_ACTION
from editorial.models import (
    Alternative,
    ArticleCorrection,
    ArticlePage,
    Assignment,
    Author,
    SectionPage,
)

from ..factories import SEED_BLOCK_KINDS

SEED_SLUG = "is-buying-linkedin-connections-ethical"
SEED_ALTERNATIVES = [
    "Engage Actively",
    "Join Groups and Communities",
    "Attend Events and Webinars",
    "Personalize Connection Requests",
    "Showcase Your Expertise",
]
SEED_KEY_POINTS = [
    "Authenticity",
    "Trust",
    "Violating LinkedIn’s User Agreement",
    "Missed Opportunities for Authentic Networking",
]


@pytest.fixture
def seed(demo):
    return ArticlePage.objects.get(slug=SEED_SLUG)


def test_seed_article_is_structured_blocks(seed):
    blocks = [(block.block_type, block.value) for block in seed.body]

    assert [kind for kind, _ in blocks] == SEED_BLOCK_KINDS
    headings = [value["text"] for kind, value in blocks if kind == "heading"]
    assert headings == [
        "The Temptation to Buy Connections on LinkedIn",
        "The Ethical Dilemma",
        "Alternatives to Buying LinkedIn Connections",
        "In Conclusion",
    ]
    key_points = blocks[5][1]["points"]
    assert [point["title"] for point in key_points] == SEED_KEY_POINTS
    assert key_points[1]["text"].source.startswith("<p>Building trust is essential")
    alternatives = blocks[7][1]
    assert [alt.title for alt in alternatives["alternatives"]] == SEED_ALTERNATIVES
    assert "explore alternatives" in alternatives["intro"].source
    # It came in through the importer that users use, which records itself in the history.
    assert PageLogEntry.objects.filter(page=seed, action=IMPORT_ACTION).exists()


def test_seed_article_renders_every_section_in_order(client, seed):
    response = client.get(seed.url)

    assert response.status_code == 200
    html = response.content.decode()
    expected_in_order = [
        "Is Buying LinkedIn Connections Ethical?",
        "In the age of digital networking",
        "The Temptation to Buy Connections on LinkedIn",
        "The Ethical Dilemma",
        *SEED_KEY_POINTS,
        "Alternatives to Buying LinkedIn Connections",
        *SEED_ALTERNATIVES,
        "In Conclusion",
        "credibility and trust are invaluable",
    ]
    positions = [html.find(text.replace("’", "’")) for text in expected_in_order]
    assert -1 not in positions, dict(zip(expected_in_order, positions, strict=True))
    assert positions == sorted(positions)
    assert html.count('class="key-points__item"') == 4
    assert html.count('class="alternatives__item"') == 5
    # Scraped-page leftovers are not article text.
    assert "Trending Post" not in html
    assert "Latest Post" not in html


def test_demo_content_is_plentiful_and_varied(demo):
    assert SectionPage.objects.live().count() >= 4
    assert Author.objects.count() >= 3
    articles = ArticlePage.objects.live()
    assert articles.count() >= 21
    assert articles.filter(article_authors__isnull=False).distinct().count() == articles.count()
    assert Alternative.objects.filter(live=True).count() == 5
    assert sum(1 for a in articles if a.article_authors.count() > 1) >= 3
    assert any(a.is_overdue for a in Assignment.objects.all())
    assert ArticleCorrection.objects.public().count() == 2


def counts():
    return (
        SectionPage.objects.count(),
        ArticlePage.objects.count(),
        Author.objects.count(),
        Alternative.objects.count(),
        Assignment.objects.count(),
        ArticleCorrection.objects.count(),
        get_user_model().objects.count(),
    )


def test_running_demo_twice_creates_no_duplicates(demo):
    before = counts()

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert counts() == before


def test_demo_users_only_with_debug_or_flag(demo, settings, capsys):
    User = get_user_model()
    assert not User.objects.filter(username__in=["admin", "editor", "author"]).exists()

    call_command("load_demo", "--users")

    output = capsys.readouterr().out
    assert set(User.objects.values_list("username", flat=True)) >= {"admin", "editor", "author"}
    assert re.search(r"^    editor  \S+  editor: ", output, re.MULTILINE)
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="author").is_superuser
    assert list(User.objects.get(username="editor").groups.values_list("name", flat=True)) == [
        "Editors"
    ]
    assert list(User.objects.get(username="author").groups.values_list("name", flat=True)) == [
        "Authors"
    ]


def ink(image):
    """Where ``image`` draws: the cells of a coarse grid that differ from its background."""
    with image.open_file() as file:
        picture = Image.open(file).convert("RGB").resize((64, 36))
    background = max(picture.getcolors(64 * 36))[1]
    return [colour != background for colour in picture.get_flattened_data()]


def share_drawn(first, second):
    """The share of the grid where one picture draws and the other does not."""
    return sum(a != b for a, b in zip(first, second, strict=True)) / len(first)


def test_demo_illustrations_differ_in_shape_by_section_and_in_composition_by_article(demo):
    drawn = [
        (article.get_parent().slug, ink(article.hero_image))
        for article in ArticlePage.objects.select_related("hero_image")
    ]

    for (section, first), (other, second) in itertools.combinations(drawn, 2):
        # Another section's motif, not the same one in another colour: a different shape.
        assert share_drawn(first, second) >= (0.15 if section != other else 0.03)


def test_each_demo_author_has_a_portrait_of_their_own(demo):
    portraits = [ink(author.photo) for author in Author.objects.select_related("photo")]

    assert len(portraits) == 5
    for first, second in itertools.combinations(portraits, 2):
        # Different initials alone differ by under 3% of the grid.
        assert share_drawn(first, second) >= 0.05
